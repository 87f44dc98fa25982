"""The grammar pack, fluency model included, on damaged copies of held-out articles.

The held-out articles are the 20% of clean-news that ``python -m train.fluency`` never
trained on (same split, same seed). For each shape of train/damage.py (the
training mix, then the shapes left out of it), one sentence in
every paragraph of every held-out article is damaged; an article is linted with the
grammar rules as shipped, and a damaged sentence counts as found when a grammar finding
(error or warning) overlaps its damage. False alarms: grammar findings on the same
articles undamaged, per sentence and per 1,000 words. ``--select grammar,typos,punctuation
--categories grammar,punctuation`` counts what a user of the default packs sees (a glued
sentence is punctuation's to find), false alarms included. Run by hand:

    python bench/fluency_eval.py [--articles 426] [--threshold P] [--select grammar]
        [--categories grammar] [--show-misses SHAPE]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

from lint.engine import Engine, Selection
from lint.rule import Context
from lint.rules.registry import load_registry
from lint.text.document import Document

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from train import damage as D  # noqa: E402
from train.fluency import DEFAULT_CORPUS, articles, split  # noqa: E402

FLAG = ("error", "warning")


def flagged(engine, text, categories=("grammar",)):
    return [
        d
        for d in engine.lint(Document.from_text(text))
        if d.category in categories and d.severity.value in FLAG
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--articles", type=int, default=426)
    ap.add_argument("--threshold", type=float, default=None, help="grammar.fluency threshold to use")
    ap.add_argument("--select", default="grammar")
    ap.add_argument(
        "--categories",
        default="grammar",
        help="finding categories that count (grammar,punctuation: what a user sees of the copy packs too)",
    )
    ap.add_argument(
        "--show-misses", metavar="SHAPE", help="print 20 damaged sentences of SHAPE that no rule found"
    )
    args = ap.parse_args()
    categories = tuple(args.categories.split(","))
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    arts = dict(articles(args.corpus))
    train_names, held = split(list(arts))
    D.learn_verbs([s for n in sorted(train_names)[:400] for par in arts[n] for s in par])
    held = sorted(held)[: args.articles]
    params = () if args.threshold is None else (("grammar.fluency", (("threshold", args.threshold),)),)
    registry = load_registry(context=Context(rule_params=params))
    engine = Engine(registry, Selection(select=tuple(args.select.split(","))))

    # Undamaged: false alarms.
    words = sentences = flagged_sentences = findings = 0
    by_rule = Counter()
    for name in held:
        text = "\n\n".join(" ".join(par) for par in arts[name])
        doc = Document.from_text(text)
        found = flagged(engine, text, categories)
        findings += len(found)
        by_rule.update(d.rule for d in found)
        words += len(text.split())
        sentences += len(doc.sentences)
        flagged_sentences += sum(
            1 for s in doc.sentences if any(d.span.start < s.end and s.start < d.span.end for d in found)
        )
    print(
        f"held-out articles {len(held)}, {sentences} sentences, {words} words: grammar findings {findings} "
        f"({1000 * findings / words:.2f} per 1,000 words), sentences flagged {flagged_sentences} "
        f"({flagged_sentences / sentences:.2%}); by rule: "
        + ", ".join(f"{r} {n}" for r, n in by_rule.most_common())
    )

    # Damaged, shape by shape.
    rng = random.Random(7)
    print("| shape | damaged sentences | found | found by grammar.fluency |")
    print("|---|---|---|---|")
    total = total_hit = 0
    misses: list[str] = []
    for shape in (*D.SHAPES, *D.EXTRA_SHAPES):
        n = hit = hit_model = 0
        for name in held:
            pars = []
            spans = []
            pos = 0
            for par in arts[name]:
                k = rng.randrange(len(par))
                out = D.damage(par[k], par[k + 1] if k + 1 < len(par) else None, shape, rng)
                if out is None:
                    piece = " ".join(par)
                else:
                    text, (a, b) = out
                    joined_next = shape in ("glued", "run-on")
                    before = " ".join(par[:k])
                    after = " ".join(par[k + (2 if joined_next else 1) :])
                    piece = " ".join(x for x in (before, text, after) if x)
                    offset = len(before) + (1 if before else 0)
                    spans.append((pos + offset + a, pos + offset + b))
                pars.append(piece)
                pos += len(piece) + 2
            doc_text = "\n\n".join(pars)
            found = flagged(engine, doc_text, categories)
            for a, b in spans:
                n += 1
                over = [d for d in found if d.span.start < b and a < d.span.end]
                hit += bool(over)
                if not over and shape == args.show_misses and len(misses) < 20:
                    misses.append(doc_text[max(0, a - 60) : b + 40].replace("\n", " / "))
                hit_model += any(d.rule == "grammar.fluency" for d in over)
        if shape in D.SHAPES:
            total += n
            total_hit += hit
        else:
            shape += " (not in the training mix; not in 'all')"
        print(f"| {shape} | {n} | {hit / max(1, n):.1%} | {hit_model / max(1, n):.1%} |", flush=True)
    print(f"| all | {total} | {total_hit / max(1, total):.1%} | |")
    for m in misses:
        print(f"  missed: {m}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
