"""Config discovery (nearest .newslint.toml or [tool.newslint] upward), per-file-ignores and
`newslint config`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from lint.config import find_config, load_config
from lint.datafiles.strict import DataError
from lint.engine import glob_match

from conftest import ROOT
from helpers import newslint

ARTICLE = "The the vote. .\n"


def findings(run) -> dict[str, list[str]]:
    report = json.loads(run.stdout)
    return {f["path"]: [d["rule"] for d in f["diagnostics"]] for f in report["files"]}


@pytest.fixture
def tree(tmp_path):
    """repo/ (.git) with an article at each level: a/ has a .newslint.toml, a/b/ a pyproject."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "a" / "b" / "drafts").mkdir(parents=True)
    (repo / "a" / "drafts").mkdir()
    (repo / "pyproject.toml").write_text('[project]\nname = "desk"\n')  # no [tool.newslint]
    (repo / "a" / ".newslint.toml").write_text(
        'ignore = ["typos"]\n\n[per-file-ignores]\n"drafts/*" = ["punctuation"]\n"*.md" = ["punctuation"]\n'
    )
    (repo / "a" / "b" / "pyproject.toml").write_text(
        '[tool.newslint]\nselect = ["typos"]\nfail-on = "never"\n'
    )
    for rel in ("top.txt", "a/x.txt", "a/drafts/y.txt", "a/b/x.txt", "a/b/drafts/z.txt"):
        (repo / rel).write_text(ARTICLE)
    return repo


def test_nearest_config_wins(tree):
    run = newslint("check", "--grammar-backend", "none", "--format", "json", ".", cwd=tree)
    assert run.returncode == 1, run.stderr
    assert findings(run) == {
        "top.txt": ["typos.repeated-word", "punctuation.doubled-mark"],  # no config: defaults
        "a/x.txt": ["punctuation.doubled-mark"],  # a/.newslint.toml ignores typos
        "a/drafts/y.txt": [],  # ... and its per-file-ignores drop punctuation in drafts/
        "a/b/x.txt": ["typos.repeated-word"],  # a/b/pyproject.toml selects typos only
        "a/b/drafts/z.txt": ["typos.repeated-word"],  # a/'s per-file-ignores do not reach here
    }


def test_each_file_fails_by_its_own_fail_on(tree):
    run = newslint("check", "--grammar-backend", "none", "a/b", cwd=tree)
    assert run.returncode == 0  # a/b/pyproject.toml: fail-on = "never"
    assert newslint("check", "--grammar-backend", "none", "a/x.txt", cwd=tree).returncode == 1


def test_parallel_run_keeps_order_and_configs(tree):
    for i in range(20):
        (tree / "a" / f"n{i:02d}.txt").write_text(ARTICLE)
        (tree / "a" / "b" / f"n{i:02d}.txt").write_text(ARTICLE)
    args = ("check", "--grammar-backend", "none", "--format", "json", ".")
    serial = newslint(*args, "--jobs", "1", cwd=tree)
    parallel = newslint(*args, "--jobs", "2", cwd=tree)
    assert json.loads(parallel.stdout) == json.loads(serial.stdout)
    assert findings(serial)["a/b/n03.txt"] == ["typos.repeated-word"]
    assert findings(serial)["a/n03.txt"] == ["punctuation.doubled-mark"]


def test_explicit_config_applies_to_every_file(tree):
    run = newslint(
        "check",
        "--grammar-backend",
        "none",
        "--format",
        "json",
        "--config",
        "a/b/pyproject.toml",
        ".",
        cwd=tree,
    )
    assert set(map(tuple, findings(run).values())) == {("typos.repeated-word",)}


