"""The Document: sentence and paragraph boundaries, the source map, lines and columns."""

from __future__ import annotations

import datetime as dt

import pytest

from lint.diagnostics import Span
from lint.readers import read_bytes
from lint.text.document import Document


def sentences_of(text: str) -> list[str]:
    doc = Document.from_text(text)
    return [text[s.start : s.end] for s in doc.sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. Ambassador left. He said nothing.", ["The U.S. Ambassador left.", "He said nothing."]),
        (
            "It was a win for the U.S. The talks end today.",
            ["It was a win for the U.S.", "The talks end today."],
        ),
        ("Gen. Mark Milley spoke. Sen. Warren replied.", ["Gen. Mark Milley spoke.", "Sen. Warren replied."]),
        (
            "It was signed on Jan. 12 in Paris. Nobody came.",
            ["It was signed on Jan. 12 in Paris.", "Nobody came."],
        ),
        (
            "He lives at No. 10 Downing Street. She does not.",
            ["He lives at No. 10 Downing Street.", "She does not."],
        ),
        ("They met in St. Petersburg. It rained.", ["They met in St. Petersburg.", "It rained."]),
        (
            "George W. Bush and J. K. Rowling met J.K. Simmons. Odd.",
            ["George W. Bush and J. K. Rowling met J.K. Simmons.", "Odd."],
        ),
        ("Shares in Acme Inc. rose. Rivals fell.", ["Shares in Acme Inc. rose.", "Rivals fell."]),
        (
            "Prices, e.g. for bread, rose 3.5% by 10.30am. Wages did not.",
            ["Prices, e.g. for bread, rose 3.5% by 10.30am.", "Wages did not."],
        ),
        (
            "It ended at 4:30 p.m. By then everyone had left.",
            ["It ended at 4:30 p.m.", "By then everyone had left."],
        ),
        ("It starts at 9 a.m. Eastern on Friday.", ["It starts at 9 a.m. Eastern on Friday."]),
        ("“Are you sure?” he asked. “Yes.” She left.", ["“Are you sure?” he asked.", "“Yes.”", "She left."]),
        ("“We are ready,” Lu said. Talks resume.", ["“We are ready,” Lu said.", "Talks resume."]),
        (
            "because of a war of crime.” President Vladimir Putin in Ukraine.",
            ["because of a war of crime.”", "President Vladimir Putin in Ukraine."],
        ),
        (
            "by law enforcement and security forces. other authorities.",
            ["by law enforcement and security forces.", "other authorities."],
        ),
        ("He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
        (
            "Visit https://example.org/a.b.c today. Or mail press@example.org now.",
            ["Visit https://example.org/a.b.c today.", "Or mail press@example.org now."],
        ),
    ],
)
def test_news_aware_sentences(text, expected):
    assert sentences_of(text) == expected


def test_dateline_is_not_part_of_the_first_sentence():
    for text, dateline in [
        ("WASHINGTON — Anthony Blinken visited Central Asia. He left.", "WASHINGTON — "),
        ("KYIV, Ukraine (AP) — Sirens sounded. People hid.", "KYIV, Ukraine (AP) — "),
        ("LONDON (Reuters) - Shares fell. Bonds rose.", "LONDON (Reuters) - "),
    ]:
        doc = Document.from_text(text)
        assert doc.dateline == Span(0, len(dateline))
        assert text[doc.sentences[0].start :].startswith(text[len(dateline) :].split(".")[0])
        assert doc.sentences[0].start == len(dateline)


def test_a_sentence_never_crosses_a_paragraph():
    text = "Headline without a full stop\nFirst paragraph. Still first.\n\nSecond"
    assert sentences_of(text) == [
        "Headline without a full stop",
        "First paragraph.",
        "Still first.",
        "Second",
    ]


