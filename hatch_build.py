"""Build hook: compile the fluency model's n-gram sums (lint/models/_fluency_sums.c) at install.

The extension is optional. Without a C compiler or Python's headers the build goes on and
newslint runs its Python loop instead (same findings, slower): lint/models/fluency.py
imports the module if it is there. The compiled file is written next to its source, where
an editable install imports it, and a wheel carries it with a platform tag.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = Path("lint") / "models" / "_fluency_sums.c"


def compile_extension(root: Path) -> Path | None:
    """The compiled module's path, or None (with the reason on stderr) when it cannot be built."""
    source = root / SOURCE
    target = source.with_name("_fluency_sums" + sysconfig.get_config_var("EXT_SUFFIX"))
    compiler = shlex.split(sysconfig.get_config_var("CC") or "cc")
    include = sysconfig.get_paths()["include"]
    # Built beside the target and moved into place: a process that has the old module
    # loaded keeps reading the old file.
    partial = target.with_name(target.name + ".partial")
    command = [*compiler, "-O2", "-shared", "-fPIC", "-I", include, str(source), "-o", str(partial)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as err:
        print(f"newslint: not building {SOURCE} ({err}); the Python code runs instead", file=sys.stderr)
        return None
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        print(
            f"newslint: could not build {SOURCE}; the Python code runs instead:\n{done.stderr[-2000:]}",
            file=sys.stderr,
        )
        return None
    os.replace(partial, target)
    return target


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        built = compile_extension(Path(self.root))
        if built is None or version == "editable":
            return  # an editable install imports the module from the source tree
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        build_data["force_include"][str(built)] = f"lint/models/{built.name}"
