"""grammar.fragment: verbless sentences, and verbs the tagger reads as nouns (not fragments)."""

from __future__ import annotations

import pytest

from lint.api import lint_text
from lint.text.document import Document
from lint.text.verb_shapes import verb_able

LEAD = "The council met on Monday. "


def fragments(text: str) -> list[str]:
    return [text[d.span.start : d.span.end] for d in lint_text(text, select=["grammar.fragment"])]


@pytest.mark.parametrize(
    "sentence",
    [
        "Local banks offer a cheaper loan to small firms.",  # plural subject, base form read as a noun
        "The two singers share five awards between them.",
        "The two bakeries also own a chain of cafes.",  # an adverb between subject and verb
        "The exhibition mixes painting with film.",  # singular subject, a form in -s
        "The oldest recordings date from the summer of 1962.",
        "Residents rely entirely on the ferry.",
        "A regional court banned the company from the tender.",  # a past tense read as a participle
        "After the vote, the members praised the chair.",
        "A third of the members read the report in full.",  # after "A": an apposition's opener
        "Shop the rest of the winter sale on our site.",  # an imperative whose verb reads as a noun
        "Sign up for four months of the service for a pound.",  # a verb and its particle
        "For more details, please visit the council's website.",  # after "please"
        "By 2014 I mothballed the plant to focus on the farm.",  # -ed after "I"
        "In December, the firm bid $12 a share for the group.",  # "bid" before a price
        "The carrier plans to swap its older jets for new ones.",  # an -s verb before "to" and a verb
        "For now, he tunes out the critics on social media.",  # after "he": its verb
        "For a one-day sale of our jewellery, visit the store.",  # an imperative after a comma
    ],
)
def test_a_verb_read_as_a_noun_is_still_a_verb(sentence):
    assert fragments(LEAD + sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Interest rates at a record high since the spring.",  # a noun in -s before a preposition
        "A decision criticised by the unions.",
        "Not much hope for the talks after all.",
        "A house destroyed by fire in the night.",  # a participle before "by"
        "For abuse of power and the leaking of state secrets.",  # two nouns at the end
        "Visit of the president to the region of the floods.",  # a noun head before "of"
    ],
)
def test_verbless_sentences_are_still_fragments(sentence):
    assert fragments(LEAD + sentence) == [sentence]


def test_verb_able_reads_the_lexicon_s_verb_forms():
    assert [w for w in ("offer", "mixes", "recognises", "rely", "history", "fee") if verb_able(w)] == [
        "offer",
        "mixes",
        "recognises",
        "rely",
    ]


def test_a_line_that_opens_with_a_label_is_a_list_not_a_fragment():
    text = "City won 2-0 at home. Subs: Ward, Lee, Park, Moss, Hall, Dunn."
    assert fragments(text) == []


def test_list_labels_and_unit_abbreviations_do_not_end_sentences():
    text = "a. The first item in the list.\n\nb. It takes about 16 msec. to cross 25 mm. of tissue."
    assert fragments(text) == []
    assert lint_text(text, select=["grammar.split-sentence", "grammar.lowercase-start"]) == []


def test_company_forms_and_short_abbreviations_do_not_end_sentences():
    text = (
        "Stalholt ehf. is the holding company of the two brothers. Police counted a max. of 900 "
        "cars.\n\nE.g. books, gift items and vouchers were sold, the manager said."
    )
    assert lint_text(text, select=["grammar.split-sentence", "grammar.lowercase-start"]) == []
    # Before a word that opens sentences, the abbreviation still ends one.
    doc = Document.from_text("Prices reached a record max. The index then fell back.")
    assert [doc.text[s.start : s.end] for s in doc.sentences] == [
        "Prices reached a record max.",
        "The index then fell back.",
    ]
