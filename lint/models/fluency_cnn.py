"""A convolutional fluency tagger: a score at every token position, NumPy at run time.

The same inputs and positions as the shipped fluency model (lint/models/fluency.py): each
token's word form (``fluency.forms``), its part-of-speech tag and how far back the same word
last occurred, and one position more for the end of the sentence. Embeddings of the three
go through stacked dilated 1-D convolutions (ReLU, residual; ``dilations`` in its metadata
say how far a position sees), optionally beside the sentence's maximum of each channel
(``pool``) and a hidden layer, to one logit per position. ``linear`` in its metadata says how the
shipped linear model's own logit at each position joins in: ``"added"`` to the output, or
``"input"``, a channel of the input (and added with a learned weight); ``""``, not at all. Trained by
``python -m train.fluency_cnn``, which writes ``fluency_cnn.npz`` (float16 arrays) and
``fluency_cnn.json`` (vocabularies, layer shapes, thresholds, provenance) next to this file.

All sentences of a document are scored in one call: they are laid end to end, and a
convolution's tap that reaches past a sentence's first or last position reads zeros, so
each sentence is scored exactly as alone (as the model was trained, with zero padding at
both ends) and no position is spent on padding. NumPy is imported when a model is first
loaded, not with this module.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import cache
from itertools import chain
from pathlib import Path

from lint.models import fluency

MODEL_DIR = Path(__file__).resolve().parent
MODEL_NAME = "fluency_cnn"
REPEAT = 7  # distance to the word's last occurrence: 1..6, or 0 for none


def repeats(toks) -> list[int]:
    """Per position (the end included, as 0): how many tokens back the same word last
    occurred, when that is 6 or fewer; 0 otherwise."""
    seen: dict[str, int] = {}
    out = []
    for i, (w, _t, _a, _b) in enumerate(toks):
        r = w.lower()
        d = i - seen.get(r, -100)
        out.append(d if d <= 6 and r[:1].isalnum() else 0)
        seen[r] = i
    return out + [0]


def encode(toks, vocab, form_ids: dict, tag_ids: dict) -> tuple[list[int], list[int], list[int]]:
    """Form, tag and repeat ids per position: 0 is padding, 1 an unknown form or tag, form
    2 the end of the sentence."""
    fs = [form_ids.get(f, 1) for f in fluency.forms(toks, vocab)] + [2]
    ts = [tag_ids.get(t, 1) for _w, t, _a, _b in toks] + [1]
    return fs, ts, repeats(toks)


class ConvModel:
    """The tagger's weights (float32 in memory) and the ids its inputs take."""

    def __init__(self, arrays: dict, meta: dict):
        np = _numpy()
        self.np = np
        self.meta = meta
        self.vocab = frozenset(meta["vocab"])
        self.form_ids = {f: i for i, f in enumerate(meta["forms"]) if i >= 3}
        self.tag_ids = {t: i for i, t in enumerate(meta["tags"]) if i >= 2}
        self.threshold = float(meta["threshold"])
        self.gate = meta.get("gate")  # a linear logit; see ``best``
        self.linear = meta.get("linear") or ""
        a = {k: np.asarray(v, dtype=np.float32) for k, v in arrays.items()}
        self.form, self.tag, self.rep = a["form"], a["tag"], a["rep"]
        self.layers = []  # (im2col weights (k * c_in, c_out), bias, dilation, kernel, residual)
        for i, (d, res) in enumerate(zip(meta["dilations"], meta["residual"], strict=True)):
            w = a[f"conv{i}.weight"]  # (c_out, c_in, k), as torch's Conv1d
            c_out, c_in, k = w.shape
            self.layers.append(
                (w.transpose(2, 1, 0).reshape(k * c_in, c_out).copy(), a[f"conv{i}.bias"], d, k, res)
            )
        self.pool = bool(meta.get("pool"))
        self.head = (a["head.weight"].T.copy(), a["head.bias"]) if meta.get("hidden") else None
        self.out_w = a["out.weight"].reshape(-1)
        self.out_b = float(a["out.bias"].reshape(-1)[0])
        if self.linear == "input":
            self.lin_in = float(meta["linear_input_scale"])
        self.skip = float(a["skip"].reshape(-1)[0]) if self.linear == "input" else 1.0

    def encode(self, toks):
        return encode(toks, self.vocab, self.form_ids, self.tag_ids)

    def position_scores(self, sentences: list, linear: list | None = None) -> list:
        """The logit at each position (0..n, n the end) of each token list in
        ``sentences``, all scored in one pass. ``linear``: the shipped model's logits per
        position (``window_scores(sentence_scores(toks))``) for a model that takes them;
        computed here when not given."""
        np = self.np
        if not sentences:
            return []
        if self.linear and linear is None:
            lin_model = fluency.shipped()
            linear = [lin_model.window_scores(lin_model.sentence_scores(t)) for t in sentences]
        enc = [self.encode(t) for t in sentences]
        lengths = [len(e[0]) for e in enc]
        starts = np.cumsum([0] + lengths[:-1])
        total = sum(lengths)
        fs, ts, rs = (
            np.fromiter(chain.from_iterable(e[j] for e in enc), dtype=np.intp, count=total) for j in range(3)
        )
        # Each position's place in its sentence and that sentence's length: a tap that
        # reaches past either end reads zeros, as the padding the model was trained with.
        at = np.arange(total) - np.repeat(starts, lengths)
        size = np.repeat(lengths, lengths)
        edges: dict = {}

        def outside(o):
            if o not in edges:
                edges[o] = np.flatnonzero(((at + o) < 0) | ((at + o) >= size))
            return edges[o]

        parts = [self.form[fs], self.tag[ts], self.rep[rs]]
        if self.linear:
            lin = np.fromiter(chain.from_iterable(linear), dtype=np.float32, count=total)
        if self.linear == "input":
            parts.append((lin * self.lin_in)[:, None])
        h = np.concatenate(parts, axis=1)
        for w, b, d, k, res in self.layers:
            reach = d * (k - 1) // 2
            c = h.shape[1]
            cols = np.zeros((total, k * c), dtype=np.float32)
            for j in range(k):
                o = j * d - reach  # tap j reads position p + o
                lo, hi = max(0, -o), min(total, total - o)
                if lo < hi:
                    cols[lo:hi, j * c : (j + 1) * c] = h[lo + o : hi + o]
                if o:
                    cols[outside(o), j * c : (j + 1) * c] = 0.0
            y = np.maximum(cols @ w + b, 0.0)
            h = y + h if res else y
        if self.pool:
            # Each sentence's maximum per channel, beside every position.
            top = np.maximum.reduceat(h, starts, axis=0)
            h = np.concatenate([h, np.repeat(top, lengths, axis=0)], axis=1)
        if self.head is not None:
            h = np.maximum(h @ self.head[0] + self.head[1], 0.0)
        logit = h @ self.out_w + self.out_b
        if self.linear:
            logit = logit + self.skip * lin
        return [logit[s : s + n] for s, n in zip(starts.tolist(), lengths, strict=True)]

    def best(self, sentences: list, linear: list | None = None, gated: bool = True) -> list:
        """Each sentence's score (its best position's logit) and that position. With
        ``gated`` and a ``gate`` in the metadata (a model whose output adds the linear
        model's logit), a sentence whose linear best is under the gate is not run through
        the convolutions and gets None: on held-out news such sentences are almost never
        over the threshold (the metadata's ``gated_results`` says how often)."""
        if self.linear and linear is None:
            lin_model = fluency.shipped()
            linear = [lin_model.window_scores(lin_model.sentence_scores(t)) for t in sentences]
        keep = list(range(len(sentences)))
        if gated and self.gate is not None:
            keep = [i for i in keep if max(linear[i]) >= self.gate]
        out: list = [None] * len(sentences)
        scored = self.position_scores(
            [sentences[i] for i in keep], [linear[i] for i in keep] if linear else None
        )
        for i, v in zip(keep, scored, strict=True):
            k = int(v.argmax())
            out[i] = (float(v[k]), k)
        return out


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def metadata(directory: Path = MODEL_DIR, name: str = MODEL_NAME) -> dict:
    """The model's vocabularies, shapes, threshold, gate and provenance (no NumPy)."""
    return json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))


def _numpy():
    """NumPy, with its BLAS on one thread when newslint is the one importing it: the
    matrices of one article are small, and a pool of BLAS threads spinning up for each
    product took three times the CPU (newslint runs files in parallel by process,
    ``--jobs``). A program that imported NumPy before keeps its own setting."""
    if "numpy" not in sys.modules:
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")
    import numpy

    return numpy


def load(directory: Path = MODEL_DIR, name: str = MODEL_NAME) -> ConvModel:
    np = _numpy()

    meta = metadata(directory, name)
    with np.load(directory / f"{name}.npz") as z:
        arrays = {k: z[k] for k in z.files}
    if meta.get("linear"):
        # Its input is the shipped linear model's score: other weights there, other inputs.
        want = meta["linear_model_sha256"]
        have = digest(fluency.MODEL_DIR / f"{fluency.MODEL_NAME}.npz")
        if have != want:
            raise ValueError(f"{name} was trained on the linear fluency model {want[:12]}, found {have[:12]}")
    return ConvModel(arrays, meta)


@cache
def shipped() -> ConvModel:
    return load()
