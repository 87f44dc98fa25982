"""Throughput of the rule packs on one core: MB/s and articles/s.

Lints every article of a corpus in this process (reading and Document building included,
rule compilation excluded) and reports the best of several rounds. The corpus is
../shared/corpora/clean-news when present, else one generated from seeds/ by repeating
and varying the seed articles. Run by hand:

    python bench/throughput.py [CORPUS_DIR] [--rounds 3] [--select PREFIXES] [--big-file MB]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from lint.engine import Engine, Selection
from lint.readers import document_from_source
from lint.rules.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
CLEAN_NEWS = ROOT.parent / "shared" / "corpora" / "clean-news"


def load_corpus(folder: Path | None) -> tuple[str, list[str]]:
    if folder is not None and folder.is_dir():
        return str(folder), [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rng = random.Random(0)
    corpus = []
    for i in range(2000):
        paragraphs = rng.choice(seeds).split("\n")
        rng.shuffle(paragraphs)
        corpus.append(f"Story {i}\n" + "\n".join(paragraphs))
    return "seeds/ repeated and shuffled (2,000 articles)", corpus


def run(engine: Engine, texts: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    findings = 0
    for i, text in enumerate(texts):
        findings += len(engine.lint(document_from_source(text, f"a{i}.txt")))
    return time.perf_counter() - start, findings


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=CLEAN_NEWS)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--select", default="", help="rule ids or prefixes (default: every enabled rule)")
    ap.add_argument("--ignore", default="", help="rule ids or prefixes to leave out (e.g. harper)")
    ap.add_argument("--big-file", type=float, default=0, help="also time one file of this many MB")
    args = ap.parse_args()

    select = tuple(s for s in args.select.split(",") if s)
    ignore = tuple(s for s in args.ignore.split(",") if s)
    registry = load_registry()
    engine = Engine(registry, Selection(select=select, ignore=ignore))
    name, texts = load_corpus(args.corpus)
    size_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    run(engine, texts[:50])  # warm caches
    best, findings = min(run(engine, texts) for _ in range(args.rounds))
    print(f"corpus: {name}: {len(texts)} articles, {size_mb:.2f} MB")
    print(
        f"rules: {len(engine.rules)} ({args.select or 'all enabled'}"
        f"{'; not ' + args.ignore if args.ignore else ''})"
    )
    print(
        f"best of {args.rounds}: {best:.2f} s, {size_mb / best:.2f} MB/s, "
        f"{len(texts) / best:.0f} articles/s, {findings} findings"
    )

    if args.big_file:
        text = "\n".join(texts)
        while len(text) < args.big_file * 1e6:
            text += "\n" + text
        text = text[: int(args.big_file * 1e6)]
        start = time.perf_counter()
        n = len(engine.lint(document_from_source(text, "big.txt")))
        took = time.perf_counter() - start
        print(
            f"one {len(text) / 1e6:.0f} MB file: {took:.2f} s "
            f"({len(text) / 1e6 / took:.2f} MB/s), {n} findings"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
