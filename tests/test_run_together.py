"""grammar.run-together: a capitalised word with the next sentence's opening word glued on."""

from __future__ import annotations

from lint.api import lint_text
from lint.fix import apply_fixes


def found(text: str):
    return [
        (d.rule, text[d.span.start : d.span.end], d.category, d.severity.value)
        for d in lint_text(text, select=["grammar.run-together"])
    ]


def test_a_name_glued_to_the_next_sentence():
    text = "Officials met Chancellor Olaf ScholzHe hosts the talks on Friday."
    assert found(text) == [("grammar.run-together", "ScholzHe", "grammar", "warning")]


def test_the_fix_puts_back_the_full_stop_and_round_trips():
    text = "The talks ended in KyivThe minister flew home. Aides said ParisHe would return."
    diags = lint_text(text, select=["grammar.run-together"])
    fixed, count = apply_fixes(text, diags, unsafe=True)
    assert count == 2
    assert fixed == "The talks ended in Kyiv. The minister flew home. Aides said Paris. He would return."
    assert lint_text(fixed, select=["grammar.run-together"]) == []


def test_names_and_words_that_are_not_glued_sentences():
    for text in (
        "Share it on LinkedIn or AddThis if you like.",  # LinkedIn: "In" is no opener; AddThis is listed
        "Sales at McDonald's and YouTube grew, and PlayStation sales fell.",
        "He wrote KyivThe.",  # nothing follows: a title or a handle, not a sentence
        "Shares in eBay and iPhone makers rose.",
    ):
        assert found(text) == [], text
