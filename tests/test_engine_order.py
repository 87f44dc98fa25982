"""A check whose backend is still starting on another thread (Harper's dictionary) runs
after the other checks, which then run meanwhile; the findings come out in text order
whichever check ran first."""

from __future__ import annotations

import dataclasses

from lint.diagnostics import Span
from lint.engine import Engine
from lint.rules.registry import Registry
from lint.text.document import Document


class Recording:
    def __init__(self, rule, ran: list[str], starts_in_background: bool, word: str):
        self.rule, self.ran, self.word = rule, ran, word
        self.starts_in_background = starts_in_background

    def run(self, doc):
        self.ran.append(self.rule.id)
        at = doc.text.index(self.word)
        yield self.rule.report(Span(at, at + len(self.word)))


def test_a_check_starting_in_the_background_runs_after_the_others(registry, monkeypatch):
    base = registry.get("typos.repeated-word")
    rules = [dataclasses.replace(base, id=f"test.{name}") for name in ("backend", "first", "second")]
    ran: list[str] = []
    checks = {
        "test.backend": Recording(rules[0], ran, True, "alpha"),
        "test.first": Recording(rules[1], ran, False, "gamma"),
        "test.second": Recording(rules[2], ran, False, "beta"),
    }
    compiled: list[str] = []
    reg = Registry(rules)
    reg._checks = checks
    real_check = Registry.check

    def check(self, rule):
        if rule.id not in compiled:
            compiled.append(rule.id)
        return real_check(self, rule)

    monkeypatch.setattr(Registry, "check", check)
    engine = Engine(reg)
    # compiled in pack order, so the backend's start overlaps the other checks' compiling
    assert compiled == ["test.backend", "test.first", "test.second"]
    found = engine.lint(Document.from_text("alpha beta gamma"))
    assert ran == ["test.first", "test.second", "test.backend"]
    assert [(d.rule, d.span.start) for d in found] == [
        ("test.backend", 0),
        ("test.second", 6),
        ("test.first", 11),
    ]
