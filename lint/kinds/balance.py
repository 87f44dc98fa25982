"""Quotes and brackets left open (or closed without opening) within a paragraph.

Quotation marks are read by their role. A straight quote opens after a space or at the
start and closes before a space or punctuation. News style carries a quotation over
several paragraphs by leaving each paragraph but the last unclosed and opening the next
with a quote mark, and text whose paragraph breaks were lost keeps that reopening mark
mid-paragraph after a sentence end: neither is flagged. A closing mark that doubles as
an apostrophe (’) is never reported as stray, nor is a straight quote straight after a
digit when no quotation is open: an inch mark ('a 34" monitor').
"""

from __future__ import annotations

import regex

from lint.datafiles import compiled_regex
from lint.diagnostics import Span

_APOSTROPHES = frozenset("’'")
_OPENS_AFTER = frozenset(" \t\n([{—–-/")
_CLOSES_BEFORE = frozenset(" \t\n.,;:!?)]}—–-/…")
_SENTENCE_END = compiled_regex.compile(r"[.!?…][\"”’')\]]*\s+$")
_LIST_MARKER = compiled_regex.compile(r"(?:^|[\s:;,])(?:\p{L}|\p{N}{1,2}|[ivx]{1,4})$|[:;]-?$")


class BalanceCheck:
    def __init__(self, rule, context=None):
        self.rule = rule
        self.quotes = [(o, c, _marks(o, c)) for o, c in rule.params.get("quotes", [])]
        self.brackets = [(o, c, _marks(o, c)) for o, c in rule.params.get("brackets", [])]

    def run(self, doc):
        text = doc.text
        paragraphs = doc.paragraphs
        for n, para in enumerate(paragraphs):
            chunk = text[para.start : para.end]
            next_first = text[paragraphs[n + 1].start] if n + 1 < len(paragraphs) else ""
            found: list[tuple[int, str, str]] = []
            for opener, closer, marks in self.quotes:
                if opener in chunk or closer in chunk:
                    found += _quote_problems(chunk, opener, closer, marks, next_first)
            for opener, closer, marks in self.brackets:
                if opener in chunk or closer in chunk:
                    found += _bracket_problems(chunk, opener, closer, marks)
            for offset, mark, missing in sorted(found):
                span = Span(para.start + offset, para.start + offset + 1)
                if not doc.is_protected(span):
                    yield self.rule.report(span, text=mark, missing=missing)


def _marks(opener: str, closer: str) -> regex.Pattern:
    return compiled_regex.compile(f"[{regex.escape(opener + closer)}]")


def _quote_problems(chunk: str, opener: str, closer: str, marks: regex.Pattern, next_first: str):
    """(offset, mark, missing mark) for each quotation mark that is left unmatched."""
    open_at: int | None = None
    problems = []
    for m in marks.finditer(chunk):
        i, c = m.start(), m.group()
        if c == '"' and open_at is None and i and chunk[i - 1].isdigit():
            continue  # an inch mark
        role = _role(chunk, i, c, opener, closer, open_at is not None)
        if role == "open":
            if open_at is None:
                open_at = i
            elif not _SENTENCE_END.search(chunk, 0, i):
                problems.append((open_at, opener, closer))  # never closed before this one
                open_at = i
            # else: a quotation reopened after a sentence end; it stays open
        elif open_at is not None:
            open_at = None
        elif c not in _APOSTROPHES:
            problems.append((i, closer, opener))
    if open_at is not None and next_first != opener:
        problems.append((open_at, opener, closer))
    return problems


def _role(chunk: str, i: int, c: str, opener: str, closer: str, is_open: bool) -> str:
    if opener != closer:
        return "open" if c == opener else "close"
    before = chunk[i - 1] if i else " "
    after = chunk[i + 1] if i + 1 < len(chunk) else " "
    if before in _OPENS_AFTER and after not in _CLOSES_BEFORE:
        return "open"
    if after in _CLOSES_BEFORE and before not in _OPENS_AFTER:
        return "close"
    return "close" if is_open else "open"


def _bracket_problems(chunk: str, opener: str, closer: str, marks: regex.Pattern):
    stack: list[int] = []
    problems = []
    for m in marks.finditer(chunk):
        i, c = m.start(), m.group()
        if c == opener:
            stack.append(i)
        elif c == closer:
            if stack:
                stack.pop()
            elif not (closer == ")" and _list_marker(chunk, i)):
                problems.append((i, closer, opener))
    return problems + [(i, opener, closer) for i in stack]


def _list_marker(chunk: str, offset: int) -> bool:
    """'a)', '2)' or 'iv)' numbering a list, or the ':)' of an emoticon."""
    return bool(_LIST_MARKER.search(chunk, max(0, offset - 6), offset))


compile = BalanceCheck
