"""Train the fluency model (lint/models/fluency.*) on clean news and damaged copies of it.

    python -m train.fluency [--corpus ../shared/corpora/clean-news] [--out lint/models]

Data: the BBC News articles of ``clean-news`` (see its README), exact duplicates removed,
split by article into train (80%) and held-out (20%) with a fixed seed. Every sentence of a
train article is a clean example; two damaged copies of it (train/damage.py, two shapes drawn at
random) are damaged ones. The held-out articles are damaged the same way, shape by shape,
and scored against their undamaged sentences.

Candidates, on the same split (the table goes to the README; the run prints it):
- ``anchor``: logistic regression per token position over hashed word, POS-tag and mixed
  n-grams plus doubled-word and two-finite-verb features (lint/models/fluency.py's ``features``);
  the sentence score is the best position, which is also the span.
- ``window``: the same, each position scored with the features of its neighbours (one on
  each side) as well, so evidence on both sides of a break adds up. Its AUC is higher, but
  at the strict thresholds clean copy needs it flags more fluent MT and TED sentences and
  finds fewer doubled words and second verbs than ``anchor``, so ``anchor`` ships.
- ``anchor-words``: the same without any POS-tag feature.
- ``sentence``: one logistic regression per sentence over the bag of the same features
  (no span).
- ``ngram-count``: no learning: the rarest word bigram / POS trigram of the sentence,
  by its count in the clean train text.
- Two more on the same ``Data`` and ``evaluate``, each a script of its own:
  ``python -m train.fluency_neural`` (a BiGRU tagger, PyTorch) and
  ``python -m train.fluency_parse`` (spaCy's dependency parse as features).

Needs NumPy, SciPy and scikit-learn (training only; the linter reads the output without them).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import pickle
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import roc_auc_score

from lint.models import fluency
from lint.text.sentences import paragraphs, sentences
from train import SHARED_CORPORA
from train import damage as D

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = SHARED_CORPORA / "clean-news"
HASH_BITS = 20
VOCAB_SIZE = 3000
SEED = 13
WINDOW = 1  # the window candidate scores an anchor with its neighbours, one on each side
POS_PREFIXES = ("p2|", "p3|", "p4|", "wp|", "pw|", "pwp|", "vv|", "dup|", "rep|")


def articles(corpus: Path):
    """(name, [[sentence, ...] per paragraph]) of each distinct article, headline dropped."""
    seen = set()
    for path in sorted(corpus.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        digest = hashlib.sha1(raw.encode()).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        body = raw.split("\n", 2)[-1]
        pars = []
        for p in paragraphs(body):
            ss = [body[s.start : s.end] for s in sentences(body, p)]
            if ss:
                pars.append(ss)
        yield path.stem, pars


def split(names: list[str]):
    rng = random.Random(SEED)
    names = sorted(names)
    rng.shuffle(names)
    cut = int(len(names) * 0.8)
    return set(names[:cut]), set(names[cut:])


def units_of(text: str):
    """The lint-time units of a damaged piece: its sentences, as the splitter cuts them."""
    out = []
    for p in paragraphs(text):
        for s in sentences(text, p):
            out.append((s.start, s.end))
    return out


def examples(sentence_pairs, rng, shapes=None, copies=1):
    """Damaged units with the anchors that touch the damage.

    Yields (shape, unit text, positive anchor indices or None for a unit the damage missed,
    damage span in unit offsets)."""
    names = list(shapes or D.SHAPES)
    for s, nxt in sentence_pairs:
        order = rng.sample(names, len(names)) if shapes is None else names
        made = 0
        for shape in order:
            out = D.damage(s, nxt, shape, rng)
            if out is None:
                continue
            text, (a, b) = out
            for us, ue in units_of(text):
                if ue <= a or b <= us:
                    continue
                unit = text[us:ue]
                toks = fluency.tokens(unit)
                if len(toks) < 3:
                    continue
                da, db = a - us, b - us
                hit = {i for i, t in enumerate(toks) if t[2] < db and da < t[3]}
                pos = {k for k in range(len(toks) + 1) if k in hit or (k - 1) in hit}
                if db >= len(unit.rstrip('.!?"”’ ')) - 1:
                    pos.add(len(toks))
                yield shape, unit, toks, pos, (da, db)
            made += 1
            if made >= copies:
                break


def feats_of(toks, vocab, keep=None):
    fs = fluency.features(toks, vocab)
    if keep is not None:
        fs = [[f for f in x if keep(f)] for x in fs]
    return fs


def to_csr(rows: list[list[str]], mask: int, counts: bool = False):
    """Hashed rows; with ``counts`` a feature seen twice (in two anchors of a window)
    counts twice, as the window's score at lint time adds it twice."""
    indptr, indices, data = [0], [], []
    for r in rows:
        if counts:
            c = Counter(fluency.hashed(r, mask))
            idx = sorted(c)
            data.extend(c[i] for i in idx)
        else:
            idx = sorted(set(fluency.hashed(r, mask)))
            data.extend([1] * len(idx))
        indices.extend(idx)
        indptr.append(len(indices))
    return sp.csr_matrix(
        (np.array(data, dtype=np.float32), np.array(indices, dtype=np.int32), np.array(indptr)),
        shape=(len(rows), mask + 1),
    )


