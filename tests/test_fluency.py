"""The fluency model (lint/models/fluency.py, rule grammar.fluency): shipped weights load without
the training stack, a broken sentence is flagged at the words that break it, fluent ones
are not, and the configuration's threshold applies. Also the verb shapes (lint/text/verb_shapes.py)
that keep the fragment rule off sentences whose verb the tagger reads as a noun."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import textwrap

import pytest

from lint.datafiles.strict import DataError
from lint.models import fluency
from lint.rule import Context
from lint.rules.registry import load_registry
from lint.text.sentence_facts import _WORD, has_finite_verb

from helpers import lint


def test_shipped_weights_load_within_size():
    model = fluency.shipped()
    assert len(model.weights) == 1 << model.meta["hash_bits"]
    assert model.meta["trained_by"] == "python -m train.fluency"
    assert "clean-news" in model.meta["training_data"]
    size = (fluency.MODEL_DIR / "fluency.npz").stat().st_size + (
        fluency.MODEL_DIR / "fluency.json"
    ).stat().st_size
    assert size < 25_000_000


def test_no_training_stack_at_lint_time():
    code = textwrap.dedent(
        """
        import sys
        from lint.text.document import Document
        from lint.engine import Engine, Selection
        from lint.rules.registry import load_registry
        engine = Engine(load_registry(), Selection(select=("grammar",)))
        text = "The mayor said stressed that the bridge would reopen in May."
        found = engine.lint(Document.from_text(text))
        assert any(d.rule == "grammar.fluency" for d in found), found
        heavy = sorted(m for m in ("sklearn", "scipy", "torch", "train") if m in sys.modules)
        print(",".join(heavy))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def _fluency(text, **ctx):
    if ctx:
        reg = load_registry(context=Context(**ctx))
        return [d for d in lint(text, ("grammar.fluency",), reg=reg)]
    return lint(text, ("grammar.fluency",))


@pytest.mark.parametrize(
    ("text", "span", "why"),
    [
        # A second finite verb straight after the first.
        (
            "The mayor said stressed that the bridge would reopen in May.",
            "said stressed",
            "two finite verbs",
        ),
        ("Police said confirmed that two men had been arrested.", "said confirmed", "two finite verbs"),
        # A doubled word (typos.repeated-word also flags it; alone, the model does).
        ("The bank raised its rates on on Thursday for the second time.", "on on", "doubled word"),
    ],
)
def test_damaged_sentence_flagged_at_its_span(text, span, why):
    found = _fluency(text)
    assert [(d.text, d.rule) for d in found] == [(span, "grammar.fluency")]
    assert why in found[0].message and f"'{span}'" in found[0].message
    assert found[0].category == "grammar" and found[0].severity.value == "warning"


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said that the bridge would reopen in May.",
        "Shares in the company rose by 5% after it reported higher profits for the year.",
        "The government has promised to review the decision before the end of the month.",
        "Police said that two men had been arrested.",
    ],
)
def test_fluent_sentences_not_flagged(text):
    assert _fluency(text) == []


def test_threshold_from_configuration():
    text = "The mayor said stressed that the bridge would reopen in May."
    assert _fluency(text, rule_params=(("grammar.fluency", (("threshold", 0.9999999999),)),)) == []
    lax = (("grammar.fluency", (("threshold", 1e-6),)),)
    assert _fluency("The mayor said that the bridge would reopen in May.", rule_params=lax) != []


def test_config_key_reaches_the_rule(tmp_path):
    from lint.config import load_config

    (tmp_path / ".newslint.toml").write_text('[rule-params."grammar.fluency"]\nthreshold = 0.75\n')
    config = load_config(tmp_path / ".newslint.toml")
    assert config.context.rule_params == (("grammar.fluency", (("threshold", 0.75),)),)
    text = "The mayor said stressed that the bridge would reopen in May."
    assert _fluency(text, rule_params=config.context.rule_params) != []
    strict = (("grammar.fluency", (("threshold", 0.9999999999),)),)
    assert _fluency(text, rule_params=strict) == []


