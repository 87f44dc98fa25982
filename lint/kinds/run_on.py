"""A word that opens sentences, capitalised in the middle of one: "in the run up to the
election And they believe", "countries of Africa and Latin America To count on".

A full stop lost by a scraper or an edit leaves the next sentence's capital behind; a
translation pipeline leaves a source-language capital. Either way the sentence is broken
and a copy editor sees it. What looks the same but is right is a title or a name ("the
film In the Name of the Father", "Carry On films", "Serie A"), so a finding needs:

- the word in ``openers`` (capitalised words that start sentences far more often than
  they stand in a name; a lone letter such as "A" is left out: "Group A", "Serie A");
- a word ending in a lower-case letter or a digit and one space before it (not a line's
  start, not a quote, a colon or a dash, not an all-capitals heading, not an article:
  "the It girl");
- the next word in lower case, and the one after it too when the first is one of
  ``title_words`` (articles and the like): a title goes on in capitals ("About a Boy",
  "In the Name of the Father");
- for the words of ``after_lowercase`` (which end titles: "Faking It", "Making Of"), a
  lower-case word before it;
- a line that is not in headline case (most of its words capitalised).

The words of ``comma_openers`` (sentence adverbs: "However", "Meanwhile") count with a
comma after them instead of a lower-case word: "of its kind However, the firm said".

No fix: the cure may be a full stop or a lower-case letter, and only the writer knows.
"""

from __future__ import annotations

from lint.datafiles import compiled_regex
from lint.diagnostics import Span
from lint.kinds import compile_regex
from lint.rule import ParamError

_ARTICLES = frozenset({"the", "a", "an"})
# The word before: ends in a lower-case letter or a digit, one space before the opener.
_BEFORE = r"(?<=(?:^|[^\p{L}\p{N}\p{M}])([\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*[\p{Ll}\p{N}]|\p{N}) )"
_WORD = compiled_regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")


class RunOnCheck:
    def __init__(self, rule, context=None):
        self.rule = rule
        openers = rule.params.get("openers")
        if not openers:
            raise ParamError("openers", "run-on needs the words that open a sentence")
        self.after_lowercase = frozenset(rule.params.get("after_lowercase", ()))
        self.title_words = frozenset(rule.params.get("title_words", ()))
        self.pattern = compile_regex(
            "openers",
            _BEFORE + r"(\L<openers>)[ \t]+(\p{Ll}[\p{L}\p{M}'’-]*)(?![\p{L}\p{M}])(?:[ \t]+(\p{L}))?",
            openers=sorted(openers, key=len, reverse=True),
        )
        comma_openers = rule.params.get("comma_openers", ())
        self.comma_pattern = (
            compile_regex("comma_openers", _BEFORE + r"(\L<openers>),[ \t]", openers=sorted(comma_openers))
            if comma_openers
            else None
        )

    def run(self, doc):
        text = doc.text
        headline: dict[int, bool] = {}  # line start -> in headline case
        found = []
        for m in self.pattern.finditer(text):
            prev, word = m.group(1), m.group(2)
            if (word in self.after_lowercase and not prev[0].islower()) or prev.lower() in _ARTICLES:
                continue  # "Faking It"; "the It girl": a title or a name
            if m.group(3) in self.title_words and not (m.group(4) or "").islower():
                continue
            found.append(m)
        if self.comma_pattern is not None:
            found += [m for m in self.comma_pattern.finditer(text) if m.group(1).lower() not in _ARTICLES]
        for m in sorted(found, key=lambda m: m.start()):
            if _in_headline(text, m.start(), headline):
                continue
            span = Span(m.start(1), m.end(2))
            if doc.is_protected(span) or doc.touches_placeholder(span):
                continue
            yield self.rule.report(span, text=text[span.start : span.end], word=m.group(2))


def _in_headline(text: str, at: int, seen: dict[int, bool]) -> bool:
    """Whether the line holding ``at`` is in headline case (most words capitalised)."""
    line = text.rfind("\n", 0, at) + 1
    if line not in seen:
        end = text.find("\n", at)
        words = _WORD.findall(text, line, len(text) if end < 0 else end)
        seen[line] = sum(w[0].isupper() for w in words) > 0.6 * len(words)
    return seen[line]


compile = RunOnCheck