def fit(X, y, alpha=2e-6):
    clf = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=15, tol=None, random_state=SEED)
    clf.fit(X, y)
    return clf


def threshold_at(clean_scores, rate):
    s = sorted(clean_scores, reverse=True)
    k = int(math.floor(rate * len(s)))
    return s[k] if k < len(s) else s[-1] - 1e-6


class AnchorModel:
    def __init__(self, clf, vocab, keep=None, window=0):
        self.w = clf.coef_[0].astype(np.float64).tolist()
        self.b = float(clf.intercept_[0])
        self.vocab, self.keep, self.mask, self.window = vocab, keep, (1 << HASH_BITS) - 1, window

    def positions(self, toks) -> list[float]:
        """The logit at every anchor."""
        fs = feats_of(toks, self.vocab, self.keep)
        sums = [sum(self.w[i] for i in fluency.hashed(f, self.mask)) for f in fs]
        r = self.window
        if r:
            sums = [sum(sums[max(0, k - r) : k + r + 1]) for k in range(len(sums))]
        return [self.b + x for x in sums]

    def score(self, toks):
        sc = self.positions(toks)
        k = int(np.argmax(sc))
        return sc[k], k


def anchor_data(train_toks, dmg, vocab, keep=None, r=0):
    """One row per anchor: every anchor of a clean sentence is negative; anchors touching
    the damage of a damaged copy are positive (the rest of a damaged sentence is left out)."""
    rows, y = [], []
    for toks in train_toks:
        for f in windows(feats_of(toks, vocab, keep), r):
            rows.append(f)
            y.append(0)
    for _shape, _unit, toks, pos, _sp in dmg:
        fs = windows(feats_of(toks, vocab, keep), r)
        for k in sorted(pos):
            if k < len(fs):
                rows.append(fs[k])
                y.append(1)
    return to_csr(rows, (1 << HASH_BITS) - 1, counts=bool(r)), np.array(y)


def windows(fs, r):
    """Each anchor's features joined with those of its r neighbours on each side."""
    if not r:
        return fs
    return [[f for j in range(max(0, k - r), min(len(fs), k + r + 1)) for f in fs[j]] for k in range(len(fs))]


