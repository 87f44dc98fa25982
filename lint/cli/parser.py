"""The command line's options. Each command names the function that runs it, imported only
when that command runs."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from lint import __version__
from lint.cli.common import FAIL_ON
from lint.emit import FORMATS
from lint.run.cache import DEFAULT_DIR as DEFAULT_CACHE
from lint.run.runner import default_jobs
from lint.run.settings import BACKENDS, Setups, UsageError, make_spec  # noqa: F401 (make_spec: re-exported)


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
    check.set_defaults(run="lint.cli.check:run_check")

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--config", type=Path)
    rules.add_argument("--all", action="store_true", help="include rules that are off by default")
    rules.set_defaults(run="lint.cli.rules:run_rules")

    config = sub.add_parser("config", help="show the configuration that applies to a file")
    config.add_argument("path", nargs="?", default=".", metavar="PATH", help="a file or folder (default: .)")
    config.add_argument("--config", type=Path, help="this configuration file instead of the nearest one")
    config.add_argument("--format", choices=["text", "json"], default="text")
    config.set_defaults(run="lint.cli.config:run_config")

    explain = sub.add_parser("explain", help="explain one rule")
    explain.add_argument("rule")
    explain.add_argument("--config", type=Path)
    explain.set_defaults(run="lint.cli.rules:run_explain")

    lsp = sub.add_parser("lsp", help="run the language server on stdio (for editors)")
    lsp.add_argument("--config", type=Path)
    lsp.set_defaults(run="lint.cli.servers:run_lsp")

    serve = sub.add_parser("serve", help="serve LanguageTool's HTTP API (/v2/check) and /v1/lint")
    from lint.serve import add_arguments as add_serve_arguments

    add_serve_arguments(serve)
    serve.set_defaults(run="lint.cli.servers:run_serve")

    furniture = sub.add_parser("boilerplate", help="a site's own boilerplate")
    furniture_sub = furniture.add_subparsers(dest="boilerplate_command", required=True)
    learn = furniture_sub.add_parser(
        "learn", help="write a user pack of the lines that recur across an archive of a site's articles"
    )
    learn.add_argument("paths", nargs="+", metavar="PATH", help="the archive: files or folders")
    learn.add_argument("--min-files", type=int, default=3, help="in at least this many articles (default 3)")
    learn.add_argument(
        "--min-share", type=float, default=0.2, help="and at least this share of them (default 0.2)"
    )
    learn.add_argument("--pack", default="site", help="the pack's name and rule id prefix (default: site)")
    learn.add_argument("-o", "--output", help="write the pack here (default: stdout)")
    learn.set_defaults(run="lint.cli.boilerplate:run_learn")

    kb = sub.add_parser("kb", help="the officials knowledge base")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    lookup = kb_sub.add_parser("lookup", help="what the knowledge base knows of a name or surname")
    lookup.add_argument("name")
    lookup.add_argument("--config", type=Path)
    lookup.set_defaults(run="lint.cli.kb:run_kb_lookup")
    wikidata = kb_sub.add_parser(
        "import-wikidata", help="turn a JSON result of lint/kb/wikidata.rq into a KB file (on stdout)"
    )
    wikidata.add_argument("file", type=Path)
    wikidata.add_argument("--name", default="wikidata", help="the new file's kb id")
    wikidata.add_argument("--config", type=Path)
    wikidata.set_defaults(run="lint.cli.kb:run_kb_import")
    build = kb_sub.add_parser(
        "build", help="build rules/kb/officials.json from the officials sources (python -m lint.kb.build)"
    )
    build.add_argument("--sources", help="the officials corpus folder (default: ../shared/corpora/officials)")
    build.add_argument("--out", help="the KB file to write (default: rules/kb/officials.json)")
    build.add_argument("--check", action="store_true", help="fail when a conflict is undecided")
    build.set_defaults(run="lint.cli.kb:run_kb_build")
    return parser


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _ids(value: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in value.split(",") if s.strip())
