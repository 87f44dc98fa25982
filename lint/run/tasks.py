"""One file linted under one configuration: what a task is, the spec a worker rebuilds the
engine from, and the lint of one file (with fixes) that every way of running shares."""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lint.config import Config
from lint.diagnostics import Diagnostic, Severity, Span
from lint.engine import Engine, Selection, rule_error
from lint.fix import fix_until_stable
from lint.readers import ReadResult, document_from_source, read_bytes, read_path
from lint.report import FileReport
from lint.rules.registry import load_registry

DASK_BATCH = 64  # files per Dask task: fewer, larger tasks keep the scheduler's overhead small


@dataclass(frozen=True)
class RunSpec:
    """Everything a worker needs to build the same engine as the parent."""

    config: Config
    selection: Selection
    date: dt.date | None
    fix: bool
    diff: bool
    unsafe: bool
    report_unused: bool = False

    def engine(self) -> Engine:
        registry = load_registry(self.config.packs, context=self.config.context)
        return Engine(registry, self.selection, report_unused_suppressions=self.report_unused)

    @cached_property
    def token(self) -> str:
        """Names this spec among worker processes that outlive one run (Dask workers)."""
        return hashlib.sha256(pickle.dumps(self, protocol=4)).hexdigest()


class ClusterError(Exception):
    """A Dask cluster that cannot be used: not installed, not reachable."""


@dataclass(frozen=True)
class Task:
    path: str
    key: str | None  # which configuration (RunSpec) the file is linted under

    @property
    def name(self) -> str:
        """The path as reports show it ("./a.txt" shows as "a.txt")."""
        return str(Path(self.path))


def lint_task(task: Task, data: bytes | None, spec: RunSpec, engine: Engine) -> FileReport:
    options = spec.config.reader_options
    if data is None:
        read = read_path(Path(task.path), date=spec.date, options=options)
    else:
        read = read_bytes(data, task.name, spec.date, options)
    return lint_one(read, engine, spec)


def lint_one(read: ReadResult, engine: Engine, spec: RunSpec) -> FileReport:
    try:
        return _lint_one(read, engine, spec)
    except Exception as err:  # the engine keeps each rule apart; this is the last line
        return FileReport.of(read.path, read.document, [*read.problems, rule_error(None, err)])


def _lint_one(read: ReadResult, engine: Engine, spec: RunSpec) -> FileReport:
    doc = read.document
    if doc is None or not read.lintable:
        return FileReport.of(read.path, doc, list(read.problems))
    if not (spec.fix or spec.diff):
        return FileReport.of(read.path, doc, engine.lint(doc))

    def reread(source: str):
        new = document_from_source(source, doc.path, bom=doc.has_bom, options=doc.reader_options)
        new.date, new.date_source, new.metadata = doc.date, doc.date_source, doc.metadata
        return new

    outcome = fix_until_stable(doc, engine.lint, reread, spec.unsafe)
    diagnostics = list(outcome.diagnostics)
    if not outcome.converged:
        diagnostics.append(
            Diagnostic(
                rule="engine.fix-unstable",
                category="internal",
                severity=Severity.WARNING,
                message="fixes kept changing the text; stopped after 10 passes",
                span=Span(0, 0),
            )
        )
    return FileReport.of(
        read.path,
        outcome.document,
        diagnostics,
        fixed=outcome.fixed,
        original=doc.source,
        encoding=read.encoding,
    )


# Each process (a worker, a Dask worker) builds its engine for a spec once and keeps it.
_worker_engines: dict[str, Engine] = {}


def worker_engine(spec: RunSpec) -> Engine:
    """This process's engine for ``spec``, built on first use and kept."""
    token = spec.token
    if token not in _worker_engines:
        _worker_engines[token] = spec.engine()
    return _worker_engines[token]
