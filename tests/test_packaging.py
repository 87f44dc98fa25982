"""The wheel carries the rule packs and the schemas, so an installed newslint has its rules."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {run.stderr.strip()[-300:]}")
    [path] = out.glob("newslint-*.whl")
    return path


def test_wheel_ships_packs_schemas_and_entry_point(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    packs = {p.name for p in (ROOT / "rules").glob("*.yaml")}
    assert {f"lint/_rules/{p}" for p in packs} <= names
    assert {"lint/schemas/rules.schema.json", "lint/schemas/report.schema.json"} <= names
    assert {"lint/models/fluency.npz", "lint/models/fluency.json"} <= names  # grammar.fluency's weights
    assert {"lint/text/data/tagger-en.json", "lint/text/data/wordfreq-en.txt.gz"} <= names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "newslint = lint.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()


def test_wheel_carries_the_compiled_fluency_sums_when_a_compiler_is_at_hand(wheel):
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        pytest.skip(f"no C compiler ({compiler}): the wheel is pure Python")
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file():
        pytest.skip("no Python headers: the wheel is pure Python")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "lint/models/_fluency_sums" + sysconfig.get_config_var("EXT_SUFFIX") in names
    assert "lint/models/_fluency_sums.c" in names
    assert not wheel.name.endswith("-none-any.whl")  # a platform wheel


def test_installed_wheel_finds_its_packs(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        check=True,
    )
    code = (
        "from lint.datafiles.packaged import builtin_pack_dir\n"
        "from lint.rules.registry import load_registry\n"
        "from lint.models import fluency\n"
        "print(builtin_pack_dir(), len(load_registry()), fluency._compiled_scores is not None)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(target)},
    )
    where, count, compiled = run.stdout.split()
    assert where.startswith(str(target)) and where.endswith("_rules")
    assert int(count) >= 22
    names = zipfile.ZipFile(wheel).namelist()
    assert compiled == str(any(n.startswith("lint/models/_fluency_sums.cpython") for n in names))


def test_without_a_compiler_the_build_goes_on_without_the_module(tmp_path, monkeypatch, capsys):
    """hatch_build.py: a machine without a C compiler still installs newslint (pure Python)."""
    sys.path.insert(0, str(ROOT))
    try:
        import hatch_build
    finally:
        sys.path.remove(str(ROOT))
    source = tmp_path / "lint" / "models" / "_fluency_sums.c"
    source.parent.mkdir(parents=True)
    source.write_text((ROOT / "lint" / "models" / "_fluency_sums.c").read_text())
    real = sysconfig.get_config_var
    monkeypatch.setattr(
        hatch_build.sysconfig, "get_config_var", lambda name: "no-such-cc" if name == "CC" else real(name)
    )
    assert hatch_build.compile_extension(tmp_path) is None
    assert "the Python code runs instead" in capsys.readouterr().err
    assert sorted(p.name for p in source.parent.iterdir()) == ["_fluency_sums.c"]  # nothing half-built
