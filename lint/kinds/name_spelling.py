"""A surname spelt two ways in one article: the minority form is flagged, with or without
the officials knowledge base (lint/kb/spelling.py). The fix (unsafe) writes the majority form."""

from __future__ import annotations

from lint.kb.in_document import knowledge_base, named_officials
from lint.kb.spelling import minority_spellings


class NameSpellingCheck:
    def __init__(self, rule, context):
        self.rule = rule
        self.context = context
        self.kb = knowledge_base(context)

    def run(self, doc):
        # A near miss of an official is fact.misnamed-official's finding, not this rule's.
        flagged = [m.span for m in named_officials(doc, self.kb, self.context) if not m.exact]
        accepted = set(self.context.accepted_names)
        for slip in minority_spellings(doc.text, self.kb):
            if slip.text in accepted or any(s.start <= slip.span.start < s.end for s in flagged):
                continue
            yield self.rule.report(
                slip.span,
                replacement=slip.majority,
                applicability="unsafe",
                text=slip.text,
                majority=slip.majority,
                count=str(slip.count),
            )


compile = NameSpellingCheck
