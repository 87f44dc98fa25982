"""A sentence that starts in lower case after a sentence end: a full stop typed for a
comma, or a sentence whose capital was lost. Abbreviations are already not sentence ends
(the splitter knows "e.g.", "U.S."), and ``skip`` patterns name words that start lower
case by right: brands (iPhone, eBay), name particles (de Blasio, el-Sisi). A paragraph's
first sentence is not looked at (a line of a list, a caption), except the one after a
dateline ("PARIS — the minister said"), which must start with a capital. A word neither
the tagger's lexicon nor the word list knows as a common word (Zipf 3), which the article
never capitalises, or one with a digit in it, is a name spelt in lower case ("zorbix",
"my2cents"), whatever the skip list says."""

from __future__ import annotations

import regex

from lint.kinds import compile_alternatives
from lint.text.sentence_facts import sentence_facts
from lint.text.wordlist import lower_case_name


class LowercaseStartCheck:
    def __init__(self, rule, context=None):
        self.rule = rule
        self.skip = compile_alternatives("skip", rule.params.get("skip", []))
        self.verbless = rule.params.get("verbless", True)
        self.after_dateline = rule.params.get("after_dateline", True)

    def run(self, doc):
        text = doc.text
        dateline = doc.dateline
        after_dateline = dateline.end if dateline is not None and self.after_dateline else None
        for s in sentence_facts(doc):
            if not s.starts_lower or (s.first_in_paragraph and s.span.start != after_dateline):
                continue
            if not self.verbless and not s.has_verb:
                continue  # a verbless lowercase piece is a split sentence: another rule
            if self.skip is not None and self.skip.match(text, s.span.start):
                continue
            if lower_case_name(text, s.span.start):
                continue
            end = regex.compile(r"\S+").match(text, s.span.start).end()
            yield self.rule.report(
                s.span, text=text[s.span.start : s.span.end], word=text[s.span.start : end]
            )


compile = LowercaseStartCheck