class Data:
    """The split every candidate is trained and scored on (the same for every script in
    train/ that compares with this one): train sentences and their damaged units, held-out
    clean sentences and, per shape, damaged copies of them."""

    def __init__(self, corpus: Path, max_train: int = 30000, max_eval: int = 3000):
        t0 = time.time()
        rng = random.Random(SEED)
        arts = dict(articles(corpus))
        self.n_articles = len(arts)
        self.train_names, self.held_names = split(list(arts))

        def pairs(names):
            out = []
            for n in sorted(names):
                for par in arts[n]:
                    for i, s in enumerate(par):
                        if len(s.split()) >= 4:
                            out.append((s, par[i + 1] if i + 1 < len(par) else None))
            return out

        train_pairs, held_pairs = pairs(self.train_names), pairs(self.held_names)
        rng.shuffle(train_pairs)
        rng.shuffle(held_pairs)
        self.train_pairs = train_pairs[:max_train]
        self.held_pairs = held_pairs[:max_eval]
        print(
            f"articles: train {len(self.train_names)}, held-out {len(self.held_names)}; sentences: "
            f"train {len(self.train_pairs)}, held-out {len(self.held_pairs)}",
            flush=True,
        )
        D.learn_verbs([s for s, _ in self.train_pairs])
        counts = Counter()
        self.train_toks = []
        for s, _ in self.train_pairs:
            toks = fluency.tokens(s)
            self.train_toks.append(toks)
            counts.update(w.lower() for w, _t, _a, _b in toks)
        self.vocab = frozenset(w for w, _ in counts.most_common(VOCAB_SIZE))
        # Anchor examples: every anchor of a clean sentence is negative; anchors touching the
        # damage of a damaged copy are positive (the rest of a damaged sentence is left out).
        self.dmg = list(examples(self.train_pairs, rng, copies=2))
        print(f"damaged train units: {len(self.dmg)} ({time.time() - t0:.0f}s)", flush=True)
        # Held-out: clean sentences, and per shape one damaged copy of each.
        self.held_clean = [fluency.tokens(s) for s, _ in self.held_pairs]
        self.held_dmg = {}
        erng = random.Random(SEED + 1)
        for shape in D.SHAPES:
            by_source = []
            for s, nxt in self.held_pairs:
                units = list(examples([(s, nxt)], erng, shapes=[shape]))
                if units:
                    by_source.append(units)
            self.held_dmg[shape] = by_source
        print("held-out damaged: " + ", ".join(f"{k} {len(v)}" for k, v in self.held_dmg.items()), flush=True)


def cached_data(corpus: Path, max_train=30000, max_eval=3000, cache: Path | None = None) -> Data:
    """``Data(...)``, kept in ``cache`` (a pickle under build/) for the other candidate
    scripts, which would otherwise tag and damage the same text again."""
    if cache is not None and cache.exists():
        with cache.open("rb") as f:
            data = pickle.load(f)
        if (data.corpus, data.max_train, data.max_eval) == (str(corpus), max_train, max_eval):
            return data
    data = Data(corpus, max_train, max_eval)
    data.corpus, data.max_train, data.max_eval = str(corpus), max_train, max_eval
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("wb") as f:
            pickle.dump(data, f)
    return data


