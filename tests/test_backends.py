"""Grammar backends: Harper in process, LanguageTool through a server (a stand-in on
loopback here: no LanguageTool can be downloaded in this environment)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

from fake_languagetool import FakeLanguageTool


def check(*args, stdin: str | None = None):
    run = subprocess.run(
        [sys.executable, "-m", "lint", "check", "--format", "json", *args],
        input=stdin,
        capture_output=True,
        text=True,
    )
    report = json.loads(run.stdout) if run.stdout.strip() else None
    return run, report


def rules_of(report):
    return [(d["rule"], d["text"]) for f in report["files"] for d in f["diagnostics"]]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_languagetool_findings_offsets_and_fix():
    text = "Ukraine 🇺🇦 asked for a update. The talks went on. .\n"
    with FakeLanguageTool() as server:
        run, report = check(
            "--grammar-backend", "languagetool", "--languagetool-url", server.url, "-", stdin=text
        )
    diags = report["files"][0]["diagnostics"]
    lt = [d for d in diags if d["rule"].startswith("languagetool.")]
    assert [(d["rule"], d["text"], d["start"]["column"]) for d in lt] == [
        ("languagetool.EN_A_VS_AN", "a", 22)
    ]
    assert lt[0]["category"] == "grammar" and lt[0]["suggestions"] == ["an"]
    assert lt[0]["fix"]["applicability"] == "unsafe"
    assert "punctuation.doubled-mark" in [d["rule"] for d in diags]
    assert not any(d["rule"].startswith("harper") for d in diags)


def test_languagetool_down_is_one_notice_and_the_rest_still_runs(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("They left. .\n")
    url = f"http://127.0.0.1:{free_port()}"
    run, report = check("--grammar-backend", "languagetool", "--languagetool-url", url, str(tmp_path))
    assert run.stderr.count("LanguageTool unavailable") == 1
    for f in report["files"]:
        rules = [(d["rule"], d["severity"]) for d in f["diagnostics"]]
        assert rules == [("languagetool.unavailable", "info"), ("punctuation.doubled-mark", "error")]
    baseline, _ = check("--grammar-backend", "none", str(tmp_path))
    assert run.returncode == baseline.returncode == 1


def test_languagetool_answering_garbage():
    with FakeLanguageTool(mode="garbage") as server:
        run, report = check(
            "--grammar-backend", "languagetool", "--languagetool-url", server.url, "-", stdin="Fine.\n"
        )
    assert [d["rule"] for d in report["files"][0]["diagnostics"]] == ["languagetool.unavailable"]
    assert run.returncode == 0 and "LanguageTool unavailable" in run.stderr


def test_harper_is_the_default_and_its_rules_are_selectable():
    text = "She ate a apple every morning.\n"
    _, report = check("-", stdin=text)
    assert ("harper.AnA", "a") in rules_of(report)
    _, report = check("--ignore", "harper.AnA", "-", stdin=text)
    assert not [r for r in rules_of(report) if r[0].startswith("harper")]
    _, report = check("--select", "harper.AnA", "-", stdin=text)
    assert rules_of(report) == [("harper.AnA", "a")]
    run, _ = check("--select", "harper.NoSuchRule.x", "-", stdin=text)
    assert run.returncode == 0  # a family's own ids are not known in advance


def test_grammar_backend_none_imports_no_backend():
    code = (
        "import sys, io, contextlib\n"
        "from lint.cli import main\n"
        "sys.stdin = io.TextIOWrapper(io.BytesIO(b'A apple. .\\n'))\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['check', '--grammar-backend', 'none', '-'])\n"
        "print('harper' in sys.modules, 'language_tool_python' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stdout.strip().splitlines()[-1] == "False False", run.stderr
