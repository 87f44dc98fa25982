"""The repetition kind's phrase rules: grammar.doubled-phrase (twice in a row) beside
grammar.repetition-loop (three times or more)."""

from __future__ import annotations

from lint.api import lint_text
from lint.fix import apply_fixes

RULES = ["grammar.doubled-phrase", "grammar.repetition-loop"]


def found(text: str) -> list[tuple[str, str]]:
    return [(d.rule, text[d.span.start : d.span.end]) for d in lint_text(text, select=RULES)]


def test_a_phrase_twice_is_doubled_and_three_times_a_loop():
    twice = "The board has recently moved from moved from the old site to the new one."
    assert found(twice) == [("grammar.doubled-phrase", "moved from moved from")]
    thrice = "Sales rose in the far north, the far north, the far north, and the south."
    assert found(thrice) == [("grammar.repetition-loop", "the far north, the far north, the far north")]


def test_the_fix_keeps_one_copy_and_round_trips():
    text = "The board has recently moved from moved from the old site to the new one."
    diags = lint_text(text, select=RULES)
    fixed, count = apply_fixes(text, diags, unsafe=True)
    assert (fixed, count) == ("The board has recently moved from the old site to the new one.", 1)
    assert lint_text(fixed, select=RULES) == []


def test_lists_names_and_a_word_said_twice_are_not_doubled_phrases():
    for text in (
        "The shop sells the Phone 11, the Phone 11 Pro and cases.",  # a list: copies joined by a comma
        "The venue is in Virginia Beach Virginia Beach, near the coast.",  # a name
        "It was a very very close race in the end.",  # one word: typos.repeated-word's
        "Prices rose more and more as the winter went on.",  # a word and a joiner
    ):
        assert found(text) == [], text
