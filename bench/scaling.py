"""How a run over many files scales: worker processes, a Dask cluster, and the cache.

Lints the corpus (default: ../shared/corpora/clean-news) as one `newslint check` would:
serially, with --jobs 2, on a local Dask cluster of 1 and 2 worker processes, and then
again with a warm results cache. Every run must print the same report; the script checks
that and prints a Markdown table. Run by hand:

    python bench/scaling.py [CORPUS_DIR] [--copies N] [--grammar-backend none|harper]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path

from lint import cli

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "clean-news"


def archive(corpus: Path, copies: int, into: Path) -> tuple[Path, int, int]:
    """``copies`` copies of the corpus's articles under ``into``: (folder, files, bytes)."""
    files = sorted(corpus.glob("*.txt"))
    total = 0
    for i in range(copies):
        folder = into / f"copy{i}"
        folder.mkdir(parents=True)
        for f in files:
            shutil.copy(f, folder / f.name)
            total += f.stat().st_size
    return into, len(files) * copies, total


def timed(args: list[str]) -> tuple[float, str]:
    out = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out):
        cli.main(["check", *args])
    return time.perf_counter() - start, out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--grammar-backend", default="none", choices=["none", "harper"])
    opts = parser.parse_args()
    if not opts.corpus.is_dir():
        print(f"no corpus at {opts.corpus}", file=sys.stderr)
        return 2
    from distributed import LocalCluster

    with tempfile.TemporaryDirectory() as tmp:
        root, n, size = archive(opts.corpus, opts.copies, Path(tmp) / "archive")
        options = ["--format", "json", "--fail-on", "never", "--grammar-backend", opts.grammar_backend]
        common = [str(root), *options]
        fresh = [*common, "--no-cache"]
        rows = []
        timed([str(next(root.rglob("*.txt"))), *options, "--no-cache"])  # imports, out of the count
        t, reference = timed([*fresh, "--jobs", "1"])
        rows.append(("serial (--jobs 1)", t))
        t, out = timed([*fresh, "--jobs", "2"])
        assert out == reference, "--jobs 2 differs from the serial report"
        rows.append(("worker processes (--jobs 2)", t))
        for workers in (1, 2):
            with LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            ) as cluster:
                address = cluster.scheduler_address
                t, out = timed([*fresh, "--dask-scheduler", address])
                assert out == reference, f"Dask with {workers} worker(s) differs from the serial report"
                rows.append((f"Dask LocalCluster, {workers} worker process(es)", t))
        cache = ["--cache-dir", str(Path(tmp) / "cache")]
        t, out = timed([*common, *cache, "--jobs", "2"])
        assert out == reference
        rows.append(("filling the cache (--jobs 2)", t))
        t, out = timed([*common, *cache])
        assert out == reference, "the cached report differs from the serial report"
        rows.append(("unchanged archive, warm cache", t))

    print(f"{n} articles, {size / 1e6:.1f} MB, grammar backend {opts.grammar_backend}\n")
    print("| run | wall time | articles/s | MB/s | vs serial |")
    print("|---|---|---|---|---|")
    serial = rows[0][1]
    for name, t in rows:
        print(f"| {name} | {t:.2f} s | {n / t:,.0f} | {size / 1e6 / t:.2f} | {serial / t:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
