"""Gating CI and commits on new findings only: --write-baseline / --baseline and --changed-since."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from lint.run.changed_lines import ALL, parse_diff

ARTICLE = (
    "The minister resigned . . Officials said so.\n"
    "\n"
    "The council met on Monday , , and approved the budget.\n"
    "\n"
    "Nothing else happened.\n"
)


def newslint(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "lint", "check", "--grammar-backend", "none", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
    )


def findings(*args, cwd) -> list[tuple[int, str, str]]:
    run = newslint("--format", "json", *args, cwd=cwd)
    assert run.returncode in (0, 1), run.stderr
    report = json.loads(run.stdout)
    return [(d["start"]["line"], d["rule"], d["text"]) for f in report["files"] for d in f["diagnostics"]]


# -- baseline ---------------------------------------------------------------------------------


def test_baseline_hides_old_findings_after_lines_move_and_reports_new_ones(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    before = findings("a.txt", cwd=tmp_path)
    assert {rule for _, rule, _ in before} >= {"punctuation.doubled-mark"}

    run = newslint("--write-baseline", "baseline.json", "a.txt", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "" and "baseline.json" in run.stderr
    data = json.loads((tmp_path / "baseline.json").read_text())
    assert data["version"] == 1
    assert sum(item["count"] for item in data["findings"]) == len(before)
    assert {item["path"] for item in data["findings"]} == {"a.txt"}
    assert all("line" not in item for item in data["findings"])

    # Lines inserted above the faults: every old finding moves down, none is reported.
    article.write_text("A new first paragraph.\n\nAnd a second one.\n\n" + ARTICLE)
    assert findings("--baseline", "baseline.json", "a.txt", cwd=tmp_path) == []
    run = newslint("--baseline", "baseline.json", "a.txt", cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr

    # A new fault: only it is reported, and it fails the run.
    article.write_text(article.read_text() + "\nThe mayor left ;; then came back.\n")
    new = findings("--baseline", "baseline.json", "a.txt", cwd=tmp_path)
    assert new and all(text.startswith(";") or text.strip() == "" for _, _, text in new), new
    assert {line for line, _, _ in new} == {11}
    assert newslint("--baseline", "baseline.json", "a.txt", cwd=tmp_path).returncode == 1


def test_baseline_counts_duplicates(tmp_path):
    article = tmp_path / "a.txt"
    line = "The minister resigned . . Officials said so.\n"
    article.write_text(line * 2)
    assert newslint("--write-baseline", "b.json", "a.txt", cwd=tmp_path).returncode == 0
    data = json.loads((tmp_path / "b.json").read_text())
    assert any(item["count"] == 2 for item in data["findings"])
    # The same fault a third time, in the same words: two are excused, the third is not.
    article.write_text(line * 3)
    left = findings("--baseline", "b.json", "a.txt", cwd=tmp_path)
    assert left and {line for line, _, _ in left} == {3}, left


def test_baseline_paths_are_relative_to_the_baseline_file(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(ARTICLE)
    (tmp_path / "ci").mkdir()
    assert newslint("--write-baseline", "ci/base.json", "articles/a.txt", cwd=tmp_path).returncode == 0
    data = json.loads((tmp_path / "ci" / "base.json").read_text())
    assert {item["path"] for item in data["findings"]} == {"../articles/a.txt"}
    # Run from another folder: the same file is still matched.
    assert findings("--baseline", "../ci/base.json", "a.txt", cwd=tmp_path / "articles") == []


def test_bad_baseline_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "bad.json").write_text("{not json")
    for name in ("bad.json", "missing.json"):
        run = newslint("--baseline", name, "a.txt", cwd=tmp_path)
        assert run.returncode == 2 and "baseline" in run.stderr, run.stderr
    run = newslint("--baseline", "bad.json", "--write-baseline", "x.json", "a.txt", cwd=tmp_path)
    assert run.returncode == 2


# -- --changed-since --------------------------------------------------------------------------


def test_parse_diff_added_lines():
    patch = (
        "diff --git a/a.txt b/a.txt\n"
        "--- a/a.txt\n"
        "+++ b/a.txt\n"
        "@@ -3 +3 @@\n-old\n+new\n"
        "@@ -7,0 +8,2 @@\n+x\n+y\n"
        "@@ -10,2 +11,0 @@\n-gone\n-gone\n"
        'diff --git "a/caf\\303\\251.txt" "b/caf\\303\\251.txt"\n'
        "new file mode 100644\n--- /dev/null\n"
        '+++ "b/caf\\303\\251.txt"\n'
        "@@ -0,0 +1 @@\n+hello\n"
        "diff --git a/p.bin b/p.bin\n"
        "Binary files a/p.bin and b/p.bin differ\n"
    )
    assert parse_diff(patch) == {"a.txt": {3, 8, 9}, "café.txt": {1}, "p.bin": ALL}


git_required = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    git("init", "-q", cwd=tmp_path)
    git("config", "user.name", "newslint tests", cwd=tmp_path)
    git("config", "user.email", "tests@example.invalid", cwd=tmp_path)
    git("config", "commit.gpgsign", "false", cwd=tmp_path)
    return tmp_path


@git_required
def test_changed_since_reports_only_changed_lines(repo):
    article = repo / "old.txt"
    article.write_text(ARTICLE)
    git("add", "old.txt", cwd=repo)
    git("commit", "-q", "-m", "old article", cwd=repo)
    assert {line for line, _, _ in findings("old.txt", cwd=repo)} == {1, 3}

    # Edit one line to add a new fault (line 5); the old faults (lines 1 and 3) stay.
    article.write_text(ARTICLE.replace("Nothing else happened.", "Nothing else happened ;; today."))
    new = findings("--changed-since", "HEAD", "old.txt", cwd=repo)
    assert new and {line for line, _, _ in new} == {5}, new
    assert newslint("--changed-since", "HEAD", "old.txt", cwd=repo).returncode == 1

    # Staged, as under pre-commit: the same.
    git("add", "old.txt", cwd=repo)
    assert findings("--changed-since", "HEAD", "old.txt", cwd=repo) == new

    # Lines inserted above the old faults are changed lines; the old faults are not.
    article.write_text("Fresh intro.\n\n" + article.read_text())
    assert {line for line, _, _ in findings("--changed-since", "HEAD", "old.txt", cwd=repo)} == {7}

    # Nothing changed since the commit that holds the edit: nothing is reported.
    git("add", "old.txt", cwd=repo)
    git("commit", "-q", "-m", "edit", cwd=repo)
    run = newslint("--changed-since", "HEAD", "old.txt", cwd=repo)
    assert run.returncode == 0 and "No problems found" in run.stdout, run.stdout
    # Against the first commit, from a subfolder, with the repository path given: the edit.
    sub = repo / "sub"
    sub.mkdir()
    lines = findings("--changed-since", "HEAD~1", "../old.txt", cwd=sub)
    assert {line for line, _, _ in lines} == {7}


@git_required
def test_changed_since_untracked_files_count_as_changed(repo):
    (repo / "seed.txt").write_text("Clean.\n")
    git("add", "seed.txt", cwd=repo)
    git("commit", "-q", "-m", "seed", cwd=repo)
    (repo / "new.txt").write_text(ARTICLE)
    assert {line for line, _, _ in findings("--changed-since", "HEAD", "new.txt", cwd=repo)} == {1, 3}
    # The folder walk too.
    assert {line for line, _, _ in findings("--changed-since", "HEAD", ".", cwd=repo)} == {1, 3}


@git_required
def test_changed_since_errors(repo, tmp_path_factory):
    (repo / "a.txt").write_text(ARTICLE)
    git("add", "a.txt", cwd=repo)
    git("commit", "-q", "-m", "a", cwd=repo)
    run = newslint("--changed-since", "no-such-rev", "a.txt", cwd=repo)
    assert run.returncode == 2 and "no-such-rev" in run.stderr
    outside = tmp_path_factory.mktemp("not-a-repo")
    (outside / "b.txt").write_text(ARTICLE)
    run = newslint("--changed-since", "HEAD", "b.txt", cwd=outside)
    assert run.returncode == 2 and "git" in run.stderr
