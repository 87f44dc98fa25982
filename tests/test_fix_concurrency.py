"""Two `--fix` runs on one file at once: the file ends as one run's output, never a mix.

A fix is written to a temporary file, fsynced and renamed over the original; writers in a
folder take turns from the content check to the rename, so the second writer sees the
first one's text and refuses (``io.write``) instead of overwriting it with a fix of the
old text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

from lint.fix import ConcurrentModification, write_atomic

from conftest import ROOT
from helpers import fix

SEED = (ROOT / "seeds" / "uk-budget-scraped.txt").read_text(encoding="utf-8")


def test_racing_writers_never_both_win(tmp_path):
    """With the same expected original, exactly one of two simultaneous writes lands."""
    target = tmp_path / "story.txt"
    original = SEED.encode()
    ours, theirs = b"A" * len(original), b"B" * (len(original) // 2)
    for _ in range(200):
        target.write_bytes(original)
        start = threading.Barrier(2)
        won, lost = [], []

        def write(data, start=start, won=won, lost=lost):
            start.wait()
            try:
                write_atomic(target, data, expected=original)
                won.append(data)
            except ConcurrentModification:
                lost.append(data)

        threads = [threading.Thread(target=write, args=(d,)) for d in (ours, theirs)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(won) == 1 and len(lost) == 1, "both writers replaced the same original"
        assert target.read_bytes() == won[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"], "a temporary file was left"


def run_fix(path, *extra):
    return subprocess.Popen(
        [sys.executable, "-m", "lint", "check", "--grammar-backend", "none", "--format", "json",
         "--fix", *extra, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


def test_two_fix_runs_on_one_file_leave_one_valid_output(tmp_path):
    # One run applies the safe fixes, the other the unsafe ones too: different outputs,
    # so a mix of the two would show.
    safe, unsafe = fix(SEED, unsafe=False), fix(SEED, unsafe=True)
    valid = {safe, unsafe, fix(safe, unsafe=True), fix(unsafe, unsafe=False)}
    assert len({safe, unsafe}) == 2
    target = tmp_path / "story.txt"
    outcomes = set()
    for _ in range(4):
        target.write_text(SEED, encoding="utf-8")
        runs = [run_fix(target), run_fix(target, "--unsafe-fixes")]
        reports = [json.loads(r.communicate()[0]) for r in runs]
        final = target.read_text(encoding="utf-8")
        assert final in valid, "the file is a mix of two runs' fixes, or truncated"
        for report in reports:
            rules = [d["rule"] for d in report["files"][0]["diagnostics"]]
            if "io.write" in rules:  # the run that lost says so and claims no fixes
                assert report["files"][0]["fixed"] == 0
        outcomes.add(final)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]
