"""Which of Harper's rules earn their cost on news copy: where each one fires.

Runs harper-py with every rule it turns on by default (spelling off, as newslint runs it)
over three sets and counts each rule's findings:

- useful: LanguageTool's incorrect English examples
  (../shared/corpora/languagetool-en-examples.jsonl), a hit when the finding overlaps the
  marked error; and the garbled passages of bench/data/garbled.jsonl, a hit when it
  overlaps the garbled part;
- false alarms: every finding on ../shared/corpora/clean-news (edited BBC copy) and on
  LanguageTool's correct examples.

The allow-list of rules/backends.yaml (`enabled_rules`) is made of the rules whose hits
outnumber their false alarms. Run by hand:

    python bench/harper_rules.py [--articles N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "corpora"


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def linter():
    import harper

    lint = harper.Linter(harper.Dialect.AMERICAN)
    config = lint.get_default_lint_config()
    config["SpellCheck"] = False
    lint.set_lint_config(config)
    return lint


def overlapping(lint, text: str, start: int, end: int) -> set[str]:
    return {
        name
        for name, found in lint.organized_lints(text).items()
        for f in found
        if f.span.start < end and start < f.span.end
    }


def false_alarms(counts: dict[str, Counter], name: str) -> int:
    return counts["news-false"][name] + counts["lt-false"][name]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=0, help="clean-news articles to use (default: all)")
    ap.add_argument("--json", type=Path, help="also write the counts to this file")
    args = ap.parse_args()
    examples = SHARED / "languagetool-en-examples.jsonl"
    news = SHARED / "clean-news"
    if not examples.exists() or not news.is_dir():
        print(f"needs {examples} and {news}", file=sys.stderr)
        return 2
    lint = linter()
    lint.lint("Warm up the linter.")
    counts: dict[str, Counter] = {k: Counter() for k in ("lt-hit", "garble-hit", "news-false", "lt-false")}

    rows = load(examples)
    wrong = [x for x in rows if not x["correct"] and x.get("marker_start") is not None]
    for x in wrong:
        counts["lt-hit"].update(overlapping(lint, x["text"], x["marker_start"], x["marker_end"]))
    for x in rows:
        if x["correct"]:
            found = lint.organized_lints(x["text"])
            counts["lt-false"].update(name for name, lints in found.items() if lints)
    garbled = load(HERE / "data" / "garbled.jsonl")
    for item in garbled:
        start = item["text"].index(item["garbled"])
        counts["garble-hit"].update(overlapping(lint, item["text"], start, start + len(item["garbled"])))
    paths = sorted(news.glob("*.txt"))
    if args.articles:
        paths = paths[: args.articles]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    t0 = time.perf_counter()
    for text in texts:
        for name, found in lint.organized_lints(text).items():
            counts["news-false"][name] += len(found)
    elapsed = time.perf_counter() - t0

    print(
        f"LanguageTool incorrect examples {len(wrong)}, correct {sum(x['correct'] for x in rows)}; "
        f"garbled {len(garbled)}; clean-news {len(texts)} articles "
        f"({elapsed / len(texts) * 1000:.1f} ms per article, all default rules but spelling)"
    )
    names = set().union(*counts.values())
    table = sorted(
        names,
        key=lambda n: (
            -(counts["lt-hit"][n] + counts["garble-hit"][n]),
            counts["news-false"][n] + counts["lt-false"][n],
        ),
    )
    print(f"{'rule':40} {'LT hits':>8} {'garble':>7} {'news FP':>8} {'LT FP':>6}")
    for n in table:
        print(
            f"{n:40} {counts['lt-hit'][n]:8} {counts['garble-hit'][n]:7} "
            f"{counts['news-false'][n]:8} {counts['lt-false'][n]:6}"
        )
    keep = sorted(n for n in names if counts["lt-hit"][n] + counts["garble-hit"][n] > false_alarms(counts, n))
    print(f"\nrules whose hits outnumber their false alarms ({len(keep)}):")
    print("\n".join(f"  - {n}" for n in keep))
    if args.json:
        args.json.write_text(json.dumps({k: dict(v) for k, v in counts.items()}, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
