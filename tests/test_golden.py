"""The whole report on every seed article equals its golden file, seeds/<name>.expected.

The first line, ``# date: YYYY-MM-DD``, is the article's date (plain-text seeds carry none);
then each line is ``LINE:COLUMN SEVERITY RULE "flagged text"``. When a change is meant to
alter the findings, regenerate with ``NEWSLINT_UPDATE_GOLDEN=1 pytest tests/test_golden.py``
and review the diff like any other change.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lint.engine import Engine
from lint.readers import read_path

from conftest import ROOT

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def golden_date(seed: Path) -> str:
    golden = seed.with_suffix(".expected")
    first = golden.read_text(encoding="utf-8").split("\n", 1)[0] if golden.exists() else ""
    assert first.startswith("# date: "), f"{golden.name} must start with '# date: YYYY-MM-DD'"
    return first[len("# date: ") :]


def render(path: Path, registry) -> str:
    date = golden_date(path)
    doc = read_path(path, date=dt.date.fromisoformat(date)).document
    lines = [f"# date: {date}"]
    for d in Engine(registry).lint(doc):
        pos = doc.position(d.span.start)
        lines.append(
            f"{pos.line}:{pos.column} {d.severity.value} {d.rule} {json.dumps(d.text, ensure_ascii=False)}"
        )
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_matches_golden(seed, registry):
    golden = seed.with_suffix(".expected")
    got = render(seed, registry)
    if os.environ.get("NEWSLINT_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}; run with NEWSLINT_UPDATE_GOLDEN=1"
    assert got == golden.read_text(encoding="utf-8")


def test_seed_article_findings_the_issue_names(registry):
    """Line 16 '. .', lines 17-18 boilerplate, and the US / U.S. pair (line 6)."""
    seed = ROOT / "seeds" / "eastern-herald-blinken-central-asia.txt"
    found = {(line.split()[0].split(":")[0], line.split()[2]) for line in render(seed, registry).splitlines()}
    assert ("16", "punctuation.doubled-mark") in found
    assert ("17", "boilerplate.more") in found
    assert ("18", "boilerplate.social") in found
    assert ("6", "consistency.us") in found


def test_fix_on_seed_copies_removes_the_fixed_faults(tmp_path):
    """`newslint check --fix --unsafe-fixes` on a copy of seeds/ leaves none of the fixable faults."""
    copy = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", copy)
    cmd = [sys.executable, "-m", "lint", "check", "--format", "json"]
    before = json.loads(subprocess.run([*cmd, str(copy)], capture_output=True, text=True).stdout)
    fixable = sum(1 for f in before["files"] for d in f["diagnostics"] if d["fix"])
    assert fixable >= 30
    fixed = subprocess.run([*cmd, "--fix", "--unsafe-fixes", str(copy)], capture_output=True, text=True)
    assert fixed.returncode in (0, 1), fixed.stderr
    after = json.loads(subprocess.run([*cmd, str(copy)], capture_output=True, text=True).stdout)
    assert [d for f in after["files"] for d in f["diagnostics"] if d["fix"]] == []
    assert sum(f["fixed"] for f in json.loads(fixed.stdout)["files"]) == fixable
    # What has no fix is still reported, unchanged.
    unfixable = sorted(d["rule"] for f in before["files"] for d in f["diagnostics"] if not d["fix"])
    assert sorted(d["rule"] for f in after["files"] for d in f["diagnostics"]) == unfixable
