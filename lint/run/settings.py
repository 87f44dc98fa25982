"""The one place a configuration becomes settings: the selection (select, ignore, severity,
per-file-ignores), the grammar backend, the reader options and the date, as a ``RunSpec``,
and the engine built from it. ``newslint check`` (every file, worker processes, Dask workers
and the results cache key all take the RunSpec) and the language server use it alike, so a
file gets the same findings in the editor as on the command line.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
from pathlib import Path

from lint.config import Config, find_config, load_config
from lint.engine import Engine, Selection
from lint.rules.registry import Registry, load_registry
from lint.run.tasks import RunSpec

# A grammar backend is the rule (of a backend kind) whose id is the backend's name.
BACKENDS = ("harper", "languagetool", "none")


class UsageError(Exception):
    pass


def make_spec(config: Config, args: argparse.Namespace) -> RunSpec:
    """The run for files under one configuration, the command line taking precedence."""
    if getattr(args, "languagetool_url", None):
        config = dataclasses.replace(config, languagetool_url=args.languagetool_url)
    backend = getattr(args, "grammar_backend", None) or config.grammar_backend or "harper"
    others = tuple(b for b in BACKENDS if b not in (backend, "none"))
    select = getattr(args, "select", None)
    selection = Selection(
        select=select if select is not None else config.select,
        ignore=(getattr(args, "ignore", None) or ()) + config.ignore + others,
        severity=config.severity,
        enable=() if backend == "none" else (backend,),
        per_file_ignores=config.per_file_ignores,
        root=config.root,
    )
    return RunSpec(
        config,
        selection,
        getattr(args, "date", None),
        getattr(args, "fix", False),
        getattr(args, "diff", False),
        getattr(args, "unsafe_fixes", False),
        getattr(args, "report_unused_suppressions", False),
    )


class Setups:
    """One configuration, run spec and engine per distinct configuration file: the one
    given with --config, else the nearest to each file (None: no file, the defaults)."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.specs: dict[str | None, RunSpec] = {}
        self.registries: dict[str | None, Registry] = {}
        self.engines: dict[str | None, Engine] = {}

    def key(self, item: str) -> str | None:
        if self.args.config:
            return str(self.args.config)
        if item == "-":
            name = getattr(self.args, "stdin_filename", "-")
            folder = Path(os.path.abspath(name)).parent if name != "-" else Path.cwd()
        else:
            folder = Path(os.path.abspath(item)).parent
        found = find_config(folder)
        return str(found) if found else None

    def spec(self, key: str | None) -> RunSpec:
        if key not in self.specs:
            self.specs[key] = make_spec(load_config(Path(key)) if key else Config(), self.args)
        return self.specs[key]

    def registry(self, key: str | None) -> Registry:
        """The configuration's rules, loaded and its selection checked against them."""
        if key not in self.registries:
            spec = self.spec(key)
            registry = load_registry(spec.config.packs, context=spec.config.context)
            unknown = spec.selection.unknown(registry)
            if unknown:
                where = f" in {key}" if key and not self.args.config else ""
                raise UsageError(
                    f"unknown rule or prefix{where}: {', '.join(unknown)} (see 'newslint rules')"
                )
            self.registries[key] = registry
        return self.registries[key]

    def engine(self, key: str | None) -> Engine:
        """Built when a file needs linting (a run served from the cache needs none)."""
        if key not in self.engines:
            spec = self.spec(key)
            self.engines[key] = Engine(
                self.registry(key), spec.selection, report_unused_suppressions=spec.report_unused
            )
        return self.engines[key]
