"""Whole lines scraped from the page around an article: calls to share, follow, subscribe,
navigation leftovers, syndication notices.

A line is boilerplate only when it consists entirely of such phrases; the same words in
a sentence of the story are never flagged. ``window`` limits a rule to the first and last
lines of the article, where scrapers leave short leftovers like a lone "More". The fix
(unsafe: a reporter may have meant it) deletes the whole line.
"""

from __future__ import annotations

import regex

from lint.diagnostics import Edit, Span
from lint.kinds import compile_regex, time_budget

# Between two boilerplate phrases on one line: spaces, punctuation and symbols.
_JOINER = r"[\s\p{P}\p{S}]*"
MAX_LINE = 400  # longer lines are article paragraphs, not widgets


class BoilerplateCheck:
    def __init__(self, rule, context=None):
        self.rule = rule
        phrases = "|".join(f"(?:{p})" for p in rule.params["lines"])
        # Matched line by line: far faster than one MULTILINE scan, which would try the
        # phrases at every position of the text.
        self.line = compile_regex("lines", rf"{_JOINER}(?:(?:{phrases}){_JOINER})+", regex.IGNORECASE)
        self.window = rule.params.get("window")
        self.requires = [r.lower() for r in rule.params.get("requires", [])]

    def run(self, doc):
        text = doc.text
        if self.requires and not any(r in text.lower() for r in self.requires):
            return
        lines = [s for s in doc.lines if s.end - s.start <= MAX_LINE and text[s.start : s.end].strip()]
        if self.requires:
            lines = [s for s in lines if any(r in text[s.start : s.end].lower() for r in self.requires)]
        if self.window:
            lines = _at_edges(doc, lines, self.window)
        timeout = time_budget(self.rule, text)
        for line in lines:
            if not self.line.fullmatch(text, line.start, line.end, timeout=timeout):
                continue
            content = _strip(text, line)
            yield self.rule.report(
                content,
                edits=(Edit(_with_newline(text, line), ""),),
                applicability="unsafe",
                suggestions=(),
                text=text[content.start : content.end],
            )


def _at_edges(doc, lines: list[Span], window: int) -> list[Span]:
    """The lines among the first or last ``window`` non-blank lines of the document."""
    text = doc.text
    nonblank = [s for s in doc.lines if text[s.start : s.end].strip()]
    edges = set(nonblank[:window] + nonblank[-window:])
    return [s for s in lines if s in edges]


def _strip(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while text[start].isspace():
        start += 1
    while text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _with_newline(text: str, line: Span) -> Span:
    if line.end < len(text):
        return Span(line.start, line.end + 1)
    return Span(line.start - 1 if line.start > 0 else 0, line.end)


compile = BoilerplateCheck
