"""Every rule's own examples, run as tests: the flagged span is exact, the fix round-trips,
and the good examples stay clean."""

from __future__ import annotations

import pytest
from fake_languagetool import FakeLanguageTool

from lint.rule import Context
from lint.rules.registry import load_registry

from helpers import fix as _fix
from helpers import lint as _lint
from helpers import registry

RULES = list(registry())
CASES = [
    pytest.param(rule, i, ex, id=f"{rule.id}[{i}]") for rule in RULES for i, ex in enumerate(rule.examples)
]


@pytest.fixture(scope="module")
def languagetool_registry():
    """LanguageTool's examples run against a stand-in server on loopback (tests/fake_languagetool.py)."""
    with FakeLanguageTool() as server:
        yield load_registry(context=Context(languagetool_url=server.url))


@pytest.mark.parametrize(("rule", "index", "example"), CASES)
def test_example(rule, index, example, request):
    if rule.kind == "languagetool":
        reg = request.getfixturevalue("languagetool_registry")
        check_example(rule, example, reg)
    else:
        check_example(rule, example, None)


def check_example(rule, example, reg):
    def lint(text, select, date=None):
        return _lint(text, select, reg=reg, date=date)

    def fix(text, select, date=None):
        return _fix(text, select, reg=reg, date=date)

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