def test_stdin_uses_the_config_of_stdin_filename(tree):
    run = subprocess.run(
        [sys.executable, "-m", "lint", "check", "--grammar-backend", "none", "--format", "json"]
        + ["--stdin-filename", "a/drafts/new.txt", "-"],
        input=ARTICLE,
        capture_output=True,
        text=True,
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert findings(run) == {"a/drafts/new.txt": []}


def test_discovery_stops_at_git_and_prefers_newslint_toml(tmp_path):
    outer = tmp_path / "outer"
    inner = outer / "repo" / "deep"
    inner.mkdir(parents=True)
    (outer / ".newslint.toml").write_text('select = ["typos"]\n')
    (outer / "repo" / ".git").mkdir()
    find_config.cache_clear()
    assert find_config(inner) is None  # the outer config is beyond the repository
    (outer / "repo" / "pyproject.toml").write_text('[tool.newslint]\nselect = ["typos"]\n')
    (outer / "repo" / ".newslint.toml").write_text('select = ["punctuation"]\n')
    find_config.cache_clear()
    assert find_config(inner) == outer / "repo" / ".newslint.toml"


def test_typo_in_a_discovered_config_names_file_and_line(tree):
    cfg = tree / "a" / ".newslint.toml"
    cfg.write_text('ignore = ["typos"]\n[per-file-ignores]\n"drafts/*" = "punctuation"\n')
    with pytest.raises(DataError) as info:
        load_config(cfg)
    assert info.value.line == 3
    run = newslint("check", "--grammar-backend", "none", "a/x.txt", cwd=tree)
    assert run.returncode == 2 and f"{cfg}:3:" in run.stderr
    cfg.write_text('[per-file-ignores]\n"drafts/*" = ["punctuation.nope"]\n')
    run = newslint("check", "--grammar-backend", "none", "a/x.txt", cwd=tree)
    assert run.returncode == 2 and "punctuation.nope" in run.stderr and str(cfg) in run.stderr


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("drafts/*", "drafts/a.txt", True),
        ("drafts/*", "x/drafts/a.txt", False),
        ("drafts/", "drafts/sub/a.txt", True),
        ("*.md", "deep/down/a.md", True),
        ("**/wire-*.txt", "x/y/wire-1.txt", True),
        ("**/wire-*.txt", "wire-1.txt", True),
        ("wire-?.txt", "wire-12.txt", False),
    ],
)
def test_glob_match(pattern, path, expected):
    assert glob_match(pattern, path) is expected


# -- newslint config ------------------------------------------------------------------------------


def test_config_command_json(tree):
    run = newslint("config", "--format", "json", "a/drafts/y.txt", cwd=tree)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["config"] == str(tree / "a" / ".newslint.toml")
    assert data["ignore"] == ["typos"] and data["select"] == []
    assert data["per-file-ignores"] == {"drafts/*": ["punctuation"]}  # not "*.md": not this file
    assert data["grammar-backend"] == "harper" and data["fail-on"] == "warning" and data["kb"] == []


def test_config_command_text(tree):
    run = newslint("config", "a/b/x.txt", cwd=tree)
    assert run.returncode == 0, run.stderr
    assert f"configured by {tree / 'a' / 'b' / 'pyproject.toml'}" in run.stdout
    assert 'select = ["typos"]' in run.stdout and 'fail-on = "never"' in run.stdout
    run = newslint("config", "top.txt", cwd=tree)
    assert "no configuration file" in run.stdout


def test_house_dialect_fixes_the_form_of_abbreviations(tmp_path):
    (tmp_path / ".newslint.toml").write_text('dialect = "ap"\n')
    article = tmp_path / "story.txt"
    article.write_text("The US envoy met UK officials. US troops left.\n")
    run = newslint(
        "check", "--grammar-backend", "none", "--format", "json", "--select", "consistency", article
    )
    diags = json.loads(run.stdout)["files"][0]["diagnostics"]
    assert [(d["text"], d["suggestions"]) for d in diags] == [
        ("US", ["U.S."]),
        ("UK", ["U.K."]),
        ("US", ["U.S."]),
    ]
    assert "the house style (ap) writes 'U.S.'" in diags[0]["message"]
    (tmp_path / ".newslint.toml").write_text('dialect = "reuters"\n')
    run = newslint(
        "check", "--grammar-backend", "none", "--format", "json", "--select", "consistency", article
    )
    assert json.loads(run.stdout)["files"][0]["diagnostics"] == []