def test_one_finding_where_a_pattern_rule_fires_too():
    # Alone, the model flags the doubled word; with typos.repeated-word on, that rule's
    # finding (which has a fix) is the only one on those words.
    text = "The bank raised its rates on on Thursday for the second time."
    assert [(d.rule, d.text) for d in lint(text, ("grammar.fluency",))] == [("grammar.fluency", "on on")]
    both = lint(text, ("grammar.fluency", "typos.repeated-word"))
    assert [(d.rule, d.text) for d in both] == [("typos.repeated-word", "on on")]
    # An info finding (Harper's) does not silence the model.
    from lint.diagnostics import Severity
    from lint.engine import _drop_deferred

    [model] = lint(text, ("grammar.fluency",))
    info = dataclasses.replace(both[0], rule="harper.Example", severity=Severity.INFO)
    assert _drop_deferred([model, info], {"grammar.fluency": True}) == [model, info]


def test_anchor_scores_match_feature_count():
    model = fluency.shipped()
    toks = fluency.tokens("Officials said the talks went well.")
    feats = fluency.features(toks, model.vocab)
    assert len(feats) == len(toks) + 1  # one anchor per token and one for the end
    assert len(model.anchor_scores(feats)) == len(feats)


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said the talks went well.",
        "Talks talks resumed on Monday, and the the minister said said he would stay.",
        "Minister said the plan, which he said was fair, said nothing of the minister.",
        "Prices fell as traders had feared prices.",  # the look back from the first words wraps round
        "He he went home.",
        "visit Uzbekistan this autumn visit Uzbekistan, he said.",  # a pair again, a lower-case start
    ],
)
def test_the_fast_scores_are_the_features_weights(sentence):
    # Lint time weighs the features without spelling them all out; training spells them.
    model = fluency.shipped()
    toks = fluency.tokens(sentence)
    assert model.sentence_scores(toks) == model.own_scores(fluency.features(toks, model.vocab))


@pytest.mark.parametrize(
    "sentence",
    [
        # A plural subject and a base-form verb the lexicon reads as a noun.
        "Ticket prices range from ten to fifty pounds.",
        "These signals travel through the cable at great speed.",
        # A singular subject and a verb in -s the lexicon reads as a plural noun.
        "In wealthier regions, the rate climbs to 40%.",
        "It quietly builds the core functions into every part.",
        # "'s" for "is" after a pronoun or "there".
        "There's a long queue outside the station.",
        "It's a long way from the coast.",
        # A comparative correlative.
        "The longer the delay, the higher the cost of the project.",
    ],
)
def test_hidden_verbs_are_verbs(sentence):
    assert has_finite_verb(sentence, tuple(_WORD.findall(sentence)))


@pytest.mark.parametrize(
    "sentence",
    [
        "A meeting of great importance for the two countries.",
        "President Vladimir Putin in Ukraine.",
        "Protesters outside parliament on Monday evening in the rain.",
    ],
)
def test_fragments_stay_fragments(sentence):
    assert not has_finite_verb(sentence, tuple(_WORD.findall(sentence)))


def test_fragment_rule_spares_hidden_verbs():
    text = "Officials gave the figures on Monday. Ticket prices range from ten to fifty pounds in the city."
    assert lint(text, ("grammar.fragment",)) == []
    bad = "Officials gave the figures on Monday. A meeting of great importance for the two countries."
    assert [d.text for d in lint(bad, ("grammar.fragment",))] == [
        "A meeting of great importance for the two countries."
    ]


def test_repeat_features_as_the_model_was_trained():
    model = fluency.shipped()
    feats = fluency.features(fluency.tokens("He he went home, and he said so."), model.vocab)
    assert "dup|PRP" in feats[1]  # "He he"
    assert any(f.startswith("rep|") for f in feats[6])  # "he" again, five words on
    # The look back from the first word wraps round to the last ones, as in training.
    feats = fluency.features(fluency.tokens("Prices fell as traders had feared prices."), model.vocab)
    assert [f for f in feats[0] if f.startswith("rep|")] == ["rep|NNS|4"]


def test_repeated_pair_and_lower_case_start_features():
    model = fluency.shipped()
    s = "He said at the end of the debate he said he was tired."
    toks = fluency.tokens(s)
    feats = fluency.features(toks, model.vocab)
    second_said = [i for i, t in enumerate(toks) if t[0] == "said"][1]
    assert "rb|VBD|8" in feats[second_said]  # "he said" again, seven words on
    assert sum(f.startswith("rb|") for x in feats for f in x) == 1  # "of the" … "the" is no pair
    feats = fluency.features(fluency.tokens("the talks, which he said were over."), model.vocab)
    assert "lc|DT" in feats[0]
    feats = fluency.features(fluency.tokens("The talks were over."), model.vocab)
    assert not any(f.startswith(("lc|", "rb|")) for x in feats for f in x)
    # Lint time weighs the same features.
    assert model.sentence_scores(toks) == model.own_scores(fluency.features(toks, model.vocab))


