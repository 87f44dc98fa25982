"""A learned fluency model: which words of a sentence break it.

The model is a logistic regression over hashed features of the words and part-of-speech
tags around each token (lint/text/tagger.py's tags), trained by ``python -m train.fluency`` on
clean news and damaged copies of it (train/damage.py). Each token position ("anchor")
gets a score from the n-grams that end there; a sentence's score is its best anchor, and
the anchor's words are the span a finding names.

At lint time it needs only the standard library: the weights are an int8 array in an
``.npz`` file (read with zipfile and the ``.npy`` header, without NumPy) and the
vocabulary and scale are in a JSON file next to it. Training and run time share this
module's ``features``, so they cannot drift apart.
"""

from __future__ import annotations

import ast
import json
import re
import zipfile
import zlib
from array import array
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from lint.text.tagger import tag, with_offsets

# The feature set the compiled sums spell (lint/models/_fluency_sums.c's FEATURES): bumped
# with any change to the features, so a module built from older C code is not used.
FEATURES = 1
try:  # the feature sums in C, compiled at install when a compiler is at hand (hatch_build.py)
    from lint.models import _fluency_sums
except ImportError:
    _fluency_sums = None
_compiled_scores = _fluency_sums.scores if getattr(_fluency_sums, "FEATURES", None) == FEATURES else None

MODEL_DIR = Path(__file__).resolve().parent
MODEL_NAME = "fluency"

FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Between two finite verbs these mark a new clause, so two verbs there are normal.
CLAUSE_BREAKS = frozenset(
    """, ; : ( ) " “ ” ' ‘ ’ - – — and or but nor that which who whom whose when where while
    because if as since although though than whether so yet after before until unless""".split()
)
AUXILIARIES = frozenset(
    """is are was were be been am has have had do does did will would shall should can could
    may might must""".split()
)
# A repeated pair of words counts only with a word outside these ("of the" recurs anywhere).
PAIR_FILLERS = frozenset(
    "the a an of to in for on at by with from and or that is was are were as it its".split()
)
PUNCT_TAGS = frozenset({",", ".", ":", "(", ")", '"', "''", "``", "#", "$", "SYM"})
OPENERS = frozenset({'"', "“", "‘", "'", "(", "[", "-", "–", "—", ":", ";"})


_GLUED = re.compile(r"[a-z]{3}[A-Z][a-z]")


@lru_cache(maxsize=65536)
def _shape(word: str) -> str:
    if any(c.isdigit() for c in word):
        return "D"
    if word.isupper() and len(word) > 1:
        return "U"
    # "BrusselsThey": a lower-case letter straight before a capital one inside a word; "G"
    # when three lower-case letters end one part and a capitalised word follows, as where
    # two sentences are glued (names such as "McDonald" or "iPod" are "M").
    for a, b in zip(word, word[1:], strict=False):
        if a.islower() and b.isupper():
            return "G" if _GLUED.search(word) else "M"
    if word[:1].isupper():
        return "C"
    return ""


# Typographic quotes and apostrophes read as the plain ones of the training text (one
# character for one, so offsets hold).
_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def tokens(sentence: str) -> list[tuple[str, str, int, int]]:
    """(word, tag, start, end) of each token of ``sentence``, offsets into it."""

    sentence = sentence.translate(_PLAIN)
    return with_offsets(sentence, tag(sentence))


def forms(toks, vocab) -> list[str]:
    """The word form the features see: a known word in lower case (marked ``^`` when
    capitalised inside the sentence), else its tag and shape ("<NNP:C>")."""
    out = []
    prev = None
    for i, (word, t, _a, _b) in enumerate(toks):
        low = word.lower()
        if low in vocab:
            cap = word[:1].isupper() and i > 0 and prev not in OPENERS and prev not in (".", "!", "?")
            out.append(low + "^" if cap else low)
        else:
            out.append(f"<{t}:{_shape(word)}>")
        prev = word
    return out


def _padded(toks, vocab) -> tuple[list[str], list[str], list[str]]:
    """The word forms, tags and words in lower case, with three places before the sentence
    and one after it (the n-grams' context)."""
    w = ["<s>", "<s>", "<s>"] + forms(toks, vocab) + ["</s>"]
    p = ["<s>", "<s>", "<s>"] + [t for _w, t, _a, _b in toks] + ["</s>"]
    raw = ["", "", ""] + [x[0].lower() for x in toks] + [""]
    return w, p, raw


