"""Where the data shipped with newslint lives: the rule packs, the knowledge base and the
schemas. newslint is installed as files (a wheel unpacked, or the repository), so these are
paths beside the package: no importlib.resources, whose import costs a cold start ~15 ms."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def builtin_pack_dir() -> Path:
    """Packs inside the installed wheel, or the repository's rules/ when run from source."""
    shipped = PACKAGE / "_rules"
    if shipped.is_dir():
        return shipped
    return PACKAGE.parent / "rules"


def schema_file(name: str) -> Path:
    """A JSON Schema shipped in lint/schemas."""
    return PACKAGE / "schemas" / name