def test_glued_sentences_read_apart_from_camel_case_names():
    # Three lower-case letters and a capitalised word: two sentences glued.
    assert [fluency._shape(w) for w in ("pensionHe", "StatesViacom", "IT-literateFrom")] == ["G"] * 3
    # Names and brands written in camel case keep the plain shape.
    assert [fluency._shape(w) for w in ("McDonald", "iPod", "YouTube", "SpousesABC")] == ["M"] * 4
    vocab = fluency.shipped().vocab
    toks = fluency.tokens("The council voted on its pensionHe said it was fair.")
    assert any(f.endswith(":G>") for f in fluency.forms(toks, vocab))


def fluency_findings(text: str) -> list[str]:
    return [text[d.span.start : d.span.end] for d in lint(text, select=["grammar.fluency"])]


def test_a_camel_case_word_the_article_uses_again_is_a_name():
    once = "Be sure to read the GadgetInsider 14-inch laptop price guide for the best deals."
    assert fluency_findings(once) == ["GadgetInsider"]  # might be two sentences glued
    assert fluency_findings(once + " GadgetInsider updates it weekly.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Were they friends at that time?",  # a question
        "Had we better leave with them?",
        "Never before have we seen such a long queue for bread.",  # after a negative opener
    ],
)
def test_a_verb_before_its_subject_where_english_puts_it_there(sentence):
    assert fluency_findings(sentence) == []


def test_inversion_is_english_only_at_a_question_s_or_negative_opener_s_start():
    from lint.kinds.fluency import _inverted_by_right

    assert _inverted_by_right("Were they friends at that time?", 0)
    assert _inverted_by_right("Never before have we seen it.", 6)
    # A statement, or words past the opening, are read as the model scores them.
    assert not _inverted_by_right("Were they friends at that time.", 0)
    assert not _inverted_by_right("The talks, the minister said, were over is it?", 32)


def test_list_items_and_headings_in_capitals_are_not_read():
    from lint.text.document import Document

    reg = load_registry()
    check = reg.check(reg.get("grammar.fluency"))
    text = (
        "Tips for the walk.\n\n5. Don't forget to bring water\n\nDOES HE HAVE A PLAN FOR THAT?\n\n"
        "Heat is your worst enemy, so don't forget to bring water. The answer came late on Friday."
    )
    read = [sentence for _start, sentence in check.sentences(Document.from_text(text))]
    assert read == [
        "Heat is your worst enemy, so don't forget to bring water.",
        "The answer came late on Friday.",
    ]
    # The model flags the item when it is read ("the sentence stops short").
    assert fluency_findings("Tips for the walk and then 5. Don't forget to bring water") != []


def test_the_conv_model_and_numpy_load_only_for_a_sentence_over_the_gate():
    code = textwrap.dedent(
        """
        import sys
        from lint.text.document import Document
        from lint.engine import Engine, Selection
        from lint.rules.registry import load_registry
        engine = Engine(load_registry(), Selection(select=("grammar.fluency",)))
        engine.lint(Document.from_text("The council met on Monday and agreed the budget for next year."))
        print("numpy" in sys.modules)
        bad = "The mayor said stressed that the bridge would reopen in May."
        print([d.text for d in engine.lint(Document.from_text(bad))], "numpy" in sys.modules)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["False", "['said stressed'] True"]


def test_the_linear_model_alone_is_a_choice_and_an_unknown_model_is_an_error():
    text = "The mayor said stressed that the bridge would reopen in May."
    linear = _fluency(text, rule_params=(("grammar.fluency", (("model", "linear"),)),))
    assert [(d.rule, d.text) for d in linear] == [("grammar.fluency", "said stressed")]
    with pytest.raises(DataError, match="unknown fluency model 'lstm'"):
        _fluency(text, rule_params=(("grammar.fluency", (("model", "lstm"),)),))
