"""An article that names officials but carries no date: the date-aware fact checks then
judge titles against today's date, which is right for a story written today and wrong for
one from the archive. One note per article says so."""

from __future__ import annotations

from lint.diagnostics import Span
from lint.kb.in_document import knowledge_base, named_officials


class UndatedCheck:
    def __init__(self, rule, context):
        self.rule = rule
        self.context = context
        self.kb = knowledge_base(context)

    def run(self, doc):
        if doc.date_source != "today":
            return
        named = [m for m in named_officials(doc, self.kb, self.context) if m.exact]
        if named:
            first = named[0]
            yield self.rule.report(
                Span(first.span.start, first.span.end), date=str(doc.date), text=first.text
            )


compile = UndatedCheck
