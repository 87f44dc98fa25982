"""grammar.broken-paragraph: a sentence cut in two by a paragraph break."""

from __future__ import annotations

from lint.api import lint_text
from lint.fix import apply_fixes

RULE = ["grammar.broken-paragraph"]


def found(text: str) -> list[str]:
    return [text[d.span.start : d.span.end] for d in lint_text(text, select=RULE)]


def test_the_break_is_named_and_the_fix_joins_the_sentence_again():
    text = "Talks resumed.\n\nThe union said on Monday that its members\n\nwould return to work on Friday.\n"
    diags = lint_text(text, select=RULE)
    assert [(d.rule, text[d.span.start : d.span.end], d.severity.value) for d in diags] == [
        ("grammar.broken-paragraph", "members\n\nwould", "warning")
    ]
    assert "'members ¶ would'" in diags[0].message
    fixed, count = apply_fixes(text, diags, unsafe=True)
    assert count == 1
    assert (
        fixed
        == "Talks resumed.\n\nThe union said on Monday that its members would return to work on Friday.\n"
    )
    assert lint_text(fixed, select=RULE) == []


def test_lists_labels_brands_and_ended_sentences_are_left_alone():
    assert (
        found("What to pack\n\nwater, a map and a hat\n\nsun cream and a towel\n") == []
    )  # items end no sentence
    assert (
        found("Sales rose sharply this year\n\nzorbix said its model sold out.\n") == []
    )  # a brand in lower case
    assert found("Sales rose.\n\nthe council will meet on Monday.\n") == []  # a sentence end before the break
    assert found("Sport\n\nand the results of the day are below.\n") == []  # a label of one word
