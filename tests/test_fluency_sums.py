"""The fluency model's n-gram sums in C (lint/models/_fluency_sums.c, built at install when
a compiler is at hand) give the Python code's sums, feature for feature."""

from __future__ import annotations

import json
import zlib
from array import array

import pytest

from lint.models import fluency

from conftest import ROOT

compiled = pytest.importorskip(
    "lint.models._fluency_sums", reason="not built here (no C compiler at install): the Python code runs"
)


def sentences() -> list[str]:
    out = [
        "The mayor said stressed that the bridge would reopen in May.",
        "Café owners in Zürich — “naïve” or not — said the ﬁrm's 5% rise was 'fine'.",
        "He he said that that the the plan was was ready ready.",
        "BrusselsThey will meet again; the minister said the minister said so.",
    ]
    for name in ("garbled.jsonl", "clean-tricky.jsonl"):
        with (ROOT / "bench" / "data" / name).open(encoding="utf-8") as f:
            out += [json.loads(line)["text"] for line in f if line.strip()]
    return out


def test_crc32_is_zlibs():
    for data in (b"", b"a", b"p2|NN|VBD", "w1|caf\u00e9".encode(), bytes(range(256)) * 3):
        assert compiled.crc32(data) == zlib.crc32(data)


def test_the_compiled_sums_are_the_python_sums_on_every_sentence():
    model = fluency.shipped()
    assert fluency._compiled_sums is not None
    checked = 0
    for sentence in sentences():
        toks = fluency.tokens(sentence)
        if len(toks) < 3:
            continue
        scores = model.sentence_scores(toks)
        assert scores == model.python_sentence_scores(toks)
        assert scores == model.own_scores(fluency.features(toks, model.vocab))
        checked += 1
    assert checked > 300


def test_bad_arguments_raise_instead_of_reading_past_the_table():
    with pytest.raises(ValueError, match="shorter"):
        compiled.sums(["<s>"] * 3 + ["a", "</s>"], ["<s>"] * 3 + ["DT", "</s>"], array("b", [0] * 8), 1023)
    with pytest.raises(TypeError, match="str"):
        compiled.sums(["<s>"] * 3 + [1, "</s>"], ["<s>"] * 5, array("b", [0] * 8), 7)
    with pytest.raises(ValueError, match="length"):
        compiled.sums(["<s>"] * 4, ["<s>"] * 5, array("b", [0] * 8), 7)
