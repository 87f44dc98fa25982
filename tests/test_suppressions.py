"""Suppression comments: newslint-disable / -enable / -disable-next-line in every format."""

from __future__ import annotations

import json

import pytest

from lint.engine import Engine, Selection
from lint.readers import read_bytes

from helpers import newslint

PACKS = ("punctuation", "typos")


def found(source: str, name: str, registry, unused: bool = False) -> list[tuple[int, str]]:
    doc = read_bytes(source.encode("utf-8"), name).document
    engine = Engine(registry, Selection(select=PACKS), report_unused_suppressions=unused)
    return [(doc.position(d.span.start).line, d.rule) for d in engine.lint(doc)]


# -- plain text ---------------------------------------------------------------------------------


def test_text_disable_next_line(registry):
    src = "# newslint-disable-next-line typos.repeated-word\n\nThe the vote.\nThe the count. .\n"
    assert found(src, "a.txt", registry) == [
        (4, "typos.repeated-word"),
        (4, "punctuation.doubled-mark"),
    ]


def test_text_disable_enable_region_by_prefix(registry):
    src = "Done. .\n# newslint-disable punctuation\nDone. . The the.\n# newslint-enable\nDone. .\n"
    assert found(src, "a.txt", registry) == [
        (1, "punctuation.doubled-mark"),
        (3, "typos.repeated-word"),
        (5, "punctuation.doubled-mark"),
    ]


def test_text_comment_form_and_all_rules(registry):
    src = "<!-- newslint-disable -->\nDone. . The the.\n<!-- newslint-enable -->\nThe the end.\n"
    assert found(src, "a.txt", registry) == [(4, "typos.repeated-word")]


def test_text_directive_line_itself_is_never_flagged(registry):
    # A directive line read as prose must not give findings (its own words, its '. .').
    src = "# newslint-disable-next-line typos -- the the. . is fine here\nThe the vote.\n"
    assert found(src, "a.txt", registry) == []


def test_text_directive_must_be_on_a_line_of_its_own(registry):
    src = "The the vote. # newslint-disable-next-line typos\nThe the end.\n"
    assert [rule for _, rule in found(src, "a.txt", registry)] == ["typos.repeated-word"] * 2


# -- Markdown and HTML ----------------------------------------------------------------------------


def test_markdown_disable_next_line_and_region(registry):
    src = (
        "# Title\n\n"
        "<!-- newslint-disable-next-line typos.repeated-word -->\n"
        "The the vote. .\n\n"
        "<!-- newslint-disable punctuation.doubled-mark -->\n"
        "Done. . The the.\n\n"
        "<!-- newslint-enable -->\n"
        "Done. .\n"
    )
    assert found(src, "a.md", registry) == [
        (4, "punctuation.doubled-mark"),
        (7, "typos.repeated-word"),
        (10, "punctuation.doubled-mark"),
    ]


def test_markdown_enable_one_rule_of_several(registry):
    src = (
        "<!-- newslint-disable typos, punctuation -->\n\n"
        "Done. . The the.\n\n"
        "<!-- newslint-enable typos -->\n\n"
        "Done. . The the.\n"
    )
    assert found(src, "a.md", registry) == [(7, "typos.repeated-word")]


def test_html_directives(registry):
    src = (
        "<html><body><article>\n"
        "<p>The the vote.</p>\n"
        "<!-- newslint-disable-next-line -->\n"
        "<p>Done. . The the.</p>\n"
        "<p>Inline <!-- newslint-disable typos -->the the. .</p>\n"
        "<p>The the end.</p>\n"
        "</article></body></html>\n"
    )
    assert found(src, "a.html", registry) == [
        (2, "typos.repeated-word"),
        (5, "punctuation.doubled-mark"),
    ]


def test_suppressed_fixes_are_not_applied(registry):
    from lint.fix import apply_fixes

    src = "<!-- newslint-disable-next-line typos -->\nThe the vote.\n\nThe the end.\n"
    doc = read_bytes(src.encode(), "a.md").document
    diags = Engine(registry, Selection(select=PACKS)).lint(doc)
    assert apply_fixes(doc.source, diags, unsafe=False)[0].endswith("\nThe the vote.\n\nThe end.\n")


