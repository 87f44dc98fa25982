"""The model of marks, quotes and brackets, glued words and encoding damage, on small
hand-written texts: each shape of copy damage gives one finding of the right rule at the
exact span, its fix round-trips, and what the table allows stays quiet."""

from __future__ import annotations

import pytest
from test_properties import check_all

from lint.datafiles.strict import DataError
from lint.readers import document_from_source
from lint.rules.registry import compile_rule, parse_pack

from helpers import fix, lint

SELECT = ("punctuation", "encoding")

# (text, rule, flagged, fixed text or None for no fix, applicability)
CASES = [
    # clusters of marks
    (
        "The talks ended. . Officials left.",
        "punctuation.doubled-mark",
        ". .",
        "The talks ended. Officials left.",
        "safe",
    ),
    ("Crops, , seeds and fuel.", "punctuation.doubled-mark", ", ,", "Crops, seeds and fuel.", "safe"),
    ("Really?? Yes.", "punctuation.doubled-mark", "??", "Really? Yes.", "safe"),
    ("Who pays?. Nobody.", "punctuation.mark-then-period", "?.", "Who pays? Nobody.", "safe"),
    (
        "It was approved,. Then it stalled.",
        "punctuation.comma-period",
        ",.",
        "It was approved. Then it stalled.",
        "unsafe",
    ),
    ("He said sorry., and left.", "punctuation.comma-period", ".,", "He said sorry, and left.", "unsafe"),
    ("Prices rose: ; then fell.", "punctuation.comma-period", ": ;", "Prices rose: then fell.", "unsafe"),
    (
        "The minister resigned , aides said.",
        "punctuation.space-before-mark",
        " ,",
        "The minister resigned, aides said.",
        "safe",
    ),
    (
        "The minister resigned ,aides said.",
        "punctuation.space-before-mark",
        " ,",
        "The minister resigned, aides said.",
        "safe",
    ),
    (
        "I have no plan but ? I am ready.",
        "punctuation.space-before-mark",
        " ?",
        "I have no plan but? I am ready.",
        "unsafe",
    ),
    (
        "Talks ended, it reports.Tokayev left, says News.Az.",
        "punctuation.missing-space",
        ".",
        "Talks ended, it reports. Tokayev left, says News.Az.",
        "safe",
    ),
    (
        "It backed green projects.A joint statement followed.",
        "punctuation.missing-space",
        ".",
        "It backed green projects. A joint statement followed.",
        "safe",
    ),
    ("He declined,adding nothing.", "punctuation.missing-space", ",", "He declined, adding nothing.", "safe"),
    (
        "Talks with Iran. has not started.",
        "punctuation.stray-period",
        ".",
        "Talks with Iran has not started.",
        "unsafe",
    ),
    (
        "It warmed in March, when Mirziyoyev and Rahmon, discussed new dams.",
        "punctuation.subject-comma",
        (",", 46),
        "It warmed in March, when Mirziyoyev and Rahmon discussed new dams.",
        "unsafe",
    ),
    # quotes and brackets with direction
    (
        "“We have trouble ahead, ”said one reader.",
        "punctuation.quote-spacing",
        " ”",
        "“We have trouble ahead,” said one reader.",
        "safe",
    ),
    (
        '"We have trouble ahead, "said one reader.',
        "punctuation.quote-spacing",
        ' "',
        '"We have trouble ahead," said one reader.',
        "safe",
    ),
    (
        "He called it “ a disgrace” and left.",
        "punctuation.quote-spacing",
        "“ ",
        "He called it “a disgrace” and left.",
        "safe",
    ),
    (
        'He called it " a disgrace" and left.',
        "punctuation.quote-spacing",
        '" ',
        'He called it "a disgrace" and left.',
        "safe",
    ),
    (
        "He called it “a disgrace ” and left.",
        "punctuation.quote-spacing",
        " ”",
        "He called it “a disgrace” and left.",
        "safe",
    ),
    ("Chelsea said:“We deny it.”", "punctuation.quote-spacing", "“", "Chelsea said: “We deny it.”", "safe"),
    (
        "“We deny it,“ the club said.",
        "punctuation.quote-spacing",
        ("“", 12),
        "“We deny it,” the club said.",
        "unsafe",
    ),
    (
        "It cost $1bn ( £0.5bn) in all.",
        "punctuation.quote-spacing",
        "( ",
        "It cost $1bn (£0.5bn) in all.",
        "safe",
    ),
    (
        "It cost $1bn (£0.5bn ) in all.",
        "punctuation.quote-spacing",
        " )",
        "It cost $1bn (£0.5bn) in all.",
        "safe",
    ),
    ("The operation in’ Afrin began.", "punctuation.quote-spacing", "’", None, None),
    ('He paid an ""unfair" sum.', "punctuation.doubled-mark", '""', 'He paid an "unfair" sum.', "safe"),
    ("The deal “was unfair, he said.", "punctuation.unbalanced", "“", None, None),
    ("Regrettably, I was surprised,” he said.", "punctuation.unbalanced", "”", None, None),
    # glued words and broken hyphens
    (
        "He signed Order 14257White House papers.",
        "punctuation.glued-words",
        "14257White",
        "He signed Order 14257 White House papers.",
        "unsafe",
    ),
    (
        "The minister saidThe talks resume.",
        "punctuation.glued-words",
        "saidThe",
        "The minister said The talks resume.",
        "unsafe",
    ),
    (
        "It grew in 2024The firm said.",
        "punctuation.glued-words",
        "2024The",
        "It grew in 2024 The firm said.",
        "unsafe",
    ),
    (
        "Sales of smartphonesIt also sold tablets.",
        "punctuation.glued-words",
        "smartphonesIt",
        "Sales of smartphones It also sold tablets.",
        "unsafe",
    ),
    (
        "I call on the re -elected president.",
        "punctuation.broken-hyphen",
        "re -elected",
        "I call on the re-elected president.",
        "safe",
    ),
    ("The gov- ernment fell.", "punctuation.broken-hyphen", "gov- ernment", "The government fell.", "safe"),
    (
        "Plans for the privat- isation fell.",
        "punctuation.broken-hyphen",
        "privat- isation",
        "Plans for the privatisation fell.",
        "safe",
    ),
    ("A lower- cost chip.", "punctuation.broken-hyphen", "lower- cost", "A lower-cost chip.", "unsafe"),
    # encoding damage
    ("He donâ€™t know.", "encoding.mojibake", "â€™", "He don’t know.", "safe"),
    ("â€œWe won, he said.", "encoding.mojibake", "â€œ", "“We won, he said.", "safe"),
    (
        "The talks ended.Â The ministers left.",
        "encoding.mojibake",
        "Â",
        "The talks ended. The ministers left.",
        "safe",
    ),
    ("It cost Â£5m.", "encoding.mojibake", "Â", "It cost £5m.", "safe"),
    ("Marks &amp; Spencer rose.", "encoding.html-entity", "&amp;", "Marks & Spencer rose.", "safe"),
    ("A sunny&nbsp;day.", "encoding.html-entity", "&nbsp;", "A sunny day.", "safe"),
    ("He didn&#8217;t say.", "encoding.html-entity", "&#8217;", "He didn’t say.", "safe"),
    (
        "The vote was close.<br>The count took days.",
        "encoding.markup",
        "<br>",
        "The vote was close. The count took days.",
        "unsafe",
    ),
    (
        "The vote was close. <br /> The count took days.",
        "encoding.markup",
        "<br />",
        "The vote was close. The count took days.",
        "unsafe",
    ),
    ("It was **final**, he said.", "encoding.markup", "**final**", "It was final, he said.", "unsafe"),
    (
        '[caption id="a1" width="300"]A minister. He spoke.',
        "encoding.markup",
        '[caption id="a1" width="300"]',
        "A minister. He spoke.",
        "unsafe",
    ),
]

