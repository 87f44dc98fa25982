"""Apply fixes: non-overlapping edits, re-applied until nothing changes; atomic writes."""

from __future__ import annotations

import codecs
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows has no flock: the compare still runs, unguarded
    fcntl = None

from lint import atomic
from lint.diagnostics import Applicability, Diagnostic, Edit, Severity, Span
from lint.text.document import Document

MAX_PASSES = 10


def fixable(d: Diagnostic, unsafe: bool) -> bool:
    return d.fix is not None and (unsafe or d.fix.applicability is Applicability.SAFE)


def apply_fixes(source: str, diagnostics: Sequence[Diagnostic], unsafe: bool) -> tuple[str, int]:
    """Apply every fix that does not collide with one taken before it; return the new text
    and how many fixes were applied. Offsets are source offsets."""
    chosen = choose(diagnostics, unsafe)
    return _apply(source, chosen), len(chosen)


def choose(diagnostics: Sequence[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    """The fixes one pass applies: each that does not collide with one taken before it."""
    taken: list[Edit] = []
    chosen = []
    for d in sorted(diagnostics, key=lambda d: (d.fix.span.start if d.fix else 0, d.rule)):
        if not fixable(d, unsafe):
            continue
        if any(_collide(e, t) for e in d.fix.edits for t in taken):
            continue
        taken.extend(d.fix.edits)
        chosen.append(d)
    return chosen


def _apply(source: str, chosen: Sequence[Diagnostic]) -> str:
    parts, at = [], 0
    for edit in sorted((e for d in chosen for e in d.fix.edits), key=lambda e: e.span.start):
        parts.append(source[at : edit.span.start])
        parts.append(edit.replacement)
        at = edit.span.end
    parts.append(source[at:])
    return "".join(parts)


def _collide(a: Edit, b: Edit) -> bool:
    return a.span.overlaps(b.span) or a.span.start == b.span.start


@dataclass
class FixOutcome:
    source: str
    fixed: int  # fixes applied over all passes
    diagnostics: list[Diagnostic]  # what remains in the fixed text
    document: Document
    converged: bool
    refused: int = 0  # fixes not applied because they made a new finding or hid one


_NEAR = 40  # characters around a finding a fix is suspected of when the finding appears


def fix_until_stable(
    doc: Document,
    lint: Callable[[Document], list[Diagnostic]],
    reread: Callable[[str], Document],
    unsafe: bool,
) -> FixOutcome:
    """Fix pass after pass until nothing changes. Every pass is linted again: a fix whose
    result has a finding the text did not have (or hides one that was not fixed) is
    refused and the finding keeps its place in the report, without the fix."""
    fixed = 0
    refused: set[tuple] = set()
    diagnostics = lint(doc)
    passes = 0
    while passes < MAX_PASSES:
        candidates = [d for d in diagnostics if fixable(d, unsafe) and _fix_key(doc.source, d) not in refused]
        chosen = choose(candidates, unsafe)
        if not chosen:
            break
        trial = _Trial(doc, diagnostics, lint, reread)
        result = trial.run(chosen)
        if result.bad:
            chosen = trial.admit(chosen, result.bad, refused)
            if not chosen:
                continue  # all refused: fixes that collided with them may go in instead
            result = trial.run(chosen)
        passes += 1
        if result.doc.source == doc.source:
            break
        fixed += len(chosen)
        doc, diagnostics = result.doc, result.diagnostics
    else:
        converged = not [
            d for d in diagnostics if fixable(d, unsafe) and _fix_key(doc.source, d) not in refused
        ]
        return FixOutcome(
            doc.source, fixed, _strip(doc.source, diagnostics, refused), doc, converged, len(refused)
        )
    return FixOutcome(doc.source, fixed, _strip(doc.source, diagnostics, refused), doc, True, len(refused))


def _fix_key(source: str, d: Diagnostic) -> tuple:
    """A fix, recognised again in a later lint of the same text."""
    return (
        d.rule,
        tuple((e.span.start, e.span.end, e.replacement) for e in d.fix.edits),
        source[d.span.start : d.span.end],
    )


def _strip(source: str, diagnostics: list[Diagnostic], refused: set[tuple]) -> list[Diagnostic]:
    """The findings, those whose fix was refused without it (the report offers no fix it
    would not make)."""
    if not refused:
        return diagnostics
    out = []
    for d in diagnostics:
        if d.fix is not None and _fix_key(source, d) in refused:
            d = replace(
                d, fix=None, message=d.message + " (its fix was not applied: it would make a new problem)"
            )
        out.append(d)
    return out


@dataclass
class _Result:
    doc: Document
    diagnostics: list[Diagnostic]
    bad: list[Span]  # where, in the text before the pass, the result went wrong


class _Trial:
    """Apply a set of fixes to the text of one pass, lint the result, and say where it
    shows a finding the text before did not have, or lost one no fix was applied to."""

    def __init__(self, doc, diagnostics, lint, reread):
        self.doc, self.diagnostics, self.lint, self.reread = doc, diagnostics, lint, reread
        self.cache: dict[tuple, _Result] = {}

    def run(self, chosen: Sequence[Diagnostic]) -> _Result:
        key = tuple(id(d) for d in chosen)
        if key not in self.cache:
            source = self.doc.source
            new_doc = self.reread(_apply(source, chosen))
            new = self.lint(new_doc)
            self.cache[key] = _Result(
                new_doc, new, _anomalies(source, new_doc.source, self.diagnostics, chosen, new)
            )
        return self.cache[key]

    def admit(self, chosen: list[Diagnostic], bad: list[Span], refused: set[tuple]) -> list[Diagnostic]:
        """The chosen fixes less those that make the result go wrong: the suspects (fixes
        near where it went wrong, or all) are admitted by halves, each half checked."""
        near = [d for d in chosen if any(_near(e.span, b) for e in d.fix.edits for b in bad)]
        suspects = near or list(chosen)
        kept = [d for d in chosen if d not in suspects]
        if kept and self.run(kept).bad:
            suspects, kept = list(chosen), []  # what went wrong is not where it showed
        return self._admit(kept, suspects, refused)

    def _admit(self, kept, group, refused):
        if not group:
            return kept
        if not self.run(kept + group).bad:
            return kept + group
        if len(group) == 1:
            refused.add(_fix_key(self.doc.source, group[0]))
            return kept
        half = len(group) // 2
        kept = self._admit(kept, group[:half], refused)
        return self._admit(kept, group[half:], refused)


def _near(a: Span, b: Span) -> bool:
    return a.start - _NEAR <= b.end and b.start <= a.end + _NEAR


def _watched(d: Diagnostic) -> bool:
    """Findings about the wording where they stand. Facts depend on the whole article (a
    name spelt right is a person the knowledge base can date), notes are not faults."""
    return d.category not in ("internal", "fact") and d.severity is not Severity.INFO


def _anomalies(old_source, new_source, old, chosen, new) -> list[Span]:
    """Spans (old offsets) where the new findings do not follow from the old ones: a
    finding of a rule with none there before, or an unfixed finding gone while its text
    is still there."""
    edits = sorted((e for d in chosen for e in d.fix.edits), key=lambda e: e.span.start)
    starts = [e.span.start for e in edits]
    shift, total = [], 0
    for e in edits:
        total += len(e.replacement) - (e.span.end - e.span.start)
        shift.append(total)

    def to_new(offset: int) -> int:
        i = bisect_right(starts, offset) - 1
        if i < 0:
            return offset
        e = edits[i]
        if offset < e.span.end:  # inside an edit: its start
            return e.span.start + (shift[i - 1] if i else 0)
        return offset + shift[i]

    new_starts = [e.span.start + (shift[i - 1] if i else 0) for i, e in enumerate(edits)]

    def to_old(offset: int) -> int:
        i = bisect_right(new_starts, offset) - 1
        if i < 0:
            return offset
        e = edits[i]
        if offset < new_starts[i] + len(e.replacement):  # inside a replacement: its edit
            return e.span.start
        return offset - shift[i]

    by_rule: dict[str, list[tuple[int, int]]] = {}
    for d in old:
        if _watched(d):
            by_rule.setdefault(d.rule, []).append((to_new(d.span.start), to_new(d.span.end)))
    new_by_rule: dict[str, list[tuple[int, int]]] = {}
    for d in new:
        if _watched(d):
            new_by_rule.setdefault(d.rule, []).append((d.span.start, d.span.end))
    bad: list[Span] = []
    for d in new:
        if not _watched(d):
            continue
        if not any(s - 1 <= d.span.end and d.span.start <= e + 1 for s, e in by_rule.get(d.rule, ())):
            start = to_old(d.span.start)
            bad.append(Span(start, max(start, to_old(d.span.end))))
    fixed_ids = {id(d) for d in chosen}
    for d in old:
        if not _watched(d) or id(d) in fixed_ids or not d.text:
            continue
        s, e = to_new(d.span.start), to_new(d.span.end)
        lo, hi = max(0, s - len(d.text)), e + len(d.text)
        if d.text not in new_source[lo:hi]:
            continue  # its text is gone: a fix there changed it
        if not any(a - 1 <= hi and lo <= b + 1 for a, b in new_by_rule.get(d.rule, ())):
            bad.append(d.span)
    return bad


class ConcurrentModification(Exception):
    pass


def encode(source: str, encoding: str, *, bom: bool = False) -> bytes:
    """A file's text as bytes again, in its own encoding and with its byte-order mark."""
    if encoding == "utf-16":
        return source.encode("utf-16")
    data = source.encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data


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