def test_hard_wrapped_prose_is_one_paragraph():
    text = (
        "The minister said on Tuesday that the plan would go ahead despite\n"
        "objections from the opposition, who called it rushed and said they\n"
        "would vote against it in the final reading next week.\n"
        "\n"
        "A second paragraph."
    )
    doc = Document.from_text(text)
    assert len(doc.paragraphs) == 2
    assert doc.paragraphs[0] == Span(0, text.index("\n\n"))


def test_one_paragraph_per_line_in_scraped_copy():
    text = "Line one is a paragraph.\nLine two is another.\nLine three."
    assert len(Document.from_text(text).paragraphs) == 3


def test_crlf_positions_and_source_spans():
    source = "First line.\r\nSecond. .\r\nThird"
    doc = Document.from_text(source)
    assert doc.text == "First line.\nSecond. .\nThird"
    start = doc.text.index(". .")
    span = doc.source_span(Span(start, start + 3))
    assert source[span.start : span.end] == ". ."
    pos = doc.position(span.start)
    assert (pos.line, pos.column) == (2, 7)
    # The newline of a CRLF file is two source characters: an edit on it takes both.
    nl = doc.text.index("\n")
    assert doc.source_span(Span(nl, nl + 1)) == Span(11, 13)


def test_bom_is_not_a_column():
    read = read_bytes("\ufeffHello. .\n".encode("utf-8"), "x.txt")
    doc = read.document
    assert doc.has_bom and doc.source == "Hello. .\n"
    assert doc.position(doc.source.index(". .")).column == 6


def test_columns_count_code_points():
    doc = Document.from_text("Zelenskyy 🇺🇦 said. .\n")
    off = doc.source.index(". .")
    assert doc.position(off).column == off + 1 == 18


def test_protected_spans_cover_urls_and_emails_but_not_the_full_stop():
    text = "See https://example.org/report.pdf. Mail press@example.org, or @newsdesk."
    doc = Document.from_text(text)
    found = [text[s.start : s.end] for s in doc.protected]
    assert found == ["https://example.org/report.pdf", "press@example.org", "@newsdesk"]


# -- an insertion at the start of a paragraph the reader made up -------------------------------

_LATER_PARAGRAPH = {
    "a.md": "Talks were held.\n\nForeign Minister Mevlut Cavusoglu said the talks went well.\n",
    "a.html": "<p>Talks were held.</p>\n<p>Foreign Minister Mevlut Cavusoglu said the talks went well.</p>",
    "a.txt": "Talks were held.\n\nForeign Minister Mevlut Cavusoglu said the talks went well.\n",
}


@pytest.mark.parametrize("name", sorted(_LATER_PARAGRAPH))
def test_a_title_at_the_start_of_a_later_paragraph_is_reported_and_fixed(name):
    from lint.engine import Engine, Selection
    from lint.fix import apply_fixes
    from lint.readers import document_from_source

    from helpers import registry

    source = _LATER_PARAGRAPH[name]
    doc = document_from_source(source, name, dt.date(2024, 3, 5))
    [d] = Engine(registry(), Selection(select=("fact.title-date",))).lint(doc)
    assert d.text == "Foreign Minister Mevlut Cavusoglu"
    assert source[d.span.start : d.span.end] == d.text
    [edit] = d.fix.edits
    assert (edit.span.start, edit.span.end, edit.replacement) == (d.span.start, d.span.start, "Former ")
    fixed, applied = apply_fixes(source, [d], unsafe=True)
    assert applied == 1 and fixed == source.replace("Foreign", "Former Foreign")


def test_an_empty_span_maps_to_one_insertion_point_across_dropped_markup():
    source = "<p>Talks were held.</p>\n<p>Foreign Minister spoke.</p>"
    doc = read_bytes(source.encode(), "a.html").document
    at = doc.text.index("Foreign")
    assert doc.source_span(Span(at, at)) == Span(source.index("Foreign"), source.index("Foreign"))
    for offset in range(len(doc.text) + 1):
        start, end = doc.source_map.span(offset, offset)
        assert start == end
