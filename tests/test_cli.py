"""The command line as users and CI meet it: exit codes, formats, fixes, bad input."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from importlib import resources

import jsonschema
import pytest

from conftest import ROOT

SEED = ROOT / "seeds" / "eastern-herald-blinken-central-asia.txt"
REPORT_SCHEMA = json.loads(resources.files("lint.schemas").joinpath("report.schema.json").read_text())


def newslint(*args, stdin: bytes | None = None, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "lint", *map(str, args)],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
    )


def json_report(*args, stdin=None):
    run = newslint("check", "--format", "json", *args, stdin=stdin)
    report = json.loads(run.stdout)
    jsonschema.validate(report, REPORT_SCHEMA)
    return run.returncode, report


# -- exit status ----------------------------------------------------------------------------


def test_seed_exits_1_with_findings():
    assert newslint("check", SEED).returncode == 1


def test_clean_article_exits_0(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("The council met on Monday. It approved the budget.\n")
    run = newslint("check", clean)
    assert run.returncode == 0 and b"No problems found in 1 file." in run.stdout


def test_fail_on_threshold(tmp_path):
    warn_only = tmp_path / "w.txt"
    warn_only.write_text("The minister resigned , officials said.\n")  # a warning
    assert newslint("check", warn_only).returncode == 1
    assert newslint("check", "--fail-on", "error", warn_only).returncode == 0
    assert newslint("check", "--fail-on", "never", SEED).returncode == 0


def test_missing_path_is_exit_2_and_other_files_are_still_checked(tmp_path):
    run = newslint("check", "--format", "json", tmp_path / "nope.txt", SEED)
    assert run.returncode == 2
    assert b"nope.txt: no such file or directory" in run.stderr
    assert json.loads(run.stdout)["summary"]["files"] == 1


def test_unknown_selector_is_a_usage_error():
    run = newslint("check", "--select", "punctuation.nope", SEED)
    assert run.returncode == 2 and b"unknown rule or prefix: punctuation.nope" in run.stderr


def test_bad_date_is_a_usage_error():
    assert newslint("check", "--date", "28/02/2023", SEED).returncode == 2


# -- JSON -------------------------------------------------------------------------------------


def test_json_report_matches_the_source_exactly():
    code, report = json_report("--date", "2023-02-28", SEED)
    assert code == 1
    [f] = report["files"]
    assert f["date"] == "2023-02-28" and f["date_source"] == "option"
    source = SEED.read_text(encoding="utf-8")
    lines = source.split("\n")
    for d in f["diagnostics"]:
        s, e = d["start"], d["end"]
        assert source[s["offset"] : e["offset"]] == d["text"]
        assert lines[s["line"] - 1][s["column"] - 1 :].startswith(d["text"].split("\n")[0])
    dm = next(d for d in f["diagnostics"] if d["rule"] == "punctuation.doubled-mark")
    assert (dm["start"]["line"], dm["start"]["column"], dm["text"]) == (16, 233, ". .")
    assert dm["fix"] == {
        "applicability": "safe",
        "edits": [{"start": dm["start"]["offset"], "end": dm["end"]["offset"], "replacement": "."}],
    }
    assert report["summary"] == {"files": 1, "diagnostics": 9, "error": 4, "warning": 5, "info": 0}
    misnamed = f["diagnostics"][0]
    assert (misnamed["rule"], misnamed["text"], misnamed["start"]["line"]) == (
        "fact.misnamed-official",
        "Anthony Blinken",
        1,
    )
    assert misnamed["fix"]["applicability"] == "unsafe" and misnamed["suggestions"] == ["Antony Blinken"]


def test_select_and_ignore_by_prefix():
    _, report = json_report("--select", "boilerplate", SEED)
    assert {d["rule"] for d in report["files"][0]["diagnostics"]} == {
        "boilerplate.more",
        "boilerplate.social",
    }
    _, report = json_report("--ignore", "boilerplate,consistency.us,fact,grammar", SEED)
    assert {d["rule"] for d in report["files"][0]["diagnostics"]} == {"punctuation.doubled-mark"}


# -- text -------------------------------------------------------------------------------------

HEADLINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) \[(?P<rule>[\w.-]+)\] .+$"
)


def test_text_output_is_quickfix_parsable_with_a_caret_under_the_span():
    out = newslint("check", "--date", "2023-02-28", SEED).stdout.decode()
    lines = out.splitlines()
    heads = [(i, HEADLINE.match(line)) for i, line in enumerate(lines) if HEADLINE.match(line)]
    assert [m["rule"] for _, m in heads] == [
        "fact.misnamed-official",
        "grammar.wrong-preposition",
        "consistency.us",
        "grammar.word-order",
        "grammar.quote-tail",
        "grammar.split-sentence",
        "punctuation.doubled-mark",
        "boilerplate.more",
        "boilerplate.social",
    ]
    i, m = heads[6]
    assert (m["line"], m["col"]) == ("16", "233")
    code, caret = lines[i + 2], lines[i + 3]
    col = caret.index("^")
    assert code[col : col + 3] == ". ." and caret[col:].startswith("^^^ ")
    assert "fix (--fix): replace with '.'" in caret
    assert lines[-1] == (
        "Found 9 problems (4 errors, 5 warnings) in 1 file "
        "(1 fixable with --fix; 4 more with --fix --unsafe-fixes)."
    )


def test_concise_format_is_one_line_per_finding():
    lines = (
        newslint("check", "--format", "concise", "--date", "2023-02-28", SEED).stdout.decode().splitlines()
    )
    assert all(HEADLINE.match(line) for line in lines[:-1]) and len(lines) == 10


# -- stdin --------------------------------------------------------------------------------------


def test_stdin_with_a_name():
    run = newslint("check", "--format", "concise", "--stdin-filename", "story.txt", "-", stdin=b"Done. .\n")
    assert run.returncode == 1
    assert run.stdout.decode().startswith("story.txt:1:5: error [punctuation.doubled-mark]")


def test_stdin_fix_writes_the_fixed_text_to_stdout():
    run = newslint("check", "--fix", "-", stdin=b"Done. .\nAnd the the end.\n")
    assert run.stdout == b"Done.\nAnd the end.\n"
    assert b"No problems found" in run.stderr


# -- bad input ----------------------------------------------------------------------------------


def test_undecodable_file_is_reported_with_its_byte_offset_and_others_go_on(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Line one.\nThe price was £5.\n".encode("latin-1"))
    code, report = json_report("--date", "2023-02-28", bad, SEED)
    first, second = report["files"]
    [d] = first["diagnostics"]
    assert d["rule"] == "io.decode" and d["category"] == "internal" and d["severity"] == "error"
    assert "byte 0xA3 at byte offset 24" in d["message"]
    assert (d["start"]["line"], d["start"]["column"]) == (2, 15)
    assert len(second["diagnostics"]) == 9 and code == 1


def test_binary_file_with_a_txt_name(tmp_path):
    blob = tmp_path / "photo.txt"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    _, report = json_report(blob)
    assert [d["rule"] for d in report["files"][0]["diagnostics"]] == ["io.binary"]


def test_empty_file_is_clean(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, report = json_report(empty)
    assert code == 0 and report["files"][0]["diagnostics"] == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text("x")
    f.chmod(0)
    _, report = json_report(f)
    assert report["files"][0]["diagnostics"][0]["rule"] == "io.read"


def test_crlf_file_columns_and_fix_keep_crlf(tmp_path):
    f = tmp_path / "crlf.txt"
    f.write_bytes(b"First line.\r\nSecond. .\r\nAnd the the end.\r\n")
    _, report = json_report(f)
    pos = [(d["start"]["line"], d["start"]["column"], d["text"]) for d in report["files"][0]["diagnostics"]]
    assert pos == [(2, 7, ". ."), (3, 5, "the the")]
    assert newslint("check", "--fix", f).returncode == 0
    assert f.read_bytes() == b"First line.\r\nSecond.\r\nAnd the end.\r\n"


def test_bom_survives_a_fix(tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbfDone. .\n")
    _, report = json_report(f)
    assert report["files"][0]["diagnostics"][0]["start"]["column"] == 5
    newslint("check", "--fix", f)
    assert f.read_bytes() == b"\xef\xbb\xbfDone.\n"


def test_catastrophic_user_regex_times_out_and_the_run_finishes(tmp_path):
    pack = tmp_path / "slow.yaml"
    pack.write_text(
        """\
