"""Glued text and broken hyphens: words that lost the space between them, or kept a stray one.

- Glued words: a link's text or a sentence run into the word or number before it
  ("14257White", "saidThe", "2024The"). A token splits where a lower-case word or a number
  meets a capitalised word and the tagger's lexicon knows both halves. Camel-case names
  keep their capitals on the first part (YouTube, McDonald, PlayStation) or start with one
  letter (iPhone, eBay), so they never split; the table's ``glued_words`` lists the rest.
- Run-together sentences: a capitalised word glued to a word that opens a sentence far
  more often than it ends a name ("ScholzHe hosts", "in KyivThe talks"), as a scraper
  or a translation pipeline leaves a lost full stop; the ``openers`` parameter lists them.
  A grammar finding: the sentence is garbled, not just its spacing.
- Broken hyphens, as PDF copy and hand edits leave them: a space before a hyphen inside a
  word ("re -elected"), or a line-end hyphen kept in mid-line ("gov- ernment"). A
  suspended hyphen ("pre- and post-war") is correct and not flagged.
"""

from __future__ import annotations

from functools import cache

import regex

from lint.datafiles import compiled_regex
from lint.diagnostics import Edit, Span
from lint.kinds import compile_regex
from lint.kinds.punctuation import finds_param, load_table, table_path
from lint.rule import ParamError
from lint.text.wordlist import known

FINDS = ("glued-words", "broken-hyphen", "run-together")

_GLUED = compiled_regex.compile(
    r"(?<![\p{L}\p{N}\p{M}_@#/.'’&])(\p{N}+|\p{Ll}{2,})(\p{Lu}\p{Ll}+)"
    r"(?=['’](?:s|d|ll|re|ve)\b|[^\p{L}\p{N}\p{M}_'’-]|$)"
)
# Tags of words that start a sentence more often than a name: a lower-case word glued to
# one of them ("smartphonesIt") is a lost sentence break even when the lexicon lacks it.
_FUNCTION_TAGS = frozenset("DT PRP PRP$ CC IN WDT WP WRB EX MD".split())
# Cheap anchors, searched first: the capital where a glued word starts, and a hyphen with
# a space on one side. The full patterns are matched only at those places.
_GLUE_POINT = compiled_regex.compile(r"\p{Lu}(?<=[\p{Ll}\p{N}]\p{Lu})\p{Ll}")
_SPACE_HYPHEN_POINT = compiled_regex.compile(r"-(?<=\p{L}[ \t]-)(?=\p{Ll})")
_HYPHEN_SPACE_POINT = compiled_regex.compile(r"-(?<=\p{L}-)(?=[ \t]+\p{Ll}|\n\p{Ll})")
_TOKEN_END = compiled_regex.compile(r"[\p{L}\p{N}\p{M}]+$")
_SPACE_HYPHEN = compiled_regex.compile(r"(?<![\p{L}\p{N}-])(\p{L}+)[ \t]-(\p{Ll}{2,})(?![\p{L}-])")
_HYPHEN_SPACE = compiled_regex.compile(r"(?<![\p{L}\p{N}-])(\p{L}{2,})-(?:[ \t]+|\n)(\p{Ll}{2,})(?![\p{L}-])")
# The second part of a suspended hyphen: "pre- and post-war", "two- or three-year".
_SUSPENDED = frozenset("and or to nor but than as vs versus".split())


@cache
def _tags() -> dict[str, str]:
    from lint.text.tagger import lexicon

    return lexicon()


