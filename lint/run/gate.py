"""What ``newslint check`` does with ``--changed-since``, ``--baseline`` and ``--write-baseline``
once the files are linted: narrow the report to what a commit or a pull request is
responsible for (see lint/run/changed_lines.py and lint/run/baseline.py)."""

from __future__ import annotations

import argparse
import sys

from lint.report import Report


class GateError(Exception):
    """Options that cannot be combined, or a baseline or revision that cannot be used."""


def gate(report: Report, inputs: list[str], args: argparse.Namespace) -> tuple[Report, bool]:
    """The report to render, and True when the run is over (a baseline was written)."""
    from lint.run.baseline import BaselineError, apply_baseline, load_baseline, write_baseline
    from lint.run.changed_lines import ChangesError, only_changed

    if args.baseline and args.write_baseline:
        raise GateError("--baseline and --write-baseline cannot be used together")
    try:
        if args.changed_since:
            report = only_changed(inputs, report, args.changed_since)
        if args.write_baseline:
            n = write_baseline(args.write_baseline, report)
            files = len({f.path for f in report.files if f.diagnostics})
            print(
                f"newslint: wrote {n} finding(s) in {files} file(s) to the baseline {args.write_baseline}",
                file=sys.stderr,
            )
            return report, True
        if args.baseline:
            baseline = load_baseline(args.baseline)
            report, _ = apply_baseline(report, baseline, args.baseline)
    except (BaselineError, ChangesError) as err:
        raise GateError(str(err)) from None
    return report, False
