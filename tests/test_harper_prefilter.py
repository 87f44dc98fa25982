"""Harper sees only the sentences that can trigger its rules (rules/harper/triggers.json):
the findings are those of Harper run on the whole text, and a text that triggers nothing
never builds or calls Harper's Linter."""

from __future__ import annotations

from pathlib import Path

import pytest

import lint.kinds.harper as harper_kind
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
    """The shipped harper rule (every enabled Harper rule has triggers)."""
    rule = next(r for r in registry.rules if r.id == "harper")
    return harper_kind.HarperCheck(rule, None)


def _fresh_linters(monkeypatch, linter, prewarm: bool):
    """Forget the Linters built so far (once any build under way has ended) and build new
    ones with ``linter``; the check starts one when compiled only with ``prewarm``."""
    import harper

    monkeypatch.setattr(harper_kind, "PREWARM", prewarm)
    with harper_kind._BUILDING:
        monkeypatch.setattr(harper_kind, "_HELD", {})
    monkeypatch.setattr(harper, "Linter", linter)


def _no_linter(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("Harper's Linter was built for a text that triggers none of its rules")

    _fresh_linters(monkeypatch, refuse, prewarm=False)


def test_without_prewarming_a_text_with_no_trigger_never_builds_the_linter(registry, monkeypatch):
    _no_linter(monkeypatch)
    check = _gated_check(registry)
    doc = document_from_source("Rain fell.\n\nSchools shut early.", "a.txt")
    assert list(check.run(doc)) == []


def test_a_triggered_text_builds_it(registry, monkeypatch):
    _no_linter(monkeypatch)
    check = _gated_check(registry)
    doc = document_from_source("Rain fell.\n\nSchools shut. He is suppose to know.", "a.txt")
    with pytest.raises(AssertionError, match="Linter was built"):
        list(check.run(doc))


def test_the_linter_is_built_once_on_a_thread_of_its_own_when_the_check_is_compiled(registry, monkeypatch):
    import threading

    import harper

    built, real = [], harper.Linter

    def counted(*args, **kwargs):
        built.append(threading.current_thread().name)
        return real(*args, **kwargs)

    _fresh_linters(monkeypatch, counted, prewarm=True)
    check = _gated_check(registry)
    doc = document_from_source("Rain fell. He is suppose to know.", "a.txt")
    assert [d.rule for d in check.run(doc)] == ["harper.SupposedTo"]  # waits for the build
    _gated_check(registry)  # a second check of the same configuration builds nothing
    assert built == ["newslint-harper"]


def test_triggers_match_split_and_inflected_forms():
    table = harper_kind.triggers()
    assert "Someone" in table.fired("Some one called.", table.rules)
    assert "Someone" in table.fired("Some-one called.", table.rules)
    assert "Misunderstand" in table.fired("They miss understood it.", table.rules)
    assert "Discuss" in table.fired("They discussed about it.", table.rules)
    # a word is matched whole: "today" does not hold "to", "fro" is not "from"
    assert "ToTooIdioms" not in table.fired("It rained today far away.", table.rules)
    assert "ToTooIdioms" in table.fired("It went to far.", table.rules)
    assert "ForNoun" not in table.fired("It came from him.", table.rules)
    # narrow: the words a finding needs, not each common word of the rule
    assert table.fired("The council met on Monday and said the plan was to go ahead.", table.rules) == set()
    assert table.fired("She ate a apple.", table.rules) == {"AnA"}
    assert table.fired("It was an hour and a half.", table.rules) == {"AnA"}  # sent; Harper decides
    assert "AnA" not in table.fired("It was a good day and an early start.", table.rules)
    assert "AnA" in table.fired("Pixel 3a or 4a", table.rules)  # Harper reads `3a` as 3 and a
    assert table.fired("I could of gone.", table.rules) == {"ModalOf"}
    assert table.fired("the my house", table.rules) == {"TheMy"}


def test_every_enabled_rule_is_gated(registry):
    """No enabled rule reads the whole text: Harper parses only what the triggers send."""
    rule = next(r for r in registry.rules if r.id == "harper")
    assert set(rule.params["enabled_rules"]) <= harper_kind.triggers().rules


FIXTURE = Path(__file__).parent / "data" / "harper_many_rules.txt"

# (rule, flagged text) of the hand-written article: one or two slips for each of 26 rules
FIXTURE_FINDINGS = [
    ("harper.AnA", "a"),
    ("harper.AnA", "an"),
    ("harper.ModalOf", "could of"),
    ("harper.HadOf", "had of"),
    ("harper.Discuss", "discussed about"),
    ("harper.SupposedTo", "suppose to"),
    ("harper.ForALongTime", "for along time"),
    ("harper.Someone", "Some one"),
    ("harper.ThenThan", "then"),
    ("harper.VeryUnique", "very unique"),
    ("harper.AllReady", "all ready"),
    ("harper.TheMy", "the my"),
    ("harper.CorrectNumberSuffix", "th"),
    ("harper.CurrencyPlacement", "5$"),
    ("harper.SinceDuration", "since six years"),
    ("harper.CompoundSubjectI", "me"),
    ("harper.SubjectPronoun", "Me and John"),
    ("harper.IAmAgreement", "I are"),
    ("harper.WreakHavoc", "wreck havoc"),
    ("harper.Somehow", "Some how"),
    ("harper.APart", "a part from"),
    ("harper.ApartFrom", "form"),
    ("harper.BareInMind", "bare in mind"),
    ("harper.ModalOf", "should of"),
    ("harper.ProgressiveNeedsBe", "I have"),
    ("harper.ThereOwn", "there"),
    ("harper.SomeWithoutArticle", "the some"),
]


def test_shipped_triggers_keep_the_findings_on_an_article_of_many_slips(engine, monkeypatch):
    text = FIXTURE.read_text(encoding="utf-8")
    whole = findings(engine, text, False, monkeypatch)
    gated = findings(engine, text, True, monkeypatch)
    assert gated == whole
    got = [(rule, text[start:end], start) for rule, start, end, *_ in gated]
    assert sorted((r, t) for r, t, _ in got) == sorted(FIXTURE_FINDINGS)
    # exact offsets of a few
    assert ("harper.AnA", "a", text.index("a important")) in got
    assert ("harper.CorrectNumberSuffix", "th", text.index("3th") + 1) in got
    assert ("harper.SubjectPronoun", "Me and John", text.index("Me and John")) in got


def pieces_sent(text: str) -> list[tuple]:
    """(start, text, rules) of each run of sentences Harper is sent, every rule gated."""
    table = harper_kind.triggers()
    return list(harper_kind._triggered(document_from_source(text, "a.txt"), table, table.rules))


def test_only_the_triggered_sentences_and_their_neighbours_are_sent():
    text = (
        "Rain fell. Schools shut. Buses ran late. Shops stayed open. "
        "He could of known. Roads were clear. Trains ran. Ferries sailed. The port shut."
    )
    sent = pieces_sent(text)
    start = text.index("Shops")
    assert sent == [(start, text[start : text.index("Trains")], frozenset({"ModalOf"}))]


def test_a_match_far_from_its_sentence_edges_sends_that_sentence_alone():
    text = (
        "Rain fell across the region. On Monday the council said that it could of known about "
        "the flooding in the lower town many weeks earlier. Roads were clear."
    )
    sent = pieces_sent(text)
    start = text.index("On Monday")
    assert sent == [(start, text[start : text.index("Roads")], frozenset({"ModalOf"}))]


def test_the_word_lookup_finds_every_match_a_plain_scan_finds():
    """marks() tries most patterns only where a word they can begin with starts: it must
    find every match re.finditer finds, rule by rule."""
    import re

    table = harper_kind.triggers()
    text = FIXTURE.read_text(encoding="utf-8") + "\n\n" + "\n\n".join(TEXTS[:6])
    text += "\n\nThe 21th and 3st, $ 5 and 5$; don;t. Bigger  then. Me and him went. Some-where, any where."
    for name in sorted(table.rules):
        plain = {m.span() for p in table.patterns[name] for m in re.finditer(p, text)}
        found = {(a, b) for a, b, _ in table.marks(text, frozenset([name]))}
        assert plain <= found, name
        for a, _ in found:
            assert any(re.compile(p).match(text, a) for p in table.patterns[name]), name


def test_where_harper_reads_the_text_before_the_whole_chunk_is_sent(engine, monkeypatch):
    """AnA stops at `a URL` (a word Harper hears either way) for the rest of the text it
    is given, so the later `a apple` and `a orange` go unflagged in the whole-text run: the
    pre-filter must not find them either."""
    filler = "Rain fell on the town. " * 8
    first = "Visit a URL for details. " + filler + "\n\nShe ate a apple."
    assert findings(engine, first, True, monkeypatch) == findings(engine, first, False, monkeypatch) == []
    second = "She ate a apple. " + filler + "\n\nVisit a URL for details.\n\n" + filler + "He had a orange."
    gated = findings(engine, second, True, monkeypatch)
    assert gated == findings(engine, second, False, monkeypatch)
    assert [(rule, start) for rule, start, *_ in gated] == [("harper.AnA", second.index("a apple"))]


def test_the_shipped_heads_are_the_ones_the_tool_works_out_from_the_patterns():
    """The words each trigger pattern can begin with are data beside the pattern, written by
    tools/harper_triggers.py: they must be what the tool gives for the shipped patterns, or
    the word lookup would miss places a pattern matches."""
    import importlib.util

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("harper_triggers", root / "tools" / "harper_triggers.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    table = harper_kind.triggers()
    for name in sorted(table.rules):
        expected = [tool._heads(p) for p in table.patterns[name]]
        assert table.heads[name] == [None if h is None else [list(x) for x in h] for h in expected], name
    assert tool._heads(tool.B + "could" + tool.S + "of" + tool.E) == [("could", True)]
    assert tool._heads(tool.B + "accus") == [("accus", False)]  # a stem: any word it begins
    assert tool._heads("(?i:" + tool.B + "(?:some|any)" + tool.E + ")") == [("some", True), ("any", True)]
    assert tool._heads(r"\d+th") is None  # begins with a digit: scanned for