class GluedCheck:
    def __init__(self, rule, context=None):
        self.rule, self.finds = rule, finds_param(rule, FINDS)
        self.table = load_table(str(table_path(rule.params.get("table"))))
        if self.finds == "run-together":
            openers = rule.params.get("openers")
            if not openers:
                raise ParamError("openers", "run-together needs the words that open a sentence")
            self.run_together = compile_regex(
                "openers",
                r"(?<![\p{L}\p{N}\p{M}_@#/.'’&-])(\p{Lu}\p{Ll}{2,})(\L<openers>)(?=[ \t]+\p{L})",
                openers=sorted(openers, key=len, reverse=True),
            )

    def run(self, doc):
        if self.finds == "glued-words":
            found = _glued(doc.text, self.table.glued_words)
        elif self.finds == "run-together":
            found = _run_together(doc.text, self.run_together, self.table.glued_words)
        else:
            found = _hyphens(doc.text, self.table.hyphen_prefixes)
        for span, edit, applicability in found:
            if doc.is_protected(span) or doc.touches_placeholder(span):
                continue
            yield self.rule.report(
                span,
                edits=(edit,),
                applicability=applicability,
                suggestions=(),
                text=doc.text[span.start : span.end],
            )


def _matches(text: str, points: regex.Pattern, full: regex.Pattern, back: int):
    """Matches of ``full`` that start at the token before each anchor of ``points``
    (``back`` characters before the anchor, then back over the token)."""
    last = -1
    for a in points.finditer(text):
        edge = a.start() - back
        token = _TOKEN_END.search(text, max(0, edge - 80), edge)
        start = token.start() if token else edge
        if start <= last:
            continue
        m = full.match(text, start)
        if m is not None:
            last = m.start()
            yield m


def _glued(text: str, allowed: frozenset[str]):
    for m in _matches(text, _GLUE_POINT, _GLUED, 0):
        left, right = m.group(1), m.group(2)
        if m.group() in allowed or not known(right):
            continue
        function = _tags().get(right.lower()) in _FUNCTION_TAGS
        if m.start() and text[m.start() - 1] == "-" and not function:
            continue  # "Coca-colaLight": a compound's last part, glued to a name at most
        if not left.isdigit() and not (known(left) or (function and len(left) >= 3)):
            continue
        if left.isdigit() and (len(left) < 2 or (len(right) < 3 and not function)):
            continue  # "4Cast", "3Com": a digit starts some names; "5Gb"-like units
        at = m.start(2)
        yield Span(m.start(), m.end()), Edit(Span(at, at), " "), "unsafe"


def _run_together(text: str, full: regex.Pattern, allowed: frozenset[str]):
    for m in _matches(text, _GLUE_POINT, full, 0):
        if m.group() in allowed:
            continue
        at = m.start(2)
        # "Scholz. He hosts": most likely a lost full stop, but it may have been a line
        # break or a headline's end: unsafe.
        yield Span(m.start(), m.end()), Edit(Span(at, at), ". "), "unsafe"


def _hyphens(text: str, prefixes: frozenset[str]):
    if "-" not in text:
        return
    for m in _matches(text, _SPACE_HYPHEN_POINT, _SPACE_HYPHEN, 1):
        left, right = m.group(1), m.group(2)
        if not (known(right) or left.lower() in prefixes):
            continue
        # "economy -which stagnated" is a dash without its space: only a hyphenated word
        # the lexicon knows, or a prefix, is mended
        if not (known(f"{left}-{right}") or left.lower() in prefixes):
            continue
        gap = Span(m.end(1), m.start(2) - 1)
        yield Span(m.start(), m.end()), Edit(gap, ""), "safe" if known(f"{left}-{right}") else "unsafe"
    for m in _matches(text, _HYPHEN_SPACE_POINT, _HYPHEN_SPACE, 0):
        left, right = m.group(1), m.group(2)
        if right in _SUSPENDED:
            continue
        whole = left + right
        gap = Span(m.end(1), m.start(2))
        newline = "\n" in text[gap.start : gap.end]
        if known(whole, zipf=2) and not (known(left) and known(right) and newline):
            # a word split by a line-end hyphen: "gov- ernment"
            # certain when the part after the hyphen is no word of its own ("ernment")
            yield Span(m.start(), m.end()), Edit(gap, ""), "unsafe" if known(right) else "safe"
        elif not newline and known(left) and known(right) and known(f"{left}-{right}"):
            yield Span(m.start(), m.end()), Edit(Span(gap.start + 1, gap.end), ""), "unsafe"


compile = GluedCheck
