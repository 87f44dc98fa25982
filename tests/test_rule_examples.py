"""Every rule's own examples, run as tests: the flagged span is exact, the fix round-trips,
and the good examples stay clean."""

from __future__ import annotations

import pytest

from helpers import fix, lint, registry

RULES = list(registry())
CASES = [
    pytest.param(rule, i, ex, id=f"{rule.id}[{i}]") for rule in RULES for i, ex in enumerate(rule.examples)
]


@pytest.mark.parametrize(("rule", "index", "example"), CASES)
def test_example(rule, index, example):
    if "good" in example:
        found = lint(example["good"], (rule.id,), date=example.get("date"))
        assert found == [], f"{rule.id} flags its good example: {[d.text for d in found]}"
        return
    bad, flagged = example["bad"], example["flagged"]
    start = example.get("offset", bad.find(flagged))
    assert bad[start : start + len(flagged)] == flagged, "example's 'flagged' is not in 'bad'"
    date = example.get("date")
    found = lint(bad, (rule.id,), date=date)
    assert [(d.span.start, d.span.end, d.text) for d in found] == [(start, start + len(flagged), flagged)]
    [diag] = found
    assert diag.category == rule.category and diag.severity == rule.severity
    if diag.fix is None:
        assert "fixed" not in example, "example shows a fix the rule does not offer"
        return
    assert "fixed" in example, f"{rule.id} offers a fix: its example must show the fixed text"
    fixed = fix(bad, (rule.id,), date=date)
    assert fixed == example["fixed"]
    assert lint(fixed, (rule.id,), date=date) == [], "the fix must remove the finding"


def test_every_rule_has_bad_and_good_examples():
    for rule in RULES:
        kinds = {"good" if "good" in ex else "bad" for ex in rule.examples}
        assert kinds == {"good", "bad"}, f"{rule.id} needs both bad and good examples"
