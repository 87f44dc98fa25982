"""JUnit XML and GitLab Code Quality: the structure those systems read, from real runs."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from lint.cli import main


@pytest.fixture
def articles(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "bad.txt").write_text(
        "The the minister spoke.\nHe said ;; nothing & left.\nHe said ;; nothing & left.\n", encoding="utf-8"
    )
    (tmp_path / "news" / "clean.txt").write_text("The minister spoke to reporters.\n", encoding="utf-8")
    (tmp_path / "news" / "latin1.txt").write_bytes("Caf\xe9 owners protested.\n".encode("latin-1"))
    return tmp_path


def run(capsys, *args) -> tuple[int, str]:
    code = main(["check", "news", "--date", "2024-05-01", "--select", "punctuation,typos", *args])
    return code, capsys.readouterr().out


def test_junit_structure(articles, capsys):
    code, out = run(capsys, "--format", "junit")
    assert code == 1
    root = ET.fromstring(out)
    assert root.tag == "testsuites" and root.get("name") == "newslint"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert sorted(suites) == ["news/bad.txt", "news/clean.txt", "news/latin1.txt"]

    bad = suites["news/bad.txt"]
    cases = bad.findall("testcase")
    assert [c.get("name") for c in cases] == [
        "typos.repeated-word at 1:1",
        "punctuation.doubled-mark at 2:9",
        "punctuation.doubled-mark at 3:9",
    ]
    assert (bad.get("tests"), bad.get("failures"), bad.get("errors")) == ("3", "3", "0")
    failure = cases[1].find("failure")
    assert failure.get("type") == "error" and failure.get("message") == "Stray punctuation: ';;'"
    assert failure.text.startswith("news/bad.txt:2:9: error [punctuation.doubled-mark]")
    assert cases[1].get("classname") == "newslint.punctuation.doubled-mark" and cases[1].get("line") == "2"

    clean = suites["news/clean.txt"]
    (case,) = clean.findall("testcase")
    assert list(case) == [] and clean.get("tests") == "1" and clean.get("failures") == "0"

    latin1 = suites["news/latin1.txt"]
    (case,) = latin1.findall("testcase")
    assert case.find("error").get("message").startswith("not valid UTF-8") and latin1.get("errors") == "1"

    totals = {k: sum(int(s.get(k)) for s in suites.values()) for k in ("tests", "failures", "errors")}
    assert {k: int(root.get(k)) for k in totals} == totals == {"tests": 5, "failures": 3, "errors": 1}


def test_gitlab_code_quality_fields(articles, capsys):
    code, out = run(capsys, "--format", "gitlab")
    assert code == 1
    issues = json.loads(out)
    assert isinstance(issues, list) and len(issues) == 4
    for issue in issues:
        # The fields GitLab documents as required, with their types and values.
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str)
        assert isinstance(issue["fingerprint"], str) and len(issue["fingerprint"]) == 32
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert not issue["location"]["path"].startswith(("/", "./"))
        assert (
            isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
        )
    assert len({i["fingerprint"] for i in issues}) == len(issues)  # two identical lines, two issues
    doubled = [i for i in issues if i["check_name"] == "punctuation.doubled-mark"]
    assert [(i["location"]["path"], i["location"]["lines"]["begin"], i["severity"]) for i in doubled] == [
        ("news/bad.txt", 2, "major"),
        ("news/bad.txt", 3, "major"),
    ]

    # Fingerprints follow the finding, not its line number: merge requests see no new issue.
    bad = articles / "news" / "bad.txt"
    bad.write_text("A new first line.\n" + bad.read_text(encoding="utf-8"), encoding="utf-8")
    moved = json.loads(run(capsys, "--format", "gitlab")[1])
    assert sorted(i["fingerprint"] for i in moved) == sorted(i["fingerprint"] for i in issues)
    assert [
        i["location"]["lines"]["begin"] for i in moved if i["check_name"] == "punctuation.doubled-mark"
    ] == [
        3,
        4,
    ]
