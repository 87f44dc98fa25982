"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit on real commits.

A snapshot of this checkout's working tree (the files the package is built from, plus
.pre-commit-hooks.yaml) is committed to a throw-away git repository, so the hooks are tested
as they are on disk, uncommitted or untracked changes included, and the test never touches
this repository's own git state. A second throw-away repository uses the snapshot in its
.pre-commit-config.yaml (repo: the snapshot's path, rev: its commit), as a newsroom's
repository would use this one. pre-commit builds the hook environment with pip from PyPI once
for the module (PRE_COMMIT_HOME is shared by the tests), which takes a minute.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e '.[test]')")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

# What the package is built from (see pyproject.toml) and the hook definitions.
SNAPSHOT_FILES = ("pyproject.toml", "hatch_build.py", "README.md", ".pre-commit-hooks.yaml")
SNAPSHOT_DIRS = ("lint", "rules")

BAD = "The minister resigned . . Officials said so.\n"
CLEAN = "The council met on Monday. It approved the budget.\n"


def _env(home: Path) -> dict[str, str]:
    # No GIT_* from outside (a test run inside a git hook must not reach the outer repository).
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        PRE_COMMIT_HOME=str(home),
        NO_COLOR="1",
        PRE_COMMIT_COLOR="never",
        GIT_AUTHOR_NAME="newslint tests",
        GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="newslint tests",
        GIT_COMMITTER_EMAIL="tests@example.invalid",
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


def run(args, cwd, env, check=True):
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    if check and proc.returncode != 0:
        raise AssertionError(f"{args} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def git(*args, cwd, env, check=True):
    return run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args], cwd, env, check)


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, home) -> tuple[Path, str]:
    """A git repository holding a snapshot of this checkout, and its commit."""
    if not (ROOT / ".pre-commit-hooks.yaml").is_file():
        pytest.skip(f"{ROOT} has no .pre-commit-hooks.yaml")
    env = _env(home)
    snap = tmp_path_factory.mktemp("newslint-hooks")
    for name in SNAPSHOT_FILES:
        shutil.copy2(ROOT / name, snap / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "*.so")  # as a clean checkout
    for name in SNAPSHOT_DIRS:
        shutil.copytree(ROOT / name, snap / name, ignore=ignore)
    git("init", "-q", cwd=snap, env=env)
    git("add", "-A", cwd=snap, env=env)
    git("commit", "-q", "-m", "snapshot", cwd=snap, env=env)
    sha = git("rev-parse", "HEAD", cwd=snap, env=env).stdout.strip()
    return snap, sha


@pytest.fixture
def newsroom(tmp_path, hook_repo, home):
    """A fresh repository whose pre-commit hooks are this repository's; returns a committer."""
    snap, sha = hook_repo
    env = _env(home)
    git("init", "-q", cwd=tmp_path, env=env)

    def install(hook_id: str):
        (tmp_path / ".pre-commit-config.yaml").write_text(
            f"repos:\n  - repo: {snap.as_posix()}\n    rev: {sha}\n    hooks:\n      - id: {hook_id}\n"
        )
        git("add", ".pre-commit-config.yaml", cwd=tmp_path, env=env)
        run([sys.executable, "-m", "pre_commit", "install"], tmp_path, env)

    def commit(name: str, text: str):
        (tmp_path / name).write_text(text)
        git("add", name, cwd=tmp_path, env=env)
        return git("commit", "-m", f"add {name}", cwd=tmp_path, env=env, check=False)

    def head_files() -> set[str]:
        out = git("ls-tree", "-r", "--name-only", "HEAD", cwd=tmp_path, env=env, check=False)
        return set(out.stdout.split()) if out.returncode == 0 else set()

    return tmp_path, install, commit, head_files


def test_commit_with_a_fault_is_blocked(newsroom):
    path, install, commit, head_files = newsroom
    install("newslint")
    proc = commit("story.txt", BAD)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert "newslint" in out and "Failed" in out
    assert "story.txt:1:" in out and "punctuation.doubled-mark" in out and ". ." in out
    assert "story.txt" not in head_files()


def test_hooks_cover_every_article_suffix():
    """The hooks' files pattern takes every file a folder run lints (CMS exports too)."""
    import re

    import yaml

    from lint.readers import ARTICLE_SUFFIXES

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        pattern = re.compile(hook["files"])
        assert all(pattern.search(f"a/story{suffix}") for suffix in ARTICLE_SUFFIXES), hook["id"]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("export.json", '[{"id": 7, "content": {"rendered": "<p>The the talks resumed..</p>"}}]\n'),
        ("export.jsonl", '{"id": 7, "body": "The talks resumed. ."}\n'),
    ],
)
def test_faulty_export_is_blocked(newsroom, name, text):
    path, install, commit, head_files = newsroom
    install("newslint")
    proc = commit(name, text)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert f"{name}:1:" in out and "[article 7]" in out
    assert name not in head_files()


def test_clean_article_commits(newsroom):
    path, install, commit, head_files = newsroom
    install("newslint")
    proc = commit("clean.txt", CLEAN)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "Passed" in out
    assert "clean.txt" in head_files()


def test_fix_hook_rewrites_the_file(newsroom):
    path, install, commit, head_files = newsroom
    install("newslint-fix")
    proc = commit("story.txt", BAD)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert "files were modified by this hook" in out
    assert (path / "story.txt").read_text() == "The minister resigned. Officials said so.\n"
    # The fixed file is left unstaged for the writer to review; staged, it commits.
    assert commit("story.txt", (path / "story.txt").read_text()).returncode == 0
    assert "story.txt" in head_files()
