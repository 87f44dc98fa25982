"""newslint boilerplate learn: a user pack of a site's furniture from an archive of its articles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lint.atomic import write_atomic
from lint.cli.check import collect_inputs
from lint.cli.common import EXIT_OK
from lint.readers import read_path
from lint.rules.site_pack import recurring_lines, site_pack
from lint.run.settings import UsageError


def run_learn(args: argparse.Namespace) -> int:
    inputs, missing = collect_inputs(args.paths)
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")

    def texts():
        for path in inputs:
            doc = read_path(Path(path)).document
            if doc is not None:
                yield doc.text

    lines = recurring_lines(texts(), args.min_files, args.min_share)
    if not lines:
        print(f"newslint: no line recurs in {args.min_files}+ of {len(inputs)} articles", file=sys.stderr)
        return EXIT_OK
    text = site_pack(lines, len(inputs), args.pack)
    if args.output:
        write_atomic(Path(args.output), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    for line, k in lines:
        print(f"newslint: {k:>5} of {len(inputs)}  {line[:90]}", file=sys.stderr)
    return EXIT_OK
