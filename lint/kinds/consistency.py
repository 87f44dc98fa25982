"""Two spellings of one thing in one article (US / U.S.): the minority form is flagged.

The form used most sets the article's style; on a tie, the form used first does. With a
house style set in the configuration (``dialect = "ap"`` or ``"reuters"``), the rule's
``dialects`` table names the form instead, and every other form is flagged. The fix
(unsafe: a name such as "U.S. Steel" must not change) writes the chosen form.
"""

from __future__ import annotations

from lint.diagnostics import Edit, Span
from lint.kinds import compile_regex, time_budget


class ConsistencyCheck:
    def __init__(self, rule, context=None):
        self.rule = rule
        self.forms = {name: compile_regex("forms", rx) for name, rx in rule.params["forms"].items()}
        self.applicability = rule.params.get("applicability", "unsafe")
        dialect = getattr(context, "dialect", None)
        # A house style (config "dialect") fixes the form instead of the article's majority.
        self.house = rule.params.get("dialects", {}).get(dialect) if dialect else None
        self.dialect = dialect

    def run(self, doc):
        timeout = time_budget(self.rule, doc.text)
        found: dict[str, list[Span]] = {}
        for name, rx in self.forms.items():
            spans = [Span(*m.span()) for m in rx.finditer(doc.text, timeout=timeout)]
            spans = [s for s in spans if not doc.is_protected(s)]
            if spans:
                found[name] = spans
        if self.house is not None:
            house = self.house
            why = f"the house style ({self.dialect}) writes '{house}'"
        elif len(found) < 2:
            return
        else:
            house = max(found, key=lambda name: (len(found[name]), -found[name][0].start))
            why = f"this article writes '{house}' ({len(found[house])} times)"
        sentence_ends = {s.end for s in doc.sentences}
        for name, spans in found.items():
            if name == house:
                continue
            for span in spans:
                replacement = house
                # "in the U.S." closing a sentence: its last dot is also the full stop.
                if name.endswith(".") and not house.endswith(".") and span.end in sentence_ends:
                    replacement += "."
                edits = None
                # "the US." to "the U.S.": the full stop after it becomes the abbreviation's.
                if house.endswith(".") and not name.endswith(".") and doc.text.startswith(".", span.end):
                    edits = (Edit(Span(span.start, span.end + 1), house),)
                yield self.rule.report(
                    span,
                    replacement=replacement,
                    edits=edits,
                    suggestions=(replacement,),
                    applicability=self.applicability,
                    text=doc.text[span.start : span.end],
                    form=house,
                    why=why,
                )


compile = ConsistencyCheck