pack: slow
rules:
  - id: slow.backtrack
    title: Slow
    kind: pattern
    category: style
    severity: warning
    message: "slow"
    description: A pattern that backtracks exponentially.
    pattern: '(a|a)+b'
    timeout: 0.3
    examples:
      - bad: "b"
        flagged: "b"
      - good: "c"
"""
    )
    config = tmp_path / ".newslint.toml"
    config.write_text('rule-packs = ["slow.yaml"]\n')
    article = tmp_path / "a.txt"
    article.write_text("a" * 40 + "\nThe the end.\n")
    run = newslint("check", "--format", "json", "--config", config, article)
    diags = json.loads(run.stdout)["files"][0]["diagnostics"]
    assert [d["rule"] for d in diags] == ["engine.rule-timeout", "typos.repeated-word"]
    assert "slow.backtrack ran out of time" in diags[0]["message"]


# -- fixes ------------------------------------------------------------------------------------


def test_fix_applies_safe_fixes_only_and_keeps_the_mode(tmp_path):
    f = tmp_path / "story.txt"
    f.write_text("The vote was close;; the count took days.\nShare this\n")
    f.chmod(0o640)
    run = newslint("check", "--fix", f)
    assert f.read_text() == "The vote was close; the count took days.\nShare this\n"
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    assert run.returncode == 1  # the unsafe boilerplate finding remains
    newslint("check", "--fix", "--unsafe-fixes", f)
    assert f.read_text() == "The vote was close; the count took days.\n"
    assert not [p for p in tmp_path.iterdir() if p.name != "story.txt"], "no temp file left behind"


def test_diff_prints_and_writes_nothing(tmp_path):
    f = tmp_path / "story.txt"
    original = "Done. .\n"
    f.write_text(original)
    run = newslint("check", "--diff", f)
    assert f.read_text() == original
    out = run.stdout.decode()
    assert f"--- a/{f}" in out and f"+++ b/{f}" in out and "-Done. .\n+Done.\n" in out


def test_fix_refuses_to_overwrite_a_read_only_folder_without_losing_the_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    folder = tmp_path / "ro"
    folder.mkdir()
    f = folder / "story.txt"
    f.write_text("Done. .\n")
    folder.chmod(0o500)
    try:
        code, report = json_report("--fix", f)
    finally:
        folder.chmod(0o700)
    assert report["files"][0]["diagnostics"][0]["rule"] == "io.write"
    assert f.read_text() == "Done. .\n"


# -- walking folders ---------------------------------------------------------------------------


def test_directories_are_walked_for_article_files(tmp_path):
    for name in ["a.txt", "b.md", "c.html", "d.json", ".hidden.txt", "sub/e.markdown", ".git/f.txt"]:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("Fine.\n")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    _, report = json_report(tmp_path)
    names = [os.path.relpath(f["path"], tmp_path) for f in report["files"]]
    assert names == ["a.txt", "b.md", "c.html", "d.json", os.path.join("sub", "e.markdown")]


# -- rules and explain ------------------------------------------------------------------------


def test_rules_lists_every_rule():
    out = newslint("rules").stdout.decode()
    assert re.search(
        r"^punctuation\.doubled-mark\s+punctuation\s+error\s+punctuation\s+Doubled punctuation mark$",
        out,
        re.M,
    )


def test_explain_prints_description_examples_and_how_to_silence():
    out = newslint("explain", "punctuation.doubled-mark").stdout.decode()
    assert "ellipsis" in out and "flagged: 'They annexed the regions last year. .'" in out
    assert "--ignore punctuation.doubled-mark" in out
    run = newslint("explain", "doubled")
    assert run.returncode == 2 and b"did you mean " in run.stderr
    assert b"punctuation.doubled-mark?" in run.stderr


# -- where the report goes ---------------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_full_stdout_is_a_one_line_error_like_a_full_output_file(fmt):
    root = ROOT
    args = ["check", "--grammar-backend", "none", "--format", fmt, root / "seeds"]
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [sys.executable, "-m", "lint", *map(str, args)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(root)},
        )
    assert run.returncode == 2
    assert run.stderr == "newslint: error: cannot write the report to stdout: No space left on device\n"
    to_file = newslint(*args, "-o", "/dev/full")
    assert to_file.returncode == 2
    assert (
        to_file.stderr.decode()
        == "newslint: error: cannot write the report to /dev/full: No space left on device\n"
    )


def test_a_reader_that_goes_away_stops_the_run_quietly(capsys, monkeypatch, tmp_path):
    from lint import cli

    class ClosedPipe:
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self):
            pass

        def isatty(self):
            return False

        def fileno(self):
            return os.open(tmp_path / "stdout", os.O_WRONLY | os.O_CREAT)

    monkeypatch.setenv("NEWSLINT_NO_CACHE", "1")
    f = tmp_path / "a.txt"
    f.write_text("The the end.\n")
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert cli.main(["check", "--grammar-backend", "none", str(f)]) == 0
    assert capsys.readouterr().err == ""
