"""The fluency model's n-gram sums in C (lint/models/_fluency_sums.c, built at install when
a compiler is at hand) give the Python code's sums, feature for feature."""

from __future__ import annotations

import json
import random
import zlib
from array import array

import pytest

from lint.models import fluency
from train import damage

from conftest import ROOT

compiled = pytest.importorskip(
    "lint.models._fluency_sums", reason="not built here (no C compiler at install): the Python code runs"
)


def sentences() -> list[str]:
    """Hand-written edges (repeats at the start, where the look back wraps round; pairs said
    twice; verbs in a row; other scripts), the garble and clean sets, and every damage shape
    of train/damage.py applied to the clean ones (the extra features fire there)."""
    out = [
        "The mayor said stressed that the bridge would reopen in May.",
        "Café owners in Zürich — “naïve” or not — said the ﬁrm's 5% rise was 'fine'.",
        "He he said that that the the plan was was ready ready.",
        "BrusselsThey will meet again; the minister said the minister said so.",
        "said the said the said the",
        "a a a",
        "x y x",
        "Ça ça ça va.",
        "He is was were has had do, and and it is.",
    ]
    for name in ("garbled.jsonl", "clean-tricky.jsonl"):
        with (ROOT / "bench" / "data" / name).open(encoding="utf-8") as f:
            out += [json.loads(line)["text"] for line in f if line.strip()]
    rng = random.Random(7)
    clean = out[-150:]
    for i, sentence in enumerate(clean):
        for shape in (*damage.SHAPES, *damage.EXTRA_SHAPES):
            damaged = damage.damage(sentence, clean[(i + 1) % len(clean)], shape, rng)
            if damaged is not None:
                out.append(damaged[0])
    return out


def test_the_built_module_spells_the_features_this_code_does():
    assert compiled.FEATURES == fluency.FEATURES and fluency._compiled_scores is compiled.scores


def test_crc32_is_zlibs():
    for data in (b"", b"a", b"p2|NN|VBD", "w1|caf\u00e9".encode(), bytes(range(256)) * 3):
        assert compiled.crc32(data) == zlib.crc32(data)


def test_the_compiled_sums_are_the_python_sums_on_every_sentence():
    model = fluency.shipped()
    assert fluency._compiled_scores is not None
    checked = 0
    for sentence in sentences():
        toks = fluency.tokens(sentence)
        if not toks:
            continue
        scores = model.sentence_scores(toks)
        assert scores == model.python_sentence_scores(toks)
        assert scores == model.own_scores(fluency.features(toks, model.vocab))
        checked += 1
    assert checked > 1500


def test_bad_arguments_raise_instead_of_reading_past_the_table():
    w = ["<s>"] * 3 + ["a", "</s>"]
    sets = (frozenset(), frozenset())
    with pytest.raises(ValueError, match="shorter"):
        compiled.scores(w, w, w, array("b", [0] * 8), 1023, False, *sets)
    with pytest.raises(TypeError, match="str"):
        compiled.scores(["<s>"] * 3 + [1, "</s>"], w, w, array("b", [0] * 8), 7, False, *sets)
    with pytest.raises(ValueError, match="length"):
        compiled.scores(w[:-1], w, w, array("b", [0] * 8), 7, False, *sets)
    with pytest.raises(ValueError, match="raw"):
        compiled.scores(w, w, w[:-1], array("b", [0] * 8), 7, False, *sets)
    with pytest.raises(TypeError):
        compiled.scores(w, w, w, array("b", [0] * 8), 7, False, set(), frozenset())
