"""Running many files: worker processes, the results cache, the progress bar and a Dask
cluster all give the report a serial run gives, in the same order."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import pty
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from lint import cli
from lint.cli import check as cli_check
from lint.cli.common import EXIT_ERROR
from lint.run import cache as cache_module
from lint.run import runner, tasks

from conftest import ROOT

SEEDS = sorted(p for p in (ROOT / "seeds").iterdir() if p.suffix in (".txt", ".md", ".html"))
FAST = ("--grammar-backend", "none")


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """Twenty-four articles (the seeds, each in four folders) with a known date."""
    root = tmp_path / "archive"
    for i in range(4):
        folder = root / f"desk{i}"
        folder.mkdir(parents=True)
        for seed in SEEDS:
            shutil.copy(seed, folder / seed.name)
    return root


@pytest.fixture
def cached(monkeypatch, tmp_path: Path) -> Path:
    """The cache on, in a folder of its own."""
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    return tmp_path / "cache"


def check(capsys, *args) -> tuple[int, str]:
    code = cli.main(["check", "--date", "2025-06-01", *map(str, args)])
    return code, capsys.readouterr().out


def entries(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file() and p.parent.name != directory.name)


def test_worker_processes_give_the_serial_report_in_the_same_order(capsys, archive):
    serial = check(capsys, archive, *FAST, "--format", "json", "--jobs", "1", "--no-cache")
    parallel = check(capsys, archive, *FAST, "--format", "json", "--jobs", "2", "--no-cache")
    assert serial == parallel
    paths = [f["path"] for f in json.loads(serial[1])["files"]]
    assert len(paths) == 4 * len(SEEDS) >= runner.PARALLEL_MIN_FILES
    assert paths == sorted(paths)
    assert sum(len(f["diagnostics"]) for f in json.loads(serial[1])["files"]) > 100


@pytest.mark.parametrize("fmt", ["json", "sarif", "text", "github"])
def test_a_run_from_the_cache_reports_exactly_what_a_fresh_run_does(
    capsys, monkeypatch, archive, cached, fmt
):
    fresh = check(capsys, archive, *FAST, "--format", fmt, "--cache-dir", cached, "--jobs", "1")
    assert len(entries(cached)) == 4 * len(SEEDS)

    def no_linting(*args, **kwargs):
        raise AssertionError("a file was linted although its findings were cached")

    monkeypatch.setattr(runner, "lint_task", no_linting)
    assert check(capsys, archive, *FAST, "--format", fmt, "--cache-dir", cached) == fresh


def test_cached_and_fresh_runs_name_files_alike(capsys, monkeypatch, archive, cached):
    monkeypatch.chdir(archive)
    fresh = check(capsys, ".", *FAST, "--format", "json", "--no-cache", "--jobs", "1")
    assert json.loads(fresh[1])["files"][0]["path"] == os.path.join("desk0", SEEDS[0].name)
    for _ in range(2):  # filling the cache, then from it
        assert check(capsys, ".", *FAST, "--format", "json", "--cache-dir", cached, "--jobs", "1") == fresh


def test_only_changed_files_are_linted_again(capsys, monkeypatch, archive, cached):
    check(capsys, archive, *FAST, "--format", "json", "--cache-dir", cached, "--jobs", "1")
    changed = archive / "desk2" / SEEDS[0].name
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\nThe talks ended. . Both sides left.\n\nShare this article\n",
        encoding="utf-8",
    )
    linted = []
    real = runner.lint_task

    def spy(task, *args):
        linted.append(task.path)
        return real(task, *args)

    monkeypatch.setattr(runner, "lint_task", spy)
    _, out = check(capsys, archive, *FAST, "--format", "json", "--cache-dir", cached, "--jobs", "1")
    assert linted == [str(changed)]
    report = {f["path"]: f for f in json.loads(out)["files"]}
    last = [d for d in report[str(changed)]["diagnostics"] if d["text"] in (". .", "Share this article")]
    assert [d["rule"] for d in last] == ["punctuation.doubled-mark", "boilerplate.share"]


def test_the_configuration_and_rule_packs_are_part_of_the_key(capsys, archive, cached, tmp_path):
    base = check(capsys, archive, *FAST, "--format", "json", "--cache-dir", cached, "--jobs", "1")
    ignored = check(
        capsys, archive, *FAST, "--format", "json", "--cache-dir", cached, "--ignore", "punctuation"
    )
    assert ignored != base
    assert not any(
        d["rule"].startswith("punctuation.")
        for f in json.loads(ignored[1])["files"]
        for d in f["diagnostics"]
    )
    # A user pack's rule changes: the files are linted again with the new rule.
    pack = tmp_path / "house.yaml"
    config = tmp_path / ".newslint.toml"
    config.write_text(f'rule-packs = ["{pack.name}"]\ngrammar-backend = "none"\n', encoding="utf-8")

    def house_pack(word: str) -> None:
        pack.write_text(
            "pack: house\ndescription: house words\nrules:\n"
            "  - id: house.word\n    title: a word the house does not use\n    kind: pattern\n"
            "    category: style\n    severity: warning\n"
            f"    message: do not write {word}\n    description: house style\n"
            f"    pattern: '\\b{word}\\b'\n"
            f"    examples:\n      - bad: 'the {word} is here'\n        flagged: '{word}'\n"
            "      - good: 'nothing here'\n",
            encoding="utf-8",
        )

    def house_findings() -> int:
        _, out = check(capsys, archive, "--config", config, "--format", "json", "--cache-dir", cached)
        return sum(d["rule"] == "house.word" for f in json.loads(out)["files"] for d in f["diagnostics"])

    house_pack("Russia")
    russia = house_findings()
    house_pack("Ukraine")
    assert russia > 0 and house_findings() != russia


def test_a_corrupt_entry_is_never_trusted(capsys, archive, cached):
    fresh = check(capsys, archive, *FAST, "--format", "json", "--cache-dir", cached, "--jobs", "1")
    stored = entries(cached)
    # Truncated, a changed finding behind a stale checksum, garbage, and an empty file.
    stored[0].write_bytes(stored[0].read_bytes()[:-20])
    head, _, body = stored[1].read_bytes().partition(b"\n")
    stored[1].write_bytes(head + b"\n" + body.replace(b'"severity":"warning"', b'"severity":"info"'))
    stored[2].write_bytes(b"\x00\xff not json")
    stored[3].write_bytes(b"")
    # A well-formed entry whose finding lies outside the file it claims to describe.
    body = json.loads(stored[4].read_bytes().partition(b"\n")[2])
    first = body["diagnostics"][0]
    outside = {
        **first,
        "start": {**first["start"], "offset": 10**9},
        "end": {**first["end"], "offset": 10**9 + 1},
    }
    body["diagnostics"] = [outside]
    data = json.dumps(body).encode()
    stored[4].write_bytes(cache_module.checksum(data) + b"\n" + data)
    assert check(capsys, archive, *FAST, "--format", "json", "--cache-dir", cached) == fresh
    # ... and the bad entries were replaced by good ones.
    assert check(capsys, archive, *FAST, "--format", "json", "--cache-dir", cached) == fresh


def test_no_cache_reads_and_writes_nothing(capsys, archive, cached, monkeypatch):
    check(capsys, archive, *FAST, "--cache-dir", cached, "--no-cache")
    assert not cached.exists()
    monkeypatch.setenv("NEWSLINT_NO_CACHE", "1")
    check(capsys, archive, *FAST, "--cache-dir", cached)
    assert not cached.exists()


def test_the_cache_folder_comes_from_the_configuration_and_marks_itself(capsys, archive, cached, tmp_path):
    config = tmp_path / ".newslint.toml"
    config.write_text('cache-dir = "build/lint-cache"\ngrammar-backend = "none"\n', encoding="utf-8")
    check(capsys, archive, "--config", config)
    folder = tmp_path / "build" / "lint-cache"
    assert (folder / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert len(entries(folder)) == 4 * len(SEEDS)


def test_fixing_neither_reads_nor_fills_the_cache(capsys, tmp_path, cached):
    article = tmp_path / "a.txt"
    article.write_text("The talks ended. . Both sides left.\n", encoding="utf-8")
    check(capsys, article, *FAST, "--cache-dir", cached)
    assert len(entries(cached)) == 1
    code, _ = check(capsys, article, *FAST, "--cache-dir", cached, "--fix")
    assert article.read_text(encoding="utf-8") == "The talks ended. Both sides left.\n"
    assert code == 0
    assert len(entries(cached)) == 1


def test_unreadable_files_are_not_cached(capsys, tmp_path, cached):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\xe9 society. .\n".encode("latin-1"))
    for _ in range(2):
        _, out = check(capsys, bad, *FAST, "--format", "json", "--cache-dir", cached)
        assert [d["rule"] for d in json.loads(out)["files"][0]["diagnostics"]] == ["io.decode"]
    assert entries(cached) == []


def test_findings_dated_today_expire_the_next_day(capsys, monkeypatch, tmp_path, cached):
    article = tmp_path / "undated.txt"
    article.write_text("The minister spoke. . Then she left.\n", encoding="utf-8")
    args = ("check", str(article), *FAST, "--format", "json", "--cache-dir", str(cached))
    cli.main(list(args))
    capsys.readouterr()

    tomorrow = dt.date.today() + dt.timedelta(days=1)

    class Tomorrow(dt.date):
        @classmethod
        def today(cls):
            return tomorrow

    linted = []
    real = runner.lint_task
    monkeypatch.setattr(runner, "lint_task", lambda task, *a: linted.append(task.path) or real(task, *a))
    cli.main(list(args))
    assert linted == []
    monkeypatch.setattr(cache_module, "dt", types.SimpleNamespace(date=Tomorrow))
    cli.main(list(args))
    assert linted == [str(article)]


# -- the progress bar ----------------------------------------------------------------------


def run_on_terminal(*args: str, cwd: Path) -> tuple[str, str]:
    """Run newslint with its stderr on a pseudo-terminal; returns (stdout, what the terminal showed)."""
    primary, secondary = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100", "TERM": "xterm"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "lint", "check", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=secondary,
        env=env,
    )
    os.close(secondary)
    shown = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the terminal closed: the process is done with it
            break
        if not chunk:
            break
        shown += chunk
    out = proc.communicate(timeout=300)[0]
    os.close(primary)
    return out.decode(), shown.decode(errors="replace")


@pytest.fixture
def many_files(tmp_path: Path) -> Path:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(cli_check.PROGRESS_MIN_FILES):
        (folder / f"{i:03}.txt").write_text(f"Story {i} was filed on time by the desk.\n", encoding="utf-8")
    return folder


def test_a_terminal_sees_a_progress_bar_for_many_files(many_files):
    _, shown = run_on_terminal(".", *FAST, "--jobs", "1", cwd=many_files)
    assert "linting" in shown and f"{cli_check.PROGRESS_MIN_FILES}/{cli_check.PROGRESS_MIN_FILES}" in shown


@pytest.mark.parametrize("args", [("--format", "json"), ("--format", "sarif"), ("--no-progress",)])
def test_machine_formats_and_no_progress_show_no_bar(many_files, args):
    out, shown = run_on_terminal(".", *FAST, "--jobs", "1", *args, cwd=many_files)
    assert "linting" not in shown
    if "json" in args:
        assert json.loads(out)["summary"]["files"] == cli_check.PROGRESS_MIN_FILES


def test_no_bar_when_stderr_is_not_a_terminal(many_files):
    proc = subprocess.run(
        [sys.executable, "-m", "lint", "check", ".", *FAST, "--jobs", "1"],
        cwd=many_files,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0 and proc.stderr == ""


# -- a Dask cluster --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster


def test_a_dask_cluster_gives_the_local_report(capsys, archive, dask_cluster, tmp_path):
    unreadable = archive / "desk0" / "gone.txt"
    unreadable.symlink_to(tmp_path / "missing-target.txt")
    local = check(capsys, archive, *FAST, "--format", "json", "--jobs", "1", "--no-cache")
    address = dask_cluster.scheduler_address
    remote = check(capsys, archive, *FAST, "--format", "json", "--no-cache", "--dask-scheduler", address)
    assert remote == local
    files = json.loads(local[1])["files"]
    assert len(files) == 4 * len(SEEDS) + 1
    assert [d["rule"] for f in files if f["path"] == str(unreadable) for d in f["diagnostics"]] == ["io.read"]
    again = check(capsys, archive, *FAST, "--format", "json", "--no-cache", "--dask-scheduler", address)
    assert again == local
    # Each worker process built its engine once and kept it for the second run.
    from distributed import Client

    with Client(dask_cluster, set_as_default=False) as client:
        engines = client.run(lambda: len(tasks._worker_engines))
    assert len(engines) == 2 and set(engines.values()) <= {0, 1} and sum(engines.values()) >= 1


def test_an_unreachable_scheduler_is_a_clear_error(capsys, monkeypatch, archive):
    from lint.run import dask as dask_run

    monkeypatch.setattr(dask_run, "CONNECT_TIMEOUT", "2s")
    code = cli.main(["check", str(archive), *FAST, "--no-cache", "--dask-scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == EXIT_ERROR
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err


def test_worker_processes_forked_while_harper_is_being_built_do_not_wait_for_it(tmp_path):
    """The Harper kind builds its Linter on a thread when compiled; the worker processes
    are forked right after, while that build may be under way: they must not inherit a
    half-built dictionary and wait for it forever, and they find what one process finds."""
    for i in range(runner.PARALLEL_MIN_FILES + 4):
        text = f"Story {i}. The council met on Monday. She ate a apple. He is suppose to know.\n"
        (tmp_path / f"story{i:02}.txt").write_text(text, encoding="utf-8")

    def run(jobs: str) -> list:
        done = subprocess.run(
            [sys.executable, "-m", "lint", "check", str(tmp_path), "--select", "harper", "--no-cache"]
            + ["--date", "2025-06-01", "--format", "json", "--fail-on", "never", "--jobs", jobs],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
        assert done.returncode == 0, done.stderr
        return [(f["path"], f["diagnostics"]) for f in json.loads(done.stdout)["files"]]

    parallel = run("2")
    assert parallel == run("1")
    assert all(len(diagnostics) == 2 for _, diagnostics in parallel)
