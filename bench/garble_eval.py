"""Precision and recall of the garble detector, of Harper, and of both together.

Garbled items: bench/data/garbled.jsonl (200 passages written for this project in the
style of machine-translated wire copy, each with one marked fault). Clean items:
bench/data/clean-tricky.jsonl (150 correct passages that trip naive detectors), sentences
from ../shared/corpora/clean-news (professionally edited BBC copy), and the correct
GRAMMAR examples of ../shared/corpora/languagetool-en-examples.jsonl, when present.

A garbled item counts as found when a finding of the system overlaps its marked span; a
clean item that gets any finding is a false alarm. Run by hand:

    python bench/garble_eval.py [--clean-news N] [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

from lint.engine import Engine, Selection
from lint.rules.registry import load_registry
from lint.text.document import Document

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "corpora"
GARBLE = ("grammar",)
SYSTEMS = {"garble detector": GARBLE, "harper": ("harper",), "both": GARBLE + ("harper",)}


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def clean_items(n_news: int) -> dict[str, list[str]]:
    items = {"clean-tricky": [x["text"] for x in load(HERE / "data" / "clean-tricky.jsonl")]}
    news = SHARED / "clean-news"
    if news.is_dir():
        sentences = []
        for path in sorted(news.glob("*.txt")):
            body = path.read_text(encoding="utf-8").split("\n", 2)[-1]
            doc = Document.from_text(body)
            sentences += [
                body[s.start : s.end] for s in doc.sentences if len(body[s.start : s.end].split()) >= 4
            ]
        random.Random(0).shuffle(sentences)
        # Pairs of consecutive sentences would be better context; single sentences are the
        # stricter test for fragment rules, which never look at a paragraph's first sentence.
        items["clean-news"] = sentences[:n_news]
    examples = SHARED / "languagetool-en-examples.jsonl"
    if examples.exists():
        items["languagetool-correct"] = [
            x["text"]
            for x in load(examples)
            if x["correct"] and x["category"] == "GRAMMAR" and x.get("type") != "triggers_error"
        ]
    return items


def found_in(engine: Engine, text: str) -> list:
    return engine.lint(Document.from_text(text))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clean-news", type=int, default=600, help="clean-news sentences to use")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args()
    garbled = load(HERE / "data" / "garbled.jsonl")
    clean = clean_items(args.clean_news)
    registry = load_registry()
    print(f"garbled: {len(garbled)} items; clean: " + ", ".join(f"{k} {len(v)}" for k, v in clean.items()))
    for name, select in SYSTEMS.items():
        engine = Engine(registry, Selection(select=select))
        hits, by_type, total_type = 0, Counter(), Counter()
        missed = []
        for item in garbled:
            start = item["text"].index(item["garbled"])
            end = start + len(item["garbled"])
            total_type[item["type"]] += 1
            if any(d.span.start < end and start < d.span.end for d in found_in(engine, item["text"])):
                hits += 1
                by_type[item["type"]] += 1
            else:
                missed.append(item)
        false = {k: sum(1 for t in v if found_in(engine, t)) for k, v in clean.items()}
        n_clean = sum(len(v) for v in clean.values())
        fp = sum(false.values())
        precision = hits / (hits + fp) if hits + fp else 0.0
        print(
            f"\n{name}: recall {hits}/{len(garbled)} = {hits / len(garbled):.1%}; "
            f"false alarms {fp}/{n_clean} clean items ({fp / n_clean:.1%}); precision {precision:.1%}"
        )
        print(
            "  recall by type: " + ", ".join(f"{t} {by_type[t]}/{n}" for t, n in sorted(total_type.items()))
        )
        print("  false alarms: " + ", ".join(f"{k} {v}/{len(clean[k])}" for k, v in false.items()))
        if args.show_misses:
            for item in missed[:40]:
                print(f"    missed [{item['type']}] {item['garbled']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
