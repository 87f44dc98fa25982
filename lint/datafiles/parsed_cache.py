"""Results of slow parsing (the knowledge base, rule packs) in the user's cache folder, as
JSON (data, never code: an entry someone else wrote can at worst be wrong data, which its
reader checks), each under a name that hashes what it was built from: a missing, stale or
corrupt entry is built again, never trusted."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from lint.atomic import read_no_follow, real_folder, write_atomic

T = TypeVar("T")
# The knowledge base's entry is under a megabyte; anything far larger was not written here.
MAX_ENTRY = 256 << 20


def cache_dir() -> Path:
    """$NEWSLINT_CACHE_DIR, else newslint/ in $XDG_CACHE_HOME or ~/.cache. Safe to delete."""
    if os.environ.get("NEWSLINT_CACHE_DIR"):
        return Path(os.environ["NEWSLINT_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newslint"


def load(name: str, decode: Callable[[Any], T]) -> T | None:
    """``decode`` of the JSON stored under ``name``, or None when it is missing or
    ``decode`` rejects it (raises)."""
    try:
        return decode(json.loads(read_no_follow(cache_dir() / f"{name}.json", limit=MAX_ENTRY)))
    except Exception:  # missing, from another version, truncated, not ours: build it again
        return None


def store(name: str, data: Any) -> None:
    """Keep ``data`` (JSON values) under ``name``, if JSON carries it exactly (no tuples,
    no keys other than strings); else nothing is cached (slower, not wrong)."""
    try:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        if json.loads(text) != data:
            return
        folder = cache_dir()
        real_folder(folder)
        write_atomic(folder / f"{name}.json", text.encode("utf-8"), follow_links=False, durable=False)
    except (OSError, TypeError, ValueError):
        pass  # no cache: slower, not wrong
