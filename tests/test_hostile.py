"""Hostile and broken input: every problem is named, nothing is lost, the run finishes.

The command line runs in process (``lint.cli.main``) so that the file system can be made to
fail on cue: a file that vanishes or changes between the read and the write, a full disk,
a read-only file system. Cases covered elsewhere: undecodable bytes, binary files, an
unreadable file, CRLF and BOM (tests/test_cli.py), a 50 MB file and a 10 MB line
(tests/test_large_input.py), a catastrophic user regex (tests/test_cli.py), a KB term that
ends before it starts (tests/test_kb.py), LanguageTool down or answering garbage
(tests/test_backends.py).

``NEWSLINT_SLOW=1`` adds the cases that take minutes: a 200 MB file and 100,000 files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import http.server
import json
import os
import pathlib
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

import pytest

from lint import cli
from lint.config import load_config
from lint.datafiles.strict import DataError
from lint.engine import Engine, Selection
from lint.kb import builtin_kb_dir, load_kb
from lint.readers import document_from_source

from conftest import ROOT
from helpers import registry

SLOW = os.environ.get("NEWSLINT_SLOW", "") not in ("", "0")
SEED = (ROOT / "seeds" / "eastern-herald-blinken-central-asia.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("NEWSLINT_NO_CACHE", "1")  # every case reads its files afresh


def check(capsys, *args) -> tuple[int, dict]:
    """Run ``newslint check --format json`` in this process: exit status and report."""
    code = cli.main(
        ["check", "--format", "json", "--grammar-backend", "none", "--jobs", "1", *map(str, args)]
    )
    out = capsys.readouterr().out
    return code, json.loads(out)


def rules(report, i=0) -> list[str]:
    return [d["rule"] for d in report["files"][i]["diagnostics"]]


# -- bytes that are not an article ------------------------------------------------------------


def test_mixed_encodings_point_at_the_first_foreign_byte(capsys, tmp_path):
    f = tmp_path / "mixed.txt"
    f.write_bytes("Caf\u00e9 society, \u201cfine\u201d.\n".encode() + "Caf\u00e9 two.\n".encode("latin-1"))
    code, report = check(capsys, f)
    [d] = report["files"][0]["diagnostics"]
    assert d["rule"] == "io.decode" and "byte 0xE9 at byte offset 30" in d["message"]
    # The UTF-8 line before it was decoded, so the column counts its characters.
    assert (d["start"]["line"], d["start"]["column"]) == (2, 4)
    assert code == 1


def test_nul_bytes(capsys, tmp_path):
    # A NUL in the first 8 KB means a binary file (as git decides); one further on is kept
    # as a character and survives --fix.
    early = tmp_path / "early.txt"
    early.write_bytes(b"Fine. .\x00\n")
    late = tmp_path / "late.txt"
    late.write_bytes(b"Fine.\n" * 1500 + b"The vote\x00 was close. .\n")
    code, report = check(capsys, "--fix", early, late)
    assert rules(report, 0) == ["io.binary"] and rules(report, 1) == []
    assert report["files"][1]["fixed"] == 1
    assert early.read_bytes() == b"Fine. .\x00\n"
    assert late.read_bytes() == b"Fine.\n" * 1500 + b"The vote\x00 was close.\n"


# -- structure that is too deep or never closed -------------------------------------------------


def test_one_hundred_thousand_nested_divs():
    source = "<div>\n" * 100_000 + "<p>Deep. .</p>" + "</div>" * 100_000
    doc = document_from_source(source, "deep.html")
    assert doc.markup == "html" and "reader_error" not in doc.metadata  # no RecursionError fallback
    [d] = lint_doc(doc)
    assert (d.rule, d.text) == ("punctuation.doubled-mark", ". .")
    assert doc.position(d.span.start).line == 100_001


@pytest.mark.parametrize("depth", [10, 60, 5000])
def test_deeply_nested_markdown_loses_no_prose(depth):
    # markdown-it stops at its nesting limit and drops the rest of the enclosing block,
    # which for a list is the rest of the article.
    source = "- " * depth + "Deep. .\n\nThe rest of the article. .\n"
    doc = document_from_source(source, "story.md")
    assert [d.text for d in lint_doc(doc)] == [". .", ". ."]
    assert (doc.markup == "markdown") == (depth == 10)  # deeper: read as plain text


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("<p>Shown. .<!-- hidden. . <b>x</b></p><p>Also hidden. .</p>", "Shown. ."),
        ("<p>Shown. .<!-- hidden. .", "Shown. ."),
        ("<p>Shown. .<!bogus. .</p><p>After. .</p>", "Shown. .\n\nAfter. ."),
        ("<p>Shown. .<? never closed. .", "Shown. ."),
    ],
)
def test_html_comment_never_closed_runs_to_the_end_as_in_a_browser(source, text):
    doc = document_from_source(source, "page.html")
    assert doc.text == text
    assert all(not d.text.startswith("<") for d in lint_doc(doc))


def lint_doc(doc):
    return Engine(registry(), Selection()).lint(doc)


def test_unterminated_front_matter_is_read_as_prose():
    # Without its closing '---' a header is not front matter (CommonMark reads the '---' as
    # a rule): its lines are linted like the rest and the date is not taken from it.
    source = "---\ntitle: Never closed\ndate: 2020-01-01\n\nThe vote was close. .\n"
    doc = document_from_source(source, "story.md")
    assert doc.date_source == "today" and doc.metadata == {}
    assert "date: 2020-01-01" in doc.text
    assert [d.text for d in lint_doc(doc)] == [". ."]


# -- the file system: loops, vanishing files, permissions, full disks -----------------------------


def test_symlink_loops_in_a_walked_folder(capsys, tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "sub" / "c.txt").write_text("Fine. .\n")
    code, report = check(capsys, tmp_path)
    paths = [f["path"] for f in report["files"]]
    assert paths == [str(tmp_path / n) for n in ("a.txt", "b.txt", "sub/c.txt")]
    for i in (0, 1):
        [d] = report["files"][i]["diagnostics"]
        assert d["rule"] == "io.read" and "Too many levels of symbolic links" in d["message"]
    assert rules(report, 2) == ["punctuation.doubled-mark"]
    assert code == 1


def test_a_symlink_loop_named_on_the_command_line_is_unreadable_not_missing(capsys, tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    code, report = check(capsys, tmp_path / "a.txt")
    [d] = report["files"][0]["diagnostics"]
    assert d["rule"] == "io.read" and "Too many levels of symbolic links" in d["message"]
    assert code == 1


def _on_read(monkeypatch, target, action):
    """Call ``action`` the first time ``target`` is read, just before reading it."""
    import lint.readers

    real, real_file = pathlib.Path.read_bytes, lint.readers.read_file_bytes
    done = []

    def before(path):
        if not done and os.path.abspath(path) == os.path.abspath(target):
            done.append(True)
            action()

    def read_bytes(self):
        before(self)
        return real(self)

    def read_file_bytes(path):
        before(path)
        return real_file(path)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    monkeypatch.setattr(lint.readers, "read_file_bytes", read_file_bytes)


def test_a_file_that_disappears_during_the_run(capsys, monkeypatch, tmp_path):
    gone, kept = tmp_path / "a.txt", tmp_path / "b.txt"
    gone.write_text("Fine.\n")
    kept.write_text("Fine. .\n")
    _on_read(monkeypatch, gone, gone.unlink)
    code, report = check(capsys, tmp_path)
    [d] = report["files"][0]["diagnostics"]
    assert d["rule"] == "io.read" and "No such file or directory" in d["message"]
    assert rules(report, 1) == ["punctuation.doubled-mark"] and code == 1


def test_a_file_edited_while_it_is_fixed_keeps_the_edit(capsys, monkeypatch, tmp_path):
    f = tmp_path / "story.txt"
    f.write_bytes(b"Done. .\n")
    real = pathlib.Path.read_bytes
    edited = b"Rewritten by an editor. .\n"

    def edit_after_reading():
        monkeypatch.undo()  # the next reads see the file as it is on disk
        f.write_bytes(edited)

    # The linter reads the original; the editor saves before the fix is written.
    def read_then_edit(self):
        data = real(self)
        if os.path.abspath(self) == os.path.abspath(f):
            edit_after_reading()
        return data

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_then_edit)
    code, report = check(capsys, "--fix", f)
    [d, *_] = report["files"][0]["diagnostics"]
    assert d["rule"] == "io.write" and "changed while it was being" in d["message"]
    assert report["files"][0]["fixed"] == 0 and f.read_bytes() == edited and code == 1


def test_fix_through_a_symlink_fixes_the_target_and_keeps_the_link(capsys, tmp_path):
    real = tmp_path / "archive" / "story.txt"
    real.parent.mkdir()
    real.write_bytes(b"Done. .\n")
    link = tmp_path / "story.txt"
    link.symlink_to(real)
    code, report = check(capsys, "--fix", link)
    assert report["files"][0]["fixed"] == 1 and code == 0
    assert link.is_symlink() and real.read_bytes() == b"Done.\n"
    assert sorted(p.name for p in real.parent.iterdir()) == ["story.txt"]


def test_no_permission_to_read(capsys, monkeypatch, tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text("Fine.\n")

    def denied():
        raise PermissionError(errno.EACCES, "Permission denied", str(f))

    _on_read(monkeypatch, f, denied)
    code, report = check(capsys, f)
    [d] = report["files"][0]["diagnostics"]
    assert d["rule"] == "io.read" and d["message"] == "cannot read the file: Permission denied"
    assert code == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_fix_leaves_a_read_only_file_alone(capsys, tmp_path):
    # The folder is writable, so a rename would succeed: newslint must refuse on its own.
    f = tmp_path / "story.txt"
    f.write_bytes(b"Done. .\n")
    f.chmod(0o444)
    code, report = check(capsys, "--fix", f)
    [d, *_] = report["files"][0]["diagnostics"]
    assert d["rule"] == "io.write" and "read-only" in d["message"]
    assert f.read_bytes() == b"Done. .\n" and code == 1


def test_fix_leaves_a_read_only_file_alone_simulated(capsys, monkeypatch, tmp_path):
    # As root cannot be refused, the kernel's answer to "may I write this?" is simulated.
    f = tmp_path / "story.txt"
    f.write_bytes(b"Done. .\n")
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: mode != os.W_OK and real(p, mode, **kw))
    code, report = check(capsys, "--fix", f)
    [d, *_] = report["files"][0]["diagnostics"]
    assert d["rule"] == "io.write"
    assert d["message"] == (
        "fixes not written: Permission denied (the file is read-only); the file is unchanged"
    )
    assert f.read_bytes() == b"Done. .\n" and code == 1


def _fail(monkeypatch, module, name, err_no):
    def failing(*args, **kwargs):
        raise OSError(err_no, os.strerror(err_no))

    monkeypatch.setattr(module, name, failing)


@pytest.mark.parametrize(
    ("where", "err_no", "message"),
    [
        ("mkstemp", errno.EACCES, "Permission denied"),  # no permission to write the folder
        ("mkstemp", errno.EROFS, "Read-only file system"),
        ("write", errno.ENOSPC, "No space left on device"),  # the disk fills mid-write
        ("fsync", errno.ENOSPC, "No space left on device"),  # delayed allocation fails
        ("fsync", errno.EIO, "Input/output error"),
        ("replace", errno.EROFS, "Read-only file system"),
    ],
)
def test_a_failed_fix_write_leaves_the_original_byte_identical(
    capsys, monkeypatch, tmp_path, where, err_no, message
):
    f = tmp_path / "story.txt"
    original = "\ufeffThe vote was close;; the count took days.\r\nIt was the the end.\r\n".encode()
    f.write_bytes(original)
    f.chmod(0o640)
    if where == "mkstemp":
        _fail(monkeypatch, tempfile, "mkstemp", err_no)
    elif where == "write":
        real_fdopen = os.fdopen

        def fdopen(fd, *args, **kwargs):
            fh = real_fdopen(fd, *args, **kwargs)
            raw_write = fh.write

            def write(data):
                raw_write(data[: len(data) // 2])  # half lands, then the disk is full
                fh.flush()
                raise OSError(err_no, os.strerror(err_no))

            fh.write = write
            return fh

        monkeypatch.setattr(os, "fdopen", fdopen)
    else:
        _fail(monkeypatch, os, where, err_no)
    code, report = check(capsys, "--fix", f)
    monkeypatch.undo()
    [d, *_] = report["files"][0]["diagnostics"]
    assert d["rule"] == "io.write"
    assert d["message"] == f"fixes not written: {message}; the file is unchanged"
    assert report["files"][0]["fixed"] == 0 and code == 1
    assert f.read_bytes() == original and oct(f.stat().st_mode & 0o777) == oct(0o640)
    assert [p.name for p in tmp_path.iterdir()] == ["story.txt"], "a temporary file was left behind"


# -- data files: a knowledge base that contradicts itself, a configuration with a typo ----------


def test_kb_overlapping_holders_of_one_office_are_each_right_for_their_own_term(tmp_path):
    # Terms of one office may overlap (a handover day, an acting holder, a disputed seat):
    # that is not an error. Each holder is right while in office; neither is flagged then.
    kb_file = tmp_path / "kb.yaml"
    kb_file.write_text(
        "kb: local\n"
        "places: [{name: Ruritania, adjectives: [Ruritanian]}]\n"
        "people:\n"
        "  - name: Rudolf Rassendyll\n"
        "    positions: [{title: President, of: Ruritania, start: 2010-01-01, end: 2020-06-30}]\n"
        "  - name: Flavia Elphberg\n"
        "    positions: [{title: President, of: Ruritania, start: 2020-01-01}]\n"
    )
    kb = load_kb((builtin_kb_dir() / "titles.yaml", kb_file))
    day = dt.date(2020, 3, 1)
    holders = sorted(p.name for p in kb.holders(["President"], "Ruritania", day))
    assert holders == ["Flavia Elphberg", "Rudolf Rassendyll"]


def test_config_typo_names_the_file_line_and_the_closest_key(tmp_path):
    cfg = tmp_path / ".newslint.toml"
    cfg.write_text('select = ["punctuation"]\n\nfail_on = "error"\n')
    with pytest.raises(DataError) as info:
        load_config(cfg)
    assert info.value.line == 3
    assert info.value.message == "unknown key 'fail_on' in newslint (did you mean 'fail-on'?)"
    cfg.write_text('[severity]\n"punctuation" = "info"\n[per-file-ignore]\n"a/*" = ["x"]\n')
    with pytest.raises(DataError) as info:
        load_config(cfg)
    assert info.value.line == 3 and "(did you mean 'per-file-ignores'?)" in info.value.message
    cfg.write_text("colour = 1\n")  # nothing close: no guess
    with pytest.raises(DataError) as info:
        load_config(cfg)
    assert info.value.message == "unknown key 'colour' in newslint"


# -- a LanguageTool server that answers slowly or with nonsense -----------------------------------


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def _languagetool(answer):
    """A LanguageTool stand-in whose /v2/check answer is ``answer(text)``: (delay, body)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, body: str):
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            self._send(json.dumps([{"name": "English (US)", "code": "en", "longCode": "en-US"}]))

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            text = urllib.parse.parse_qs(self.rfile.read(length).decode()).get("text", [""])[0]
            delay, body = answer(text)
            time.sleep(delay)
            with contextlib.suppress(OSError):  # the client may have given up
                self._send(body)

    server = _Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _match(offset, length, rule="BAD"):
    return {
        "message": "m",
        "shortMessage": "",
        "replacements": [{"value": "x"}],
        "offset": offset,
        "length": length,
        "context": {"text": "", "offset": 0, "length": 0},
        "sentence": "",
        "rule": {
            "id": rule,
            "description": "d",
            "issueType": "x",
            "category": {"id": "GRAMMAR", "name": "G"},
        },
    }


