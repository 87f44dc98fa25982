"""The command line. The exit status is decided here and only here:
0 nothing at or above --fail-on, 1 findings, 2 usage, configuration or internal error."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import difflib
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import __version__
from .cache import DEFAULT_DIR as DEFAULT_CACHE
from .cache import ResultCache
from .config import Config, ConfigError, find_config, load_config
from .datafile import DataError
from .diagnostics import Diagnostic, Severity, Span
from .emit import FORMATS
from .engine import Engine, Selection
from .fixer import ConcurrentModification, encode, write_atomic
from .readers import ARTICLE_SUFFIXES, read_bytes
from .registry import Registry, RuleError, load_registry
from .report import FileReport, Report
from .runner import ClusterError, Runner, RunSpec, Task, default_jobs, lint_one

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_ON = ("error", "warning", "info", "never")
SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv"})
PROGRESS_MIN_FILES = 50  # a shorter run is over before a bar would help
# A grammar backend is the rule (of a backend kind) whose id is the backend's name.
BACKENDS = ("harper", "languagetool", "none")


class UsageError(Exception):
    pass


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (UsageError, RuleError, ConfigError, DataError) as err:
        print(f"newslint: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception:  # an internal error is exit 2 with the trace, never a silent 0 or 1
        traceback.print_exc()
        print("newslint: internal error (please report it with the trace above)", file=sys.stderr)
        return EXIT_ERROR


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newslint", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="lint articles")
    check.add_argument(
        "paths", nargs="*", default=["."], metavar="PATH", help="files, folders, or - for stdin"
    )
    check.add_argument("--format", choices=list(FORMATS), default="text")
    check.add_argument(
        "--statistics", action="store_true", help="print how many findings each rule gave, not each finding"
    )
    check.add_argument("-q", "--quiet", action="store_true", help="print the findings only, no summary")
    check.add_argument(
        "-o", "--output-file", type=Path, metavar="FILE", help="write the report to FILE instead of stdout"
    )
    check.add_argument("--date", type=_date, help="article date for date-aware checks (YYYY-MM-DD)")
    check.add_argument(
        "--select", type=_ids, default=None, help="comma-separated rule ids or prefixes to run"
    )
    check.add_argument(
        "--ignore", type=_ids, default=None, help="comma-separated rule ids or prefixes to skip"
    )
    check.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default=None,
        help="lowest severity that fails the run (default: warning)",
    )
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    check.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix or --diff, apply unsafe fixes too"
    )
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    check.add_argument(
        "--config",
        type=Path,
        help="a .newslint.toml or pyproject.toml for every file "
        "(default: the nearest one from each file's folder upward)",
    )
    check.add_argument(
        "--report-unused-suppressions",
        action="store_true",
        help="report newslint-disable comments that suppressed nothing (suppression.unused)",
    )
    check.add_argument(
        "--grammar-backend",
        choices=BACKENDS,
        help="grammar checker to run (default: harper; none: no backend at all)",
    )
    check.add_argument(
        "--languagetool-url", help="a LanguageTool server (for --grammar-backend languagetool)"
    )
    check.add_argument(
        "--jobs",
        type=int,
        default=default_jobs(),
        help="worker processes for many files (default: every core this process may use)",
    )
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="lint every file again: neither read nor write the cache (or set NEWSLINT_NO_CACHE=1)",
    )
    check.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help=f"the results cache's folder (default: cache-dir in the configuration, else ./{DEFAULT_CACHE})",
    )
    check.add_argument(
        "--dask-scheduler",
        metavar="ADDRESS",
        help="lint the files on this Dask distributed cluster (e.g. tcp://10.0.0.5:8786)",
    )
    check.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: on a terminal, for many files, in text formats)",
    )
    check.add_argument("--stdin-filename", default="-", help="the name to report for text read from stdin")
    check.add_argument("--baseline", type=Path, metavar="FILE", help="do not report findings listed in FILE")
    check.add_argument(
        "--write-baseline", type=Path, metavar="FILE", help="write all findings to FILE as a baseline; exit 0"
    )
    check.add_argument(
        "--changed-since", metavar="REV", help="report only findings on lines changed since git revision REV"
    )
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    check.set_defaults(run=run_check)

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--config", type=Path)
    rules.add_argument("--all", action="store_true", help="include rules that are off by default")
    rules.set_defaults(run=run_rules)

    config = sub.add_parser("config", help="show the configuration that applies to a file")
    config.add_argument("path", nargs="?", default=".", metavar="PATH", help="a file or folder (default: .)")
    config.add_argument("--config", type=Path, help="this configuration file instead of the nearest one")
    config.add_argument("--format", choices=["text", "json"], default="text")
    config.set_defaults(run=run_config)

    explain = sub.add_parser("explain", help="explain one rule")
    explain.add_argument("rule")
    explain.add_argument("--config", type=Path)
    explain.set_defaults(run=run_explain)

    lsp = sub.add_parser("lsp", help="run the language server on stdio (for editors)")
    lsp.add_argument("--config", type=Path)
    lsp.set_defaults(run=run_lsp)

    kb = sub.add_parser("kb", help="the officials knowledge base")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    lookup = kb_sub.add_parser("lookup", help="what the knowledge base knows of a name or surname")
    lookup.add_argument("name")
    lookup.add_argument("--config", type=Path)
    lookup.set_defaults(run=run_kb_lookup)
    wikidata = kb_sub.add_parser(
        "import-wikidata", help="turn a JSON result of lint/kb/wikidata.rq into a KB file (on stdout)"
    )
    wikidata.add_argument("file", type=Path)
    wikidata.add_argument("--name", default="wikidata", help="the new file's kb id")
    wikidata.add_argument("--config", type=Path)
    wikidata.set_defaults(run=run_kb_import)
    build = kb_sub.add_parser(
        "build", help="build rules/kb/officials.json from the officials sources (python -m lint.kb.build)"
    )
    build.add_argument("--sources", help="the officials corpus folder (default: ../shared/corpora/officials)")
    build.add_argument("--out", help="the KB file to write (default: rules/kb/officials.json)")
    build.add_argument("--check", action="store_true", help="fail when a conflict is undecided")
    build.set_defaults(run=run_kb_build)
    return parser


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _ids(value: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in value.split(",") if s.strip())


# -- check ---------------------------------------------------------------------------------


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
                stdin_fixed = rep.document.source if rep.document else None
            elif rep.fixed:
                _write_fix(Path(item), rep)
    out = sys.stdout if stdin_fixed is None else sys.stderr
    if stdin_fixed is not None:
        sys.stdout.write(stdin_fixed)

    report = Report(reports)
    if args.changed_since or args.baseline or args.write_baseline:
        from .gating import gate

        report, done = gate(report, inputs, args)
        if done:  # --write-baseline
            return EXIT_ERROR if missing else EXIT_OK
    stream = None if args.output_file else out
    text = render_diff(report) if args.diff else render(report, registry, args, stream)
    if args.output_file:
        write_output(args.output_file, text)
    else:
        out.write(text)

    if missing:
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


def render(report: Report, registry: Registry, args, stream) -> str:
    """The report as ``args`` asks for it; ``stream`` is where it goes (None: a file)."""
    from .emit import emitter

    if args.statistics:
        from .emit import statistics

        emit = statistics.emit_json if args.format == "json" else statistics.emit
        return emit(report, registry, statistics.StatisticsOptions(summary=not args.quiet))
    if args.format in ("text", "concise"):
        from .emit.text import TextOptions

        color = args.color == "always" or (
            args.color == "auto" and stream is not None and stream.isatty() and "NO_COLOR" not in os.environ
        )
        options = TextOptions(
            color=color, unsafe_fixes=args.unsafe_fixes, show_fixed=args.fix, summary=not args.quiet
        )
        return emitter(args.format)(report, registry, options)
    return emitter(args.format)(report, registry)


def write_output(path: Path, text: str) -> None:
    """--output-file: the report goes to a file (its folders are created) instead of stdout."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    except OSError as err:
        raise UsageError(f"cannot write the report to {path}: {err.strerror or err}") from None


