"""newslint kb: look a person up in the knowledge base, import Wikidata results."""

from __future__ import annotations

import argparse
import sys

from lint.cli.common import EXIT_FINDINGS, EXIT_OK, config_for
from lint.datafiles.strict import DataError
from lint.run.settings import BACKENDS, Setups, UsageError, make_spec  # noqa: F401 (make_spec: re-exported)


def _knowledge_base(args):
    from lint.kb.in_document import knowledge_base

    try:
        return knowledge_base(config_for(args).context)
    except DataError as err:
        raise UsageError(str(err)) from None


def run_kb_lookup(args: argparse.Namespace) -> int:
    kb = _knowledge_base(args)
    people = kb.lookup(args.name)
    if not people:
        from lint.kb.names import near_miss

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
    from lint.kb.wikidata import WikidataImportError, import_wikidata, to_yaml

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
    from lint.kb.build import main

    argv = [*(["--sources", args.sources] if args.sources else [])]
    argv += [*(["--out", args.out] if args.out else []), *(["--check"] if args.check else [])]
    return main(argv)
