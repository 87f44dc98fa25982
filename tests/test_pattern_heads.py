"""A pattern rule with ``heads`` is tried only where one of those words starts: its matches
must be those of a scan of the whole text, for every shipped rule that lists them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint.api import lint_text
from lint.text.document import Document

ROOT = Path(__file__).resolve().parent.parent
# Hand-written cases at the edges: capitals, a word glued to an underscore or a digit, a
# stem inside a longer word, matches next to each other, a match at the very start or end.
EDGES = [
    "In the frame of the deal, they has left. Discussed about it? We was there, she have gone.",
    "_they has gone; 5the suspect main; the_suspect main; x_in the aim of helping.",
    "Rely from me. Relying from them is odd. The relative main; The the of the.",
    "He said the deal was done, he said. She said she said it. Is this the one you wanted.",
    "a the of the\nthe of\nAn for of a with the from from which he came from.",
    "Well very good, badly very. Also the firm has grown. Only then the board has met.",
    "They accused the firm to have hidden losses and fined the bank twice to pollute the river.",
]


def texts() -> list[str]:
    out = list(EDGES)
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        out.append(path.read_text(encoding="utf-8"))  # every example, bad and good, and more
    for name in ("garbled.jsonl", "clean-tricky.jsonl"):
        with (ROOT / "bench" / "data" / name).open(encoding="utf-8") as f:
            out.append("\n\n".join(json.loads(line)["text"] for line in f if line.strip()))
    out += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data").glob("*.txt"))]
    out += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return out


def headed_rules(registry):
    return [rule for rule in registry if rule.kind == "pattern" and rule.params.get("heads")]


def test_the_costly_pattern_rules_list_their_heads(registry):
    ids = {rule.id for rule in headed_rules(registry)}
    assert {"grammar.wrong-preposition", "grammar.word-order", "grammar.pronoun-agreement"} <= ids


@pytest.mark.parametrize("n", range(len(EDGES) + 1))
def test_matches_at_the_heads_are_the_matches_of_a_whole_scan(registry, n):
    chosen = texts() if n == len(EDGES) else [EDGES[n]]
    for rule in headed_rules(registry):
        check = registry.check(rule)
        for text in chosen:
            doc = Document.from_text(text)
            scanned = [m.span() for m in check.pattern.finditer(doc.text)]
            tried = [m.span() for m in check.matches(doc)]
            assert tried == scanned, rule.id


def test_a_stem_head_finds_every_word_it_begins():
    found = lint_text(
        "They discussed about it; she discusses about it.", select=["grammar.wrong-preposition"]
    )
    assert [(d.rule, d.span.start, d.span.end) for d in found] == [
        ("grammar.wrong-preposition", 5, 20),
        ("grammar.wrong-preposition", 29, 44),
    ]


def test_words_are_indexed_in_lower_case_with_their_starts():
    doc = Document.from_text("In the end, in_the mood: IN 2024 the end.")
    assert list(doc.word_starts["in"]) == [0, 12, 25]
    assert list(doc.word_starts["the"]) == [3, 15, 33]
    assert list(doc.word_starts["2024"]) == [28]


def test_the_time_budget_holds_for_the_whole_text_not_for_each_head(registry):
    """A user's rule with heads and a pattern that backtracks: its budget is spent once for
    the text (then the engine reports the timeout), not once per head word."""
    import time
    from types import SimpleNamespace

    from lint.kinds.pattern import PatternCheck

    rule = SimpleNamespace(id="slow.heads", params={"pattern": "(a|a)+b", "heads": ["a*"]}, timeout=0.3)
    check = PatternCheck(rule)
    # Forty places, each a tenth of a second of backtracking: under the budget one by one,
    # four seconds together.
    doc = Document.from_text(" ".join(["a" * 19] * 40))
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        list(check.matches(doc, timeout=0.3))
    assert time.monotonic() - started < 2  # a hang detector, not a speed target
