"""The Markdown and HTML readers: only prose is linted, findings point at the file, fixes
keep the markup, and the article date comes from the document."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys

import pytest

from lint.diagnostics import Edit, Span
from lint.engine import Engine, Selection
from lint.fix import apply_fixes
from lint.readers import document_from_source, kind_of, read_bytes, read_path

from conftest import ROOT

DATA = ROOT / "tests" / "data"
STORY = DATA / "story.md"
PAGE = DATA / "cms-page.html"
# Rules whose findings these files were written for; other packs evolve on their own.
PACKS = ("punctuation", "typos", "boilerplate")


def findings(registry, doc):
    found = Engine(registry, Selection(select=PACKS)).lint(doc)
    return [
        (d.rule, doc.position(d.span.start).line, doc.position(d.span.start).column, d.text) for d in found
    ]


def run_fix(path, *extra):
    return subprocess.run(
        [sys.executable, "-m", "lint", "check", "--fix", *extra, "--select", ",".join(PACKS), str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def replaced(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


# -- Markdown ---------------------------------------------------------------------------------

STORY_FINDINGS = [
    ("punctuation.doubled-mark", 10, 62, ". ."),
    ("punctuation.doubled-mark", 17, 33, ";;"),
    ("typos.repeated-word", 18, 31, "the *the"),  # across the emphasis marker
    ("punctuation.space-before-mark", 21, 52, " ,"),  # in a block quote
    ("punctuation.doubled-mark", 25, 28, ",,"),  # after an entity
    ("punctuation.space-before-mark", 33, 22, " ,"),  # in a table cell
]


def test_markdown_findings_point_at_the_file(registry):
    doc = read_path(STORY).document
    assert doc.markup == "markdown"
    # Front matter, the HTML comment and the fenced code block (". ." in each) are not linted.
    assert findings(registry, doc) == STORY_FINDINGS


def test_markdown_lint_text_is_the_prose():
    text = read_path(STORY).document.text
    assert text.startswith("Grain talks resume in Istanbul\n\nISTANBUL — Negotiators")
    assert "title:" not in text and "editor:" not in text and "print(" not in text
    # Emphasis markers, link brackets and destinations go; link text and autolinks stay.
    assert "hosted by Turkey, ran" in text
    assert "read the full report online." in text and "https://example.org/report" not in text
    # An inline code span is the one word "code"; a soft line break is a space.
    assert "Use the code flag, or read" in text
    assert "the grain deal. . The talks" in text
    # Each block is a paragraph; table cells too.
    assert "\n\nWhat was agreed\n\n" in text and "\n\nOdesa\n\n" in text
    assert "Smith & Sons,," in text


def test_markdown_front_matter_gives_the_date_and_metadata():
    doc = read_path(STORY).document
    assert (doc.date, doc.date_source) == (dt.date(2023, 7, 14), "document")
    assert doc.metadata["title"] == "Grain talks resume in Istanbul"
    assert doc.metadata["author"] == "Jane Doe"
    given = read_path(STORY, date=dt.date(2024, 1, 2)).document
    assert (given.date, given.date_source) == (dt.date(2024, 1, 2), "option")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ('date: "2023-07-14T09:30:00Z"', dt.date(2023, 7, 14)),
        ("date: 2023-07-14 09:30:00", dt.date(2023, 7, 14)),
        ("byline: Jo Bloggs", None),
        ("date: next week", None),
    ],
)
def test_front_matter_dates(header, expected):
    doc = document_from_source(f"---\n{header}\n---\n\nText.\n", "a.md")
    assert doc.date == (expected or dt.date.today())
    assert doc.date_source == ("document" if expected else "today")
    if header.startswith("byline"):
        assert doc.metadata["author"] == "Jo Bloggs"


def test_markdown_crlf_positions_and_fix(tmp_path, registry):
    source = STORY.read_text(encoding="utf-8").replace("\n", "\r\n")
    doc = document_from_source(source, "story.md")
    assert doc.text == read_path(STORY).document.text
    assert findings(registry, doc) == [
        (r, line, col, text.replace("\n", "\r\n")) for r, line, col, text in STORY_FINDINGS
    ]
    path = tmp_path / "story.md"
    path.write_bytes(source.encode("utf-8"))
    run_fix(path)
    fixed = path.read_bytes().decode("utf-8")
    assert fixed == FIXED_STORY(STORY.read_text(encoding="utf-8")).replace("\n", "\r\n")


def FIXED_STORY(source: str) -> str:
    return replaced(
        source,
        ("revive the grain deal. .\n", "revive the grain deal.\n"),
        ("at sea;; officials", "at sea; officials"),
        ("open for the *the* next", "open for *the* next"),
        ("Turnout rose ,\n> the", "Turnout rose,\n> the"),
        ("Smith &amp; Sons,, the", "Smith &amp; Sons, the"),
        ("1.2m tonnes , mostly", "1.2m tonnes, mostly"),
    )


def test_markdown_fix_round_trip_keeps_the_markup(tmp_path):
    path = tmp_path / "story.md"
    shutil.copy(STORY, path)
    run = run_fix(path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert path.read_text(encoding="utf-8") == FIXED_STORY(STORY.read_text(encoding="utf-8"))


def test_inline_code_is_one_word_and_never_flagged(registry):
    doc = document_from_source("Call `a` `b` here, then the `foo`, bar.\n", "a.md")
    assert doc.text == "Call code code here, then the code, bar."
    assert findings(registry, doc) == []  # "code code" is not a repeated word


def test_escapes_and_entities_stand_for_their_source(registry):
    source = "Prices \\*rose\\* &amp; fell,, said AT&amp;T.\n"
    doc = document_from_source(source, "a.md")
    assert doc.text == "Prices *rose* & fell,, said AT&T."
    [(rule, line, col, text)] = findings(registry, doc)
    assert (rule, col, text) == ("punctuation.doubled-mark", source.index(",,") + 1, ",,")
    amp = doc.text.index("&")
    assert doc.source_span(Span(amp, amp + 1)) == Span(source.index("&amp;"), source.index("&amp;") + 5)


def test_fix_across_emphasis_keeps_the_markers(registry):
    doc = document_from_source("The **the** minister resigned.\n", "a.md")
    [d] = Engine(registry, Selection(select=PACKS)).lint(doc)
    # "The " goes and the emphasis keeps the word: "**The** minister", not "The ****".
    assert d.fix.edits == (Edit(Span(0, 4), ""), Edit(Span(6, 7), "T"))
    assert apply_fixes(doc.source, [d], unsafe=False)[0] == "**The** minister resigned.\n"


def test_fix_next_to_an_entity_keeps_it(registry):
    source = "<p>The farmers&#8217;,, unions &amp; the the traders.</p>"
    doc = document_from_source(source, "a.html")
    fixed = apply_fixes(source, Engine(registry, Selection(select=PACKS)).lint(doc), unsafe=False)[0]
    assert fixed == "<p>The farmers&#8217;, unions &amp; the traders.</p>"


# -- HTML ---------------------------------------------------------------------------------------

PAGE_FINDINGS = [
    ("punctuation.doubled-mark", 19, 84, ". ."),
    ("punctuation.doubled-mark", 21, 46, ",,"),  # right after &#8217;
    ("boilerplate.share", 23, 41, 'Share this</a> <a href="#">Tweet'),  # the social widget
    ("typos.repeated-word", 24, 18, "the <em>the"),
    ("boilerplate.social", 30, 26, "Follow us on Twitter"),  # <aside>
    ("boilerplate.share", 32, 6, "Share this"),  # <footer>
    ("boilerplate.syndication", 33, 6, "&copy; 2024 Daily Wire Service. All rights reserved."),
]


def test_html_findings_point_at_the_file(registry):
    doc = read_path(PAGE).document
    assert doc.markup == "html"
    # ". ." in <nav>, <style>, <script> and a comment is not prose.
    assert findings(registry, doc) == PAGE_FINDINGS


def test_html_lint_text_is_the_prose():
    text = read_path(PAGE).document.text
    assert text.startswith(
        "Farmers protest in Brussels\n\nBy Jane Doe · 1 February 2024\n\nBRUSSELS — Thousands"
    )
    assert "Home" not in text and "not prose" not in text and "content:" not in text and "TODO" not in text
    assert "on Thursday. . They blocked" in text  # white space collapses as a browser shows it
    assert "farmers’,, unions" in text
    assert "targeted the Common Agricultural Policy." in text
    assert "peaceful & orderly\xa0." in text
    assert "\n\nShare this Tweet\n\n" in text and text.endswith(
        "\n\n© 2024 Daily Wire Service. All rights reserved."
    )


def test_html_metadata():
    doc = read_path(PAGE).document
    assert (doc.date, doc.date_source) == (dt.date(2024, 2, 1), "document")
    assert doc.metadata["title"] == "Farmers protest in Brussels"
    assert doc.metadata["author"] == "Jane Doe"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            '<meta property="article:published_time" content="2021-05-06T10:00:00Z">'
            '<script type="application/ld+json">{"datePublished": "2020-01-01"}</script>',
            dt.date(2021, 5, 6),
        ),
        (
            '<script type="application/ld+json">[{"@graph": [{"datePublished": "2020-01-01"}]}]</script>',
            dt.date(2020, 1, 1),
        ),
        ('<script type="application/ld+json">{not json</script>', dt.date(2019, 9, 9)),
        ("", dt.date(2019, 9, 9)),
    ],
)
def test_html_date_precedence(head, expected):
    source = (
        f"<html><head>{head}</head><body><article><p>Posted <time datetime='2019-09-09'>then</time>"
        "</p><time datetime='2018-01-01'></time></article></body></html>"
    )
    doc = document_from_source(source, "a.html")
    assert (doc.date, doc.date_source) == (expected, "document")
    doc = document_from_source(source, "a.html", dt.date(2000, 1, 1))
    assert (doc.date, doc.date_source) == (dt.date(2000, 1, 1), "option")


def FIXED_PAGE(source: str, unsafe: bool) -> str:
    safe = replaced(
        source,
        ("on Thursday. .\n", "on Thursday.\n"),
        ("farmers&#8217;,, unions", "farmers&#8217;, unions"),
        ("Police said the <em>the</em> march", "Police said <em>the</em> march"),
    )
    if not unsafe:
        return safe
    # Deleting scraped lines leaves their (now empty) elements: the markup stays whole.
    return replaced(
        safe,
        ('<a href="#">Share this</a> <a href="#">Tweet</a>', '<a href="#"></a><a href="#"></a>'),
        ("<p>Follow us on Twitter</p>", "<p></p>"),
        ("<p>Share this</p>", "<p></p>"),
        ("<p>&copy; 2024 Daily Wire Service. All rights reserved.</p>", "<p></p>"),
    )


@pytest.mark.parametrize("unsafe", [False, True])
def test_html_fix_round_trip_keeps_the_markup(tmp_path, unsafe):
    path = tmp_path / "page.html"
    shutil.copy(PAGE, path)
    run = run_fix(path, *(["--unsafe-fixes"] if unsafe else []))
    assert run.returncode == (0 if unsafe else 1), run.stdout + run.stderr
    assert path.read_text(encoding="utf-8") == FIXED_PAGE(PAGE.read_text(encoding="utf-8"), unsafe)


def test_html_replacement_text_is_escaped():
    doc = document_from_source("<p>Tom &amp; Jerry</p>", "a.html")
    start = doc.text.index("Tom")
    [edit] = doc.source_edits((Edit(Span(start, start + 3), "T<m>"),))
    assert edit == Edit(Span(3, 6), "T&lt;m&gt;")


def test_html_inline_code_and_br():
    doc = document_from_source(
        "<article><p>Run <code>ls . .</code> now.<br>Share this</p></article>", "a.htm"
    )
    assert doc.text == "Run code now.\nShare this"


def test_html_fragment_without_article_structure_is_read_whole():
    doc = document_from_source("<div>One. .</div><div>Two <b>bold</b> words</div>", "frag.html")
    assert doc.text == "One. .\n\nTwo bold words"


# -- dispatch and robustness ------------------------------------------------------------------


def test_reader_follows_the_suffix():
    assert [kind_of(n) for n in ("a.md", "b.MARKDOWN", "c.html", "d.htm", "e.txt", "-", "<stdin>")] == [
        "markdown",
        "markdown",
        "html",
        "html",
        "text",
        "text",
        "text",
    ]
    assert read_bytes(b"*a* b", "x.txt").document.text == "*a* b"
    assert read_bytes(b"*a* b", "x.md").document.text == "a b"
    assert document_from_source("*a* b", "x.txt", kind="markdown").text == "a b"


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("a.md", "---\ntitle: never closed\ndate: 2020-01-01\n\nText. .\n"),
        ("a.md", "---\n: [unbalanced yaml\n---\nText.\n"),
        ("a.md", "> " * 5000 + "deep\n"),
        ("a.md", "- " * 3000 + "deep\n"),
        ("a.md", "[" * 5000 + "x" + "](" * 3000),
        ("a.md", "``` unterminated\ncode\n"),
        ("a.md", ""),
        ("a.html", "<div>" * 20000 + "deep. ." + "</span>" * 5),
        ("a.html", "<p>unclosed <em>tags <a href='x'>and &bogus; &#xZZ; &#99999999; & <"),
        ("a.html", "<![CDATA[ x ]]><?php echo 1 ?><!-- never closed"),
        ("a.html", "<script>never closed. ."),
        ("a.html", ""),
    ],
)
def test_weird_input_never_raises(name, source, registry):
    doc = document_from_source(source, name)
    # Read by its own reader, not the fallback, unless nested too deep to follow.
    assert doc.markup != "text" or "nested more than" in doc.metadata["reader_error"]
    for d in Engine(registry, Selection(select=PACKS)).lint(doc):
        assert 0 <= d.span.start <= d.span.end <= len(source)


def test_a_failing_reader_falls_back_to_plain_text(monkeypatch):
    import lint.readers.markdown as markdown

    def broken(source):
        raise RecursionError("too deep")

    monkeypatch.setattr(markdown, "read_markdown", broken)
    doc = document_from_source("*a* b. .", "x.md")
    assert (doc.markup, doc.text) == ("text", "*a* b. .")
    assert "markdown reader failed" in doc.metadata["reader_error"]
