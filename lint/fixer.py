"""Apply fixes: non-overlapping edits, re-applied until nothing changes; atomic writes."""

from __future__ import annotations

import codecs
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import atomic
from .diagnostics import Applicability, Diagnostic, Edit
from .document import Document

MAX_PASSES = 10


def fixable(d: Diagnostic, unsafe: bool) -> bool:
    return d.fix is not None and (unsafe or d.fix.applicability is Applicability.SAFE)


def apply_fixes(source: str, diagnostics: Sequence[Diagnostic], unsafe: bool) -> tuple[str, int]:
    """Apply every fix that does not collide with one taken before it; return the new text
    and how many fixes were applied. Offsets are source offsets."""
    taken: list[Edit] = []
    applied = 0
    for d in sorted(diagnostics, key=lambda d: (d.fix.span.start if d.fix else 0, d.rule)):
        if not fixable(d, unsafe):
            continue
        if any(_collide(e, t) for e in d.fix.edits for t in taken):
            continue
        taken.extend(d.fix.edits)
        applied += 1
    out = source
    for edit in sorted(taken, key=lambda e: e.span.start, reverse=True):
        out = out[: edit.span.start] + edit.replacement + out[edit.span.end :]
    return out, applied


def _collide(a: Edit, b: Edit) -> bool:
    return a.span.overlaps(b.span) or a.span.start == b.span.start


@dataclass
class FixOutcome:
    source: str
    fixed: int  # fixes applied over all passes
    diagnostics: list[Diagnostic]  # what remains in the fixed text
    document: Document
    converged: bool


def fix_until_stable(
    doc: Document,
    lint: Callable[[Document], list[Diagnostic]],
    reread: Callable[[str], Document],
    unsafe: bool,
) -> FixOutcome:
    fixed = 0
    diagnostics = lint(doc)
    for _ in range(MAX_PASSES):
        new_source, applied = apply_fixes(doc.source, diagnostics, unsafe)
        if not applied or new_source == doc.source:
            return FixOutcome(doc.source, fixed, diagnostics, doc, True)
        fixed += applied
        doc = reread(new_source)
        diagnostics = lint(doc)
    return FixOutcome(doc.source, fixed, diagnostics, doc, False)


class ConcurrentModification(Exception):
    pass


def encode(doc: Document, encoding: str) -> bytes:
    if encoding == "utf-16":
        return doc.source.encode("utf-16")
    data = doc.source.encode("utf-8")
    return codecs.BOM_UTF8 + data if doc.has_bom else data


def write_atomic(path: Path, data: bytes, expected: bytes | None = None) -> None:
    """Replace ``path`` with ``data`` atomically (``lint.atomic``), through a symbolic link
    to the file it points to.

    With ``expected``, refuse to replace a file whose content changed since it was read
    (another editor or another newslint run got there first). Writers in one folder take
    turns (a lock on the folder), so two runs fixing the same file cannot both pass that
    check before either renames: the second finds the first one's text and stops.
    """

    def unchanged(target: Path) -> None:
        if expected is not None and target.read_bytes() != expected:
            raise ConcurrentModification(f"{path} changed while it was being fixed; not written")

    atomic.write_atomic(path, data, check=unchanged)