def _context(toks, vocab):
    """The padded word forms and tags, and each anchor's extra features: a doubled or
    repeated word, a repeated pair of words (a doubled phrase or reporting clause), a
    start in lower case, two finite verbs (with or without a clause break between them)."""
    n = len(toks)
    w, p, raw = _padded(toks, vocab)
    extras: list[list[str]] = []
    last_finite = None  # (index, tag, clause break seen since)
    seen: dict[str, int] = {}  # each word's last position: its nearest repeat, in one lookup
    pairs: dict[tuple[str, str], int] = {}  # each pair of words' last position
    for k in range(3, n + 4):
        f = []
        r = raw[k]
        pk = p[k]
        if r and r[0].isalnum():
            d = k - seen.get(r, -10)
            if d > 6 and k < 5:
                # As the model was trained: the look back from the first two words wraps
                # round to the sentence's last words (raw[-2], raw[-3]).
                d = next((d for d in range(k + 1, 7) if raw[k - d] == r), d)
            if d == 1:
                f.append("dup|" + pk)
            elif d <= 6:
                f.append("rep|" + (w[k] if pk in ("IN", "TO", "DT", "CC") else pk) + f"|{min(d, 4)}")
            seen[r] = k
            r1 = raw[k - 1]
            if r1 and r1[0].isalnum() and not (r in PAIR_FILLERS and r1 in PAIR_FILLERS):
                j = pairs.get((r1, r))
                if j is not None:
                    d = k - j
                    f.append(f"rb|{pk}|" + ("2" if d <= 2 else "4" if d <= 4 else "8" if d <= 8 else "9"))
                pairs[(r1, r)] = k
        if k == 3 and toks[0][0][:1].islower():
            # A unit that starts in lower case: the rest of a sentence cut by a full stop.
            f.append("lc|" + pk)
        if pk in FINITE:
            if last_finite is not None:
                j, pt, broken = last_finite
                f.append(f"vv|{pt}|{pk}|{min(k - j, 4)}|{int(broken)}")
                if not broken:
                    f.append(f"vvw|{w[j]}|{w[k]}")
            last_finite = (k, pk, False)
        elif last_finite is not None and (r in CLAUSE_BREAKS or pk in ("WDT", "WP", "CC", ",")):
            last_finite = (last_finite[0], last_finite[1], True)
        extras.append(f)
    return w, p, extras


def _tag_features(p3: str, p2: str, p1: str, pk: str) -> list[str]:
    pp = f"{p1}|{pk}"
    return [f"p2|{pp}", f"p3|{p2}|{pp}", f"p4|{p3}|{p2}|{pp}"]


def features(toks, vocab) -> list[list[str]]:
    """Feature strings per anchor: anchor i (0..n) covers the n-grams ending at token i,
    where token n is the end of the sentence."""
    w, p, extras = _context(toks, vocab)
    out: list[list[str]] = []
    for k in range(3, len(w)):
        wk, w1, pk, p1, p2 = w[k], w[k - 1], p[k], p[k - 1], p[k - 2]
        ww = f"{w1}|{wk}"
        out.append(
            [f"w1|{wk}", f"w2|{ww}", f"w3|{w[k - 2]}|{ww}", *_tag_features(p[k - 3], p2, p1, pk)]
            + [f"wp|{w1}|{pk}", f"pw|{p1}|{wk}", f"pwp|{p2}|{w1}|{pk}"]
            + extras[k - 3]
        )
    return out


def hashed(feats: list[str], mask: int) -> list[int]:
    return [zlib.crc32(s.encode("utf-8")) & mask for s in feats]


