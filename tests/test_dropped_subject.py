"""grammar.dropped-subject: an opening phrase and its comma, then a verb with no subject."""

from __future__ import annotations

import pytest

from lint.api import lint_text


def found(text: str):
    return [
        (d.rule, text[d.span.start : d.span.end], d.severity.value, d.message)
        for d in lint_text(text, select=["grammar.dropped-subject"])
    ]


def test_an_auxiliary_straight_after_the_opening():
    text = "The board met on Monday. However, was unable to agree on a new chair."
    assert found(text) == [
        (
            "grammar.dropped-subject",
            "However, was",
            "warning",
            "'However, was': no subject before 'was' (lost in translation or in an edit?)",
        )
    ]


def test_a_present_tense_verb_after_a_prepositional_opening():
    text = "In its latest report, predicts that inflation will fall next year."
    assert [f[1] for f in found(text)] == ["report, predicts"]


def test_no_fix_is_offered():
    (d,) = lint_text("Afterwards, will travel to Paris for talks.", select=["grammar.dropped-subject"])
    assert d.fix is None


@pytest.mark.parametrize(
    "text",
    [
        "However, says the report, prices will rise again.",  # an inverted reporting verb
        "In its latest report, the bank predicts that inflation will fall.",
        "So, is it over?",  # a question
        "The car, unveiled in Geneva, is a hybrid.",  # a noun opening: an apposition
        "After he left, was the club any better?",  # a verb in the opening; a question
        '"Frankly, is the word," he said.',  # a quotation opens the sentence
        "Meanwhile, prices rose.",
    ],
)
def test_sentences_with_their_subject_are_not_flagged(text):
    assert found(text) == []


def test_a_sentence_that_opens_with_its_verb():
    text = "The couple spoke to us on Monday. Intends to buy a house in the city centre."
    assert found(text) == [
        (
            "grammar.dropped-subject",
            "Intends",
            "warning",
            "'Intends': no subject before 'Intends' (lost in translation or in an edit?)",
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Fixtures were changed. Matches to be played on Sunday afternoon.",  # a noun and its infinitive
        "Thats the appeal of the show for many viewers.",  # a contraction without its apostrophe
        "Hopes are high for the new season.",  # a noun in -s and its verb
    ],
)
def test_a_noun_or_contraction_at_the_start_is_not_flagged(text):
    assert found(text) == []
