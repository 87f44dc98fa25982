"""Running the engine over many files: in this process, in worker processes, or on a Dask
cluster, with the results cache in front. Whatever runs them, the reports are the same and
come back in the order the files were given."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lint.config import Config
from lint.diagnostics import Diagnostic, Severity, Span
from lint.engine import Engine, Selection, rule_error
from lint.fix import fix_until_stable
from lint.readers import ReadResult, document_from_source, read_bytes, read_file_bytes, read_path
from lint.report import FileReport
from lint.rules.registry import load_registry

PARALLEL_MIN_FILES = 16  # below this, starting worker processes costs more than it saves
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


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use, not the machine's
    except AttributeError:
        return os.cpu_count() or 1


class Runner:
    """Lints tasks and returns one FileReport per task, in order.

    ``engine_for(key)`` gives the parent's (already validated) engine for a configuration;
    ``cache`` is a ResultCache or None; ``progress(n)`` is called as files finish.
    """

    def __init__(
        self,
        specs: dict[str | None, RunSpec],
        engine_for: Callable[[str | None], Engine],
        *,
        jobs: int = 1,
        cache=None,
        dask_scheduler: str | None = None,
        progress: Callable[[int], None] | None = None,
    ):
        self.specs = specs
        self.engine_for = engine_for
        self.jobs = jobs
        self.progress = progress or (lambda n: None)
        self.dask_scheduler = dask_scheduler
        # Fixing changes the files, so a fixing run neither reads nor fills the cache.
        self.cache = cache if not any(s.fix or s.diff for s in specs.values()) else None
        self._code: str | None = None
        self._fingerprints: dict[str | None, str] = {}

    def run(self, tasks: Sequence[Task]) -> list[FileReport]:
        results: list[FileReport | None] = [None] * len(tasks)
        todo: list[tuple[int, Task, bytes | None, str | None]] = []
        for i, task in enumerate(tasks):
            data = cache_key = None
            if self.cache is not None:
                try:
                    data = read_file_bytes(Path(task.path))
                except OSError:
                    data = None  # the lint below reports why
                else:
                    cache_key = self._entry_key(task, data)
                    hit = self.cache.get(cache_key, task.name, data)
                    if hit is not None:
                        results[i] = hit
                        self.progress(1)
                        continue
            todo.append((i, task, data, cache_key))

        for (i, _, _, cache_key), report in zip(
            todo, self._lint([(t, d) for _, t, d, _ in todo]), strict=True
        ):
            results[i] = report
            if cache_key is not None:
                self.cache.put(cache_key, report)
        return results  # type: ignore[return-value]

    def _entry_key(self, task: Task, data: bytes) -> str:
        from lint.run.cache import code_fingerprint, entry_key, spec_fingerprint

        if task.key not in self._fingerprints:
            self._code = self._code or code_fingerprint()
            self._fingerprints[task.key] = spec_fingerprint(self.specs[task.key], self._code)
        return entry_key(self._fingerprints[task.key], task.path, data)

    def _lint(self, items: list[tuple[Task, bytes | None]]):
        if not items:
            return []
        for key in dict.fromkeys(task.key for task, _ in items):
            self.engine_for(key)  # a rule that does not compile fails here, before any worker starts
        if self.dask_scheduler:
            return self._lint_on_dask(items)
        if self.jobs > 1 and len(items) >= PARALLEL_MIN_FILES:
            return self._lint_in_processes(items)
        out = []
        for task, data in items:
            out.append(portable(lint_task(task, data, self.specs[task.key], self.engine_for(task.key))))
            self.progress(1)
        return out

    def _lint_in_processes(self, items):
        specs = {t.key: self.specs[t.key] for t, _ in items}
        with ProcessPoolExecutor(
            max_workers=min(self.jobs, len(items)), initializer=_init_worker, initargs=(specs,)
        ) as pool:
            out = []
            for report in pool.map(_lint_in_worker, items, chunksize=8):
                out.append(report)
                self.progress(1)
            return out

    def _lint_on_dask(self, items):
        from lint.run.dask import lint_on_cluster

        return lint_on_cluster(self.dask_scheduler, self.specs, items, self.progress)


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
        return FileReport(read.path, read.document, [*read.problems, rule_error(None, err)])


def _lint_one(read: ReadResult, engine: Engine, spec: RunSpec) -> FileReport:
    doc = read.document
    if doc is None or not read.lintable:
        return FileReport(read.path, doc, list(read.problems))
    if not (spec.fix or spec.diff):
        return FileReport(read.path, doc, engine.lint(doc))

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
    return FileReport(
        read.path,
        outcome.document,
        diagnostics,
        fixed=outcome.fixed,
        original=doc.source,
        encoding=read.encoding,
    )


def portable(report: FileReport) -> FileReport:
    """The report without what the checks computed on the way (sentences, tags, names):
    only the source, date and findings are needed from here on, and a run over an archive
    must not hold every article's analysis (nor send it back from a worker)."""
    if report.document is not None:
        report.document.forget_analysis()
    return report


# -- worker processes: each builds its engines once -------------------------------------------

_worker_specs: dict[str | None, RunSpec] = {}
_worker_engines: dict[str, Engine] = {}


def _init_worker(specs: dict[str | None, RunSpec]) -> None:
    global _worker_specs
    _worker_specs = specs


def _lint_in_worker(item: tuple[Task, bytes | None]) -> FileReport:
    task, data = item
    spec = _worker_specs[task.key]
    return portable(lint_task(task, data, spec, worker_engine(spec)))


def worker_engine(spec: RunSpec) -> Engine:
    """This process's engine for ``spec``, built on first use and kept."""
    token = spec.token
    if token not in _worker_engines:
        _worker_engines[token] = spec.engine()
    return _worker_engines[token]
