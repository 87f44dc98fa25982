"""Every id newslint can print is in one catalog with its explanation: ``newslint explain``
works for each, and SARIF describes each from it."""

from __future__ import annotations

import json

import pytest
import regex

from lint.diagnostics import Diagnostic, Severity, Span
from lint.emit import sarif
from lint.report import FileReport, Report
from lint.rules import catalog

from conftest import ROOT
from helpers import newslint

# Ids written out in newslint's code (rule="io.read", _problem(name, "io.binary", ...)).
_LITERAL = regex.compile(
    r"""(?:rule=|_problem\(\w+,\s*)["']([a-z]+\.[a-z-]+)["']"""
    r"""|^\w+ = ["']((?:io|engine|suppression|lsp)\.[a-z-]+)["']""",
    regex.M,
)


def printed_ids() -> set[str]:
    ids = set()
    for path in (ROOT / "lint").rglob("*.py"):
        for m in _LITERAL.finditer(path.read_text(encoding="utf-8")):
            ids.add(m.group(1) or m.group(2))
    return ids


def test_every_id_written_in_the_code_is_in_the_catalog(registry):
    ids = printed_ids()
    assert {"io.read", "io.write", "engine.rule-timeout", "suppression.unused"} <= ids
    missing = sorted(i for i in ids if catalog.lookup(registry, i) is None)
    assert missing == []


@pytest.mark.parametrize(
    "rule_id",
    [
        "io.read",
        "io.decode",
        "suppression.unused",
        "suppression.unknown-rule",
        "engine.rule-error",
        "harper.AnA",
        "languagetool.MORFOLOGIK_RULE_EN_US",
        "languagetool.unavailable",
        "punctuation.doubled-mark",
    ],
)
def test_explain_works_for_every_id_newslint_prints(rule_id):
    run = newslint("explain", rule_id)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"{rule_id}: ")


def test_a_family_member_explains_the_backend_rule_and_the_family():
    out = newslint("explain", "harper.AnA").stdout
    assert "Harper rule AnA: " in out and "indefinite article" in out  # Harper's own words
    assert "a member of the harper family" in out and "--ignore harper silences" in out
    assert "Harper (harper-py" in out  # the family rule's description
    assert newslint("explain", "harper.NoSuchHarperRule").returncode == 2


def test_sarif_describes_internal_and_family_ids_from_the_catalog(registry):
    diags = [
        Diagnostic("io.read", "internal", Severity.ERROR, "cannot read the file", Span(0, 0)),
        Diagnostic("harper.AnA", "grammar", Severity.INFO, "Use an.", Span(0, 1)),
        Diagnostic("suppression.unused", "internal", Severity.INFO, "unused", Span(0, 0)),
    ]
    report = Report([FileReport("a.txt", None, diags)])
    rules = {r["id"]: r for r in sarif.as_dict(report, registry)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["io.read"]["shortDescription"]["text"] == "Unreadable file"
    assert rules["suppression.unused"]["defaultConfiguration"]["level"] == "note"
    assert rules["harper.AnA"]["fullDescription"]["text"].startswith("Harper rule AnA: ")
    assert "Reported by rule harper" in rules["harper.AnA"]["help"]["text"]
    assert json.dumps(rules)  # serialisable
