"""Verbless "sentences": the marks of machine translation and of copy cut apart.

A rule picks which sentences it looks at: how they start (``start``: upper or lower
case), what comes before them (``after``: a closing quotation mark, ordinary text, or
either), how long they are at least (``min_words``), and whether the first sentence of a
paragraph counts (headlines, bylines, captions and datelines are single verbless lines,
so by default it does not). Only sentences ending in a full stop are considered; ``skip``
patterns, matched at a sentence's start, name lines that are lists rather than sentences
(a team sheet's "Subs: ...", a result's "Goals: ...").
"""

from __future__ import annotations

from lint.kinds import compile_alternatives
from lint.text.sentence_facts import sentence_facts


class FragmentCheck:
    def __init__(self, rule, context=None):
        p = rule.params
        self.rule = rule
        self.start = p.get("start", "upper")
        self.after = p.get("after", "any")
        self.min_words = p.get("min_words", 1)
        self.first_in_paragraph = p.get("first_in_paragraph", False)
        self.skip = compile_alternatives("skip", p.get("skip", []))

    def run(self, doc):
        for s in sentence_facts(doc):
            if s.has_verb or not s.ends_with_period or len(s.words) < self.min_words:
                continue
            if s.starts_lower != (self.start == "lower"):
                continue
            if s.first_in_paragraph and not self.first_in_paragraph:
                continue
            if self.after == "quote" and not s.after_quote:
                continue
            if self.after == "text" and s.after_quote:
                continue
            if self.skip is not None and self.skip.match(doc.text, s.span.start, s.span.end):
                continue
            yield self.rule.report(s.span, text=doc.text[s.span.start : s.span.end])


compile = FragmentCheck
