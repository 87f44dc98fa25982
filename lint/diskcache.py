"""Pickled results of slow parsing (the knowledge base, rule packs) in the user's cache
folder, each under a name that hashes what it was built from: a missing, stale or corrupt
entry is built again, never trusted."""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path


def cache_dir() -> Path:
    """$NEWSLINT_CACHE_DIR, else newslint/ in $XDG_CACHE_HOME or ~/.cache. Safe to delete."""
    if os.environ.get("NEWSLINT_CACHE_DIR"):
        return Path(os.environ["NEWSLINT_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newslint"


def load(name: str, valid) -> object | None:
    """The value stored under ``name`` if ``valid(value)`` accepts it, else None."""
    try:
        with open(cache_dir() / f"{name}.pickle", "rb") as fh:
            value = pickle.load(fh)
    except Exception:  # missing, from another version, truncated: build it again
        return None
    return value if valid(value) else None


def store(name: str, value: object) -> None:
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{name}.pickle")
    except OSError:
        pass  # no cache: slower, not wrong
