"""The library API, called as a CMS integration would call it."""

from __future__ import annotations

import json

import pytest

from lint import Linter, lint_file, lint_text
from lint.cli import main
from lint.diagnostics import Diagnostic, Severity

from conftest import ROOT

SEED = ROOT / "seeds" / "eastern-herald-blinken-central-asia.txt"


def apply(text: str, d: Diagnostic) -> str:
    for e in sorted(d.fix.edits, key=lambda e: e.span.start, reverse=True):
        text = text[: e.span.start] + e.replacement + text[e.span.end :]
    return text


def test_lint_text_gives_what_the_command_line_gives(capsys):
    text = SEED.read_text(encoding="utf-8")
    found = lint_text(text, date="2023-02-28")
    assert main(["check", "--format", "json", "--date", "2023-02-28", "--no-cache", str(SEED)]) == 1
    expected = json.loads(capsys.readouterr().out)["files"][0]["diagnostics"]
    assert [(d.rule, d.span.start, d.span.end, d.message) for d in found] == [
        (e["rule"], e["start"]["offset"], e["end"]["offset"], e["message"]) for e in expected
    ]
    blinken = found[0]
    assert isinstance(blinken, Diagnostic) and blinken.severity is Severity.ERROR
    assert (blinken.rule, blinken.category, blinken.text) == (
        "fact.misnamed-official",
        "fact",
        "Anthony Blinken",
    )
    assert text[blinken.span.start : blinken.span.end] == "Anthony Blinken"
    assert blinken.suggestions == ("Antony Blinken",)


def test_fixes_round_trip():
    text = "The the minister said;; nothing.\n"
    found = lint_text(text, date="2024-05-01", select=["punctuation", "typos"])
    assert [(d.rule, d.text) for d in found] == [
        ("typos.repeated-word", "The the"),
        ("punctuation.doubled-mark", ";;"),
    ]
    fixed = text
    for d in reversed(found):
        fixed = apply(fixed, d)
    assert fixed == "The minister said; nothing.\n"
    assert lint_text(fixed, date="2024-05-01", select=["punctuation", "typos"]) == []


def test_markup_offsets_are_into_the_source():
    md = "# Title\n\nThe minister said ;; nothing, `code ;; here` and left.\n"
    (d,) = lint_text(md, reader="markdown", select=["punctuation.doubled-mark"], date="2024-05-01")
    assert md[d.span.start : d.span.end] == ";;" and d.span.start == md.index(";;")
    html = "<p>He said &amp; then ;; <b>left</b>.</p>"
    (d,) = lint_text(html, reader="html", select=["punctuation.doubled-mark"], date="2024-05-01")
    assert html[d.span.start : d.span.end] == ";;"


def test_lint_file_picks_the_reader_by_name(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(
        "<html><body><article><p>Café owners said ;; no.</p></article></body></html>", encoding="utf-8"
    )
    (d,) = lint_file(page, select=["punctuation"], date="2024-05-01")
    assert page.read_text(encoding="utf-8")[d.span.start : d.span.end] == ";;"
    with pytest.raises(FileNotFoundError):
        lint_file(tmp_path / "missing.txt")


def test_configuration_file_and_bad_arguments(tmp_path):
    config = tmp_path / ".newslint.toml"
    config.write_text('ignore = ["typos"]\n', encoding="utf-8")
    found = lint_text("The the minister said ;; nothing.", config=config, date="2024-05-01")
    assert "typos.repeated-word" not in {d.rule for d in found} and "punctuation.doubled-mark" in {
        d.rule for d in found
    }
    with pytest.raises(ValueError, match="unknown rule or prefix: nope"):
        lint_text("Text.", select=["nope"])
    with pytest.raises(ValueError, match="not a date"):
        lint_text("Text.", date="13/02/2024")
    with pytest.raises(ValueError, match="unknown reader"):
        lint_text("Text.", reader="docx")


def test_a_linter_for_many_articles():
    linter = Linter(select=["punctuation"])
    report = linter.report("Line one.\nHe said ;; no.\n", name="a.txt", date="2024-05-01")
    (d,) = report.diagnostics
    pos = report.position(d.span.start)
    assert (pos.line, pos.column) == (2, 9)
    # Bytes are read as a file is: undecodable input is a finding, not an exception.
    bad = linter.report("Caf\xe9 ;; owners".encode("latin-1"), name="b.txt")
    assert [d.rule for d in bad.diagnostics] == ["io.decode"]
    from lint.api import to_json

    data = to_json(report)
    assert data["files"][0]["diagnostics"][0]["start"] == {"offset": 18, "line": 2, "column": 9}


def test_calls_from_many_threads():
    from concurrent.futures import ThreadPoolExecutor

    text = SEED.read_text(encoding="utf-8")
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: lint_text(text, date="2023-02-28"), range(8)))
    assert all(r == results[0] for r in results) and len(results[0]) >= 5
