"""A word written twice in a row ("the the"); the fix keeps one."""

from __future__ import annotations

import regex

from ..diagnostics import Span
from . import time_budget

# Same word (case-insensitively), separated by spaces or one line break inside a paragraph.
_REPEAT = regex.compile(r"(?<![\w'’-])(\p{L}+)([^\S\n]+|[^\S\n]*\n[^\S\n]*)(\1)(?![\w'’-])", regex.I)


class RepetitionCheck:
    def __init__(self, rule):
        self.rule = rule
        self.allow = {w.casefold() for w in rule.params.get("allow", [])}
        self.applicability = rule.params.get("applicability", "safe")

    def run(self, doc):
        for m in _REPEAT.finditer(doc.text, timeout=time_budget(self.rule, doc.text)):
            word = m.group(1)
            if word.casefold() in self.allow:
                continue
            if word[0].isupper() and m.group(3) == word:
                continue  # a doubled name: "Walla Walla", "Bora Bora", "Duran Duran"
            yield self.rule.report(
                Span(*m.span()), replacement=word, applicability=self.applicability, text=m.group(), word=word
            )


compile = RepetitionCheck
