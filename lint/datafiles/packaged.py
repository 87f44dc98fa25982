"""Where the data shipped with newslint lives: the rule packs and the knowledge base."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def builtin_pack_dir() -> Path:
    """Packs inside the installed wheel, or the repository's rules/ when run from source."""
    shipped = resources.files("lint") / "_rules"
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[2] / "rules"
