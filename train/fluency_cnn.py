"""Fluency candidate: a convolutional tagger that scores every token position, with NumPy
inference (lint/models/fluency_cnn.py).

    python -m train.fluency_cnn            # trains the one in lint/models, scores it, writes it
    python -m train.fluency_cnn --out - --mt - --channels 64 --dilations 1,2,3 --no-pool --hidden 0
    python -m train.fluency_cnn --extra-wmt23 <git dir of wmt-conference/wmt23-news-systems>
    python -m train.fluency_cnn --extra-wmt23 <git dir> --extra-wmt21 <git dir of wmt21-news-systems>

``--extra-wmt23`` adds the WMT23 general test set's English (original and professionally
translated; train/wmt_english.py says which files and what is kept) to the training side
only, with damaged copies made the same way: the held-out BBC sentences, the thresholds set
on them and the MT check are those of a run without it. ``--extra-wmt21`` adds the WMT21
news test set's English the same way.

Same split, damaged units, held-out evaluation and inputs as ``python -m
train.fluency_neural`` (its ``Encoder``, ``units``, ``fit``, ``held_scores`` and
``mt_check``): word form, tag and repeat-distance embeddings, one position per token and
one for the end. Instead of a recurrent layer, stacked 1-D convolutions (kernel 3,
dilations 1, 2, 4, 8 by default: a position sees 15 tokens on each side; ReLU, all but the
first layer residual), with ``--pool`` each position's channels beside the sentence's
maximum of each (is there a repeat or a second verb anywhere), a hidden layer and one
logit per position. Every layer's output is zeroed past a sentence's end, so padding never
changes a score (the NumPy inference relies on it).

The shipped linear model (lint/models/fluency.py, trained on the same units) joins in one
of two ways. ``--added`` (the default): its logit is added to the tagger's at each
position, no weight fitted; the run scores the tagger alone and the sum. ``--linear``: its
logit is an input channel and added to the output with a learned weight; for training, the
train units' linear logits come from linear models fitted on the other half of them
(``out_of_fold``), since the shipped one has seen them (``--linear-in-sample`` shows why).

After training the weights are rounded to float16, the held-out table is computed with the
rounded weights (what ships), and ``--out`` gets ``fluency_cnn.npz`` and ``fluency_cnn.json``;
the NumPy inference is checked against PyTorch on held-out sentences, and
tests/data/fluency_cnn_fixture.json gets a few made-up sentences' tokens with their PyTorch
scores. Needs PyTorch (CPU): ``pip install -e '.[train-neural]'``; about 5 CPU-minutes.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from torch import nn

from lint.models import fluency
from lint.models import fluency_cnn as R
from train import damage as D
from train import fluency as F
from train import wmt_english as W
from train.fluency_neural import MT_DIR, REPEAT, Encoder, batch, fit, held_scores, mt_check, units

FIXTURE = F.ROOT / "tests" / "data" / "fluency_cnn_fixture.json"
GATE_QUANTILE = 0.8
# mt-news-errors' README on the WMT texts, recorded beside a model trained on them.
WMT_LICENCE = (
    "no licence file was found in {repo} (at the commit read); the "
    "sources and references are WMT shared task data, used for training inside the project and "
    "not redistributed: no text of them ships, only weights learned from them"
)
# Written for the fixture (no corpus text): fluent, and damaged in the shapes the model learns.
FIXTURE_SENTENCES = [
    "The council said on Tuesday that the new bridge would open in the spring.",
    "The council said stressed that the new bridge would open in the spring.",
    "The the minister has been asked to explain the delay to members.",
    "Ticket prices will rise next yearThe company blamed higher fuel costs.",
    "Opened the museum in 1998 after a long campaign by local families.",
    "Rain is expected across the north by the evening, the forecasters said, the forecasters said.",
]


def with_extra(data, repo: Path, domains: str, mt: Path, name: str = "wmt23"):
    """A copy of ``data`` whose training side also has the clean English of the WMT snapshot
    ``repo`` (``name`` in ``W.SETS``; train/wmt_english.py) and two damaged copies of each
    sentence; the held-out side (and the vocabulary the linear model shares) is untouched, so
    the scores compare with a run without it. Sentences also found in the held-out BBC
    articles, the rated MT sets or an earlier extra set are left out."""
    t = time.time()
    files, source = W.SETS[name]
    exclude = {s for s, _ in data.held_pairs}
    exclude.update(s for e in getattr(data, "extra_pairs", []) for s, _ in e)
    if mt.is_dir():
        for f in sorted(mt.glob("*.jsonl")):
            for line in f.read_text(encoding="utf-8").splitlines():
                it = json.loads(line)
                exclude.update(s["text"] for s in it.get("sentences", []))
                exclude.add(it["text"])
    extra = W.wmt_english(
        repo, tuple(d for d in domains.split(",") if d), files=files, exclude=frozenset(exclude)
    )
    # The verbs the damage draws: those of the BBC train sentences, as for their damage.
    D.learn_verbs([s for s, _ in data.train_pairs])
    toks, dmg = W.damaged(extra.pairs, F.SEED + 2)
    out = copy.copy(data)
    out.train_toks = data.train_toks + toks
    out.dmg = data.dmg + dmg
    out.extra_pairs = [*getattr(data, "extra_pairs", []), extra.pairs]
    info = {
        "source": f"{source}, commit {extra.commit}",
        "domains kept where the xml names them": domains or "all",
        "files": extra.files,
        "sentences": len(toks),
        "words": sum(len(s.split()) for s, _ in extra.pairs),
        "damaged_units": len(dmg),
        "licence": WMT_LICENCE.format(repo=source.split(" ")[0]),
    }
    out.extra = [*getattr(data, "extra", []), info]
    print(
        f"extra clean text: {len(toks)} sentences, {info['words']} words, {len(dmg)} damaged units "
        f"from {len(extra.files)} files of {name.upper()} at {extra.commit[:12]} ({time.time() - t:.0f}s)",
        flush=True,
    )
    return out


class WithLinear:
    """An encoder's ids and, per position, the shipped linear model's weight sum as the
    integer it is before scaling (so ``batch`` can carry it as a long)."""

    def __init__(self, enc, lin, given: dict | None = None):
        self.enc, self.lin, self.given = enc, lin, given or {}
        self.vocab, self.forms, self.tags = enc.vocab, enc.forms, enc.tags

    def __call__(self, toks):
        own = self.given.get(id(toks))
        if own is None:
            own = [round(x / self.lin.scale) for x in self.lin.sentence_scores(toks)]
        return (*self.enc(toks), own)


def out_of_fold(data, lin, folds: int = 2) -> dict:
    """The linear model's logits at every position of every train unit, from a linear model
    (train.fluency's, unquantised) fitted on the other folds: the shipped one was fitted on
    these very units, and its scores there are far surer than on new text (a tagger fed
    them learns to trust it too much). A damaged unit goes in the fold of the clean
    sentence it shares most word trigrams with (its source). Keyed by the id of the token
    list, as the shipped model's weight sum before scaling (the integer ``batch`` carries)."""
    first: dict = {}
    for i, toks in enumerate(data.train_toks):
        ws = [w.lower() for w, _t, _a, _b in toks]
        for g in zip(ws, ws[1:], ws[2:], strict=False):
            first.setdefault(g, i)
    fold_of_dmg = []
    for _s, _u, toks, _p, _sp in data.dmg:
        ws = [w.lower() for w, _t, _a, _b in toks]
        votes = Counter(first.get(g) for g in zip(ws, ws[1:], ws[2:], strict=False))
        votes.pop(None, None)
        src = votes.most_common(1)[0][0] if votes else len(ws)
        fold_of_dmg.append(src % folds)
    out = {}
    for f in range(folds):
        t = time.time()
        clean = [t_ for i, t_ in enumerate(data.train_toks) if i % folds != f]
        dmg = [u for u, g in zip(data.dmg, fold_of_dmg, strict=True) if g != f]
        X, y = F.anchor_data(clean, dmg, data.vocab)
        am = F.AnchorModel(F.fit(X, y), data.vocab)
        del X
        held = [t_ for i, t_ in enumerate(data.train_toks) if i % folds == f]
        held += [u[2] for u, g in zip(data.dmg, fold_of_dmg, strict=True) if g == f]
        for toks in held:
            out[id(toks)] = [round((x - lin.bias) / lin.scale) for x in am.positions(toks)]
        print(
            f"linear model for fold {f + 1}/{folds}: {len(held)} units scored ({time.time() - t:.0f}s)",
            flush=True,
        )
    return out


class ConvTagger(nn.Module):
    def __init__(
        self,
        n_forms: int,
        n_tags: int,
        channels: int = 64,
        form_dim: int = 48,
        tag_dim: int = 16,
        dilations=(1, 2, 3),
        kernel: int = 3,
        linear: str = "",  # "input": the linear model's logit is an input; "added": added to the output
        lin: tuple[float, float] = (1.0, 0.0),  # the linear model's (scale, bias)
        pool: bool = False,
        hidden: int = 0,
        dropout: float = 0.0,
    ):
        super().__init__()
        self.form = nn.Embedding(n_forms, form_dim, padding_idx=0)
        self.tag = nn.Embedding(n_tags, tag_dim, padding_idx=0)
        self.rep = nn.Embedding(REPEAT, 8)
        self.linear, self.lin = linear, lin
        c_in = form_dim + tag_dim + 8 + (linear == "input")
        self.convs = nn.ModuleList()
        self.residual = []
        for d in dilations:
            self.convs.append(nn.Conv1d(c_in, channels, kernel, dilation=d, padding=d * (kernel - 1) // 2))
            self.residual.append(bool(self.residual))  # all but the first (its input: embeddings)
            c_in = channels
        # With ``pool`` each position also sees the sentence's maximum of every channel
        # (whether a second verb or a repeat is anywhere in it); ``hidden``: a layer more.
        width = channels * (2 if pool else 1)
        self.pool, self.hidden = pool, hidden
        self.head = nn.Linear(width, hidden) if hidden else None
        self.out = nn.Linear(hidden or width, 1)
        if linear == "input":
            self.skip = nn.Parameter(torch.ones(1))
        self.dilations, self.kernel = list(dilations), kernel
        self.drop = nn.Dropout(dropout)  # training only

    LIN_IN = 0.25  # the linear logit's scale as an input channel (its range is about ±10)

    def forward(self, forms, tags, reps, lin_int=None):
        mask = (forms != 0).float().unsqueeze(-1)
        parts = [self.form(forms), self.tag(tags), self.rep(reps)]
        if self.linear:
            scale, bias = self.lin
            lin = lin_int.float() * scale + bias
        if self.linear == "input":
            parts.append((lin * self.LIN_IN).unsqueeze(-1))
        h = self.drop(torch.cat(parts, dim=-1)) * mask
        for conv, res in zip(self.convs, self.residual, strict=True):
            y = self.drop(torch.relu(conv(h.transpose(1, 2)).transpose(1, 2)))
            h = (y + h if res else y) * mask
        if self.pool:
            # Every h is >= 0 (ReLU, sums of ReLUs) and 0 past the end: the max ignores padding.
            h = torch.cat([h, h.amax(dim=1, keepdim=True).expand_as(h)], dim=-1)
        if self.head is not None:
            h = torch.relu(self.head(h))
        logit = self.out(h).squeeze(-1)
        if self.linear:
            logit = logit + (self.skip if self.linear == "input" else 1.0) * lin
        return logit


def export(model: ConvTagger, enc, data, out: Path, row: dict, args, params: int, gated: dict) -> Path:
    """Weights as float16 arrays, vocabularies and provenance as JSON."""
    sd = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    arrays = {
        "form": sd["form.weight"],
        "tag": sd["tag.weight"],
        "rep": sd["rep.weight"],
        "out.weight": sd["out.weight"],
        "out.bias": sd["out.bias"],
    }
    for i in range(len(model.convs)):
        arrays[f"conv{i}.weight"] = sd[f"convs.{i}.weight"]
        arrays[f"conv{i}.bias"] = sd[f"convs.{i}.bias"]
    if model.linear == "input":
        arrays["skip"] = sd["skip"]
    if model.head is not None:
        arrays["head.weight"] = sd["head.weight"]
        arrays["head.bias"] = sd["head.bias"]
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / f"{R.MODEL_NAME}.npz", **{k: v.astype(np.float16) for k, v in arrays.items()})
    forms = [""] * (len(enc.forms) + 3)
    forms[:3] = ["<pad>", "<unk>", "</s>"]
    for f, i in enc.forms.items():
        forms[i] = f
    tags = [""] * (len(enc.tags) + 2)
    tags[:2] = ["<pad>", "<unk>"]
    for t, i in enc.tags.items():
        tags[i] = t
    meta = {
        "model": "convolutional tagger over word-form, tag and repeat embeddings, one logit per "
        "token position (lint/models/fluency_cnn.py)",
        "trained_by": "python -m train.fluency_cnn " + " ".join(args.argv),
        "training_data": "clean-news (BBC News 2004-2005, bbc-fulltext of Greene & Cunningham, ICML 2006), "
        f"{len(data.train_names)} of {data.n_articles} distinct articles "
        f"(80% split by article, seed {F.SEED}), "
        f"{len(data.train_pairs)} sentences and two damaged copies of each, of two shapes (train/damage.py)"
        + "".join(
            f"; and {e['sentences']} clean sentences ({e['words']} words) of the English of "
            f"{e['source'].split(', commit')[0]} (see extra_training_data), damaged the same way"
            for e in getattr(data, "extra", [])
        ),
        **({"extra_training_data": data.extra} if getattr(data, "extra", None) else {}),
        "held_out": f"{len(data.held_names)} articles, {len(data.held_pairs)} sentences, every shape",
        "parameters": params,
        "epochs": args.epochs,
        "dilations": model.dilations,
        "kernel": model.kernel,
        "residual": model.residual,
        "linear": model.linear,
        "pool": model.pool,
        "hidden": model.hidden,
        "threshold": row["thresholds"]["0.002"],
        "thresholds_by_clean_rate": row["thresholds"],
        "held_out_results": {k: v for k, v in row.items() if k != "clean_scores"},
        **gated,
        "forms": forms,
        "tags": tags,
        "vocab": sorted(data.vocab),
    }
    if model.linear == "input":
        meta["linear_input_scale"] = model.LIN_IN
    if model.linear:
        meta["linear_model_sha256"] = R.digest(fluency.MODEL_DIR / f"{fluency.MODEL_NAME}.npz")
    (out / f"{R.MODEL_NAME}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return out


def from_shipped(directory: Path = R.MODEL_DIR) -> tuple[ConvTagger, object]:
    """The PyTorch model with the weights in ``directory`` (float16, as shipped), and its
    encoder: to check the NumPy inference against."""
    meta = json.loads((directory / f"{R.MODEL_NAME}.json").read_text(encoding="utf-8"))
    with np.load(directory / f"{R.MODEL_NAME}.npz") as z:
        a = {k: torch.from_numpy(z[k].astype(np.float32)) for k in z.files}
    lin = fluency.shipped()
    model = ConvTagger(
        len(meta["forms"]),
        len(meta["tags"]),
        a["conv0.weight"].shape[0],
        a["form"].shape[1],
        a["tag"].shape[1],
        tuple(meta["dilations"]),
        meta["kernel"],
        meta["linear"],
        (lin.scale, lin.bias),
        meta["pool"],
        meta["hidden"],
    )
    state = {k: a[k] for k in ("out.weight", "out.bias", "head.weight", "head.bias", "skip") if k in a}
    state.update({"form.weight": a["form"], "tag.weight": a["tag"], "rep.weight": a["rep"]})
    for i in range(len(meta["dilations"])):
        state[f"convs.{i}.weight"] = a[f"conv{i}.weight"]
        state[f"convs.{i}.bias"] = a[f"conv{i}.bias"]
    model.load_state_dict(state)
    model.eval()
    enc = Encoder.__new__(Encoder)
    enc.vocab = frozenset(meta["vocab"])
    enc.forms = {f: i for i, f in enumerate(meta["forms"]) if i >= 3}
    enc.tags = {t: i for i, t in enumerate(meta["tags"]) if i >= 2}
    return model, WithLinear(enc, lin) if meta["linear"] else enc


def torch_scores(model, enc, sentences) -> list[list[float]]:
    with torch.no_grad():
        rows = [enc(t) for t in sentences]
        logit = model(*batch(rows))
    return [lg[: len(r[0])].tolist() for r, lg in zip(rows, logit, strict=True)]


def main(argv=None) -> int:
    ap = F.candidate_args(__doc__, argv)
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--channels", type=int, default=96)
    ap.add_argument("--form-dim", type=int, default=48)
    ap.add_argument("--tag-dim", type=int, default=16)
    ap.add_argument("--dilations", default="1,2,4,8")
    ap.add_argument("--kernel", type=int, default=3)
    ap.add_argument("--linear", action="store_true", help="the shipped linear model's logit as an input")
    ap.add_argument(
        "--linear-in-sample",
        action="store_true",
        help="with --linear, train on the shipped linear model's own scores (it was fitted on these units)",
    )
    ap.add_argument(
        "--added",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="ship (and check on MT) the tagger's logit plus the linear model's",
    )
    ap.add_argument(
        "--pool",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="each position sees the sentence's max-pool too",
    )
    ap.add_argument("--hidden", type=int, default=64, help="a hidden layer before the logit (0: none)")
    ap.add_argument("--dropout", type=float, default=0.0, help="dropout in training")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument(
        "--out", type=Path, default=R.MODEL_DIR, help="write the model here ('-': nowhere, a comparison run)"
    )
    ap.add_argument("--mt", type=Path, default=MT_DIR, help="mt-news-errors, scored (never trained on)")
    ap.add_argument(
        "--extra-wmt23",
        type=Path,
        help="a git snapshot of wmt-conference/wmt23-news-systems: its English sources and references "
        "(train/wmt_english.py) join the training side as clean sentences with damaged copies",
    )
    ap.add_argument(
        "--extra-domains",
        default=",".join(W.DEFAULT_DOMAINS),
        help="with --extra-wmt23, the domains kept where the xml names them ('': all)",
    )
    ap.add_argument(
        "--extra-wmt21",
        type=Path,
        help="a git snapshot of wmt-conference/wmt21-news-systems: its English sources and references "
        "(not zh-en) join the training side the same way",
    )
    args = ap.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    # The snapshot's folder is this machine's: the record names what it is instead.
    snapshots = {
        str(p): f"<git dir of a wmt-conference/{n}-news-systems snapshot>"
        for n, p in (("wmt23", args.extra_wmt23), ("wmt21", args.extra_wmt21))
        if p
    }
    args.argv = [snapshots.get(a, a) for a in args.argv]
    torch.set_num_threads(args.threads)
    torch.manual_seed(F.SEED)
    t0 = time.time()
    data = F.cached_data(args.corpus, args.max_train, args.max_eval, args.cache)
    if args.extra_wmt23:
        data = with_extra(data, args.extra_wmt23, args.extra_domains, args.mt)
    if args.extra_wmt21:
        data = with_extra(data, args.extra_wmt21, args.extra_domains, args.mt, "wmt21")
    lin = fluency.shipped()
    gated = {}
    enc = Encoder(data.vocab, data.train_toks)
    if args.linear:
        enc = WithLinear(enc, lin, None if args.linear_in_sample else out_of_fold(data, lin))
    train = units(data, enc)
    dilations = tuple(int(x) for x in args.dilations.split(","))
    model = ConvTagger(
        len(enc.forms) + 3,
        len(enc.tags) + 2,
        args.channels,
        args.form_dim,
        args.tag_dim,
        dilations,
        args.kernel,
        "input" if args.linear else "",
        (lin.scale, lin.bias),
        args.pool,
        args.hidden,
        args.dropout,
    )
    params = sum(p.numel() for p in model.parameters())
    name = (
        f"conv tagger {args.channels} channels, dilations {args.dilations}, kernel {args.kernel}"
        + (", + linear logit" if args.linear else "")
        + (", + sentence max-pool" if args.pool else "")
        + (f", hidden {args.hidden}" if args.hidden else "")
        + (f", dropout {args.dropout}" if args.dropout else "")
        + (", + WMT23 English" if args.extra_wmt23 else "")
        + (", + WMT21 English" if args.extra_wmt21 else "")
        + f" ({params:,} parameters, {args.epochs} epochs)"
    )
    print(f"{name}: {len(train)} training units ({time.time() - t0:.0f}s)", flush=True)
    fit(model, train, args.epochs, t0)
    # What ships: float16 weights. Everything below is scored with them.
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(p.half().float())
    scores = held_scores(data, model, enc)
    results = {}
    F.evaluate(data, results, name, lambda t: scores[id(t)], t0=t0)
    if not args.linear:
        # The two models' logits added at each position: no weight is fitted, so nothing is
        # tuned on the held-out sentences.
        alone = name
        model.linear, enc, name = "added", WithLinear(enc, lin), name + " + linear logit, added"
        both = held_scores(data, model, enc)
        F.evaluate(data, results, name, lambda t: both[id(t)], t0=t0)
        if args.added:
            # The gate (``ConvModel.best``): sentences whose linear best is under this
            # quantile of the held-out clean sentences' are not run through the tagger.
            held = list(data.held_clean) + [
                t for items in data.held_dmg.values() for units in items for _s, _u, t, _p, _sp in units
            ]
            lin_best = {id(t): max(lin.window_scores(lin.sentence_scores(t))) for t in held}
            gate = float(np.quantile([lin_best[id(t)] for t in data.held_clean], GATE_QUANTILE))
            gated_name = name + f", gated at the linear model's {GATE_QUANTILE:.0%} clean quantile"
            F.evaluate(
                data,
                results,
                gated_name,
                lambda t: both[id(t)] if lin_best[id(t)] >= gate else (-1e9, 0),
                t0=t0,
            )
            gated = {
                "gate": gate,
                "gate_clean_quantile": GATE_QUANTILE,
                "gated_results": F.without_scores(results)[gated_name],
            }
        else:
            model.linear, enc, name = "", enc.enc, alone
    F.print_tables(results)
    row = results[name]
    res = F.without_scores(results)
    res["parameters"] = params
    if args.mt.is_dir():
        res["mt"] = mt_check(args.mt, model, enc, row["thresholds"], lin)
    if str(args.out) != "-":
        export(model, enc, data, args.out, row, args, params, gated)
        shipped = R.load(args.out)
        sample = data.held_clean[:500]
        want = torch_scores(model, enc, sample)
        got = shipped.position_scores(sample)
        diff = max(float(np.abs(np.array(w) - g).max()) for w, g in zip(want, got, strict=True))
        print(f"NumPy against PyTorch on {len(sample)} held-out sentences: max difference {diff:.2e}")
        assert diff < 1e-3, diff
        toks = [fluency.tokens(s) for s in FIXTURE_SENTENCES]
        # The tests' fixture is for the shipped weights; a model written elsewhere gets its own.
        fixture = FIXTURE if args.out.resolve() == R.MODEL_DIR else args.out / FIXTURE.name
        fixture.write_text(
            json.dumps(
                {
                    "note": "made-up sentences: their tokens (word, tag, start, end) and the PyTorch "
                    "logits per position of the model in lint/models/fluency_cnn.*",
                    "sentences": FIXTURE_SENTENCES,
                    "tokens": toks,
                    "logits": torch_scores(model, enc, toks),
                    "npz_sha256": R.digest(args.out / f"{R.MODEL_NAME}.npz"),
                },
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )
        size = sum((args.out / f"{R.MODEL_NAME}.{x}").stat().st_size for x in ("npz", "json"))
        print(f"wrote {args.out}/{R.MODEL_NAME}.npz + .json ({size / 1e6:.2f} MB) and {fixture}")
    tag = "_".join(
        x
        for x in (
            f"c{args.channels}",
            args.dilations.replace(",", ""),
            "lin" * args.linear,
            "ins" * args.linear_in_sample,
            "add" * args.added,
            "pool" * args.pool,
            f"h{args.hidden}" * bool(args.hidden),
            f"d{args.dropout}" * bool(args.dropout),
            f"e{args.epochs}",
            ("wmt-" + (args.extra_domains.replace(",", "-") or "all")) * bool(args.extra_wmt23),
            "wmt21" * bool(args.extra_wmt21),
        )
        if x
    )
    (args.cache.parent / f"cnn_results_{tag}.json").write_text(json.dumps(res))
    print(f"done in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
