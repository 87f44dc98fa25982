"""The GitHub Action (action.yml): its metadata, and its run steps executed as the runner
executes them (``bash --noprofile --norc -eo pipefail``, inputs and step outputs through
``${{ }}`` expressions in ``env``, outputs through the GITHUB_OUTPUT file)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = ACTION["runs"]["steps"]
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def test_metadata():
    assert ACTION["name"] == "newslint" and len(ACTION["description"]) <= 250
    assert ACTION["branding"]["icon"] and ACTION["branding"]["color"]
    assert ACTION["runs"]["using"] == "composite"
    for name, spec in ACTION["inputs"].items():
        assert spec["description"] and "default" in spec and spec.get("required") is False, name
    assert set(ACTION["outputs"]) == {"exit-code", "sarif-file"}
    for step in STEPS:
        assert "uses" in step or ("run" in step and step["shell"] == "bash"), step
        # Inputs reach scripts through the environment only: an input pasted into a script
        # would run as code (script injection).
        assert "run" not in step or "${{" not in step["run"], step["name"]
    uses = [s["uses"] for s in STEPS if "uses" in s]
    assert uses == ["actions/setup-python@v5", "github/codeql-action/upload-sarif@v3"]
    upload = next(s for s in STEPS if s.get("uses", "").startswith("github/codeql-action"))
    assert (
        "always()" in upload["if"] and upload["with"]["sarif_file"] == "${{ steps.lint.outputs.sarif-file }}"
    )


def evaluate(value: str, inputs: dict, outputs: dict) -> str:
    def one(m):
        expr = m.group(1)
        if expr.startswith("inputs."):
            return inputs[expr.removeprefix("inputs.")]
        step = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
        if step:
            return outputs.get(step[1], {}).get(step[2], "")
        raise AssertionError(f"the test does not know the expression {expr!r}")

    return EXPRESSION.sub(one, str(value))


def run_step(
    step: dict, inputs: dict, outputs: dict, workspace: Path, env: dict
) -> subprocess.CompletedProcess:
    output_file = workspace / f".output-{step.get('id', 'step')}"
    output_file.write_text("")
    script = workspace / ".step.sh"
    script.write_text(step["run"], encoding="utf-8")
    step_env = {k: evaluate(v, inputs, outputs) for k, v in step.get("env", {}).items()}
    run = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=workspace,
        env={**env, **step_env, "GITHUB_OUTPUT": str(output_file), "GITHUB_ACTION_PATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if "id" in step:
        outputs[step["id"]] = dict(
            line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line
        )
    return run


def shim(folder: Path) -> dict:
    """PATH with a ``newslint`` that is this tree's (as ``pip install`` in the step would give)."""
    folder.mkdir()
    exe = folder / "newslint"
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m lint "$@"\n')
    exe.chmod(0o755)
    return {
        **os.environ,
        "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
        "NEWSLINT_NO_CACHE": "",
    }


def defaults(**overrides) -> dict:
    return {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()} | overrides


def test_lint_steps_annotate_write_sarif_and_fail(tmp_path):
    workspace = tmp_path / "repo"
    (workspace / "news").mkdir(parents=True)
    (workspace / "news" / "story.txt").write_text("The minister said ;; nothing.\nAll is well.\n")
    (workspace / "news" / "clean.txt").write_text("The minister said nothing.\n")
    env = shim(tmp_path / "bin")
    inputs = defaults(paths="news", args="--date 2024-05-01 --select punctuation")
    lint, upload, fail = STEPS[2], STEPS[3], STEPS[4]
    outputs: dict = {}

    run = run_step(lint, inputs, outputs, workspace, env)
    assert run.returncode == 0, run.stderr
    assert (
        "::error file=news/story.txt,line=1,col=19,endLine=1,endColumn=21,title=punctuation.doubled-mark::"
        in (run.stdout)
    )
    assert outputs["lint"] == {"exit-code": "1", "sarif-file": "newslint.sarif"}
    sarif = json.loads((workspace / "newslint.sarif").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["punctuation.doubled-mark"]
    # The upload step would get that file.
    assert evaluate(upload["with"]["sarif_file"], inputs, outputs) == "newslint.sarif"
    assert run_step(fail, inputs, outputs, workspace, env).returncode == 1

    # fail-on never: annotations still, the job passes.
    outputs = {}
    run = run_step(
        lint,
        defaults(paths="news/story.txt", **{"fail-on": "never", "sarif-file": "out/n.sarif"}),
        outputs,
        workspace,
        env,
    )
    assert run.returncode == 0, run.stderr
    assert "::error file=news/story.txt" in run.stdout and (workspace / "out" / "n.sarif").is_file()
    assert outputs["lint"]["exit-code"] == "0"
    assert run_step(fail, inputs, outputs, workspace, env).returncode == 0


def test_a_usage_error_fails_the_lint_step(tmp_path):
    workspace = tmp_path / "repo"
    workspace.mkdir()
    (workspace / "a.txt").write_text("Text.\n")
    outputs: dict = {}
    run = run_step(
        STEPS[2], defaults(args="--select no.such-rule"), outputs, workspace, shim(tmp_path / "bin")
    )
    assert run.returncode == 2 and "unknown rule or prefix: no.such-rule" in run.stderr
    assert outputs["lint"]["exit-code"] == "2"


def test_install_step_installs_this_checkout(tmp_path):
    """The install step, with pip installing into a folder instead of the environment, offline
    (the build backend from the test environment, the dependencies already there)."""
    pytest.importorskip("hatchling", reason="the build backend (hatchling) is not installed")
    outputs: dict = {}
    site = tmp_path / "site"
    offline = {
        "PIP_TARGET": str(site),
        "PIP_NO_DEPS": "1",
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "0",
    }
    run = run_step(STEPS[1], defaults(), outputs, tmp_path, {**os.environ, **offline})
    assert run.returncode == 0, run.stderr
    assert (site / "lint" / "serve" / "app.py").is_file() and list((site / "lint" / "_rules").glob("*.yaml"))
    version = subprocess.run(
        [str(site / "bin" / "newslint"), "--version"],
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
    )
    assert version.stdout.startswith("newslint ")
