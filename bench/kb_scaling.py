"""The fact checks' cost per article with the shipped knowledge base and with one inflated
10x by synthetic people: names are indexed once, so the cost should hardly move. Also the
time to load each (the shipped KB is generated JSON with a prebuilt index; the inflated one
is written the same way, by the builder's own writer).

    python bench/kb_scaling.py [CORPUS_DIR] [--factor 10] [--articles 400]
"""

from __future__ import annotations

import argparse
import json
import random
import string
import sys
import time
from pathlib import Path

from lint.engine import Engine, Selection
from lint.kb import kb_files
from lint.readers import document_from_source
from lint.rule import Context
from lint.rules.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
CLEAN_NEWS = next(
    (
        d / "shared" / "corpora" / "clean-news"
        for d in (ROOT.parent, ROOT.parent.parent)
        if (d / "shared").is_dir()
    ),
    ROOT.parent / "shared" / "corpora" / "clean-news",
)


def synthetic_kb(path: Path, people: int, seed: int = 0) -> None:
    """The shipped generated KB plus ``people`` synthetic ones, as one generated file."""
    from lint.kb.build import _index, dump

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
    shipped = json.loads((ROOT / "rules" / "kb" / "officials.json").read_text(encoding="utf-8"))
    shipped["people"] += records
    shipped["places"].append({"name": "Syntheland"})
    shipped["index"] = _index(shipped["people"])
    path.write_text(dump(shipped), encoding="utf-8")


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
    ap.add_argument("--factor", type=int, default=10)
    ap.add_argument("--articles", type=int, default=400)
    args = ap.parse_args()
    if args.corpus.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))[: args.articles]]
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))] * 50
    from lint.kb import load_kb

    start = time.perf_counter()
    shipped = len(load_kb.__wrapped__(kb_files()).people)
    load_shipped = time.perf_counter() - start
    base = per_article(Context(), texts)
    extra = Path("/tmp/newslint-synthetic-kb.json")
    synthetic_kb(extra, shipped * (args.factor - 1))
    files = (ROOT / "rules" / "kb" / "titles.yaml", extra)
    start = time.perf_counter()
    load_kb.__wrapped__(files)
    load_inflated = time.perf_counter() - start
    inflated = per_article(Context(kb_files=files, builtin_kb=False), texts)
    print(f"{len(texts)} articles; fact checks per article:")
    print(f"  shipped KB ({shipped} people): {base:.2f} ms, loaded in {load_shipped * 1000:.0f} ms")
    print(
        f"  KB x{args.factor} ({shipped * args.factor} people): {inflated:.2f} ms ({inflated / base:.2f}x), "
        f"loaded in {load_inflated * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
