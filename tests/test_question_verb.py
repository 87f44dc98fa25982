"""grammar.question-verb: a question that keeps its statement verb after the subject."""

from __future__ import annotations

from lint.api import lint_text


def found(text: str) -> list[tuple[str, str]]:
    return [
        (text[d.span.start : d.span.end], d.message)
        for d in lint_text(text, select=["grammar.question-verb"])
    ]


def test_the_run_from_question_word_to_second_verb_is_named():
    text = "Shops closed early. Why do many shoppers' first fear is panic?"
    assert found(text) == [
        (
            "Why do many shoppers' first fear is",
            "'Why do many shoppers' first fear is': the question has its auxiliary and 'is' "
            "too (keep one verb)",
        )
    ]


def test_inside_a_longer_sentence_after_a_comma():
    text = "The gyms shut, members can wait, why is the first answer of the members is anger."
    assert [span for span, _ in found(text)] == ["why is the first answer of the members is"]


def test_english_questions_and_clauses_are_left_alone():
    for text in (
        "Why does the council have to pay for it?",  # a bare verb after the subject
        "Why is it that the prices are so high?",  # a clause word between
        "What is a pity is that the games are late.",  # a pseudo-cleft
        "Several people who are union members are on strike.",  # a relative clause
        "How many of the players are fit is not yet known.",  # no auxiliary before the subject
    ):
        assert found(text) == [], text