def _check_with_languagetool(capsys, url, *paths):
    code = cli.main(
        ["check", "--format", "json", "--jobs", "1", "--grammar-backend", "languagetool",
         "--languagetool-url", url, *map(str, paths)]
    )  # fmt: skip
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def test_languagetool_slow_server_times_out_once_and_the_run_finishes(capsys, monkeypatch, tmp_path):
    from lint.kinds import languagetool

    monkeypatch.setattr(languagetool, "TIMEOUT", 0.5)
    asked = []
    server, url = _languagetool(lambda text: (asked.append(text), (5, json.dumps({"matches": []})))[1])
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("They left. .\n")
    try:
        code, report, err = _check_with_languagetool(capsys, url, tmp_path)
    finally:
        server.shutdown()
    for f in report["files"]:
        assert rules(report, report["files"].index(f)) == [
            "languagetool.unavailable",
            "punctuation.doubled-mark",
        ]
    assert "timed out" in report["files"][0]["diagnostics"][0]["message"]
    assert err.count("LanguageTool unavailable") == 1 and code == 1
    # A server that never answers is asked for the first file only (the library itself tries
    # twice), not for every file.
    assert 1 <= len(asked) <= 2


@pytest.mark.parametrize(
    "body",
    [
        json.dumps({"matches": [_match(-5, 3), _match(4, -2), _match(10_000, 7), _match(2, 10_000)]}),
        json.dumps({"matches": [{"offset": 1}]}),
        json.dumps({"matches": "nope"}),
        json.dumps([1, 2, 3]),
        '{"matches": [',
    ],
    ids=["offsets-out-of-range", "fields-missing", "matches-not-a-list", "not-an-object", "truncated"],
)
def test_languagetool_answering_nonsense_never_crashes(capsys, tmp_path, body):
    server, url = _languagetool(lambda text: (0, body))
    f = tmp_path / "a.txt"
    f.write_text("They left. .\n")
    try:
        code, report, _ = _check_with_languagetool(capsys, url, f)
    finally:
        server.shutdown()
    diags = report["files"][0]["diagnostics"]
    assert code == 1 and "punctuation.doubled-mark" in [d["rule"] for d in diags]
    for d in diags:
        assert 0 <= d["start"]["offset"] <= d["end"]["offset"] <= len("They left. .\n")


