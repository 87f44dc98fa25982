"""Human output: ``path:line:col: severity [rule] message``, then the line and a caret
underline. The first line of each finding is what editors' quickfix lists parse."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from lint.fix import fixable
from lint.report import FileReport, Report

CONTEXT_WIDTH = 100  # characters of the source line shown around a finding


@dataclass(frozen=True)
class TextOptions:
    color: bool = False
    unsafe_fixes: bool = False
    show_fixed: bool = False
    summary: bool = True  # the closing "Found N problems" line (off with --quiet)


_COLORS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def emit(report: Report, registry=None, options: TextOptions | None = None) -> str:
    return _emit(report, options or TextOptions(), context=True)


def emit_concise(report: Report, registry=None, options: TextOptions | None = None) -> str:
    return _emit(report, options or TextOptions(), context=False)


def _emit(report: Report, opt: TextOptions, context: bool) -> str:
    out: list[str] = []
    for f in report.files:
        for d in f.diagnostics:
            out.append(_headline(f, d, opt))
            if context and f.source is not None and d.span.end >= d.span.start:
                out.extend(_snippet(f, d, opt))
    if opt.summary:
        out.append(_summary(report, opt))
    return "".join(line + "\n" for line in out)


def _paint(s: str, code: str, opt: TextOptions) -> str:
    return f"{code}{s}{_RESET}" if opt.color else s


def _headline(f: FileReport, d, opt: TextOptions) -> str:
    pos = f.position(d.span.start)
    sev = _paint(d.severity.value, _COLORS[d.severity.value], opt)
    where = _paint(f"{quote_path(f.path)}:{pos.line}:{pos.column}:", _BOLD, opt)
    article = f" [{d.article.label}]" if d.article is not None else ""
    return f"{where} {sev} [{d.rule}] {_one_line(d.message)}{article}"


def quote_path(path: str) -> str:
    """A file name as one line: one with a line break or another control character is
    quoted with C escapes, as git shows it ("a\\nb.txt"); others are shown as they are."""
    if not any(unicodedata.category(ch) in _UNPRINTABLE for ch in path):
        return path
    out = []
    for ch in path:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif unicodedata.category(ch) in _UNPRINTABLE:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


_UNPRINTABLE = frozenset({"Cc", "Zl", "Zp"})
_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _one_line(message: str) -> str:
    return message.replace("\r", "\\r").replace("\n", "\\n")


def _snippet(f: FileReport, d, opt: TextOptions) -> list[str]:
    start, end = f.position(d.span.start), f.position(d.span.end)
    line = f.source_line(start.line)
    col0 = start.column - 1
    col1 = end.column - 1 if end.line == start.line else len(line)
    col1 = max(col1, col0 + 1)
    # Show a window of a long line around the finding.
    left = max(0, min(col0 - 30, col1 - CONTEXT_WIDTH + 10))
    right = min(len(line), max(left + CONTEXT_WIDTH, col1 + 10))
    shown = line[left:right]
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    pad = _width(prefix + line[left:col0])
    marks = "^" * max(1, _width(line[col0:col1]))
    gutter = str(start.line)
    note = _fix_note(d, opt)
    return [
        f"{' ' * len(gutter)} |",
        f"{gutter} | {prefix}{shown}{suffix}".replace("\t", " "),
        f"{' ' * len(gutter)} | {' ' * pad}{_paint(marks, _COLORS[d.severity.value], opt)}"
        + (f" {note}" if note else ""),
    ]


def _fix_note(d, opt: TextOptions) -> str:
    if d.fix is None:
        return f"suggestion: {_show(d.suggestions[0])}" if d.suggestions else ""
    edits = d.fix.edits
    if len(edits) == 1 and edits[0].replacement == "":
        what = "delete this"
    elif len(edits) == 1:
        what = f"replace with {_show(edits[0].replacement)}"
    else:
        what = f"{len(edits)} edits"
    how = "--fix" if fixable(d, False) else "--fix --unsafe-fixes"
    return f"fix ({how}): {what}"


def _show(s: str) -> str:
    return "'" + s.replace("\n", "\\n") + "'"


def _width(s: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    w = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w


def _summary(report: Report, opt: TextOptions) -> str:
    counts = report.severity_counts()
    total = sum(counts.values())
    fixed = sum(f.fixed for f in report.files)
    files = len(report.files)
    where = f"{files} file" + ("" if files == 1 else "s")
    fixed_note = f"; {fixed} fixed" if fixed and opt.show_fixed else ""
    if not total:
        return f"No problems found in {where}{fixed_note}."
    parts = [f"{n} {sev}{'' if n == 1 else 's'}" for sev, n in counts.items() if n]
    diags = report.diagnostics
    safe = sum(1 for d in diags if fixable(d, False))
    unsafe = sum(1 for d in diags if fixable(d, True)) - safe
    fixes = []
    if safe:
        fixes.append(f"{safe} fixable with --fix")
    if unsafe:
        fixes.append(f"{unsafe} more with --fix --unsafe-fixes")
    tail = f" ({'; '.join(fixes)})" if fixes else ""
    noun = "problem" if total == 1 else "problems"
    return f"Found {total} {noun} ({', '.join(parts)}) in {where}{fixed_note}{tail}."
