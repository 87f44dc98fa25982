"""The fluency model's share of the pipeline's time.

Lints clean articles with the default configuration (every rule enabled by default, the
grammar backend off so an external process does not blur the figure, or on with
``--harper``) and times the grammar.fluency check's own run separately. Prints the share
and sentences per second. Run by hand:

    python bench/fluency_cost.py [CORPUS_DIR] [--articles 300] [--harper]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from lint.engine import Engine, Selection
from lint.rule import Context
from lint.rules.registry import load_registry
from lint.text.document import Document

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "clean-news"


class Timed:
    """A check whose run is timed (its generator included)."""

    def __init__(self, check):
        self.check, self.seconds = check, 0.0
        self.defers = getattr(check, "defers", False)

    def run(self, doc):
        t = time.perf_counter()
        out = list(self.check.run(doc))
        self.seconds += time.perf_counter() - t
        return out


def arguments(description: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--harper", action="store_true", help="keep the Harper backend on")
    return ap


def timed_pipeline(args, context: Context | None = None):
    """(texts, engine, the timed grammar.fluency check) for ``args`` (``arguments``), warmed
    up on the first text: model loads and first-use imports are a one-off per process. None
    when the corpus is missing."""
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return None
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))[: args.articles]]
    registry = load_registry(context=context)
    engine = Engine(registry, Selection(ignore=() if args.harper else ("harper",)))
    rule = next(r for r in engine.rules if r.id == "grammar.fluency")
    timed = Timed(registry.check(rule))
    registry._checks[rule.id] = timed
    engine.lint(Document.from_text(texts[0]))
    timed.seconds = 0.0
    return texts, engine, timed


def main() -> int:
    setup = timed_pipeline(arguments(__doc__.splitlines()[0]).parse_args())
    if setup is None:
        return 2
    texts, engine, timed = setup
    start = time.perf_counter()
    sentences = 0
    for text in texts:
        doc = Document.from_text(text)
        engine.lint(doc)
        sentences += len(doc.sentences)
    total = time.perf_counter() - start
    print(
        f"{len(texts)} articles, {sentences} sentences: pipeline {total:.2f}s, grammar.fluency "
        f"{timed.seconds:.2f}s = {timed.seconds / total:.1%} of the pipeline "
        f"({sentences / max(timed.seconds, 1e-9):.0f} sentences/s in the model)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
