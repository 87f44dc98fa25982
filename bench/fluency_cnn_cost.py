"""The convolutional fluency tagger's cost (lint/models/fluency_cnn.py) beside the shipped
linear model's, in one run.

Lints clean articles as bench/fluency_cost.py does (the grammar.fluency check timed on its
own; Harper off unless ``--harper``), with the check's linear model alone
(``model: linear``), and takes the sentences the check scores in each article. Then, on
exactly those sentences, already tagged (tagging is shared by both models and timed apart):

- the shipped model's scoring, one sentence at a time, as the check does
  (``window_scores(sentence_scores(toks))``);
- the tagger's NumPy inference, one call per article (all its sentences at once);
- the same through ``best()``, which skips the convolutions for sentences under the
  model's gate.

Each is timed over all articles ``--repeat`` times (best kept). Prints ms per sentence, the
first NumPy import in a fresh interpreter, and the check's share of the pipeline were the
tagger to score the sentences in place of the linear model (the pipeline's and the check's
time with the linear model's measured scoring swapped for the tagger's, which includes
it). Run by hand:

    python bench/fluency_cnn_cost.py [CORPUS_DIR] [--articles 300] [--harper] [--model DIR]
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from fluency_cost import arguments, timed_pipeline  # bench/fluency_cost.py, beside this file

from lint.models import fluency, fluency_cnn
from lint.rule import Context
from lint.text.document import Document


def numpy_import_ms() -> float:
    code = "import time; t = time.perf_counter(); import numpy; print((time.perf_counter() - t) * 1e3)"
    runs = [float(subprocess.check_output([sys.executable, "-c", code], text=True)) for _ in range(5)]
    return min(runs)


def main() -> int:
    ap = arguments(__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", type=Path, default=fluency_cnn.MODEL_DIR, help="the folder of fluency_cnn.*")
    args = ap.parse_args()
    # The check with the linear model alone: its scoring is what the tagger is weighed against.
    setup = timed_pipeline(args, Context(rule_params=(("grammar.fluency", (("model", "linear"),)),)))
    if setup is None:
        return 2
    imp = numpy_import_ms()
    texts, engine, timed = setup
    per_doc = []
    start = time.perf_counter()
    for text in texts:
        doc = Document.from_text(text)
        engine.lint(doc)
        per_doc.append([sentence for _, sentence in timed.check.sentences(doc)])
    total = time.perf_counter() - start
    n = sum(map(len, per_doc))

    t = time.perf_counter()
    docs = [[fluency.tokens(s) for s in doc] for doc in per_doc]
    tagging = time.perf_counter() - t  # mostly the tagger's cache: the check tagged them already

    linear = fluency.shipped()
    t = time.perf_counter()
    cnn = fluency_cnn.load(args.model)
    load_s = time.perf_counter() - t
    cnn.position_scores(docs[0])
    lin_s, cnn_s, gated_s = [], [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        for doc in docs:
            for toks in doc:
                linear.window_scores(linear.sentence_scores(toks))
        lin_s.append(time.perf_counter() - t)
        t = time.perf_counter()
        for doc in docs:
            if doc:
                cnn.position_scores(doc)
        cnn_s.append(time.perf_counter() - t)
        t = time.perf_counter()
        for doc in docs:
            if doc:
                cnn.best(doc)
        gated_s.append(time.perf_counter() - t)
    lin_t, cnn_t, gated_t = min(lin_s), min(cnn_s), min(gated_s)
    through = sum(v is not None for doc in docs for v in cnn.best(doc))

    def share(model_t):
        # The check and the pipeline with the linear model's scoring swapped for model_t.
        return (timed.seconds - lin_t + model_t) / (total - lin_t + model_t)

    print(
        f"{len(texts)} articles, {n} sentences scored by grammar.fluency "
        f"({'Harper on' if args.harper else 'Harper off'})"
    )
    print(f"pipeline {total:.2f}s, grammar.fluency check {timed.seconds:.2f}s = {timed.seconds / total:.1%}")
    print(f"shipped linear model's scoring: {lin_t * 1e3 / n:.3f} ms/sentence ({lin_t:.2f}s)")
    print(
        f"conv tagger, NumPy, one call per article: {cnn_t * 1e3 / n:.3f} ms/sentence ({cnn_t:.2f}s), "
        f"x{cnn_t / lin_t:.1f} the linear model; in its place, the check {share(cnn_t):.1%} of the pipeline"
    )
    print(
        f"gated (best(); {through / n:.0%} of sentences through the convolutions): "
        f"{gated_t * 1e3 / n:.3f} ms/sentence, x{gated_t / lin_t:.1f} the linear model; in its place, "
        f"the check {share(gated_t):.1%} of the pipeline"
    )
    print(
        f"tagging again (cached): {tagging * 1e3 / n:.3f} ms/sentence; "
        f"conv tagger load {load_s * 1e3:.0f} ms; "
        f"numpy import (fresh interpreter, best of 5) {imp:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
