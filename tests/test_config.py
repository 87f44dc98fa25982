"""--config: select/ignore, severity overrides, fail-on, extra packs; typos are errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lint.config import load_config
from lint.datafiles.strict import DataError

from conftest import ROOT

SEED = ROOT / "seeds" / "eastern-herald-blinken-central-asia.txt"


def check(*args):
    run = subprocess.run(
        [sys.executable, "-m", "lint", "check", "--format", "json", *map(str, args)],
        capture_output=True,
        text=True,
    )
    return run.returncode, (json.loads(run.stdout) if run.stdout.strip() else None), run.stderr


def test_config_selects_ignores_and_overrides_severity(tmp_path):
    cfg = tmp_path / ".newslint.toml"
    cfg.write_text(
        'ignore = ["boilerplate.more", "fact", "grammar"]\n'
        'fail-on = "error"\n'
        "[severity]\n"
        '"consistency" = "info"\n'
        '"punctuation.doubled-mark" = "warning"\n'
    )
    code, report, _ = check("--config", cfg, SEED)
    diags = {d["rule"]: d["severity"] for d in report["files"][0]["diagnostics"]}
    assert diags == {
        "consistency.us": "info",
        "punctuation.doubled-mark": "warning",
        "boilerplate.social": "warning",
        # The "More" line boilerplate.more would report: with that rule off, the model's.
        "boilerplate.model": "warning",
    }
    assert code == 0  # fail-on error, and nothing is an error any more


def test_pyproject_tool_section(tmp_path):
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text('[project]\nname = "desk"\n\n[tool.newslint]\nselect = ["punctuation"]\n')
    _, report, _ = check("--config", cfg, SEED)
    assert [d["rule"] for d in report["files"][0]["diagnostics"]] == ["punctuation.doubled-mark"]


def test_typo_in_config_names_file_line_and_key(tmp_path):
    cfg = tmp_path / ".newslint.toml"
    cfg.write_text('select = ["punctuation"]\nignor = ["x"]\n')
    with pytest.raises(DataError) as info:
        load_config(cfg)
    assert info.value.line == 2 and "unknown key 'ignor'" in info.value.message
    code, _, stderr = check("--config", cfg, SEED)
    assert code == 2 and f"{cfg}:2: unknown key 'ignor'" in stderr


def test_invalid_toml_and_bad_values(tmp_path):
    cfg = tmp_path / ".newslint.toml"
    cfg.write_text('select = ["punctuation"\n')
    with pytest.raises(DataError, match="invalid TOML"):
        load_config(cfg)
    cfg.write_text('fail-on = "sometimes"\n')
    with pytest.raises(DataError) as info:
        load_config(cfg)
    assert info.value.line == 1 and "sometimes" in info.value.message


def test_unknown_rule_in_config_is_a_usage_error(tmp_path):
    cfg = tmp_path / ".newslint.toml"
    cfg.write_text('ignore = ["punctuation.nonexistent"]\n')
    code, _, stderr = check("--config", cfg, SEED)
    assert code == 2 and "punctuation.nonexistent" in stderr


def test_parallel_run_gives_the_serial_report(tmp_path):
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for i in range(24):
        src = seeds[i % len(seeds)]
        (tmp_path / f"{i:02d}-{src.name}").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    _, serial, _ = check("--jobs", "1", tmp_path)
    _, parallel, _ = check("--jobs", "2", tmp_path)
    assert parallel == serial and len(serial["files"]) == 24


@pytest.mark.parametrize("depth", [100_000])
def test_a_configuration_nested_past_any_parser_is_a_located_error(tmp_path, depth):
    cfg = tmp_path / ".newslint.toml"
    cfg.write_text('grammar-backend = "none"\n# "[" in a comment\na = ' + "[" * depth + "]" * depth + "\n")
    with pytest.raises(DataError) as err:
        load_config(cfg)
    assert (err.value.path, err.value.line) == (str(cfg), 3)
    assert "nested too deeply" in err.value.message
    article = tmp_path / "a.txt"
    article.write_text("The talks ended.\n")
    code, out, stderr = check(article, "--config", cfg)
    assert code == 2 and out is None
    assert f"{cfg}:3: invalid TOML: arrays or tables nested too deeply" in stderr
    assert "Traceback" not in stderr


def test_rule_params_reach_the_rule_and_newslint_config_shows_them(tmp_path):
    cfg = tmp_path / ".newslint.toml"
    cfg.write_text('[rule-params."boilerplate.model"]\nthreshold = 0.5\nkeep = ["quote"]\n')
    shown = subprocess.run(
        [sys.executable, "-m", "lint", "config", "--config", cfg, "--format", "json", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    assert json.loads(shown.stdout)["rule-params"] == {
        "boilerplate.model": {"keep": ["quote"], "threshold": 0.5}
    }
    cfg.write_text('[rule-params."boilerplate.nope"]\nthreshold = 0.5\n')
    code, _, err = check("--config", cfg, str(tmp_path))
    assert code == 2 and "rule-params: unknown rule 'boilerplate.nope'" in err


def test_a_configuration_validated_before_is_not_validated_again(tmp_path):
    cfg = tmp_path / ".newslint.toml"
    cfg.write_text('select = ["punctuation"]\n[severity]\n"punctuation.double-space" = "warning"\n')
    env = {"NEWSLINT_CACHE_DIR": str(tmp_path / "cache"), "PATH": ""}
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from lint.config import load_config\n"
        f"c = load_config(Path({str(cfg)!r}))\n"
        "print(c.select, 'jsonschema' in sys.modules)\n"
    )

    def run():
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
        assert out.returncode == 0, out.stderr
        return out.stdout.split()

    assert run()[-1] == "True"  # validated, and remembered as valid
    assert run()[-1] == "False"  # the same text again: no schema check, no jsonschema import
    cfg.write_text('select = ["punctuation"]\nselcet = ["x"]\n')  # a typo is checked anew
    with pytest.raises(DataError, match="unknown key 'selcet'"):
        load_config(cfg)
