"""Repetition: a word written twice in a row ("the the"; the fix keeps one), or, with
``finds: loop``, a run of words said over and over ("Bern, Bern, Bern, Bern, Bern, Bern",
"the bank's products, the bank's products, the bank's products"): a translation or
generation loop. A loop is a unit of two to ``max_words`` words repeated ``min_repeats``
times or more in a row, or a single word ``min_single`` times or more, inside one run of
words joined by spaces and commas, with a word of ``min_letters`` or more in the unit
(speech loops on short words: "on and on and on", "ha ha ha") and not one word and one of
``joiners`` ("look and look and look"); the fix keeps one copy. ``commas: false`` counts
only copies joined by spaces (a list repeats its items with commas: "iPhone 11, iPhone 11
Pro"), ``names: false`` leaves a unit with a capitalised word (a title or a place:
"Measure for Measure", "New York, New York"), and ``pair_min_letters`` asks each word of
a two-word unit for that many letters (idioms repeat a short word: "a spade a spade")."""

from __future__ import annotations

from collections import Counter

import regex

from lint.datafiles import compiled_regex
from lint.diagnostics import Span
from lint.kinds import time_budget
from lint.rule import ParamError

# Same word twice (case-insensitively). Kept this simple for speed: the rare candidates are
# then checked for a paragraph break between the words and for "-"/"'" joining them on.
_REPEAT = compiled_regex.compile(r"\b(\p{L}+)(\s+)(\1)\b", regex.I)
_JOINERS = "'’-"
# A run of words joined by spaces and commas only: a loop never crosses other punctuation.
_RUN = compiled_regex.compile(r"[\p{L}\p{N}'’-]+(?:,?[ ]+[\p{L}\p{N}'’-]+)+")
_RUN_SPACES = compiled_regex.compile(r"[\p{L}\p{N}'’-]+(?:[ ]+[\p{L}\p{N}'’-]+)+")
_WORD = compiled_regex.compile(r"[\p{L}\p{N}'’-]+")


class RepetitionCheck:
    def __init__(self, rule, context=None):
        p = rule.params
        self.rule = rule
        self.finds = p.get("finds", "word")
        if self.finds not in ("word", "loop"):
            raise ParamError("finds", f"unknown repetition {self.finds!r}: word or loop")
        self.allow = {w.casefold() for w in p.get("allow", [])}
        self.applicability = p.get("applicability", "safe")
        self.max_words = int(p.get("max_words", 8))
        self.min_repeats = int(p.get("min_repeats", 3))
        self.min_single = int(p.get("min_single", 6))
        self.min_letters = int(p.get("min_letters", 4))
        self.joiners = frozenset(p.get("joiners", ()))
        self.runs = _RUN if p.get("commas", True) else _RUN_SPACES
        self.names = bool(p.get("names", True))
        self.pair_min_letters = int(p.get("pair_min_letters", 0))

    def run(self, doc):
        if self.finds == "loop":
            yield from self._loops(doc.text)
            return
        text = doc.text
        for m in _REPEAT.finditer(text, timeout=time_budget(self.rule, text)):
            word = m.group(1)
            if m.group(2).count("\n") > 1 or _joined(text, m.start(), m.end()):
                continue
            if word.casefold() in self.allow:
                continue
            if word[0].isupper() and m.group(3) == word:
                continue  # a doubled name: "Walla Walla", "Bora Bora", "Duran Duran"
            yield self.rule.report(
                Span(*m.span()), replacement=word, applicability=self.applicability, text=m.group(), word=word
            )

    def _loops(self, text: str):
        least = min(self.min_repeats, self.min_single)
        for run in self.runs.finditer(text):
            words = _WORD.findall(text, run.start(), run.end())
            # A loop repeats one of its longer words as often as the unit: most runs have no
            # such word, which counting (in C) tells before any comparing.
            if len(words) - len(set(words)) < least - 1:
                continue
            if not any(c >= least and len(w) >= self.min_letters for w, c in Counter(words).items()):
                continue
            for i, n, reps in self._repeats(words):
                # Offsets of the three words that bound the loop and its first unit, read
                # again from the text (a list of every word's offsets costs memory).
                at = _offsets(text, run.start(), run.end(), (i, i + n - 1, i + n * reps - 1))
                unit_end = at[i + n - 1][1]
                span = Span(at[i][0], at[i + n * reps - 1][1])
                yield self.rule.report(
                    span,
                    replacement=text[span.start : unit_end],
                    applicability=self.applicability,
                    text=text[span.start : span.end],
                )

    def _loop_unit(self, unit: list[str]) -> bool:
        """Whether a repeated unit is a loop, not speech: it has a long word, and it is not
        one word and a joiner ("look and look and look", "time after time after time")."""
        if not any(len(x) >= self.min_letters for x in unit):
            return False
        if len(unit) > 1 and len({x.lower() for x in unit}) == 1:
            return False  # one word said again and again: the single-word count decides
        if not self.names and any(x[:1].isupper() for x in unit):
            return False
        if len(unit) == 2 and any(len(x) < self.pair_min_letters for x in unit):
            return False  # idioms: "a spade a spade", "as good as good", "hand in hand in"
        return not (len(unit) == 2 and any(x.lower() in self.joiners for x in unit))

    def _repeats(self, words: list[str]):
        """(start, unit length, repeats) of each loop in a run's words. A unit starts where
        its first word recurs within ``max_words``: one pass over the words finds those
        places, and only they are compared."""
        seen: dict[str, list[int]] = {}  # each word's positions within max_words back
        done = 0  # words before this are inside a loop already reported
        for j, w in enumerate(words):
            recent = seen.setdefault(w, [])
            while recent and j - recent[0] > self.max_words:
                recent.pop(0)
            for p in reversed(recent):
                if p < done:
                    break
                n = j - p
                unit = words[p:j]
                reps = 1
                while words[p + reps * n : p + (reps + 1) * n] == unit:
                    reps += 1
                if reps >= (self.min_single if n == 1 else self.min_repeats) and self._loop_unit(unit):
                    yield p, n, reps
                    done = p + reps * n
                    break
            recent.append(j)


def _offsets(text: str, start: int, end: int, wanted: tuple[int, ...]) -> dict[int, tuple[int, int]]:
    """The (start, end) of the words numbered ``wanted`` in ``text[start:end]``."""
    out, last = {}, max(wanted)
    for k, m in enumerate(_WORD.finditer(text, start, end)):
        if k in wanted:
            out[k] = m.span()
        if k == last:
            break
    return out


def _joined(text: str, start: int, end: int) -> bool:
    return (start > 0 and text[start - 1] in _JOINERS) or (end < len(text) and text[end] in _JOINERS)


compile = RepetitionCheck
