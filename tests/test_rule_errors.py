"""A rule or an output format that raises costs its own findings, never the run's report;
a rule with a flood of findings keeps a bounded number of them.

The engine reports the failure as ``engine.rule-error`` (the rule id and a one-line reason),
keeps every other rule's findings for the file and lints the other files; the run exits 2
and every format still prints its report.
"""

from __future__ import annotations

import json

import pytest

from lint import cli
from lint.emit import FORMATS
from lint.kinds import pattern
from lint.rules.catalog import INTERNAL

# A user pack of one rule; the test makes its check raise.
PACK = """\
pack: house
rules:
  - id: house.boom
    title: Boom
    kind: pattern
    category: style
    severity: warning
    message: "boom"
    description: A rule whose check raises.
    pattern: 'boom'
    examples:
      - good: "quiet"
"""


@pytest.fixture
def broken_pack(tmp_path, monkeypatch):
    """A configuration with a user pack whose rule raises on every file."""
    (tmp_path / "house.yaml").write_text(PACK)
    config = tmp_path / ".newslint.toml"
    config.write_text('rule-packs = ["house.yaml"]\n')
    real = pattern.compile

    class Raises:
        def run(self, doc):
            yield from ()
            raise ZeroDivisionError("division by zero\nsecond line")

    monkeypatch.setattr(
        pattern, "compile", lambda rule, context: Raises() if rule.id == "house.boom" else real(rule, context)
    )
    monkeypatch.setenv("NEWSLINT_NO_CACHE", "1")
    return config


def run(capsys, config, *args):
    code = cli.main(
        ["check", "--grammar-backend", "none", "--jobs", "1", "--config", str(config), *map(str, args)]
    )
    return code, capsys.readouterr()


def test_a_rule_that_raises_is_reported_and_the_rest_is_linted(capsys, tmp_path, broken_pack):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("A boom. The the end.\n")
    b.write_text("Fine. .\n")
    code, out = run(capsys, broken_pack, "--format", "json", a, b)
    assert code == 2, out.err
    files = json.loads(out.out)["files"]
    for f, other in zip(files, ["typos.repeated-word", "punctuation.doubled-mark"], strict=True):
        rules = [d["rule"] for d in f["diagnostics"]]
        assert rules == ["engine.rule-error", other]
        err = f["diagnostics"][0]
        assert err["category"] == "internal" and err["severity"] == "error"
        assert (
            "house.boom" in err["message"]
            and "ZeroDivisionError: division by zero second line" in err["message"]
        )
        assert "\n" not in err["message"]
    assert "Traceback" not in out.err


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_prints_its_report_when_a_rule_raises(capsys, tmp_path, broken_pack, fmt):
    a = tmp_path / "a.txt"
    a.write_text("A boom. The the end.\n")
    code, out = run(capsys, broken_pack, "--format", fmt, a)
    assert code == 2 and "Traceback" not in out.err
    assert "engine.rule-error" in out.out and "typos.repeated-word" in out.out


def test_a_rule_that_raises_while_fixing_leaves_the_other_fixes(capsys, tmp_path, broken_pack):
    a = tmp_path / "a.txt"
    a.write_text("A boom. The the end. .\n")
    code, out = run(capsys, broken_pack, "--fix", "--format", "json", a)
    assert code == 2
    assert a.read_text() == "A boom. The end.\n"
    [f] = json.loads(out.out)["files"]
    assert [d["rule"] for d in f["diagnostics"]] == ["engine.rule-error"]


def test_a_finding_the_output_cannot_show_is_replaced_not_the_report_lost(capsys, tmp_path, monkeypatch):
    from lint.emit import json_format

    real = json_format.to_json

    def fragile(d, position):
        if d.rule == "typos.repeated-word":
            raise ValueError("cannot show this")
        return real(d, position)

    monkeypatch.setattr(json_format, "to_json", fragile)
    monkeypatch.setenv("NEWSLINT_NO_CACHE", "1")
    a = tmp_path / "a.txt"
    a.write_text("The the end. .\n")
    code = cli.main(["check", "--grammar-backend", "none", "--jobs", "1", "--format", "json", str(a)])
    out = capsys.readouterr()
    assert code == 2
    [f] = json.loads(out.out)["files"]
    rules = [d["rule"] for d in f["diagnostics"]]
    assert rules == ["engine.rule-error", "punctuation.doubled-mark"]
    assert (
        "typos.repeated-word" in f["diagnostics"][0]["message"]
        and "cannot show this" in f["diagnostics"][0]["message"]
    )


def test_rule_error_is_described_with_the_other_internal_ids():
    assert {"io.read", "engine.rule-timeout", "engine.rule-error"} <= set(INTERNAL)


def test_a_suppression_comment_may_name_rule_error(capsys, tmp_path, broken_pack):
    a = tmp_path / "a.txt"
    a.write_text("<!-- newslint-disable engine.rule-error -->\nThe the end.\n")
    code, out = run(capsys, broken_pack, "--format", "json", a)
    rules = [d["rule"] for d in json.loads(out.out)["files"][0]["diagnostics"]]
    assert "suppression.unknown-rule" not in rules


def test_findings_of_one_rule_in_one_file_are_capped_with_a_summary():
    from lint.engine import Engine, Selection
    from lint.readers import document_from_source

    from helpers import registry

    engine = Engine(registry(), Selection(select=("typos", "punctuation")), max_per_rule=3)
    doc = document_from_source("word " * 10 + "end. .", "a.txt")
    found = engine.lint(doc)
    words = [d for d in found if d.rule == "typos.repeated-word"]
    assert [d.span.start for d in words] == [0, 10, 20, 30]
    assert words[-1].message.startswith("2 more findings of typos.repeated-word in this file")
    assert words[-1].fix is None and words[0].fix is not None
    assert [d.rule for d in found if d.rule != "typos.repeated-word"] == ["punctuation.doubled-mark"]
