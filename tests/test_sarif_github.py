"""CI output: SARIF 2.1.0 (validated against the OASIS schema), GitHub workflow commands, and
the --statistics, --quiet and --output-file options."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span
from lint.emit import FORMATS, emitter, github, sarif
from lint.fix import apply_fixes
from lint.readers import document_from_source
from lint.report import FileReport, Report
from lint.rule import Rule
from lint.rules import catalog
from lint.rules.registry import Registry

from conftest import ROOT

SEED_NAME = "seeds/eastern-herald-blinken-central-asia.txt"
SEED = ROOT / SEED_NAME
DATE = "2023-02-28"
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
GITHUB_LINE = re.compile(
    r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^,:]+::\S.*$"
)


def newslint(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "lint", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)},
    )


def validate(log: dict) -> None:
    jsonschema.Draft4Validator.check_schema(SARIF_SCHEMA)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)


def sarif_of(path, cwd=ROOT, *extra) -> dict:
    run = newslint("check", "--format", "sarif", "--date", DATE, *extra, path, cwd=cwd)
    assert run.returncode in (0, 1), run.stderr
    log = json.loads(run.stdout)
    validate(log)
    return log


def json_of(path, cwd=ROOT, *extra) -> dict:
    run = newslint("check", "--format", "json", "--date", DATE, *extra, path, cwd=cwd)
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def seed_sarif() -> dict:
    return sarif_of(SEED_NAME)


@pytest.fixture(scope="module")
def seed_json() -> dict:
    return json_of(SEED_NAME)


# -- SARIF --------------------------------------------------------------------------------------


def test_formats_are_registered():
    assert {"sarif", "github"} <= set(FORMATS)
    assert emitter("sarif") is sarif.emit and emitter("github") is github.emit


def test_seed_sarif_is_valid_and_describes_its_rules(seed_sarif, seed_json, registry):
    assert seed_sarif["version"] == "2.1.0"
    (run,) = seed_sarif["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file://")
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")
    driver = run["tool"]["driver"]
    assert driver["name"] == "newslint" and driver["version"]
    found = {d["rule"] for d in seed_json["files"][0]["diagnostics"]}
    assert [r["id"] for r in driver["rules"]] == sorted(found)
    for descriptor in driver["rules"]:
        rule = sarif.owning_rule(registry, descriptor["id"])
        entry = catalog.lookup(registry, descriptor["id"])
        assert descriptor["shortDescription"]["text"] == entry.title
        assert descriptor["fullDescription"]["text"] == entry.description
        assert rule.description in entry.description
        assert f"--ignore {rule.id}" in descriptor["help"]["text"]
        assert descriptor["help"]["text"].startswith(entry.description)
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", descriptor["name"])
        level = {"error": "error", "warning": "warning", "info": "note"}[rule.severity.value]
        assert descriptor["defaultConfiguration"]["level"] == level
        assert descriptor["properties"]["category"] == rule.category
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_each_region_matches_the_json_report(seed_sarif, seed_json):
    source = SEED.read_text(encoding="utf-8")
    diagnostics = seed_json["files"][0]["diagnostics"]
    results = seed_sarif["runs"][0]["results"]
    assert len(results) == len(diagnostics) > 0
    for result, d in zip(results, diagnostics, strict=True):
        assert result["ruleId"] == d["rule"]
        assert result["message"]["text"] == d["message"]
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[d["severity"]]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": SEED_NAME, "uriBaseId": "%SRCROOT%"}
        region = location["region"]
        assert (region["startLine"], region["startColumn"]) == (d["start"]["line"], d["start"]["column"])
        assert (region["endLine"], region["endColumn"]) == (d["end"]["line"], d["end"]["column"])
        assert region["charOffset"] == d["start"]["offset"]
        assert region["charLength"] == d["end"]["offset"] - d["start"]["offset"]
        assert region["snippet"]["text"] == d["text"] == source[d["start"]["offset"] : d["end"]["offset"]]


def test_fingerprints_survive_lines_inserted_above(tmp_path, seed_sarif):
    source = SEED.read_text(encoding="utf-8")
    moved = tmp_path / "moved.txt"
    moved.write_text(
        "This story was updated on Tuesday.\nIt first ran on Monday.\nIt has been corrected.\n" + source,
        encoding="utf-8",
    )
    shutil.copy(SEED, tmp_path / "original.txt")
    before = sarif_of("original.txt", tmp_path)["runs"][0]["results"]
    after = sarif_of("moved.txt", tmp_path)["runs"][0]["results"]
    by_print = {r["partialFingerprints"]["newslint/v1"]: r for r in after}
    assert before
    for old in before:
        new = by_print.get(old["partialFingerprints"]["newslint/v1"])
        assert new is not None, f"fingerprint of {old['ruleId']} changed"
        assert new["ruleId"] == old["ruleId"]
        old_region = old["locations"][0]["physicalLocation"]["region"]
        new_region = new["locations"][0]["physicalLocation"]["region"]
        assert new_region["startLine"] == old_region["startLine"] + 3
        assert new_region["startColumn"] == old_region["startColumn"]


def test_fingerprints_tell_findings_apart(seed_sarif):
    prints = [r["partialFingerprints"]["newslint/v1"] for r in seed_sarif["runs"][0]["results"]]
    assert len(set(prints)) == len(prints)


def test_identical_findings_get_distinct_fingerprints():
    source = "More\nThe vote was close.\nMore\n"
    doc = document_from_source(source, "a.txt")
    diags = [
        Diagnostic("boilerplate.more", "boilerplate", Severity.WARNING, "m", Span(0, 4)),
        Diagnostic("boilerplate.more", "boilerplate", Severity.WARNING, "m", Span(25, 29)),
    ]
    log = sarif.as_dict(
        Report([FileReport.of("a.txt", doc, diags)]), None, sarif.SarifOptions(srcroot="file:///x/")
    )
    validate(log)
    prints = [r["partialFingerprints"]["newslint/v1"] for r in log["runs"][0]["results"]]
    assert prints[0].split(":")[0] == prints[1].split(":")[0] and prints[0] != prints[1]


def _apply_sarif_fix(source: str, fix: dict) -> str:
    (change,) = fix["artifactChanges"]
    out = source
    for rep in sorted(change["replacements"], key=lambda r: -r["deletedRegion"]["charOffset"]):
        region = rep["deletedRegion"]
        start, end = region["charOffset"], region["charOffset"] + region["charLength"]
        out = out[:start] + rep["insertedContent"]["text"] + out[end:]
    return out


def test_fixes_round_trip_like_fix_unsafe_fixes(tmp_path, seed_sarif, seed_json):
    source = SEED.read_text(encoding="utf-8")
    results = seed_sarif["runs"][0]["results"]
    diagnostics = seed_json["files"][0]["diagnostics"]
    per_rule = Counter(d["rule"] for d in diagnostics)
    checked_by_cli = 0
    for result, d in zip(results, diagnostics, strict=True):
        if d["fix"] is None:
            assert "fixes" not in result
            continue
        (fix,) = result["fixes"]
        assert ("unsafe" in fix["description"]["text"]) == (d["fix"]["applicability"] == "unsafe")
        via_sarif = _apply_sarif_fix(source, fix)
        # The same single fix through the fixer that --fix uses.
        edits = tuple(Edit(Span(e["start"], e["end"]), e["replacement"]) for e in d["fix"]["edits"])
        span = Span(d["start"]["offset"], d["end"]["offset"])
        one = Diagnostic(
            d["rule"],
            d["category"],
            Severity(d["severity"]),
            d["message"],
            span,
            (),
            Fix(Applicability(d["fix"]["applicability"]), edits),
        )
        assert via_sarif == apply_fixes(source, [one], unsafe=True)[0] != source
        for rep in fix["artifactChanges"][0]["replacements"]:
            region = rep["deletedRegion"]
            start = source[: region["charOffset"]]
            assert region["startLine"] == start.count("\n") + 1
            assert region["startColumn"] == len(start) - (start.rfind("\n") + 1) + 1
        # And end to end: the only finding of its rule, fixed by the command line.
        if per_rule[d["rule"]] == 1:
            copy = tmp_path / f"{d['rule']}.txt"
            copy.write_text(source, encoding="utf-8")
            run = newslint(
                "check",
                "--date",
                DATE,
                "--select",
                d["rule"],
                "--fix",
                "--unsafe-fixes",
                copy.name,
                cwd=tmp_path,
            )
            assert run.returncode in (0, 1), run.stderr
            assert copy.read_text(encoding="utf-8") == via_sarif
            checked_by_cli += 1
    assert checked_by_cli >= 3


def test_unregistered_and_dynamic_rule_ids_get_descriptors():
    harper = Rule(
        id="harper",
        title="Harper grammar check",
        kind="harper",
        category="grammar",
        severity=Severity.WARNING,
        message="{text}",
        description="Findings of the Harper grammar checker.",
        params={},
        examples=(),
        pack="grammar",
        path="grammar.yaml",
        line=1,
    )
    source = "It is is here.\n"
    doc = document_from_source(source, "dir/my article.txt")
    report = Report(
        [
            FileReport.of(
                "dir/my article.txt",
                doc,
                [Diagnostic("harper.RepeatedWords", "grammar", Severity.INFO, "Repeated word", Span(3, 8))],
            ),
            FileReport(
                "bad.txt",
                None,
                [Diagnostic("io.decode", "internal", Severity.ERROR, "not UTF-8", Span(0, 0))],
            ),
            FileReport.of(
                "/abs/x.txt", doc, [Diagnostic("engine.odd", "internal", Severity.WARNING, "odd", Span(0, 0))]
            ),
        ]
    )
    log = json.loads(sarif.emit(report, Registry([harper]), sarif.SarifOptions(srcroot="file:///repo/")))
    validate(log)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert set(rules) == {"harper.RepeatedWords", "io.decode", "engine.odd"}
    assert (
        rules["harper.RepeatedWords"]["shortDescription"]["text"]
        == "Harper grammar check, rule RepeatedWords"
    )
    assert rules["harper.RepeatedWords"]["defaultConfiguration"]["level"] == "warning"
    assert "--ignore harper " in rules["harper.RepeatedWords"]["help"]["text"]
    assert rules["io.decode"]["properties"]["category"] == "internal"
    assert rules["engine.odd"]["shortDescription"]["text"] == "engine.odd"
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert by_rule["harper.RepeatedWords"]["level"] == "note"
    location = by_rule["harper.RepeatedWords"]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "dir/my%20article.txt", "uriBaseId": "%SRCROOT%"}
    assert location["region"]["snippet"]["text"] == "is is"
    bad = by_rule["io.decode"]["locations"][0]["physicalLocation"]["region"]
    assert (bad["startLine"], bad["startColumn"], bad["charLength"]) == (1, 1, 0)
    assert by_rule["engine.odd"]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "file:///abs/x.txt"
    }
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///repo/"


def test_clean_run_is_valid_sarif(tmp_path):
    (tmp_path / "clean.txt").write_text("The council met on Monday. It approved the budget.\n")
    log = sarif_of("clean.txt", tmp_path)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


def test_pascal_case():
    assert sarif.pascal_case("Misspelled name of an official") == "MisspelledNameOfAnOfficial"
    assert sarif.pascal_case("'alot' for 'a lot'") == "AlotForALot"


# -- GitHub workflow commands --------------------------------------------------------------------


def test_escaping_follows_the_runner():
    assert github.escape_data("50% up, at 10:30\r\nthen") == "50%25 up, at 10:30%0D%0Athen"
    assert github.escape_property("a,b:c%d\ne") == "a%2Cb%3Ac%25d%0Ae"
    assert github.escape_data("%0A") == "%250A"  # the escape character first, never twice


def test_github_output_for_the_seed(seed_json):
    run = newslint("check", "--format", "github", "--date", DATE, SEED_NAME)
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    diagnostics = seed_json["files"][0]["diagnostics"]
    assert len(lines) == len(diagnostics)
    for line, d in zip(lines, diagnostics, strict=True):
        assert GITHUB_LINE.match(line), line
        command = {"error": "error", "warning": "warning", "info": "notice"}[d["severity"]]
        start, end = d["start"], d["end"]
        assert line.startswith(
            f"::{command} file={SEED_NAME},line={start['line']},col={start['column']},"
            f"endLine={end['line']},endColumn={end['column']},title={d['rule']}::"
        )


def test_github_escapes_message_and_properties():
    doc = document_from_source("x\n", "a,b:c.txt")
    message = "Rate: 5%, then\nmore"
    report = Report(
        [FileReport.of("a,b:c.txt", doc, [Diagnostic("r.x", "style", Severity.INFO, message, Span(0, 1))])]
    )
    out = github.emit(report)
    expected = "::notice file=a%2Cb%3Ac.txt,line=1,col=1,endLine=1,endColumn=2,title=r.x::"
    assert out == expected + "Rate: 5%25, then%0Amore\n"
    assert GITHUB_LINE.match(out.rstrip("\n"))


# -- --statistics, --quiet, --output-file --------------------------------------------------------


def test_statistics_counts_per_rule(seed_json, registry):
    run = newslint("check", "--statistics", "--date", DATE, SEED_NAME)
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    expected = Counter(d["rule"] for d in seed_json["files"][0]["diagnostics"])
    assert lines[-1] == f"Found {sum(expected.values())} problems in 1 file."
    rows = [re.match(r"^\s*(\d+)  (\S+)\s+(.*)$", line).groups() for line in lines[:-1]]
    assert {rule: int(n) for n, rule, _ in rows} == expected
    counts = [int(n) for n, _, _ in rows]
    assert counts == sorted(counts, reverse=True)
    for _, rule, title in rows:
        assert title == registry.get(rule).title
    assert SEED_NAME not in run.stdout  # no per-finding output


def test_statistics_json_and_quiet():
    run = newslint("check", "--statistics", "--format", "json", "--date", DATE, SEED_NAME)
    table = json.loads(run.stdout)
    assert {"count", "rule", "title"} == set(table[0]) and run.returncode == 1
    quiet = newslint("check", "--statistics", "--quiet", "--date", DATE, SEED_NAME)
    assert "Found" not in quiet.stdout and quiet.stdout.strip()


def test_quiet_prints_only_the_findings(tmp_path, seed_json):
    run = newslint("check", "--quiet", "--date", DATE, SEED_NAME)
    assert run.returncode == 1
    assert "Found" not in run.stdout
    headlines = [line for line in run.stdout.splitlines() if line.startswith(SEED_NAME + ":")]
    assert len(headlines) == len(seed_json["files"][0]["diagnostics"])
    concise = newslint("check", "-q", "--format", "concise", "--date", DATE, SEED_NAME)
    assert concise.stdout.splitlines() == headlines
    (tmp_path / "clean.txt").write_text("The council met on Monday.\n")
    clean = newslint("check", "--quiet", "clean.txt", cwd=tmp_path)
    assert clean.returncode == 0 and clean.stdout == ""


def test_output_file_gets_the_report_and_stdout_nothing(tmp_path):
    target = tmp_path / "reports" / "ci" / "newslint.sarif"
    run = newslint("check", "--format", "sarif", "--date", DATE, "--output-file", target, SEED_NAME)
    assert run.returncode == 1  # the exit status does not depend on where the report goes
    assert run.stdout == ""
    validate(json.loads(target.read_text(encoding="utf-8")))
    text = tmp_path / "report.txt"
    run = newslint("check", "-o", text, "--color", "auto", "--date", DATE, SEED_NAME)
    assert run.stdout == "" and "\033[" not in text.read_text(encoding="utf-8")
    assert text.read_text(encoding="utf-8") == newslint("check", "--date", DATE, SEED_NAME).stdout


def test_output_file_that_cannot_be_written_is_exit_2(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    run = newslint("check", "--date", DATE, "-o", blocker / "out.json", SEED_NAME)
    assert run.returncode == 2 and "cannot write the report" in run.stderr


def test_sarif_emit_is_pure():
    doc = document_from_source("a . . b\n", "p.txt", dt.date(2023, 2, 28))
    report = Report([FileReport.of("p.txt", doc, [])])
    options = sarif.SarifOptions(srcroot="file:///r/", information_uri="https://example.org/newslint")
    assert sarif.emit(report, None, options) == sarif.emit(report, None, options)
    assert json.loads(sarif.emit(report, None, options))["runs"][0]["tool"]["driver"]["informationUri"] == (
        "https://example.org/newslint"
    )


def test_absolute_and_dotted_paths():
    assert sarif.artifact_location("./seeds/a.txt") == {"uri": "seeds/a.txt", "uriBaseId": "%SRCROOT%"}
    assert sarif.artifact_location(str(Path("/tmp/a b.txt"))) == {"uri": "file:///tmp/a%20b.txt"}


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_a_file_name_with_a_line_break_stays_on_one_line(capsys, tmp_path, monkeypatch, fmt):
    from lint import cli

    monkeypatch.setenv("NEWSLINT_NO_CACHE", "1")
    f = tmp_path / "bad\nname\t.txt"
    f.write_text("The the end.\n")
    code = cli.main(["check", "--grammar-backend", "none", "--format", fmt, "--color", "never", str(f)])
    out = capsys.readouterr().out
    assert code == 1
    headline = out.splitlines()[0]
    if fmt == "github":
        assert headline.startswith("::error file=") and "bad%0Aname\t.txt" in headline
        assert headline.endswith("::Repeated word: 'The the'")
    else:
        shown = str(f).replace("\n", "\\n").replace("\t", "\\t")
        assert headline == f"\"{shown}\":1:1: error [typos.repeated-word] Repeated word: 'The the'"


def test_output_file_is_replaced_whole_and_streams_still_work(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("x" * 100_000)  # longer than the report: no tail of it may survive
    target.chmod(0o640)
    run = newslint("check", "--format", "json", "--date", DATE, "-o", target, SEED_NAME)
    assert run.returncode == 1
    assert json.loads(target.read_text(encoding="utf-8"))["files"]
    assert target.stat().st_mode & 0o777 == 0o640  # the file keeps its permissions
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left
    # A stream (not a regular file) is written as a stream, not replaced.
    run = newslint("check", "--format", "json", "--date", DATE, "-o", "/dev/stdout", SEED_NAME)
    assert json.loads(run.stdout)["files"]
