"""The command line. The exit status is decided here and in lint/cli/check.py only:
0 nothing at or above --fail-on, 1 findings, 2 usage, configuration or internal error.
One module a command; the parser names each command's function, imported when it runs."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Sequence

from lint.cli.common import EXIT_ERROR, EXIT_OK
from lint.cli.parser import build_parser
from lint.datafiles.strict import DataError
from lint.run.gate import GateError
from lint.run.settings import UsageError


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    module, _, name = args.run.partition(":")
    try:
        return getattr(importlib.import_module(module), name)(args)
    except (UsageError, GateError, DataError) as err:
        print(f"newslint: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, and keep Python from
        # complaining when it flushes stdout on the way out.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception:  # an internal error is exit 2 with the trace, never a silent 0 or 1
        import traceback  # only a crash needs it

        traceback.print_exc()
        print("newslint: internal error (please report it with the trace above)", file=sys.stderr)
        return EXIT_ERROR
