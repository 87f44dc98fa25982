"""Compiled regular expressions kept from one run to the next.

`regex` parses and optimises a pattern in Python: the shipped packs' patterns (long
alternations of phrases, the knowledge base's titles and places as named lists) take a sixth
of a second to compile, nearly a third of a one-article run (bench/peers.py, cold start). A
compiled pattern carries its compiled program (what `regex` pickles it as), from which
`regex` rebuilds it in microseconds. The programs are kept in one entry of the user's cache
folder per `regex` version and Python, signed with the user's own key
(lint.datafiles.secret): an entry that is missing, stale, another's or damaged means the
patterns are compiled again, never that a wrong one is used. New programs are added when
the process exits. Safe to delete."""

from __future__ import annotations

import atexit
import copyreg
import hashlib
import hmac
import marshal
import sys
import threading
from functools import cache

import regex

from lint.atomic import read_no_follow, real_folder, write_atomic
from lint.datafiles import parsed_cache
from lint.datafiles.secret import checksum

MAX_ENTRY = 64 << 20  # bytes: a default run's programs are about 170 KB
MAX_PATTERNS = 1024  # kept at most (a default run uses about 190); those this process used first

_lock = threading.Lock()
_stored: dict[bytes, tuple] | None = None  # key -> program, as read from the cache folder
_new: dict[bytes, tuple] = {}  # compiled by this process, not stored yet
_used: set[bytes] = set()
_made: dict[bytes, regex.Pattern] = {}  # this process's patterns, by key


def compile(pattern: str, flags: int = 0, **named_lists) -> regex.Pattern:
    """``regex.compile(pattern, flags, **named_lists)``, from the stored program when there
    is one. Raises ``regex.error`` as ``regex.compile`` does."""
    key = _key(pattern, flags, named_lists)
    if key is None or _rebuilder() is None:
        return regex.compile(pattern, flags, **named_lists)
    with _lock:
        made = _made.get(key)
        if made is not None:
            return made  # every pattern this process compiled or rebuilt is here
        program = _load().get(key)
        _used.add(key)
    if program is not None:
        try:
            made = _rebuilder()(*program)
        except Exception:  # a program this regex cannot read: compile it again
            made = None
        if isinstance(made, regex.Pattern) and made.pattern == pattern:
            with _lock:
                _made[key] = made
            return made
    made = regex.compile(pattern, flags, **named_lists)
    program = copyreg.dispatch_table[regex.Pattern](made)[1]
    with _lock:
        if not _new:
            atexit.register(save)
        _new[key] = program
        _made[key] = made
    return made


def _key(pattern, flags: int, named_lists: dict) -> bytes | None:
    """What decides the program: the pattern, its flags, its named lists' values and the
    default version of `regex`'s syntax (a program may set it)."""
    if not isinstance(pattern, str):
        return None
    try:
        lists = tuple(sorted((name, tuple(sorted(values))) for name, values in named_lists.items()))
        key = (pattern, int(flags), lists, int(regex.DEFAULT_VERSION))
        return hashlib.sha256(marshal.dumps(key)).digest()
    except (TypeError, ValueError):  # a named list of something other than strings
        return None


@cache
def _rebuilder():
    """The callable `regex`'s pickle support rebuilds a pattern with, or None when this
    version of `regex` pickles patterns otherwise (then every pattern is compiled)."""
    reduce = copyreg.dispatch_table.get(regex.Pattern)
    try:
        rebuild, program = reduce(regex.compile(""))
        return rebuild if rebuild(*program).pattern == "" else None
    except Exception:
        return None


def _entry():
    return parsed_cache.cache_dir() / f"regex-{regex.__version__}-{sys.implementation.cache_tag}.bin"


def _load() -> dict[bytes, tuple]:
    """The stored programs (read once); empty when the entry is missing or not trusted."""
    global _stored
    if _stored is None:
        _stored = _read()
    return _stored


def _read() -> dict[bytes, tuple]:
    try:
        signed, _, body = read_no_follow(_entry(), limit=MAX_ENTRY).partition(b"\n")
        if not hmac.compare_digest(checksum(body), signed):
            return {}
        data = marshal.loads(body)
        if isinstance(data, dict) and all(
            isinstance(k, bytes) and isinstance(v, tuple) for k, v in data.items()
        ):
            return data
    except (OSError, ValueError, EOFError, TypeError):
        pass
    return {}


def save() -> None:
    """Store the programs compiled by this process with those stored already (another
    process may have added some since this one read them)."""
    with _lock:
        if not _new:
            return
        merged = _read()
        merged.update(_new)
        if len(merged) > MAX_PATTERNS:
            keep = [k for k in merged if k in _used] + [k for k in merged if k not in _used]
            merged = {k: merged[k] for k in keep[:MAX_PATTERNS]}
        _new.clear()
    try:
        body = marshal.dumps(merged)
        real_folder(_entry().parent)
        write_atomic(_entry(), checksum(body) + b"\n" + body, follow_links=False, durable=False)
    except (OSError, ValueError):
        pass  # not stored: the next run compiles again, slower, not wrong