# What the table allows, and correct text that looks like damage.
GOOD = [
    "“We waited . . . and waited,” she said. He paused... then spoke. Why now?... Nobody knows!",
    "Prices rose 3.5% to $1.2bn by 10.30am on 1,400 sites; version 2.0b and v1.2.3 ship at 10:30.",
    "She has a Ph.D. and works for the U.S. Navy; Sen. Smith, Gen. Jones, Sep. 5 polls, etc., vs. last year.",
    "Visit www.example.com, BBC.co.uk or press@example.org and read report.pdf with ASP.NET today.",
    "Shares rose. eBay said so. iPhone sales fell. de Blasio won. The agency News.Az said so.",
    "He won Jeopardy!, the quiz, twice. Really?! Yes. Wow!? It is J. R. R. Tolkien's 3D and 5G world.",
    "Sales of the iPhone, YouTube, McDonald's, PlayStation and easyJet rose. 4Cast said so in the 1990s.",
    "Pre- and post-war figures differ, as do two- or three-year terms, the well-known re-elected MPs.",
    "The students’ union said ‘Nothin’ doing,’ and it’s the council’s plan: a) build, b) wait (again).",
    'He said: "We will stay," and "we will fight." It\'s over. "And the quote goes on," he added.',
    "A café in São Paulo cost £5m — he didn’t say. Marks & Spencer, AT&T, R&D and Q&A rose 2 < 3.",
    "The economy -which stagnated- grew. The score was 3 - 1. Fiat -best known for Ferrari- rose.",
    "Smith, born in 1950, won. Jones, aged 45, died. Talks with Putin and Xi, said the Kremlin, went well.",
]