# -- unknown and unused ---------------------------------------------------------------------------


def test_unknown_rule_is_reported_at_the_directive(registry):
    src = "<!-- newslint-disable-next-line typos, punctuation.nope -->\nThe the vote.\n"
    doc = read_bytes(src.encode(), "a.md").document
    [d] = Engine(registry, Selection(select=PACKS)).lint(doc)
    assert d.rule == "suppression.unknown-rule" and d.category == "internal"
    assert d.severity.value == "warning" and "'punctuation.nope'" in d.message
    assert d.span.start == 0 and d.text.startswith("<!-- newslint-disable-next-line")


def test_unused_only_with_the_option(registry):
    src = "# newslint-disable-next-line typos punctuation\nThe the vote.\n# newslint-disable\nFine.\n"
    assert found(src, "a.txt", registry) == []
    assert found(src, "a.txt", registry, unused=True) == [
        (1, "suppression.unused"),
        (3, "suppression.unused"),
    ]
    doc = read_bytes(src.encode(), "a.txt").document
    engine = Engine(registry, Selection(select=PACKS), report_unused_suppressions=True)
    first, second = engine.lint(doc)
    assert "'punctuation'" in first.message and "'typos'" not in first.message
    assert first.severity.value == "info" and "suppressed nothing" in second.message


def test_markdown_disable_line_covers_its_own_line_only(registry):
    src = "The the vote. <!-- newslint-disable-line typos.repeated-word -->\n\nThe the count.\n"
    assert found(src, "a.md", registry) == [(3, "typos.repeated-word")]
    html = "<p>The the vote. <!-- newslint-disable-line typos --></p>\n<p>The the count.</p>\n"
    assert found(html, "a.html", registry) == [(2, "typos.repeated-word")]


@pytest.mark.parametrize(
    "directive",
    ["<!-- newslint-disable-lines typos -->", "<!-- newslint-disabel typos -->", "<!-- newslint-ignore -->"],
)
def test_an_unknown_directive_is_reported_and_suppresses_nothing(registry, directive):
    src = f"{directive}\n\nThe the vote.\n\nThe the count.\n"
    assert found(src, "a.md", registry) == [
        (1, "suppression.unknown-directive"),
        (3, "typos.repeated-word"),
        (5, "typos.repeated-word"),
    ]
    doc = read_bytes(src.encode(), "a.md").document
    notice = Engine(registry, Selection(select=PACKS)).lint(doc)[0]
    assert notice.severity.value == "warning" and "unknown directive" in notice.message


def test_text_disable_line_on_a_line_of_its_own_says_what_to_use(registry):
    src = "# newslint-disable-line typos\nThe the vote.\nThe the count.\n"
    assert found(src, "a.txt", registry) == [
        (1, "suppression.unknown-directive"),
        (2, "typos.repeated-word"),
        (3, "typos.repeated-word"),
    ]
    doc = read_bytes(src.encode(), "a.txt").document
    assert "disable-next-line" in Engine(registry, Selection(select=PACKS)).lint(doc)[0].message


# -- the command line -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_cli_reports_unused_and_unknown_in_every_format(tmp_path, fmt):
    (tmp_path / ".git").mkdir()  # no configuration from outside the test folder
    f = tmp_path / "a.txt"
    f.write_text("# newslint-disable-next-line typos nope\nFine.\n")
    args = ("check", "--grammar-backend", "none", "--format", fmt, f)
    run = newslint(*args, "--report-unused-suppressions")
    assert run.returncode == 1, run.stderr  # the unknown rule is a warning
    assert "suppression.unknown-rule" in run.stdout and "suppression.unused" in run.stdout
    if fmt == "json":
        rules = [d["rule"] for d in json.loads(run.stdout)["files"][0]["diagnostics"]]
        assert rules == ["suppression.unknown-rule", "suppression.unused"]
    assert "suppression.unused" not in newslint(*args).stdout


def test_explain_knows_the_suppression_ids():
    for rule_id in ("suppression.unused", "suppression.unknown-rule", "suppression.unknown-directive"):
        run = newslint("explain", rule_id)
        assert run.returncode == 0 and run.stdout.startswith(f"{rule_id}: "), run.stderr
