"""grammar.agreement: a verb that does not agree with its subject's head noun."""

from __future__ import annotations

import pytest

from lint.api import lint_text


def found(text: str) -> list[tuple[str, str]]:
    return [(d.rule, text[d.span.start : d.span.end]) for d in lint_text(text, select=["grammar.agreement"])]


def test_a_plural_head_with_a_singular_verb():
    text = "The new rules on fishing has angered farmers in the north."
    assert found(text) == [("grammar.agreement", "has")]


@pytest.mark.parametrize(
    "text",
    [
        "Every arm of the council seems to have had a say in the plan.",  # an infinitive
        "Analysts claim many have left the market this year.",  # "claim" is the verb
        "At least a dozen teenagers are thought to be missing.",  # a quantity, not the head
        "Formula Two drivers are paid well this year.",  # a name before the head noun
        "Estimates of how many readers Zorbix has vary widely.",  # an embedded clause's subject
        "The woman making sure local networks are safe has resigned.",  # the participle's object
        "The defence are expected to call two more witnesses.",  # a collective noun, British style
    ],
)
def test_verbs_that_are_not_the_subject_s_are_not_flagged(text):
    assert found(text) == []


def test_a_name_before_the_head_noun_keeps_the_head():
    assert found("Formula Two drivers is paid well this year.") == [("grammar.agreement", "is")]


def test_a_noun_after_a_preposition_does_not_take_the_verb_from_the_head():
    # "the deficit" agrees with "has", but it is the preposition's object, not a subject.
    assert found("Market worries about the deficit has hit the pound.") == [("grammar.agreement", "has")]
    # A compound adjective the lexicon reads as a participle stays inside the noun phrase.
    assert found("The newest crop of app-based delivery firms have a plan for the city.") == [
        ("grammar.agreement", "have")
    ]


def test_an_unknown_latin_singular_in_us_is_not_read_as_a_plural():
    # The tagger reads any unknown word in -s as a plural noun; "-virus" compounds are not.
    assert found("The new norovirus has spread through two wards since Monday.") == []
    assert found("The rhinovirus has been found in most of the samples.") == []
    # A plural in -us the lexicon knows keeps its number.
    assert found("The menus has changed since the chef left in May.") == [("grammar.agreement", "has")]
