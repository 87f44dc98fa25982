"""The convolutional fluency tagger's NumPy inference (lint/models/fluency_cnn.py): the
scores PyTorch gave when it was trained (tests/data/fluency_cnn_fixture.json: made-up
sentences, their tokens and logits), a whole document in one call scoring each sentence as
alone, and NumPy imported only when the model is loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("numpy")

from lint.models import fluency_cnn  # noqa: E402

FIXTURE = Path(__file__).parent / "data" / "fluency_cnn_fixture.json"


@pytest.fixture(scope="module")
def fixture():
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    shipped = fluency_cnn.digest(fluency_cnn.MODEL_DIR / f"{fluency_cnn.MODEL_NAME}.npz")
    assert data["npz_sha256"] == shipped, "fixture is for other weights: rerun python -m train.fluency_cnn"
    return data


def test_numpy_scores_are_pytorchs(fixture):
    model = fluency_cnn.shipped()
    got = model.position_scores(fixture["tokens"])
    for toks, want, have in zip(fixture["tokens"], fixture["logits"], got, strict=True):
        assert len(have) == len(toks) + 1  # positions 0..n, n the end
        assert max(abs(a - b) for a, b in zip(want, have.tolist(), strict=True)) < 1e-3


def test_a_document_in_one_call_scores_each_sentence_as_alone(fixture):
    model = fluency_cnn.shipped()
    toks = fixture["tokens"]
    together = model.position_scores(toks)
    for t, v in zip(toks, together, strict=True):
        (alone,) = model.position_scores([t])
        assert abs(alone - v).max() < 1e-5
    # Order does not matter either.
    backwards = model.position_scores(toks[::-1])[::-1]
    assert all(abs(a - b).max() < 1e-5 for a, b in zip(together, backwards, strict=True))
    assert model.position_scores([]) == []


def test_damage_is_found_at_its_words(fixture):
    model = fluency_cnn.shipped()
    toks = fixture["tokens"]
    scores = model.best(toks, gated=False)
    clean = fixture["sentences"].index(
        "The council said on Tuesday that the new bridge would open in the spring."
    )
    assert scores[clean][0] < model.threshold
    # "The the": the sentence's best position is the doubled word, far above the clean
    # sentence's (over the threshold or not: typos.repeated-word reports and fixes it).
    i = fixture["sentences"].index("The the minister has been asked to explain the delay to members.")
    score, k = scores[i]
    assert k == 1 and score > scores[clean][0] + 5
    # "said stressed": the second finite verb; "yearThe": two sentences glued.
    for sentence, word in (
        ("The council said stressed that the new bridge would open in the spring.", "stressed"),
        ("Ticket prices will rise next yearThe company blamed higher fuel costs.", "yearThe"),
    ):
        i = fixture["sentences"].index(sentence)
        score, k = scores[i]
        assert score > model.threshold and fixture["tokens"][i][k][0] == word


def test_the_gate_skips_only_sentences_the_linear_model_scores_low(fixture):
    from lint.models import fluency

    model = fluency_cnn.shipped()
    assert model.linear == "added" and model.gate is not None
    lin = fluency.shipped()
    toks = fixture["tokens"]
    gated = model.best(toks)
    full = model.best(toks, gated=False)
    for t, g, f in zip(toks, gated, full, strict=True):
        if max(lin.window_scores(lin.sentence_scores(t))) < model.gate:
            assert g is None
        else:
            assert g is not None and g[1] == f[1] and abs(g[0] - f[0]) < 1e-5
    # The fluent sentence is left out; every damaged one is scored.
    assert [g is None for g in gated] == [True] + [False] * (len(toks) - 1)


def test_numpy_is_imported_when_the_model_loads():
    code = (
        "import sys\n"
        "from lint.models import fluency_cnn\n"
        "assert 'numpy' not in sys.modules\n"
        "fluency_cnn.shipped()\n"
        "assert 'numpy' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parent.parent)


def test_pytorch_model_with_the_shipped_weights_agrees(fixture):
    torch = pytest.importorskip("torch")
    pytest.importorskip("sklearn")
    from train.fluency_cnn import from_shipped, torch_scores

    model, enc = from_shipped(fluency_cnn.MODEL_DIR)
    toks = fixture["tokens"]
    want = torch_scores(model, enc, toks)
    for w, f in zip(want, fixture["logits"], strict=True):
        assert torch.allclose(torch.tensor(w), torch.tensor(f), atol=1e-4)
