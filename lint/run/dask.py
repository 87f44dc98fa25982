"""Linting files on an existing Dask distributed cluster.

The files' bytes travel with the tasks, so workers need no shared file system; rule packs
and knowledge-base files named in a configuration are read by each worker from the same
paths (a shared checkout or image). Every worker process builds its engine once per
configuration and keeps it between tasks and runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lint.readers import read_file_bytes, read_path
from lint.report import FileReport
from lint.run.tasks import DASK_BATCH, ClusterError, RunSpec, Task, lint_task, worker_engine

CONNECT_TIMEOUT = "15s"  # a scheduler is unreachable after this long


def lint_on_cluster(
    address: str,
    specs: dict[str | None, RunSpec],
    items: list[tuple[Task, bytes | None]],
    progress: Callable[[int], None],
) -> list[FileReport]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ClusterError("--dask-scheduler needs Dask: pip install 'newslint[dask]'") from None
    results: list[FileReport | None] = [None] * len(items)
    sendable: list[tuple[int, Task, bytes]] = []
    for i, (task, data) in enumerate(items):
        if data is None:
            try:
                data = read_file_bytes(Path(task.path))
            except OSError:  # reported from here, as a local run reports it
                read = read_path(Path(task.path))
                results[i] = FileReport(read.path, None, list(read.problems))
                progress(1)
                continue
        sendable.append((i, task, data))
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as err:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {err}") from None
    with client:
        futures = []
        for start in range(0, len(sendable), DASK_BATCH):
            chunk = sendable[start : start + DASK_BATCH]
            batch = [(task, data) for _, task, data in chunk]
            needed = {task.key: specs[task.key] for task, _ in batch}
            future = client.submit(lint_batch, needed, batch, pure=False)
            futures.append((future, [i for i, _, _ in chunk]))
        where = {future.key: positions for future, positions in futures}
        for future in as_completed([f for f, _ in futures], loop=client.loop):
            reports = future.result()
            for i, report in zip(where[future.key], reports, strict=True):
                results[i] = report
            progress(len(reports))
    return results  # type: ignore[return-value]


def lint_batch(specs: dict[str | None, RunSpec], batch: list[tuple[Task, bytes]]) -> list[FileReport]:
    """Runs on a worker."""
    return [lint_task(task, data, specs[task.key], worker_engine(specs[task.key])) for task, data in batch]
