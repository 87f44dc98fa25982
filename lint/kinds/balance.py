"""Quotes and brackets left open (or closed without opening) within a paragraph.

News style carries a quotation over several paragraphs by leaving each paragraph but the
last unclosed and opening the next with a quote mark, so that is not flagged. A closing
mark that doubles as an apostrophe (’) is never reported as stray.
"""

from __future__ import annotations

import regex

from ..diagnostics import Span

_APOSTROPHES = frozenset("’'")


class BalanceCheck:
    def __init__(self, rule):
        self.rule = rule
        self.pairs = [tuple(p) for p in rule.params["pairs"]]

    def run(self, doc):
        text = doc.text
        paragraphs = doc.paragraphs
        for n, para in enumerate(paragraphs):
            chunk = text[para.start : para.end]
            next_start = text[paragraphs[n + 1].start] if n + 1 < len(paragraphs) else ""
            for opener, closer in self.pairs:
                if opener not in chunk and closer not in chunk:
                    continue
                for offset, mark in _unbalanced(chunk, opener, closer):
                    span = Span(para.start + offset, para.start + offset + 1)
                    if doc.is_protected(span):
                        continue
                    if mark == opener and next_start == opener:
                        continue  # a quotation continued in the next paragraph
                    if mark == closer and opener != closer and closer in _APOSTROPHES:
                        continue
                    if mark == closer and closer == ")" and _list_marker(chunk, offset):
                        continue
                    missing = closer if mark == opener else opener
                    yield self.rule.report(span, text=mark, missing=missing)


def _unbalanced(chunk: str, opener: str, closer: str) -> list[tuple[int, str]]:
    if opener == closer:
        positions = [i for i, c in enumerate(chunk) if c == opener]
        return [(positions[-1], opener)] if len(positions) % 2 else []
    stack: list[int] = []
    stray: list[tuple[int, str]] = []
    for i, c in enumerate(chunk):
        if c == opener:
            stack.append(i)
        elif c == closer:
            if stack:
                stack.pop()
            else:
                stray.append((i, closer))
    return stray + [(i, opener) for i in stack]


_LIST_MARKER = regex.compile(r"(?:^|[\s:;,])(?:[\p{L}]|[\p{N}]{1,2}|[ivx]{1,4})$|[:;]-?$")


def _list_marker(chunk: str, offset: int) -> bool:
    """'a)', '2)' or 'iv)' numbering a list, or the ':)' of an emoticon."""
    return bool(_LIST_MARKER.search(chunk, max(0, offset - 6), offset))


compile = BalanceCheck
