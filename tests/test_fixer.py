"""Fixes: edits never overlap, passes repeat until stable, writes are atomic and lose nothing."""

from __future__ import annotations

import errno
import os

import pytest

from lint.cli import check as cli_check
from lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span
from lint.fix import ConcurrentModification, apply_fixes, write_atomic
from lint.readers import read_path
from lint.report import FileReport

from helpers import fix, lint


def diag(start, end, replacement, rule="x.y", applicability=Applicability.SAFE):
    return Diagnostic(
        rule,
        "punctuation",
        Severity.ERROR,
        "m",
        Span(start, end),
        fix=Fix(applicability, (Edit(Span(start, end), replacement),)),
    )


def test_overlapping_edits_wait_for_the_next_pass():
    text, applied = apply_fixes("abcdef", [diag(1, 3, "X"), diag(2, 4, "Y"), diag(4, 5, "Z")], unsafe=False)
    assert (text, applied) == ("aXdZf", 2)


def test_unsafe_fixes_need_the_flag():
    d = diag(0, 1, "", applicability=Applicability.UNSAFE)
    assert apply_fixes("ab", [d], unsafe=False) == ("ab", 0)
    assert apply_fixes("ab", [d], unsafe=True) == ("b", 1)


def test_fixes_settle_in_several_passes():
    # Two boilerplate lines at the end share a newline: the second goes in a later pass.
    text = "Story ends here.\nMore\nFollow us on Twitter"
    assert fix(text, ("boilerplate",)) == "Story ends here."
    # A doubled mark inside a repeated word fix and a space fix: all settle.
    assert fix("It was the the end , really. .", ()) == "It was the end, really."


def test_fix_is_idempotent_on_every_seed():
    from conftest import ROOT

    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        once = fix(seed.read_text(encoding="utf-8"))
        assert fix(once) == once
        assert [d for d in lint(once) if d.fix] == []


def test_a_failed_write_leaves_the_original_and_no_temp_file(tmp_path, monkeypatch):
    f = tmp_path / "story.txt"
    f.write_bytes(b"Done. .\n")

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        write_atomic(f, b"Done.\n", expected=b"Done. .\n")
    assert f.read_bytes() == b"Done. .\n"
    assert [p.name for p in tmp_path.iterdir()] == ["story.txt"]


def test_write_refuses_when_the_file_changed_underneath(tmp_path):
    f = tmp_path / "story.txt"
    f.write_bytes(b"Edited by someone else.\n")
    with pytest.raises(ConcurrentModification):
        write_atomic(f, b"Done.\n", expected=b"Done. .\n")
    assert f.read_bytes() == b"Edited by someone else.\n"


def test_cli_reports_a_write_failure_as_io_write(tmp_path, monkeypatch):
    f = tmp_path / "story.txt"
    f.write_bytes(b"Done. .\n")
    read = read_path(f)
    doc = read.document
    fixed_doc = type(doc).from_text("Done.\n", path=doc.path)
    report = FileReport.of(str(f), fixed_doc, [], fixed=1, original=doc.source)
    f.write_bytes(b"Changed meanwhile.\n")
    cli_check._write_fix(f, report)
    assert report.diagnostics[0].rule == "io.write" and report.fixed == 0
    assert "changed while it was being checked" in report.diagnostics[0].message
    assert f.read_bytes() == b"Changed meanwhile.\n"


# -- a fix whose result has a new finding is refused ------------------------------------------


def test_us_before_a_full_stop_is_fixed_to_one_full_stop_and_the_report_is_the_text(tmp_path):
    from helpers import newslint

    f = tmp_path / "u.txt"
    f.write_text("U.S. and US . .\n")
    # The punctuation and consistency rules alone: the fluency model reads the halfway text
    # ("U.S. and U.S..") as garbled, and the fixer then takes another path to the same text.
    run = newslint("check", "--fix", "--unsafe-fixes", "--select", "punctuation,consistency", f)
    assert f.read_text() == "U.S. and U.S.\n"
    assert "3 fixed" in run.stdout and run.returncode == 0
    again = newslint("check", "--unsafe-fixes", "--grammar-backend", "none", f)
    assert again.returncode == 0 and "No problems found" in again.stdout


def test_a_fix_that_makes_a_new_finding_is_refused_and_the_finding_stays(tmp_path):
    from lint.engine import Engine, Selection
    from lint.fix import fix_until_stable
    from lint.readers import document_from_source
    from lint.rules.registry import load_registry

    from helpers import GOOD_RULE

    pack = tmp_path / "house.yaml"
    pack.write_text(GOOD_RULE)
    engine = Engine(load_registry([pack]), Selection(select=("house", "typos")))
    source = "We saw a alot. The the end.\n"

    def read(text):
        return document_from_source(text, "a.txt")

    outcome = fix_until_stable(read(source), engine.lint, read, unsafe=True)
    # "a a lot" would be a repeated word: that fix is refused, the other one is made.
    assert outcome.source == "We saw a alot. The end.\n"
    assert (outcome.fixed, outcome.refused, outcome.converged) == (1, 1, True)
    [d] = outcome.diagnostics
    assert (d.rule, d.text, d.fix) == ("house.no-alot", "alot", None)
    assert "not applied" in d.message
    again = fix_until_stable(read(outcome.source), engine.lint, read, unsafe=True)
    assert (again.source, again.fixed) == (outcome.source, 0)