@dataclass(frozen=True)
class Model:
    weights: array  # int8, one per hash bucket
    scale: float  # weight = int8 * scale
    bias: float
    mask: int
    vocab: frozenset
    threshold: float  # default decision threshold on the sentence score (a logit)
    meta: dict
    window: int = 0  # neighbours on each side whose features join an anchor's score
    memo: dict = field(default_factory=dict, compare=False, repr=False)
    # sentence_scores' sums: by tag 4-gram, word and tag before, word before and tags, word
    # pair, word triple
    groups: tuple = field(default_factory=lambda: ({}, {}, {}, {}, {}), compare=False, repr=False)

    def weight(self, feature: str) -> int:
        """A feature's weight (int8, before ``scale``): its hash bucket's."""
        return self.weights[zlib.crc32(feature.encode("utf-8")) & self.mask]

    def _memo(self) -> dict:
        # Most n-grams recur: a feature's weight is looked up by its string after the
        # first time (hashing costs more than the lookup; the hot loops inline the hash on
        # a miss). Bounded, so memory stays flat.
        if len(self.memo) > 400_000 or any(len(g) > 400_000 for g in self.groups):
            self.memo.clear()
            for g in self.groups:
                g.clear()
        return self.memo

    def own_scores(self, feats: list[list[str]]) -> list[float]:
        """The weight of each anchor's own features (no bias)."""
        wts, mask, scale = self.weights, self.mask, self.scale
        crc = zlib.crc32
        memo = self._memo()
        get = memo.get
        out = []
        for f in feats:
            total = 0
            for s in f:
                w = get(s)
                if w is None:
                    w = memo[s] = wts[crc(s.encode("utf-8")) & mask]
                total += w
            out.append(total * scale)
        return out

    def sentence_scores(self, toks) -> list[float]:
        """``own_scores(features(toks, vocab))``, faster: in C (lint/models/_fluency_sums.c,
        every feature of every anchor) where that module is built, else
        ``python_sentence_scores``. The same sums."""
        if _compiled_scores is None:
            return self.python_sentence_scores(toks)
        w, p, raw = _padded(toks, self.vocab)
        lower_start = bool(toks) and toks[0][0][:1].islower()
        totals = _compiled_scores(
            w, p, raw, self.weights, self.mask, lower_start, CLAUSE_BREAKS, PAIR_FILLERS
        )
        scale = self.scale
        return [total * scale for total in totals]

    def python_sentence_scores(self, toks) -> list[float]:
        """``sentence_scores`` in Python alone: the n-gram sums by ``ngram_sums``, the rare
        extras one by one. The reference the compiled sums are tested against."""
        w, p, extras = _context(toks, self.vocab)
        return self._with_extras(self.ngram_sums(w, p), extras)

    def ngram_sums(self, w: list[str], p: list[str]) -> list[int]:
        """Each anchor's nine n-gram features' weights (before ``scale``), weighed in groups,
        each summed once and then looked up by the words and tags it reads (tuples, whose
        hashes come from the words' own): the tag 4-gram's three features; the word and the
        tag before it (``w1``, ``pw``); the word before, its tag two back and the tag here
        (``wp``, ``pwp``); the word pair (``w2``); the word triple (``w3``). The common
        groups almost always hit, so a miss costs only the rare word n-grams' hashes."""
        self._memo()  # bounds the groups
        tags, words, befores, pairs, triples = self.groups
        wts, mask, crc = self.weights, self.mask, zlib.crc32
        out = []
        for k in range(3, len(w)):
            wk, w1, w2, pk, p1, p2 = w[k], w[k - 1], w[k - 2], p[k], p[k - 1], p[k - 2]
            key = (p[k - 3], p2, p1, pk)
            total = tags.get(key)
            if total is None:
                total = tags[key] = sum(wts[crc(f.encode()) & mask] for f in _tag_features(*key))
            key = (wk, p1)
            x = words.get(key)
            if x is None:
                x = wts[crc(f"w1|{wk}".encode()) & mask] + wts[crc(f"pw|{p1}|{wk}".encode()) & mask]
                words[key] = x
            total += x
            key = (w1, pk, p2)
            x = befores.get(key)
            if x is None:
                x = wts[crc(f"wp|{w1}|{pk}".encode()) & mask]
                x = befores[key] = x + wts[crc(f"pwp|{p2}|{w1}|{pk}".encode()) & mask]
            total += x
            key = (w1, wk)
            x = pairs.get(key)
            if x is None:
                x = pairs[key] = wts[crc(f"w2|{w1}|{wk}".encode()) & mask]
            total += x
            key = (w2, w1, wk)
            x = triples.get(key)
            if x is None:
                x = triples[key] = wts[crc(f"w3|{w2}|{w1}|{wk}".encode()) & mask]
            out.append(total + x)
        return out

    def _with_extras(self, sums: list[int], extras: list[list[str]]) -> list[float]:
        """Each anchor's n-gram sum plus its rare extra features (a doubled word, two finite
        verbs...), scaled: the anchor's own score."""
        memo = self._memo()
        get = memo.get
        wts, mask, crc, scale = self.weights, self.mask, zlib.crc32, self.scale
        out = []
        for total, more in zip(sums, extras, strict=True):
            for f in more:
                x = get(f)
                if x is None:
                    x = memo[f] = wts[crc(f.encode()) & mask]
                total += x
            out.append(total * scale)
        return out

    def window_scores(self, own: list[float]) -> list[float]:
        r, n = self.window, len(own)
        if r:
            own = [sum(own[max(0, k - r) : k + r + 1]) for k in range(n)]
        return [self.bias + t for t in own]

    def anchor_scores(self, feats: list[list[str]]) -> list[float]:
        """The logit at each anchor: the weights of its own features and, for a model
        trained on windows, those of its ``window`` neighbours on each side."""
        return self.window_scores(self.own_scores(feats))

    def contributions(self, feat: list[str]) -> list[tuple[float, str]]:
        """Each feature's weight at one anchor, largest first: the reason for a score."""
        out = [(self.weight(s) * self.scale, s) for s in feat]
        return sorted(out, reverse=True)