def render_diff(report: Report) -> str:
    chunks = []
    for f in report.files:
        if f.original is None or f.document is None or f.original == f.document.source:
            continue
        chunks.extend(
            difflib.unified_diff(
                f.original.splitlines(keepends=True),
                f.document.source.splitlines(keepends=True),
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
    assert rep.document is not None and rep.original is not None
    original = rep.original
    try:
        on_disk = path.read_bytes()
        expected_source = read_bytes(on_disk, rep.path, options=rep.document.reader_options).document
        if expected_source is None or expected_source.source != original:
            raise ConcurrentModification(f"{path} changed while it was being checked; not written")
        write_atomic(path, encode(rep.document, rep.encoding), expected=on_disk)
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


# -- rules and explain -----------------------------------------------------------------------


def _config(args) -> Config:
    """--config, else the nearest configuration from the working folder upward."""
    if getattr(args, "config", None):
        return load_config(args.config)
    found = find_config(Path.cwd())
    return load_config(found) if found else Config()


def run_config(args: argparse.Namespace) -> int:
    """The configuration that applies to a file: where it comes from and what it sets."""
    import json

    target = Path(args.path)
    folder = Path(os.path.abspath(target)) if target.is_dir() else Path(os.path.abspath(target)).parent
    path = args.config or find_config(folder)
    config = load_config(path) if path else Config()
    # per-file-ignores apply to files: a folder shows none
    applied = {} if target.is_dir() else config.ignores_for(str(target))
    data = {
        "path": str(target),
        "config": str(path) if path else None,
        "select": list(config.select),
        "ignore": list(config.ignore),
        "per-file-ignores": {g: list(ids) for g, ids in applied.items()},
        "severity": {k: v.value for k, v in config.severity.items()},
        "fail-on": config.fail_on or "warning",
        "grammar-backend": config.grammar_backend or "harper",
        "languagetool-url": config.languagetool_url,
        "harper-spelling": config.harper_spelling,
        "rule-packs": [str(p) for p in config.packs],
        "kb": [str(p) for p in config.kb],
        "accepted-names": list(config.accepted_names),
    }
    if args.format == "json":
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    print(
        f"# {data['path']}: "
        + (f"configured by {data['config']}" if path else "no configuration file, defaults")
    )
    for key, value in data.items():
        if key in ("path", "config", "severity", "per-file-ignores") or value is None:
            continue
        note = "  # every rule that is on by default" if key == "select" and not value else ""
        print(f"{key} = {json.dumps(value, ensure_ascii=False)}{note}")
    if data["per-file-ignores"]:
        print("\n[per-file-ignores]  # the entries that apply to this file")
        for glob, ids in data["per-file-ignores"].items():
            print(f"{json.dumps(glob)} = {json.dumps(ids)}")
    if data["severity"]:
        print("\n[severity]")
        for key, value in data["severity"].items():
            print(f"{json.dumps(key)} = {json.dumps(value)}")
    return EXIT_OK


def _registry(args) -> Registry:
    config = _config(args)
    return load_registry(config.packs, context=config.context)


def _knowledge_base(args):
    from .datafile import DataError
    from .kb.context import knowledge_base

    try:
        return knowledge_base(_config(args).context)
    except DataError as err:
        raise UsageError(str(err)) from None


def run_kb_lookup(args: argparse.Namespace) -> int:
    kb = _knowledge_base(args)
    people = kb.lookup(args.name)
    if not people:
        from .kb.names import near_miss

        miss = near_miss(args.name, kb)
        hint = f" (did you mean {miss.spelling}?)" if miss else ""
        print(f"{args.name}: not in the knowledge base{hint}")
        return EXIT_FINDINGS
    for person in people:
        print(f"{person.name}" + (f"  ({person.qid})" if person.qid else ""))
        if person.variants:
            print(f"  also written: {', '.join(person.variants)}")
        for p in sorted(person.positions, key=lambda p: p.start.earliest):
            print(f"  {p.title} of {p.of}, {p.term}" + (" (acting)" if p.acting else ""))
        print(f"  source: {person.source}")
    return EXIT_OK


def run_kb_import(args: argparse.Namespace) -> int:
    from .kb.wikidata import WikidataImportError, import_wikidata, to_yaml

    kb = _knowledge_base(args)
    try:
        text = args.file.read_text(encoding="utf-8")
        result = import_wikidata(text, kb, args.name)
    except (OSError, UnicodeDecodeError, WikidataImportError) as err:
        raise UsageError(f"{args.file}: {err}") from None
    sys.stdout.write(to_yaml(result.document))
    people = result.document["people"]
    positions = sum(len(p["positions"]) for p in people)
    print(f"newslint: {len(people)} people, {positions} positions", file=sys.stderr)
    for office, n in result.skipped.most_common():
        print(f"newslint: skipped {n} row(s) of {office!r}: no known title in it", file=sys.stderr)
    return EXIT_OK


def run_kb_build(args: argparse.Namespace) -> int:
    from .kb.build import main

    argv = [*(["--sources", args.sources] if args.sources else [])]
    argv += [*(["--out", args.out] if args.out else []), *(["--check"] if args.check else [])]
    return main(argv)


def run_lsp(args: argparse.Namespace) -> int:
    from .lsp import serve

    config = _config(args)
    selection = Selection(select=config.select, ignore=config.ignore, severity=config.severity)
    registry = load_registry(config.packs, context=config.context)
    unknown = selection.unknown(registry)
    if unknown:
        raise UsageError(f"unknown rule or prefix: {', '.join(unknown)} (see 'newslint rules')")
    # The protocol wants exit code 1 when the client exits without asking for a shutdown.
    return EXIT_OK if serve(registry, selection) else 1


def run_rules(args: argparse.Namespace) -> int:
    registry = _registry(args)
    rows = [r for r in registry if r.enabled or args.all]
    width = max(len(r.id) for r in rows) if rows else 10
    for r in rows:
        off = "" if r.enabled else " (off by default)"
        print(f"{r.id:<{width}}  {r.category:<12} {r.severity.value:<8} {r.kind:<13} {r.title}{off}")
    return EXIT_OK


def run_explain(args: argparse.Namespace) -> int:
    registry = _registry(args)
    rule = registry.get(args.rule)
    if rule is None:
        close = [r.id for r in registry if args.rule in r.id]
        hint = f" (did you mean {', '.join(close[:5])}?)" if close else ""
        raise UsageError(f"unknown rule {args.rule!r}{hint}")
    print(explain_text(rule))
    return EXIT_OK


def explain_text(rule) -> str:
    lines = [
        f"{rule.id}: {rule.title}",
        f"({rule.category}, {rule.severity.value}, kind {rule.kind}"
        + ("" if rule.enabled else ", off by default")
        + ")",
        f"defined in {Path(rule.path).name}:{rule.line}",
        "",
        rule.description,
        "",
        "Examples:",
    ]
    for ex in rule.examples:
        when = f"  (article date {ex['date']})" if "date" in ex else ""
        if "good" in ex:
            lines.append(f"  ok:      {ex['good']!r}{when}")
        else:
            lines.append(f"  flagged: {ex['bad']!r}  ->  {ex['flagged']!r}{when}")
            if "fixed" in ex:
                lines.append(f"  fixed:   {ex['fixed']!r}")
    lines += [
        "",
        "To silence it:",
        f"  newslint check --ignore {rule.id} ...",
        f'  or in .newslint.toml:  ignore = ["{rule.id}"]',
    ]
    return "\n".join(lines)
