"""Harper sees only the sentences that can trigger its rules (rules/harper/triggers.json):
the findings are those of Harper run on the whole text, and a text that triggers nothing
never builds or calls Harper's Linter."""

from __future__ import annotations

import json
import types

import pytest

import lint.kinds.harper as harper_kind
from lint.datafiles.packaged import builtin_pack_dir
from lint.engine import Engine, Selection
from lint.readers import document_from_source

TEXTS = [
    "She ate a apple every morning. The council met on Monday.\n\nI could of gone to the match, he said.",
    "They will discuss about the budget tomorrow. The team lost there own way.",
    "He is suppose to arrive at noon. It went on for along time.",
    "Some one called the office. The results were worse then expected.",
    "The mayor said the plan, albeit late, was a act of good faith.\nIt was an historic win, an hour late.",
    "Rain fell.\n\nThe storm could wreck havoc on the coast. Some how the result was very unique. "
    "Schools shut.",
    # a long paragraph: more than one chunk, sentences far from its start
    ("The board met on Monday and agreed the budget. " * 200) + "Officials said it was a error.",
]

EXPECTED = {
    ("harper.AnA", "a", 8),
    ("harper.ModalOf", "could of", 61),
    ("harper.Discuss", "discuss about", 10),
    ("harper.ThereOwn", "there", 59),
    ("harper.SupposedTo", "suppose to", 6),
    ("harper.ForALongTime", "for along time", 44),
    ("harper.Someone", "Some one", 0),
    ("harper.ThenThan", "then", 51),
    ("harper.AnA", "a", 42),
    # rules gated by the shipped triggers
    ("harper.WreakHavoc", "wreck havoc", 28),
    ("harper.Somehow", "Some how", 54),
    ("harper.VeryUnique", "very unique", 78),
}


def findings(engine: Engine, text: str, prefilter: bool, monkeypatch) -> list[tuple]:
    monkeypatch.setattr(harper_kind, "PREFILTER", prefilter)
    found = engine.lint(document_from_source(text, "a.txt"))
    return sorted(
        (d.rule, d.span.start, d.span.end, d.message, d.suggestions, repr(d.fix))
        for d in found
        if d.rule.startswith("harper")
    )


@pytest.fixture(scope="module")
def engine(registry):
    return Engine(registry, Selection(select=("harper",)))


@pytest.mark.parametrize("text", TEXTS)
def test_prefilter_finds_what_the_whole_text_run_finds(engine, text, monkeypatch):
    whole = findings(engine, text, False, monkeypatch)
    assert findings(engine, text, True, monkeypatch) == whole


def test_the_hand_written_texts_cover_several_rules(engine, monkeypatch):
    got = set()
    for text in TEXTS[:6]:
        for rule, start, end, *_ in findings(engine, text, True, monkeypatch):
            got.add((rule, text[start:end], start))
    assert got >= EXPECTED
    long_text = TEXTS[6]
    spans = [(r, long_text[s:e]) for r, s, e, *_ in findings(engine, long_text, True, monkeypatch)]
    assert spans == [("harper.AnA", "a")]


def _gated_check(registry):
    """The shipped harper rule, with only the Harper rules that have triggers."""
    rule = next(r for r in registry.rules if r.id == "harper")
    gated = sorted(set(rule.params["enabled_rules"]) & harper_kind.triggers().rules)
    params = dict(rule.params, enabled_rules=gated)
    return harper_kind.HarperCheck(types.SimpleNamespace(id=rule.id, params=params, report=rule.report), None)


def _no_linter(monkeypatch):
    import harper

    def refuse(*args, **kwargs):
        raise AssertionError("Harper's Linter was built for a text that triggers none of its rules")

    monkeypatch.setattr(harper, "Linter", refuse)
    harper_kind.linter.cache_clear()


def test_a_text_with_no_trigger_never_builds_the_linter(registry, monkeypatch):
    check = _gated_check(registry)
    _no_linter(monkeypatch)
    doc = document_from_source("Rain fell.\n\nSchools shut early.", "a.txt")
    assert list(check.run(doc)) == []


def test_a_triggered_text_builds_it(registry, monkeypatch):
    check = _gated_check(registry)
    _no_linter(monkeypatch)
    doc = document_from_source("Rain fell.\n\nSchools shut. He is suppose to know.", "a.txt")
    with pytest.raises(AssertionError, match="Linter was built"):
        list(check.run(doc))


def test_triggers_match_split_and_inflected_forms():
    # every derived trigger, those of the rules left whole included
    data = json.loads((builtin_pack_dir() / harper_kind.TRIGGERS).read_text(encoding="utf-8"))
    table = harper_kind.Triggers({"rules": {**data["rules"], **data["whole_text"]}})
    assert "Someone" in table.fired("Some one called.", table.rules)
    assert "Misunderstand" in table.fired("They miss understood it.", table.rules)
    assert "AsOpposedTo" in table.fired("as opposing to", table.rules)
    # two-letter words are whole tokens: "today" does not hold "to"
    assert "ToTooIdioms" not in table.fired("It rained today.", table.rules)
    assert "ToTooIdioms" in table.fired("It went to far.", table.rules)
    # rules without triggers are never gated
    assert "NounVerbConfusion" not in table.rules
