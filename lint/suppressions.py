"""Suppression comments: findings the author has looked at and wants left alone.

Directives are read from the SOURCE text, whatever the reader, so they work the same in
every format:

- Markdown and HTML: ``<!-- newslint-disable RULE... -->`` … ``<!-- newslint-enable -->``
  and ``<!-- newslint-disable-next-line RULE... -->``, anywhere (they are comments there,
  so they are never linted).
- Plain text: the same words on a line of their own, either ``# newslint-disable RULE...``
  or ``<!-- newslint-disable RULE... -->``. The directive line is read as prose by the
  plain-text reader, so findings on it are dropped.

``RULE`` is a rule id or prefix, several separated by spaces or commas; none means every
rule. Text after `` -- `` is a reason and is ignored. ``disable`` runs from the directive to
the next ``enable`` (a bare ``enable`` ends every ``disable``; ``enable RULE`` ends the
``disable RULE``), else to the end of the file. ``disable-next-line`` covers the next
non-blank source line; ``disable-line`` (Markdown and HTML: a comment after the text on
the same line) covers the line(s) the comment is on. A finding is matched by where it starts.
Any other ``newslint-…`` word (``disable-lines``, ``disabel``, ``disable-line`` in plain
text, where a directive has a line of its own) is ``suppression.unknown-directive`` and
suppresses nothing.

The engine calls :func:`apply`; nothing here knows any rule by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import regex

from lint.datafiles import compiled_regex
from lint.diagnostics import Diagnostic, Severity, Span
from lint.text.document import Document

UNKNOWN_RULE = "suppression.unknown-rule"
UNUSED = "suppression.unused"
UNKNOWN_DIRECTIVE = "suppression.unknown-directive"

KINDS = ("disable", "enable", "disable-next-line", "disable-line")
# Any word after "newslint-", so a misspelt directive is reported rather than misread
# ("disable-line" was once read as "disable" of a rule "-line").
_KINDS = r"(?P<kind>[A-Za-z][\w-]*)"
# Markdown/HTML: an HTML comment anywhere (it may span lines).
_COMMENT = compiled_regex.compile(
    r"<!--[ \t]*newslint-" + _KINDS + r"(?P<args>(?:(?!-->).)*?)-->", regex.DOTALL
)
# Plain text: a line of its own, "# newslint-..." or "<!-- newslint-... -->".
_LINE = compiled_regex.compile(
    r"(?m)^[ \t]*(?P<body>(?:#|<!--)[ \t]*newslint-" + _KINDS + r"(?P<args>[^\r\n]*?)(?:-->)?)[ \t]*\r?$"
)
_SPLIT = compiled_regex.compile(r"[\s,]+")


@dataclass
class Directive:
    kind: str  # one of KINDS, else an unknown directive (reported, suppresses nothing)
    selectors: tuple[str, ...]  # empty: every rule
    span: Span  # source offsets of the comment
    line: int  # 1-based source line where it starts
    last_line: int  # where it ends
    own_line: bool  # a plain-text directive line: read as prose, so its findings are dropped
    used: set[str | None] = field(default_factory=set)  # selectors that suppressed something


@dataclass
class _Region:
    start: int  # source offsets, end exclusive
    end: int
    selector: str | None  # None: every rule
    directive: Directive


def directives(doc: Document) -> list[Directive]:
    source = doc.source
    if "newslint-" not in source:
        return []
    found: list[Directive] = []
    if doc.markup == "text":
        for m in _LINE.finditer(source):
            start, end = m.span("body")
            found.append(_directive(doc, m, Span(start, end), own_line=True))
    else:
        for m in _COMMENT.finditer(source):
            found.append(_directive(doc, m, Span(m.start(), m.end()), own_line=False))
    return found


def _directive(doc: Document, m, span: Span, own_line: bool) -> Directive:
    args = m.group("args")
    args = args.split(" -- ", 1)[0] if " -- " in args else args
    selectors = tuple(s for s in _SPLIT.split(args.strip()) if s)
    line = doc.position(span.start).line
    last = doc.position(max(span.end - 1, span.start)).line
    return Directive(m.group("kind"), selectors, span, line, last, own_line)


def _regions(doc: Document, found: list[Directive]) -> tuple[list[_Region], dict[int, list[Directive]]]:
    regions: list[_Region] = []
    next_line: dict[int, list[Directive]] = {}
    open_: dict[str | None, tuple[int, Directive]] = {}
    for d in found:
        if d.kind == "disable":
            for s in d.selectors or (None,):
                open_.setdefault(s, (d.span.end, d))
        elif d.kind == "enable":
            keys = list(open_) if not d.selectors else [s for s in d.selectors if s in open_]
            for s in keys:
                start, directive = open_.pop(s)
                regions.append(_Region(start, d.span.start, s, directive))
        elif d.kind == "disable-next-line":
            target = _next_nonblank_line(doc, d.last_line)
            if target is not None:
                next_line.setdefault(target, []).append(d)
        elif d.kind == "disable-line" and not d.own_line:
            for line in range(d.line, d.last_line + 1):
                next_line.setdefault(line, []).append(d)
    for s, (start, directive) in open_.items():
        regions.append(_Region(start, len(doc.source) + 1, s, directive))
    return regions, next_line


def _next_nonblank_line(doc: Document, line: int) -> int | None:
    n = line + 1
    total = doc.source.count("\n") + 1
    while n <= total:
        if doc.source_line(n).strip():
            return n
        n += 1
    return None


def _matches(rule_id: str, selector: str | None) -> bool:
    return selector is None or rule_id == selector or rule_id.startswith(selector + ".")


def apply(
    doc: Document,
    diagnostics: Iterable[Diagnostic],
    known: Callable[[str], bool],
    report_unused: bool = False,
) -> list[Diagnostic]:
    """The findings (source offsets) left once the document's directives are applied, plus
    ``suppression.unknown-rule`` (and with ``report_unused``, ``suppression.unused``)."""
    found = directives(doc)
    if not found:
        return list(diagnostics)
    regions, next_line = _regions(doc, found)
    own_lines = [d.span for d in found if d.own_line]
    kept: list[Diagnostic] = []
    for diag in diagnostics:
        if diag.category != "internal" and any(_touches(diag.span, s) for s in own_lines):
            continue  # the directive line itself, read as prose
        suppressed = False
        for r in regions:
            if r.start <= diag.span.start < r.end and _matches(diag.rule, r.selector):
                r.directive.used.add(r.selector)
                suppressed = True
        line = doc.position(diag.span.start).line if next_line else 0
        for d in next_line.get(line, ()):
            for s in d.selectors or (None,):
                if _matches(diag.rule, s):
                    d.used.add(s)
                    suppressed = True
        if not suppressed:
            kept.append(diag)
    for d in found:
        if not _valid(d):
            kept.append(_notice(doc, d, UNKNOWN_DIRECTIVE, Severity.WARNING, _directive_message(d)))
            continue
        unknown = [s for s in d.selectors if not known(s)]
        if unknown:
            kept.append(_notice(doc, d, UNKNOWN_RULE, Severity.WARNING, _unknown_message(d, unknown)))
        if report_unused and d.kind != "enable":
            unused = [s for s in (d.selectors or (None,)) if s not in d.used and (s is None or known(s))]
            if unused:
                kept.append(_notice(doc, d, UNUSED, Severity.INFO, _unused_message(d, unused)))
    return kept


def _valid(d: Directive) -> bool:
    return d.kind in KINDS and not (d.kind == "disable-line" and d.own_line)


def _directive_message(d: Directive) -> str:
    if d.kind == "disable-line":
        return (
            "newslint-disable-line needs text before it on its line, and a plain-text directive has "
            "a line of its own: use newslint-disable-next-line; nothing was suppressed"
        )
    return (
        f"unknown directive 'newslint-{d.kind}' (use disable, enable, disable-next-line or "
        "disable-line); nothing was suppressed"
    )


def _touches(span: Span, directive: Span) -> bool:
    return directive.start <= span.start < directive.end or (
        span.start < directive.end and span.end > directive.start
    )


def _unknown_message(d: Directive, unknown: list[str]) -> str:
    names = ", ".join(repr(s) for s in unknown)
    plural = len(unknown) > 1
    what = "rules or prefixes" if plural else "rule or prefix"
    return f"unknown {what} {names} in newslint-{d.kind} (see 'newslint rules')"


def _unused_message(d: Directive, unused: list[str | None]) -> str:
    if unused == [None]:
        return f"unused suppression: newslint-{d.kind} suppressed nothing"
    names = ", ".join(repr(s) for s in unused if s is not None)
    return f"unused suppression: newslint-{d.kind} suppressed no {names} finding"


def _notice(doc: Document, d: Directive, rule: str, severity: Severity, message: str) -> Diagnostic:
    return Diagnostic(
        rule=rule,
        category="internal",
        severity=severity,
        message=message,
        span=d.span,
        text=doc.source[d.span.start : d.span.end],
    )
