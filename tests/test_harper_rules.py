"""Harper runs the rules newslint selected (enabled_rules); a pack can ask for all of
Harper's default rules with enabled_rules: all."""

from __future__ import annotations

import json
import subprocess
import sys

ALL_RULES_PACK = """\
pack: house
rules:
  - id: house.harper
    title: "Harper, all its default rules"
    kind: harper
    category: grammar
    severity: info
    message: "{harper}"
    description: Every rule Harper turns on by default.
    enabled_rules: all
    examples:
      - bad: "He go to school every day."
        flagged: "go"
"""

SOME_RULES_PACK = ALL_RULES_PACK.replace("enabled_rules: all", "enabled_rules: [ThenThan, NoSuchHarperRule]")

TEXT = "He go to school every day. She is taller then her brother. She ate a apple.\n"


def findings(cwd, *args):
    run = subprocess.run(
        [sys.executable, "-m", "lint", "check", "--format", "json", *args, "-"],
        input=TEXT,
        capture_output=True,
        text=True,
        cwd=cwd,
    )
    assert run.returncode in (0, 1), run.stderr
    return sorted((d["rule"], d["text"]) for d in json.loads(run.stdout)["files"][0]["diagnostics"])


def test_the_shipped_selection_leaves_out_rules_that_flag_correct_copy(tmp_path):
    assert findings(tmp_path) == [("harper.AnA", "a"), ("harper.ThenThan", "then")]


def test_enabled_rules_all_runs_harpers_defaults(tmp_path):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "harper.yaml").write_text(ALL_RULES_PACK)
    (tmp_path / ".newslint.toml").write_text('rule-packs = ["house/"]\nignore = ["harper"]\n')
    assert findings(tmp_path) == [
        ("house.harper.AnA", "a"),
        ("house.harper.PronounVerbAgreement", "go"),
        ("house.harper.ThenThan", "then"),
    ]


def test_enabled_rules_names_the_rules_that_run(tmp_path):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "harper.yaml").write_text(SOME_RULES_PACK)
    (tmp_path / ".newslint.toml").write_text('rule-packs = ["house/"]\nignore = ["harper"]\n')
    assert findings(tmp_path) == [("house.harper.ThenThan", "then")]
