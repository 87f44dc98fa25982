"""Misnamed officials: a near miss of a knowledge-base person's name ("Anthony Blinken"
for Antony Blinken). The fix (unsafe: it may be another person) writes the KB spelling."""

from __future__ import annotations

from lint.kb.in_document import knowledge_base, named_officials


class MisnamedOfficialCheck:
    def __init__(self, rule, context):
        self.rule = rule
        self.context = context
        self.kb = knowledge_base(context)

    def run(self, doc):
        for m in named_officials(doc, self.kb, self.context):
            if m.exact:
                continue
            person = m.person
            yield self.rule.report(
                m.span,
                replacement=m.spelling,
                applicability="unsafe",
                text=m.text,
                name=m.spelling,
                positions=person.describe(),
            )


compile = MisnamedOfficialCheck
