"""Running the engine over many files: in this process, in worker processes, or on a Dask
cluster, with the results cache in front. Whatever runs them, the reports are the same and
come back in the order the files were given."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from lint.engine import Engine
from lint.readers import read_file_bytes
from lint.report import FileReport
from lint.run.tasks import RunSpec, Task, lint_task, worker_engine

PARALLEL_MIN_FILES = 16  # below this, starting worker processes costs more than it saves


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
            out.append(lint_task(task, data, self.specs[task.key], self.engine_for(task.key)))
            self.progress(1)
        return out

    def _lint_in_processes(self, items):
        specs = {t.key: self.specs[t.key] for t, _ in items}
        from concurrent.futures import ProcessPoolExecutor  # a one-process run needs none

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


# -- worker processes: each builds its engines once -------------------------------------------

_worker_specs: dict[str | None, RunSpec] = {}


def _init_worker(specs: dict[str | None, RunSpec]) -> None:
    global _worker_specs
    _worker_specs = specs


def _lint_in_worker(item: tuple[Task, bytes | None]) -> FileReport:
    task, data = item
    spec = _worker_specs[task.key]
    return lint_task(task, data, spec, worker_engine(spec))
