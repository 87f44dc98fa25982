"""newslint rules and newslint explain: what the rules are and what each id means."""

from __future__ import annotations

import argparse

from lint.cli.common import EXIT_OK, config_for
from lint.rules.registry import Registry, load_registry
from lint.run.settings import BACKENDS, Setups, UsageError, make_spec  # noqa: F401 (make_spec: re-exported)


def _registry(args) -> Registry:
    config = config_for(args)
    return load_registry(config.packs, context=config.context)


def run_rules(args: argparse.Namespace) -> int:
    registry = _registry(args)
    rows = [r for r in registry if r.enabled or args.all]
    width = max(len(r.id) for r in rows) if rows else 10
    for r in rows:
        off = "" if r.enabled else " (off by default)"
        print(f"{r.id:<{width}}  {r.category:<12} {r.severity.value:<8} {r.kind:<13} {r.title}{off}")
    return EXIT_OK


def run_explain(args: argparse.Namespace) -> int:
    from lint.rules.catalog import explain

    registry = _registry(args)
    text = explain(registry, args.rule)
    if text is None:
        close = [r.id for r in registry if args.rule in r.id]
        hint = f" (did you mean {', '.join(close[:5])}?)" if close else ""
        raise UsageError(f"unknown rule {args.rule!r}{hint}")
    print(text)
    return EXIT_OK
