"""Wrong → right table: each wrong form found is a finding whose fix is the right form."""

from __future__ import annotations

import regex

from lint.diagnostics import Span
from lint.kinds import compile_regex, time_budget


class SubstitutionCheck:
    def __init__(self, rule, context=None):
        p = rule.params
        self.rule = rule
        self.ignore_case = p.get("ignore_case", False)
        self.applicability = p.get("applicability", "safe")
        self.table = {(k.casefold() if self.ignore_case else k): v for k, v in p["swap"].items()}
        flags = regex.IGNORECASE if self.ignore_case else 0
        # One named-list alternation: the regex module builds a trie of all the wrong forms.
        self.pattern = compile_regex("swap", r"(?<![\w-])\L<wrong>(?![\w-])", flags, wrong=list(p["swap"]))

    def run(self, doc):
        for m in self.pattern.finditer(doc.text, timeout=time_budget(self.rule, doc.text)):
            span = Span(*m.span())
            if doc.is_protected(span):
                continue
            found = m.group()
            right = self.table[found.casefold() if self.ignore_case else found]
            if self.ignore_case and found[:1].isupper() and right[:1].islower():
                right = right[:1].upper() + right[1:]
            yield self.rule.report(
                span, replacement=right, applicability=self.applicability, text=found, right=right
            )


compile = SubstitutionCheck
