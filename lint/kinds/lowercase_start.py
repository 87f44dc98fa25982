"""A sentence that starts in lower case after a sentence end: a full stop typed for a
comma, or a sentence whose capital was lost. Abbreviations are already not sentence ends
(the splitter knows "e.g.", "U.S."), and ``skip`` patterns name words that start lower
case by right: brands (iPhone, eBay), name particles (de Blasio, el-Sisi). A paragraph's
first sentence is not looked at (a line of a list, a caption), except the one after a
dateline ("PARIS — the minister said"), which must start with a capital. A word neither
the tagger's lexicon nor the word list knows as a common word (Zipf 3), which the article
never capitalises, or one with a digit in it, is a name spelt in lower case ("zorbix",
"my2cents"), whatever the skip list says.

With ``at: paragraph`` the rule looks at paragraphs instead: one that starts in lower case
and ends a sentence, after a paragraph that ends without one ("... said that⏎⏎the talks
were over."), is a sentence cut by a paragraph break, which a scraper or an editor left.
The finding spans the last word before the break and the first after it; the fix (unsafe:
a heading may have lost its full stop instead) joins them with a space."""

from __future__ import annotations

from lint.datafiles import compiled_regex
from lint.diagnostics import Span
from lint.kinds import compile_alternatives
from lint.rule import ParamError
from lint.text.sentence_facts import sentence_facts
from lint.text.wordlist import lower_case_name

# A paragraph that stops without ending a sentence: its last word, or a comma after it.
_OPEN_END = compiled_regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*,?$")
_SENTENCE_END = compiled_regex.compile(r"[.!?…][\"”’')\]]*$")
_WORD = compiled_regex.compile(r"\S+")


class LowercaseStartCheck:
    def __init__(self, rule, context=None):
        self.rule = rule
        self.skip = compile_alternatives("skip", rule.params.get("skip", []))
        self.verbless = rule.params.get("verbless", True)
        self.after_dateline = rule.params.get("after_dateline", True)
        self.at = rule.params.get("at", "sentence")
        if self.at not in ("sentence", "paragraph"):
            raise ParamError("at", f"'sentence' or 'paragraph', not {self.at!r}")
        self.min_words = int(rule.params.get("min_words", 3))

    def run(self, doc):
        if self.at == "paragraph":
            yield from self._broken_paragraphs(doc)
            return
        text = doc.text
        dateline = doc.dateline
        after_dateline = dateline.end if dateline is not None and self.after_dateline else None
        for s in sentence_facts(doc):
            if not s.starts_lower or (s.first_in_paragraph and s.span.start != after_dateline):
                continue
            if not self.verbless and not s.has_verb:
                continue  # a verbless lowercase piece is a split sentence: another rule
            if self._lower_by_right(text, s.span.start):
                continue
            end = _WORD.match(text, s.span.start).end()
            yield self.rule.report(
                s.span, text=text[s.span.start : s.span.end], word=text[s.span.start : end]
            )

    def _lower_by_right(self, text: str, at: int) -> bool:
        """Whether the word at ``at`` starts in lower case by right: the ``skip`` list's
        brands and particles, or a name spelt in lower case."""
        return (self.skip is not None and self.skip.match(text, at) is not None) or lower_case_name(text, at)

    def _broken_paragraphs(self, doc):
        """Each paragraph break inside a sentence: the paragraph before stops short (at least
        ``min_words`` words, no sentence end), this one starts in lower case and ends a
        sentence (a list's items end neither)."""
        text = doc.text
        paragraphs = doc.paragraphs
        for before, para in zip(paragraphs, paragraphs[1:], strict=False):
            first = text[para.start : para.start + 1]
            if not first.islower() or not _SENTENCE_END.search(text, para.start, para.end):
                continue
            tail = _OPEN_END.search(text, before.start, before.end)
            if tail is None or len(text[before.start : before.end].split()) < self.min_words:
                continue
            if self._lower_by_right(text, para.start):
                continue
            end = _WORD.match(text, para.start).end()
            span = Span(tail.start(), end)
            if doc.is_protected(span):
                continue
            last, word = text[tail.start() : before.end], text[para.start : end]
            yield self.rule.report(
                span,
                replacement=f"{last} {word}",
                applicability="unsafe",
                text=f"{last} ¶ {word}",
                word=word,
            )


compile = LowercaseStartCheck
