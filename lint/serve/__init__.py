"""``newslint serve``: newslint over HTTP, speaking LanguageTool's API (lint/serve/app.py).

This module stays light (the command line imports it to build its parser); the web stack is
imported when the server starts.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback only)")
    parser.add_argument("--port", type=int, default=8081, help="port (default: 8081, as LanguageTool)")
    parser.add_argument("--workers", type=int, default=1, help="processes, each with its own engine")
    parser.add_argument(
        "--config", type=Path, help="a .newslint.toml or pyproject.toml (default: the nearest)"
    )
    parser.add_argument("--select", help="comma-separated rule ids or prefixes to run")
    parser.add_argument("--ignore", help="comma-separated rule ids or prefixes to skip")
    parser.add_argument("--grammar-backend", choices=("harper", "languagetool", "none"))
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=1_000_000,
        help="largest request body; larger gets 413 (default: 1 MB)",
    )
    parser.add_argument(
        "--timeout", type=float, default=20.0, help="seconds for one request; slower gets 503 (default: 20)"
    )


def options_from_args(args: argparse.Namespace):
    from lint.serve.app import Limits, ServeOptions

    def ids(value):
        return tuple(s.strip() for s in value.split(",") if s.strip()) if value else None

    config = args.config
    if config is None:
        from lint.config import find_config

        found = find_config(Path.cwd())
        config = found
    return ServeOptions(
        config=str(config) if config else None,
        select=ids(args.select),
        ignore=ids(args.ignore) or (),
        grammar_backend=args.grammar_backend,
        limits=Limits(max_bytes=args.max_bytes, timeout=args.timeout),
    )


def serve(options, host: str = "127.0.0.1", port: int = 8081, workers: int = 1) -> None:
    """Serve until interrupted. The engine is built before the port opens, so a bad
    configuration fails at once; with ``workers`` > 1 each worker process builds its own."""
    try:
        import uvicorn

        from lint.serve.app import OPTIONS_ENV, app_from_options
    except ImportError as err:
        raise ValueError(f"newslint serve needs {err.name}: pip install 'newslint[serve]'") from None

    app = app_from_options(options)  # a bad configuration or rule id fails here, before listening
    common = {"host": host, "port": port, "log_level": "info", "timeout_graceful_shutdown": 5}
    if workers > 1:
        os.environ[OPTIONS_ENV] = options.to_env()
        uvicorn.run("lint.serve.app:app_from_environment", factory=True, workers=workers, **common)
    else:
        uvicorn.run(app, **common)


def run(args: argparse.Namespace) -> int:
    """The ``serve`` subcommand."""
    if args.workers < 1 or args.max_bytes < 1 or args.timeout <= 0:
        raise ValueError("--workers and --max-bytes must be at least 1, --timeout above 0")
    serve(options_from_args(args), args.host, args.port, args.workers)
    return 0
