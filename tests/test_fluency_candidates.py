"""The fluency model's compared candidates (train/): the parse features read what a
dependency parse says at each token position, and the neural tagger's inputs line up with
the shipped model's anchors. Parses are written out here as spaCy gives them, so spaCy
itself is not needed."""

from __future__ import annotations

import pytest

from lint.models import fluency

pytest.importorskip("sklearn")
pytest.importorskip("scipy")


def _parse(sentence, rows):
    """spaCy-style tokens [start, end, tag, dep, head, sentence start] from (word, tag, dep,
    head) rows, offsets found in ``sentence``."""
    out, at = [], 0
    for i, (word, tag, dep, head, *ss) in enumerate(rows):
        a = sentence.index(word, at)
        at = a + len(word)
        out.append([a, at, tag, dep, head, int(bool(ss)) if i else 0])
    return out


def test_parse_features_name_a_finite_verb_without_subject():
    from train.fluency_parse import parse_features

    s = "The mayor said stressed that the bridge would reopen."
    parse = _parse(
        s,
        [
            ("The", "DT", "det", 1),
            ("mayor", "NN", "nsubj", 2),
            ("said", "VBD", "ROOT", 2),
            ("stressed", "VBD", "ccomp", 2),
            ("that", "IN", "mark", 8),
            ("the", "DT", "det", 6),
            ("bridge", "NN", "nsubj", 8),
            ("would", "MD", "aux", 8),
            ("reopen", "VB", "ccomp", 3),
            (".", ".", "punct", 2),
        ],
    )
    toks = fluency.tokens(s)
    feats = parse_features(toks, parse)
    assert len(feats) == len(toks) + 1  # one per anchor, as fluency.features
    words = [t[0] for t in toks]
    said, stressed = words.index("said"), words.index("stressed")
    assert "ns|VBD|ccomp" in feats[stressed]
    assert not any(f.startswith("ns|") for f in feats[said])  # 'said' has its subject
    assert "dh|ccomp|VBD" in feats[stressed]
    assert feats[-1] == ["roots|1", "root|VBD|1"]


def test_parse_features_two_subjects_and_a_sentence_start_inside():
    from train.fluency_parse import parse_features

    s = "The mayor the city must pay. for the road"
    parse = _parse(
        s,
        [
            ("The", "DT", "det", 1),
            ("mayor", "NN", "nsubj", 5),
            ("the", "DT", "det", 3),
            ("city", "NN", "nsubj", 5),
            ("must", "MD", "aux", 5),
            ("pay", "VB", "ROOT", 5),
            (".", ".", "punct", 5),
            ("for", "IN", "ROOT", 7, True),
            ("the", "DT", "det", 9),
            ("road", "NN", "pobj", 7),
        ],
    )
    toks = fluency.tokens(s)
    feats = parse_features(toks, parse)
    words = [t[0] for t in toks]
    assert "2s|VB" in feats[words.index("pay")]
    assert "ss|IN" in feats[words.index("for")]
    assert feats[-1][0] == "roots|2"
    # No parse feature claims a second subject anywhere else.
    assert sum(f.startswith("2s|") for x in feats for f in x) == 1


def test_neural_tagger_scores_every_anchor():
    torch = pytest.importorskip("torch")
    from train.fluency_neural import Encoder, Tagger, batch, repeats

    toks = fluency.tokens("The the mayor said that the bridge would reopen.")
    # Distance back to the same word: 'The the' is 1, the second 'the' again at 5 back.
    assert repeats(toks)[:2] == [0, 1]
    assert repeats(toks)[5] == 4
    enc = Encoder(frozenset({"the", "mayor", "said"}), [toks, toks])
    fs, ts, rs = enc(toks)
    assert len(fs) == len(ts) == len(rs) == len(toks) + 1  # anchors 0..n
    model = Tagger(len(enc.forms) + 3, len(enc.tags) + 2)
    with torch.no_grad():
        out = model(*batch([(fs, ts, rs), (fs[:4], ts[:4], rs[:4])]))
    assert tuple(out.shape) == (2, len(fs))
    # Padding does not change the scores of the real positions.
    with torch.no_grad():
        alone = model(*batch([(fs[:4], ts[:4], rs[:4])]))
    assert torch.allclose(alone[0], out[1, :4], atol=1e-5)


def test_extra_damage_shapes():
    import random

    from train import damage as D

    rng = random.Random(1)
    s = "Now, the city council looks at five of the plans."
    D.SHAPES.update(D.EXTRA_SHAPES)
    try:
        text, (a, b) = D.damage(s, None, "dropped-subject", rng)
        assert text == "Now, looks at five of the plans."
        assert text[a:b] == ", looks"
        text, (a, b) = D.damage(s, None, "shuffled-run", rng)
        assert sorted(text[a:b].split()) == sorted(s[a:b].split()) and text[a:b] != s[a:b]
        assert text[:a] == s[:a] and text[b:] == s[b:]
    finally:
        for k in D.EXTRA_SHAPES:
            D.SHAPES.pop(k)
    assert D.damage("However, he said it would work.", None, "glued", rng) is None  # no next sentence
