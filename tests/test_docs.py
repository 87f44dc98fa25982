"""The README documents every shipped rule, and its JSON example is real output."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_lists_every_rule(registry):
    missing = [r.id for r in registry if f"`{r.id}`" not in README]
    assert missing == []


def test_readme_json_example_matches_real_output():
    example = json.loads(re.search(r"```json\n(.*?)```", README, re.S).group(1))
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "lint",
            "check",
            "--format",
            "json",
            "--date",
            "2023-02-28",
            "--select",
            "punctuation",
            "seeds/eastern-herald-blinken-central-asia.txt",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert json.loads(run.stdout) == example