# -- size: huge files and many files (the full sizes with NEWSLINT_SLOW=1) ------------------------


def _run(*args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "lint", "check", "--grammar-backend", "none", *map(str, args)],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NEWSLINT_NO_CACHE": "1"},
        **kwargs,
    )


def test_many_tiny_files(tmp_path):
    count = 100_000 if SLOW else 10_000
    for i in range(count):
        (tmp_path / f"{i:06d}.txt").write_bytes(b"" if i % 2 else b"Fine.\n")
    (tmp_path / "999999.txt").write_bytes(b"The end. .\n")
    run = _run("--format", "concise", tmp_path)
    out = run.stdout.decode()
    assert run.returncode == 1, run.stderr.decode()
    assert (
        out.splitlines()[0]
        == f"{tmp_path / '999999.txt'}:1:8: error [punctuation.doubled-mark] Stray punctuation: '. .'"
    )
    assert f"in {count + 1} files" in out


@pytest.mark.skipif(not SLOW, reason="takes minutes: NEWSLINT_SLOW=1 pytest tests/test_hostile.py")
def test_two_hundred_megabyte_file(tmp_path):
    big = tmp_path / "archive.txt"
    copies = 200_000_000 // len(SEED.encode()) + 1
    with open(big, "w", encoding="utf-8") as fh:
        for _ in range(copies):
            fh.write(SEED + "\n")
    run = _run("--format", "json", "--select", "punctuation,typos", big)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    diags = json.loads(run.stdout)["files"][0]["diagnostics"]
    assert [d["rule"] for d in diags] == ["punctuation.doubled-mark"] * copies
    assert peak_mb < 4096, f"peak memory {peak_mb:.0f} MB"


