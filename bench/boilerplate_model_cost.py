"""What the learned boilerplate model (boilerplate.model) adds to a run's time.

Lints a corpus (../shared/corpora/clean-news by default) in this process with every rule
enabled by default except the grammar backends (as `--grammar-backend none`), once with
and once without boilerplate.model, rounds alternating, and reports the best time of each
and the model's share of the run; and, steadier on a busy machine, the time of the model's
check alone (documents built beforehand) against the run without it. Run by hand:

    python bench/boilerplate_model_cost.py [CORPUS_DIR] [--rounds 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from throughput import CLEAN_NEWS, load_corpus, run  # noqa: E402

from lint.engine import Engine, Selection  # noqa: E402
from lint.readers import document_from_source  # noqa: E402
from lint.rules.registry import load_registry  # noqa: E402

BACKENDS = ("harper", "languagetool")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=CLEAN_NEWS)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    registry = load_registry()
    grammar = tuple(r.id for r in registry if r.kind in BACKENDS)
    with_model = Engine(registry, Selection(ignore=grammar))
    without = Engine(registry, Selection(ignore=(*grammar, "boilerplate.model")))
    name, texts = load_corpus(args.corpus)
    run(with_model, texts[:50])  # warm caches
    run(without, texts[:50])
    times = {"with": [], "without": []}
    check = registry.check(registry.get("boilerplate.model"))
    alone = []
    for _ in range(args.rounds):
        times["without"].append(run(without, texts))
        times["with"].append(run(with_model, texts))
        # fresh documents each round, built before the clock starts: the check pays for
        # their paragraphs itself, as in a run where it is the first to ask
        docs = [document_from_source(t, f"a{i}.txt") for i, t in enumerate(texts)]
        start = time.perf_counter()
        for doc in docs:
            list(check.run(doc))
        alone.append(time.perf_counter() - start)
    best_with, n_with = min(times["with"])
    best_without, n_without = min(times["without"])
    size_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {name}: {len(texts)} articles, {size_mb:.2f} MB; best of {args.rounds}")
    print(f"without boilerplate.model: {best_without:.2f} s ({n_without} findings)")
    print(f"with boilerplate.model:    {best_with:.2f} s ({n_with} findings)")
    print(
        f"the model's cost: +{best_with - best_without:.2f} s = {100 * (best_with / best_without - 1):.1f}% "
        f"of the run without it"
    )
    share = 100 * min(alone) / best_without
    print(f"the model's check alone: {min(alone):.2f} s = {share:.1f}% of the run without it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