def candidate_args(doc: str, argv=None):
    """The arguments every candidate script takes: the corpus and the split's sizes."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--max-train", type=int, default=30000, help="train sentences")
    ap.add_argument("--max-eval", type=int, default=3000, help="held-out sentences (per shape)")
    ap.add_argument("--cache", type=Path, default=ROOT / "build" / "fluency" / "data.pkl")
    return ap


def evaluate(data: Data, results: dict, name, score_fn, spans=True, t0=None):
    """Score a candidate on the held-out split: AUC, recall with the threshold at 1% of clean
    sentences flagged, and whether the named anchor overlaps the damage, overall and by
    shape. ``score_fn(toks)`` gives (sentence score, best anchor)."""
    t0 = time.time() if t0 is None else t0
    clean = [score_fn(t)[0] for t in data.held_clean]
    row = {"auc": {}, "recall@1%": {}, "span@1%": {}}
    thr = threshold_at(clean, 0.01)
    allpos, allhit, allspan = [], 0, 0
    for shape, items in data.held_dmg.items():
        best, hits, span_hits = [], 0, 0
        for units in items:
            scored = [(score_fn(toks), toks, sp_) for _s, _u, toks, _p, sp_ in units]
            (sc, k), toks, (da, db) = max(scored, key=lambda x: x[0][0])
            best.append(sc)
            if sc > thr:
                hits += 1
                if spans:
                    a = toks[max(0, k - 1)][2] if toks else 0
                    b = toks[min(k, len(toks) - 1)][3] if toks else 0
                    span_hits += a < db and da < b
        allpos += best
        allhit += hits
        allspan += span_hits
        n = max(1, len(items))
        row["auc"][shape] = roc_auc_score([0] * len(clean) + [1] * len(best), clean + best) if best else None
        row["recall@1%"][shape] = hits / n
        row["span@1%"][shape] = span_hits / n if spans else None
    row["auc"]["all"] = roc_auc_score([0] * len(clean) + [1] * len(allpos), clean + allpos)
    row["recall@1%"]["all"] = allhit / max(1, len(allpos))
    row["span@1%"]["all"] = allspan / max(1, len(allpos)) if spans else None
    row["clean_scores"] = clean
    row["thresholds"] = {str(r): threshold_at(clean, r) for r in (0.01, 0.005, 0.002, 0.001)}
    results[name] = row
    print(
        f"{name}: AUC {row['auc']['all']:.3f}, recall at 1% clean false alarms "
        f"{row['recall@1%']['all']:.1%}"
        + (f", span right {row['span@1%']['all']:.1%}" if spans else "")
        + f" ({time.time() - t0:.0f}s)",
        flush=True,
    )
    return row


def without_scores(results: dict) -> dict:
    return {name: {k: v for k, v in r.items() if k != "clean_scores"} for name, r in results.items()}


def print_tables(results: dict) -> None:
    print("\n| candidate | AUC | recall at 1% clean | span right at 1% |")
    print("|---|---|---|---|")
    for name, r in results.items():
        sp_ = r["span@1%"]["all"]
        print(
            f"| {name} | {r['auc']['all']:.3f} | {r['recall@1%']['all']:.1%} | "
            + (f"{sp_:.1%}" if sp_ is not None else "n/a")
            + " |"
        )
    print("\n| shape | " + " | ".join(results) + " |")
    print("|---|" + "---|" * len(results))
    for shape in list(D.SHAPES):
        print(f"| {shape} | " + " | ".join(f"{r['recall@1%'][shape]:.1%}" for r in results.values()) + " |")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=ROOT / "lint" / "models")
    ap.add_argument("--max-train", type=int, default=30000, help="train sentences")
    ap.add_argument("--max-eval", type=int, default=3000, help="held-out sentences (per shape)")
    ap.add_argument("--only-shipped", action="store_true", help="train and score the shipped kind only")
    ap.add_argument("--extra-shapes", action="store_true", help="damage with EXTRA_SHAPES too")
    args = ap.parse_args(argv)
    if args.extra_shapes:
        D.SHAPES.update(D.EXTRA_SHAPES)
    t0 = time.time()
    data = Data(args.corpus, args.max_train, args.max_eval)
    train_names, held_names, train_pairs, held_pairs = (
        data.train_names,
        data.held_names,
        data.train_pairs,
        data.held_pairs,
    )
    train_toks, vocab, dmg, held_clean = data.train_toks, data.vocab, data.dmg, data.held_clean

    results = {}

    def evaluate_(name, score_fn, spans=True):
        evaluate(data, results, name, score_fn, spans, t0)

    if not args.only_shipped:
        # 1. The n-gram count baseline.
        w2, p3 = Counter(), Counter()
        for toks in train_toks:
            for f in fluency.features(toks, vocab):
                w2[f[1]] += 1
                p3[f[4]] += 1

        def ngram_score(toks):
            fs = fluency.features(toks, vocab)
            sc = [-(math.log(1 + w2[f[1]]) + math.log(1 + p3[f[4]])) for f in fs]
            k = int(np.argmax(sc))
            # The mean breaks the ties of sentences whose rarest n-gram was never seen.
            return sc[k] + 0.01 * sum(sc) / len(sc), k

        evaluate_("ngram-count", ngram_score)

        # 2. Sentence-level logistic regression over the bag of features.
        rows, y = [], []
        for toks in train_toks:
            rows.append([f for x in fluency.features(toks, vocab) for f in x])
            y.append(0)
        for _shape, _unit, toks, _pos, _sp in dmg:
            rows.append([f for x in fluency.features(toks, vocab) for f in x])
            y.append(1)
        clf_s = fit(to_csr(rows, (1 << HASH_BITS) - 1), np.array(y), alpha=1e-5)
        ws, bs = clf_s.coef_[0].tolist(), float(clf_s.intercept_[0])
        del rows

        def sentence_score(toks):
            idx = set(
                fluency.hashed([f for x in fluency.features(toks, vocab) for f in x], (1 << HASH_BITS) - 1)
            )
            return bs + float(sum(ws[i] for i in idx)), 0

        evaluate_("sentence", sentence_score, spans=False)

    # 3. Anchor-level without POS features; 4. anchor-level, all features.
    if not args.only_shipped:

        def words_only(f):
            return not f.startswith(POS_PREFIXES)

        X, yy = anchor_data(train_toks, dmg, vocab, words_only)
        am_w = AnchorModel(fit(X, yy), vocab, words_only)
        evaluate_("anchor-words", am_w.score)
    X, yy = anchor_data(train_toks, dmg, vocab)
    print(f"anchor examples: {X.shape[0]} ({int(yy.sum())} damaged), {X.nnz} features", flush=True)
    clf = fit(X, yy)
    del X
    am = AnchorModel(clf, vocab)
    evaluate_("anchor", am.score)
    if not args.only_shipped:
        # 5. Windows: an anchor's features with those of its neighbours, one on each side.
        X, yy = anchor_data(train_toks, dmg, vocab, None, WINDOW)
        clf_w = fit(X, yy)
        del X
        evaluate_("window", AnchorModel(clf_w, vocab, window=WINDOW).score)

    # Quantise the chosen model to int8 and check the quantised scores agree.
    w = clf.coef_[0]
    scale = float(np.abs(w).max() / 127.0)
    q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out / "fluency.npz", weights=q)
    row = results["anchor"]
    meta = {
        "model": "logistic regression over hashed n-gram features per token position (lint/models/fluency.py)",  # noqa: E501
        "trained_by": "python -m train.fluency",
        "training_data": "clean-news (BBC News 2004-2005, bbc-fulltext of Greene & Cunningham, ICML 2006), "
        f"{len(train_names)} of {data.n_articles} distinct articles (80% split by article, seed {SEED}), "
        f"{len(train_pairs)} sentences and two damaged copies of each, of two shapes (train/damage.py)",
        "held_out": f"{len(held_names)} articles, {len(held_pairs)} sentences, every shape",
        "hash_bits": HASH_BITS,
        "window": 0,
        "scale": scale,
        "bias": float(clf.intercept_[0]),
        "nonzero_weights": int((q != 0).sum()),
        "threshold": row["thresholds"]["0.002"],
        "thresholds_by_clean_rate": row["thresholds"],
        "held_out_results": {
            name: {k: v for k, v in r.items() if k not in ("clean_scores",)} for name, r in results.items()
        },
        "vocab": sorted(vocab),
    }
    (args.out / "fluency.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    model = fluency.load(args.out)
    assert model.window == 0
    diffs = []
    for toks in held_clean[:300]:
        exact = am.score(toks)[0]
        diffs.append(abs(exact - max(model.anchor_scores(fluency.features(toks, model.vocab)))))
    print(
        f"quantised: max score difference {max(diffs):.3f} on 300 held-out sentences; "
        f"{meta['nonzero_weights']} non-zero weights; "
        f"{(args.out / 'fluency.npz').stat().st_size / 1e6:.2f} MB + "
        f"{(args.out / 'fluency.json').stat().st_size / 1e6:.2f} MB",
        flush=True,
    )
    print_tables(results)
    print(f"done in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