def _read_npy(data: bytes) -> array:
    if data[:6] != b"\x93NUMPY":
        raise ValueError("not an .npy array")
    major = data[6]
    if major == 1:
        hlen = int.from_bytes(data[8:10], "little")
        start = 10
    else:
        hlen = int.from_bytes(data[8:12], "little")
        start = 12
    header = ast.literal_eval(data[start : start + hlen].decode("latin-1"))
    if header["descr"] not in ("|i1", "i1") or header["fortran_order"]:
        raise ValueError(f"expected a flat int8 array, got {header}")
    out = array("b")
    out.frombytes(data[start + hlen :])
    if len(out) != header["shape"][0]:
        raise ValueError("truncated weights")
    return out


def load(directory: Path = MODEL_DIR, name: str = MODEL_NAME) -> Model:
    meta = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(directory / f"{name}.npz") as z:
        weights = _read_npy(z.read("weights.npy"))
    if len(weights) != 1 << meta["hash_bits"]:
        raise ValueError("weights do not match the model's hash size")
    return Model(
        weights=weights,
        scale=float(meta["scale"]),
        bias=float(meta["bias"]),
        mask=(1 << meta["hash_bits"]) - 1,
        vocab=frozenset(meta["vocab"]),
        threshold=float(meta["threshold"]),
        meta=meta,
        window=int(meta.get("window", 0)),
    )


@cache
def shipped() -> Model:
    return load()


@dataclass(frozen=True)
class Verdict:
    score: float  # the best anchor's logit
    start: int  # span of the words at that anchor, offsets into the sentence
    end: int
    reason: str  # "doubled word", "two finite verbs", "run together", "word order"
    words: str  # the words the reason names


def score_sentence(model: Model, sentence: str, above: float | None = None) -> Verdict | None:
    """The sentence's best anchor and why; None for a sentence under three tokens or,
    when ``above`` is given, one whose score is not over it (then nothing is explained)."""
    toks = tokens(sentence)
    if len(toks) < 3:
        return None
    own = model.sentence_scores(toks)
    scores = model.window_scores(own)
    best = max(range(len(scores)), key=scores.__getitem__)
    if above is not None and scores[best] <= above:
        return None
    # The words: the anchor of the best window whose own features weigh most.
    r = model.window
    k = max(range(max(0, best - r), min(len(own), best + r + 1)), key=own.__getitem__)
    return explain_at(model, sentence, toks, k, scores[best])


def explain_at(model: Model, sentence: str, toks, k: int, score: float) -> Verdict:
    """The verdict for a sentence whose score ``score`` is at anchor ``k`` (from this
    model or another scoring the same anchors): the words there and why, from this model's
    features at ``k``."""
    return _explain(model, sentence, toks, features(toks, model.vocab)[k], k, score)


def _explain(model: Model, sentence: str, toks, feat, k: int, score: float) -> Verdict:
    """The words at the best anchor and, where the shape there says it, why."""
    n = len(toks)
    # Anchor k closes the n-grams ending at token k (k == n: the end of the sentence).
    b = min(k, n - 1)
    a = max(0, k - 1)
    low = [t[0].lower() for t in toks]
    reason = "word order"
    kinds = {s.split("|", 1)[0] for c, s in model.contributions(feat)[:5] if c > 0}
    if k < n and k > 0 and low[k] == low[k - 1] and low[k][:1].isalnum():
        reason = "doubled word"
    elif k < n and toks[k][1] in FINITE and kinds & {"vv", "vvw"}:
        j = max((i for i in range(k) if toks[i][1] in FINITE), default=k - 1)
        # An auxiliary and its participle ("had failed") are one verb, however tagged.
        if (
            k - j <= 3
            and low[j] not in AUXILIARIES
            and not any(low[i] in CLAUSE_BREAKS for i in range(j + 1, k))
        ):
            reason, a = "two finite verbs", j
    elif k < n and "rep" in kinds:
        j = max((i for i in range(max(0, k - 6), k) if low[i] == low[k]), default=k - 1)
        reason, a = "repeated word", j
    if reason == "word order":
        if any(_shape(toks[i][0]) in ("M", "G") for i in (a, b)):
            reason = "run together"
            a = b = a if _shape(toks[a][0]) in ("M", "G") else b
        elif k == n:
            reason, b = "sentence ends early", n - 1
            while b > 0 and toks[b][1] in PUNCT_TAGS:
                b -= 1
            a = max(0, b - 1)
    # Quotes and commas at the edge of a span name nothing.
    while a < b and toks[a][1] in PUNCT_TAGS:
        a += 1
    while b > a and toks[b][1] in PUNCT_TAGS:
        b -= 1
    start, end = toks[a][2], toks[b][3]
    return Verdict(score, start, end, reason, sentence[start:end])
