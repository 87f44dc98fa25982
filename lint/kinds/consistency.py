"""Two spellings of one thing in one article (US / U.S.): the minority form is flagged.

The form used most sets the article's style; on a tie, the form used first does. The fix
(unsafe: a name such as "U.S. Steel" must not change) writes the article's form.
"""

from __future__ import annotations

from ..diagnostics import Span
from . import compile_regex, time_budget


class ConsistencyCheck:
    def __init__(self, rule, context=None):
        self.rule = rule
        self.forms = {name: compile_regex("forms", rx) for name, rx in rule.params["forms"].items()}
        self.applicability = rule.params.get("applicability", "unsafe")

    def run(self, doc):
        timeout = time_budget(self.rule, doc.text)
        found: dict[str, list[Span]] = {}
        for name, rx in self.forms.items():
            spans = [Span(*m.span()) for m in rx.finditer(doc.text, timeout=timeout)]
            spans = [s for s in spans if not doc.is_protected(s)]
            if spans:
                found[name] = spans
        if len(found) < 2:
            return
        house = max(found, key=lambda name: (len(found[name]), -found[name][0].start))
        sentence_ends = {s.end for s in doc.sentences}
        for name, spans in found.items():
            if name == house:
                continue
            for span in spans:
                replacement = house
                # "in the U.S." closing a sentence: its last dot is also the full stop.
                if name.endswith(".") and not house.endswith(".") and span.end in sentence_ends:
                    replacement += "."
                yield self.rule.report(
                    span,
                    replacement=replacement,
                    applicability=self.applicability,
                    text=doc.text[span.start : span.end],
                    form=house,
                    count=str(len(found[house])),
                )


compile = ConsistencyCheck