def _one(text, rule):
    found = [d for d in lint(text, SELECT) if d.rule == rule]
    return found


@pytest.mark.parametrize(
    ("text", "rule", "flagged", "fixed", "applicability"), CASES, ids=[c[0][:40] for c in CASES]
)
def test_shape_is_found_at_its_exact_span_and_fixed(text, rule, flagged, fixed, applicability):
    everything = lint(text, SELECT)
    found = [d for d in everything if d.rule == rule]
    flagged, start = flagged if isinstance(flagged, tuple) else (flagged, text.index(flagged))
    assert [(d.span.start, d.span.end, d.text) for d in found] == [(start, start + len(flagged), flagged)], [
        (d.rule, d.text) for d in everything
    ]
    [d] = found
    assert d.category == "punctuation"
    if applicability is None:
        assert d.fix is None
        return
    assert d.fix is not None and d.fix.applicability.value == applicability
    if fixed is not None:
        after = fix(text, (rule,))
        assert after == fixed
        assert _one(after, rule) == [], "the fix must remove the finding"


@pytest.mark.parametrize("text", GOOD, ids=[g[:40] for g in GOOD])
def test_allowed_text_stays_quiet(text):
    assert [(d.rule, d.text) for d in lint(text, SELECT)] == []


@pytest.mark.parametrize(
    "text", [c[0] for c in CASES] + GOOD, ids=[t[:40] for t in [c[0] for c in CASES] + GOOD]
)
def test_fixes_settle_and_touch_only_their_edits(text):
    check_all(text, "story.txt")


def test_markup_and_entities_are_text_in_markdown_and_html():
    md = document_from_source("Marks &amp; Spencer was **up**.\n\nA line<br>break.\n", "a.md")
    html = document_from_source("<p>Marks &amp; Spencer<br>rose &#8217;n&nbsp;fell.</p>", "a.html")
    for doc in (md, html):
        from lint.engine import Engine, Selection

        from helpers import registry

        found = Engine(registry(), Selection(select=("encoding",))).lint(doc)
        assert found == [], [(d.rule, d.text) for d in found]
    # the same damage in plain text is found
    assert {d.rule for d in lint("Marks &amp; Spencer was **up**.<br>", ("encoding",))} == {
        "encoding.html-entity",
        "encoding.markup",
    }


def test_a_bad_table_is_reported_with_its_file_and_line(tmp_path):
    table = tmp_path / "marks.yaml"
    table.write_text("verbatim: {}\nclusters: [a]\n", encoding="utf-8")
    [rule] = parse_pack(
        "pack: house\nrules:\n  - id: house.marks\n    title: Marks\n"
        "    kind: punctuation\n    finds: doubled-mark\n"
        f"    table: {table}\n    category: punctuation\n    severity: error\n    message: m\n"
        "    description: d\n    examples: [{good: ok}]\n",
        "house.yaml",
    )
    with pytest.raises(DataError) as err:
        compile_rule(rule)
    assert "house.yaml:7" in str(err.value) and f"{table}:2" in str(err.value)
