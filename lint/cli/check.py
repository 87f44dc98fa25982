"""newslint check: lint files, fix them, render the report; the exit status of a run."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import difflib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from lint.cli.common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from lint.diagnostics import Diagnostic, Severity, Span
from lint.engine import rule_error
from lint.fix import ConcurrentModification, encode, write_atomic
from lint.readers import ARTICLE_SUFFIXES, read_bytes
from lint.report import FileReport, Report
from lint.rules.registry import Registry
from lint.run.cache import DEFAULT_DIR as DEFAULT_CACHE
from lint.run.cache import ResultCache
from lint.run.gate import gate
from lint.run.runner import Runner
from lint.run.settings import BACKENDS, Setups, UsageError, make_spec  # noqa: F401 (make_spec: re-exported)
from lint.run.tasks import ClusterError, Task, lint_one

SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv"})
PROGRESS_MIN_FILES = 50  # a shorter run is over before a bar would help


def run_check(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    setups = Setups(args)
    if args.config:
        setups.registry(setups.key("-"))  # a bad configuration fails before any file is read
    inputs, missing = collect_inputs(args.paths)
    for path in missing:
        print(f"newslint: error: {path}: no such file or directory", file=sys.stderr)
    keys = [setups.key(item) for item in inputs]
    for key in dict.fromkeys(keys):
        setups.registry(key)  # every configuration is checked before any file is linted
    reports = lint_inputs(inputs, setups, keys, args)
    first = keys[0] if keys else setups.key(".")
    registry = setups.registry(first)

    stdin_fixed = None
    if args.fix and not args.diff:
        for item, rep in zip(inputs, reports, strict=True):
            if item == "-":
                stdin_fixed = rep.source
            elif rep.fixed:
                _write_fix(Path(item), rep)
    out = sys.stdout if stdin_fixed is None else sys.stderr
    if stdin_fixed is not None:
        write_stream(sys.stdout, stdin_fixed, "the fixed text")

    report = Report(reports)
    if args.changed_since or args.baseline or args.write_baseline:
        report, done = gate(report, inputs, args)
        if done:  # --write-baseline
            return EXIT_ERROR if missing else EXIT_OK
    stream = None if args.output_file else out
    if args.diff:
        text = render_diff(report)
    else:
        text, report = render_safely(report, registry, args, stream)
    if args.output_file:
        write_output(args.output_file, text)
    else:
        write_stream(out, text, "the report")

    if missing or any(d.rule == "engine.rule-error" for d in report.diagnostics):
        return EXIT_ERROR
    # Each file fails by its own configuration's fail-on, unless --fail-on says otherwise.
    fail_on = {
        rep.path: args.fail_on or setups.spec(key).config.fail_on or "warning"
        for rep, key in zip(reports, keys, strict=True)
    }
    failed = any(
        fails(Report([rep]), fail_on.get(rep.path, args.fail_on or "warning")) for rep in report.files
    )
    return EXIT_FINDINGS if failed else EXIT_OK


def fails(report: Report, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(d.severity.rank >= threshold for d in report.diagnostics)


def render_safely(report: Report, registry: Registry, args, stream) -> tuple[str, Report]:
    """The report rendered; a finding the format fails on is replaced by an
    ``engine.rule-error`` finding about it, so the rest of the report still prints."""
    try:
        return render(report, registry, args, stream), report
    except Exception:
        pass

    files = []
    for f in report.files:
        try:
            render(Report([f]), registry, args, None)
            files.append(f)
            continue
        except Exception:
            pass
        kept: list[Diagnostic] = []
        for d in f.diagnostics:
            try:
                render(Report([dataclasses.replace(f, diagnostics=[d])]), registry, args, None)
                kept.append(d)
            except Exception as err:
                kept.append(rule_error(d.rule, err, f" (the {args.format} output could not show one)"))
        files.append(dataclasses.replace(f, diagnostics=kept))
    report = Report(files)
    return render(report, registry, args, stream), report


def render(report: Report, registry: Registry, args, stream) -> str:
    """The report as ``args`` asks for it; ``stream`` is where it goes (None: a file)."""
    from lint.emit import emitter

    if args.statistics:
        from lint.emit import statistics

        emit = statistics.emit_json if args.format == "json" else statistics.emit
        return emit(report, registry, statistics.StatisticsOptions(summary=not args.quiet))
    if args.format in ("text", "concise"):
        from lint.emit.text import TextOptions

        color = args.color == "always" or (
            args.color == "auto" and stream is not None and stream.isatty() and "NO_COLOR" not in os.environ
        )
        options = TextOptions(
            color=color, unsafe_fixes=args.unsafe_fixes, show_fixed=args.fix, summary=not args.quiet
        )
        return emitter(args.format)(report, registry, options)
    return emitter(args.format)(report, registry)


def write_stream(stream, text: str, what: str) -> None:
    """Write to stdout or stderr; a full disk or a broken device is a one-line error
    (exit 2), as with --output-file. A closed pipe (``| head``) is left to main()."""
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as err:
        name = "stdout" if stream is sys.stdout else "stderr"
        raise UsageError(f"cannot write {what} to {name}: {err.strerror or err}") from None


def write_output(path: Path, text: str) -> None:
    """--output-file: the report goes to a file (its folders are created) instead of stdout."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and not path.is_file():  # /dev/stdout, a pipe: written as a stream
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        else:  # a CI job reading the report never sees half of it
            write_atomic(path, text.encode("utf-8"))
    except OSError as err:
        raise UsageError(f"cannot write the report to {path}: {err.strerror or err}") from None


