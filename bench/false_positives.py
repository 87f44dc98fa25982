"""False findings on professionally edited news.

Lints every distinct article of a clean corpus (default: ../shared/corpora/clean-news,
BBC News 2004-2005) and prints error/warning findings per 1,000 words, per rule, with a
sample of what fired. Run by hand:

    python bench/false_positives.py [CORPUS_DIR] [--select punctuation,boilerplate] [--samples 5]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

from lint.engine import Engine, Selection
from lint.readers import read_path
from lint.registry import load_registry

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "clean-news"


def distinct_articles(folder: Path) -> list[Path]:
    seen, out = set(), []
    for path in sorted(folder.glob("*.txt")):
        digest = hashlib.sha256(path.read_bytes()).digest()
        if digest not in seen:
            seen.add(digest)
            out.append(path)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--select", default="", help="rule ids or prefixes (default: all enabled)")
    ap.add_argument("--samples", type=int, default=5)
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    select = tuple(s for s in args.select.split(",") if s)
    engine = Engine(load_registry(), Selection(select=select))
    files = distinct_articles(args.corpus)
    words = 0
    per_rule: Counter[str] = Counter()
    samples: dict[str, list[str]] = defaultdict(list)
    for path in files:
        read = read_path(path)
        doc = read.document
        words += len(doc.text.split())
        for d in engine.lint(doc):
            if d.severity.value == "info":
                continue
            per_rule[d.rule] += 1
            pos = doc.position(d.span.start)
            line = doc.source_line(pos.line)
            context = line[max(0, pos.column - 40) : pos.column + 40]
            samples[d.rule].append(f"{path.name}:{pos.line}:{pos.column}: {context!r}")
    total = sum(per_rule.values())
    print(f"{len(files)} distinct articles, {words} words, {total} error/warning findings")
    print(f"{1000 * total / words:.3f} findings per 1,000 words")
    rng = random.Random(0)
    for rule, n in per_rule.most_common():
        print(f"\n{rule}: {n} ({1000 * n / words:.3f} per 1,000 words)")
        for s in rng.sample(samples[rule], min(args.samples, n)):
            print(f"    {s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
