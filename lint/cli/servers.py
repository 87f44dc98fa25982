"""newslint lsp and newslint serve: the language server and the HTTP service."""

from __future__ import annotations

import argparse

from lint.cli.common import EXIT_OK
from lint.run.settings import BACKENDS, Setups, UsageError, make_spec  # noqa: F401 (make_spec: re-exported)


def run_lsp(args: argparse.Namespace) -> int:
    from lint.lsp.server import serve

    # The settings newslint check uses: --config for every file, else each file's nearest
    # configuration (per-file-ignores, grammar backend, reader options and all).
    setups = Setups(argparse.Namespace(config=args.config))
    if args.config:
        setups.engine(setups.key("-"))  # a bad configuration fails before the editor connects
    # The protocol wants exit code 1 when the client exits without asking for a shutdown.
    return EXIT_OK if serve(setups) else 1


def run_serve(args: argparse.Namespace) -> int:
    from lint.serve import run

    try:
        return run(args)
    except ValueError as err:  # a bad option or rule id
        raise UsageError(str(err)) from None
