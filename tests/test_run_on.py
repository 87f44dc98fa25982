"""grammar.run-on: a sentence opener capitalised inside a sentence (a lost full stop)."""

from __future__ import annotations

import dataclasses

import pytest

from lint.api import lint_text
from lint.kinds import run_on
from lint.rule import Context, ParamError
from lint.rules.registry import load_registry


def found(text: str):
    return [
        (d.rule, text[d.span.start : d.span.end], d.category, d.severity.value, d.message)
        for d in lint_text(text, select=["grammar.run-on"])
    ]


def test_a_lost_full_stop_between_two_sentences():
    text = "Ministers met in Brussels on Monday The talks ended without a deal."
    assert found(text) == [
        (
            "grammar.run-on",
            "Monday The",
            "grammar",
            "warning",
            "'Monday The': 'The' is capitalised inside a sentence (a lost full stop, or a stray capital)",
        )
    ]


def test_after_a_number_and_after_a_name():
    text = (
        "Exports rose by 4% in 2023 But the deficit widened.\n\n"
        "Aid will go to partners in Asia and South America To support their farmers.\n"
    )
    assert [f[1] for f in found(text)] == ["2023 But", "America To"]


def test_no_fix_is_offered():
    (d,) = lint_text("The vote was delayed again The opposition walked out.", select=["grammar.run-on"])
    assert d.fix is None


@pytest.mark.parametrize(
    "text",
    [
        "She starred in the film In the Name of the Father last year.",  # a title goes on in capitals
        "Chris Weitz, who directed About a Boy, said so.",
        "They finished top of Group A with three wins.",  # a lone letter is a label
        "Viewers watched Faking It and laughed.",  # an opener that ends a title, after a capital
        "Fans of Take That flew in from abroad.",
        "Flood Warning For the Whole Valley as Rivers Rise",  # headline case
        "WHEN AND WHERE The parade starts at noon.",  # after a heading in capitals
        "He said: The talks will go on.",  # after a colon: a quotation may open
        "The talks ended. The minister flew home.",
        "The deal was signed\nThe minister flew home.",  # a line break: a heading, or a list
    ],
)
def test_titles_labels_and_real_sentence_starts_are_not_flagged(text):
    assert found(text) == []


def test_openers_are_required():
    rule = next(r for r in load_registry(context=Context()) if r.id == "grammar.run-on")
    with pytest.raises(ParamError, match="openers"):
        run_on.compile(dataclasses.replace(rule, params={}))
