"""The fact checks' cost per article with the shipped knowledge base and with one inflated
100x by synthetic people: names are indexed once, so the cost should hardly move.

    python bench/kb_scaling.py [CORPUS_DIR] [--factor 100] [--articles 400]
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import time
from pathlib import Path

import yaml

from lint.engine import Engine, Selection
from lint.kb import kb_files
from lint.readers import document_from_source
from lint.rule import Context
from lint.rules.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
CLEAN_NEWS = ROOT.parent / "shared" / "corpora" / "clean-news"


def synthetic_kb(path: Path, people: int, seed: int = 0) -> None:
    rng = random.Random(seed)

    def word() -> str:
        return rng.choice(string.ascii_uppercase) + "".join(rng.choices("aeiounrstlmk", k=rng.randint(4, 8)))

    records = [
        {
            "name": f"{word()} {word()}",
            "positions": [
                {"title": "Prime Minister", "of": "Syntheland", "start": f"{rng.randint(1950, 2020)}"}
            ],
        }
        for _ in range(people)
    ]
    path.write_text(
        yaml.safe_dump({"kb": "synthetic", "places": [{"name": "Syntheland"}], "people": records}),
        encoding="utf-8",
    )


def per_article(context: Context, texts: list[str]) -> float:
    engine = Engine(load_registry(context=context), Selection(select=("fact",)))
    engine.lint(document_from_source(texts[0], "warm.txt"))
    start = time.perf_counter()
    for i, text in enumerate(texts):
        engine.lint(document_from_source(text, f"a{i}.txt"))
    return (time.perf_counter() - start) / len(texts) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=CLEAN_NEWS)
    ap.add_argument("--factor", type=int, default=100)
    ap.add_argument("--articles", type=int, default=400)
    args = ap.parse_args()
    if args.corpus.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))[: args.articles]]
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))] * 50
    from lint.kb import load_kb

    shipped = len(load_kb(kb_files()).people)
    base = per_article(Context(), texts)
    extra = Path("/tmp/newslint-synthetic-kb.yaml")
    synthetic_kb(extra, shipped * (args.factor - 1))
    inflated = per_article(Context(kb_files=(extra,)), texts)
    print(f"{len(texts)} articles; fact checks per article:")
    print(f"  shipped KB ({shipped} people): {base:.2f} ms")
    print(f"  KB x{args.factor} ({shipped * args.factor} people): {inflated:.2f} ms ({inflated / base:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
