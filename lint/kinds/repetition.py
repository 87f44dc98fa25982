"""A word written twice in a row ("the the"); the fix keeps one."""

from __future__ import annotations

import regex

from lint.diagnostics import Span
from lint.kinds import time_budget

# Same word twice (case-insensitively). Kept this simple for speed: the rare candidates are
# then checked for a paragraph break between the words and for "-"/"'" joining them on.
_REPEAT = regex.compile(r"\b(\p{L}+)(\s+)(\1)\b", regex.I)
_JOINERS = "'’-"


class RepetitionCheck:
    def __init__(self, rule, context=None):
        self.rule = rule
        self.allow = {w.casefold() for w in rule.params.get("allow", [])}
        self.applicability = rule.params.get("applicability", "safe")

    def run(self, doc):
        text = doc.text
        for m in _REPEAT.finditer(text, timeout=time_budget(self.rule, text)):
            word = m.group(1)
            if m.group(2).count("\n") > 1 or _joined(text, m.start(), m.end()):
                continue
            if word.casefold() in self.allow:
                continue
            if word[0].isupper() and m.group(3) == word:
                continue  # a doubled name: "Walla Walla", "Bora Bora", "Duran Duran"
            yield self.rule.report(
                Span(*m.span()), replacement=word, applicability=self.applicability, text=m.group(), word=word
            )


def _joined(text: str, start: int, end: int) -> bool:
    return (start > 0 and text[start - 1] in _JOINERS) or (end < len(text) and text[end] in _JOINERS)


compile = RepetitionCheck