# -- the README's promises name tests that exist -----------------------------------------------


def test_every_guarantee_in_the_readme_names_a_real_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Guarantees", 1)[1].split("\n## ", 1)[0]
    sources = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py")}
    everything = "".join(sources.values())
    named = re.findall(r"`(?:(test_\w+\.py)::)?(test_\w+)(\*)?`", section)
    assert len(named) > 20
    for file, test, prefix in named:
        pattern = f"def {test}" + ("" if prefix else r"\(")
        assert re.search(pattern, sources[file] if file else everything), f"{file}::{test} not found"
    for file in re.findall(r"`(test_\w+\.py)`", section):
        assert file in sources, file


# -- files that are not files -------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("cache", [False, True])
def test_a_named_pipe_is_not_read_in_a_folder_or_on_the_command_line(tmp_path, cache):
    folder = tmp_path / "d"
    folder.mkdir()
    os.mkfifo(folder / "p.txt")
    (folder / "a.txt").write_text("The the end.\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if cache:
        env.pop("NEWSLINT_NO_CACHE", None)
    # The guard catches a hang (reading a pipe nobody writes to blocks forever).
    run = subprocess.run(
        [sys.executable, "-m", "lint", "check", "--format", "json", "--grammar-backend", "none",
         "--cache-dir", str(tmp_path / "cache"), str(folder), str(folder / "p.txt")],
        capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    files = {f["path"]: [d["rule"] for d in f["diagnostics"]] for f in json.loads(run.stdout)["files"]}
    assert files == {str(folder / "a.txt"): ["typos.repeated-word"], str(folder / "p.txt"): ["io.read"]}
    [d] = [f for f in json.loads(run.stdout)["files"] if f["path"].endswith("p.txt")][0]["diagnostics"]
    assert "not a regular file (a named pipe)" in d["message"]