def render_diff(report: Report) -> str:
    chunks = []
    for f in report.files:
        if f.original is None or f.source is None or f.original == f.source:
            continue
        chunks.extend(
            difflib.unified_diff(
                f.original.splitlines(keepends=True),
                f.source.splitlines(keepends=True),
                fromfile=f"a/{f.path}",
                tofile=f"b/{f.path}",
            )
        )
    text = "".join(chunks)
    return text if not text or text.endswith("\n") else text + "\n"


def collect_inputs(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """Files to lint, in a stable order, and the paths that do not exist."""
    inputs: list[str] = []
    missing: list[str] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            inputs.append("-")
            continue
        path = Path(raw)
        if path.is_dir():
            found = list(walk(path))
        elif os.path.lexists(path):  # a broken link or a link loop is reported when read
            found = [str(path)]
        else:
            missing.append(raw)
            continue
        for f in found:
            if f not in seen:
                seen.add(f)
                inputs.append(f)
    return inputs, missing


def walk(root: Path) -> Iterator[str]:
    # Symlinked folders are not followed, so a link loop cannot trap the walk.
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIP_DIRS)
        for name in sorted(filenames):
            if Path(name).suffix.lower() in ARTICLE_SUFFIXES and not name.startswith("."):
                yield os.path.join(dirpath, name)


def lint_inputs(
    inputs: list[str], setups: Setups, keys: list[str | None], args: argparse.Namespace
) -> list[FileReport]:
    """One report per input, in the order of ``inputs``; ``keys[i]`` names the
    configuration of ``inputs[i]``."""
    tasks = [Task(i, k) for i, k in zip(inputs, keys, strict=True) if i != "-"]
    specs = {t.key: setups.spec(t.key) for t in tasks}
    with progress_bar(len(tasks), args) as advance:
        runner = Runner(
            specs,
            setups.engine,
            jobs=args.jobs,
            cache=None if no_cache(args) else ResultCache(cache_dir(args, setups, keys)),
            dask_scheduler=args.dask_scheduler,
            progress=advance,
        )
        try:
            done = dict(zip((t.path for t in tasks), runner.run(tasks), strict=True))
        except ClusterError as err:
            raise UsageError(str(err)) from None
    reports = []
    for item, key in zip(inputs, keys, strict=True):
        if item == "-":
            spec = setups.spec(key)
            data = sys.stdin.buffer.read()
            read = read_bytes(data, args.stdin_filename, spec.date, spec.config.reader_options)
            reports.append(lint_one(read, setups.engine(key), spec))
        else:
            reports.append(done[item])
    return reports


def no_cache(args: argparse.Namespace) -> bool:
    return args.no_cache or os.environ.get("NEWSLINT_NO_CACHE", "") not in ("", "0")


def cache_dir(args: argparse.Namespace, setups: Setups, keys: list[str | None]) -> Path:
    """--cache-dir, else the first file's configuration's cache-dir, else ./.newslint_cache."""
    if args.cache_dir:
        return args.cache_dir
    config = setups.spec(keys[0] if keys else setups.key(".")).config
    return config.cache_dir or Path(DEFAULT_CACHE)


@contextlib.contextmanager
def progress_bar(total: int, args: argparse.Namespace):
    """Advance a bar on stderr as files finish: only on a terminal, for runs of many files,
    and never in machine-readable formats (their output is data, not a session)."""
    wanted = args.progress
    if wanted is None:
        wanted = (
            total >= PROGRESS_MIN_FILES
            and args.format in ("text", "concise")
            and not args.quiet
            and sys.stderr.isatty()
        )
    if not wanted or total == 0:
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("linting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("lint", total=total)
        yield lambda n: bar.advance(task, n)


def _write_fix(path: Path, rep: FileReport) -> None:
    assert rep.source is not None and rep.original is not None
    original = rep.original
    try:
        on_disk = path.read_bytes()
        expected_source = read_bytes(on_disk, rep.path, options=rep.reader_options).document
        if expected_source is None or expected_source.source != original:
            raise ConcurrentModification(f"{path} changed while it was being checked; not written")
        write_atomic(path, encode(rep.source, rep.encoding, bom=rep.bom), expected=on_disk)
    except (OSError, ConcurrentModification) as err:
        message = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        rep.diagnostics.insert(
            0,
            Diagnostic(
                rule="io.write",
                category="internal",
                severity=Severity.ERROR,
                message=f"fixes not written: {message}; the file is unchanged",
                span=Span(0, 0),
            ),
        )
        rep.fixed = 0
