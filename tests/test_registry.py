"""Rule packs: strict validation, and errors that name the file, the line and the key."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from lint.datafiles.strict import DataError
from lint.rules.registry import load_registry, parse_pack

from helpers import GOOD_RULE


def error_of(text: str) -> DataError:
    with pytest.raises(DataError) as info:
        parse_pack(textwrap.dedent(text), "house.yaml")
    return info.value


def test_a_good_pack_loads():
    [rule] = parse_pack(GOOD_RULE, "house.yaml")
    assert (rule.id, rule.kind, rule.line) == ("house.no-alot", "substitution", 3)


def test_unknown_key_names_file_line_and_key():
    err = error_of(GOOD_RULE.replace("    swap:", "    swapp: {x: y}\n    swap:"))
    assert (err.path, err.line) == ("house.yaml", 10)
    assert "unknown key 'swapp'" in err.message and "rules[0]" in err.message


def test_key_of_another_kind_is_rejected():
    err = error_of(GOOD_RULE.replace("    swap:", "    pattern: 'x'\n    swap:"))
    assert err.line == 10 and "unknown key 'pattern'" in err.message


def test_missing_required_key():
    err = error_of(GOOD_RULE.replace("    severity: warning\n", ""))
    assert err.line == 3 and "'severity' is a required property" in err.message


def test_bad_enum_value_points_at_its_line():
    err = error_of(GOOD_RULE.replace("severity: warning", "severity: fatal"))
    assert err.line == 7 and "severity" in err.message and "fatal" in err.message


def test_yaml_syntax_error_has_a_line():
    err = error_of(GOOD_RULE.replace("    kind: substitution", "    kind: [substitution"))
    assert err.line is not None and err.line >= 4


def test_duplicate_key_is_an_error_not_a_silent_overwrite():
    err = error_of(GOOD_RULE.replace("    category: spelling", "    category: spelling\n    category: style"))
    assert err.line == 7 and "duplicate key 'category'" in err.message


def test_yaml_boolean_trap_is_reported():
    err = error_of(GOOD_RULE.replace("swap: {alot: a lot}", "swap: {alot: no}"))
    assert "False is not of type 'string'" in err.message


def test_bad_regex_is_reported_at_compile_time_with_its_line(tmp_path):
    pack = tmp_path / "house.yaml"
    pack.write_text(
        GOOD_RULE.replace("kind: substitution", "kind: pattern").replace(
            "    swap: {alot: a lot}", "    pattern: 'al(ot'\n    replacement: 'a lot'"
        )
    )
    registry = load_registry([pack], builtin=False)
    with pytest.raises(DataError) as info:
        registry.compile_all()
    assert info.value.line == 10 and "invalid regular expression" in info.value.message


def test_replacement_naming_a_missing_group(tmp_path):
    pack = tmp_path / "house.yaml"
    pack.write_text(
        GOOD_RULE.replace("kind: substitution", "kind: pattern").replace(
            "    swap: {alot: a lot}", "    pattern: 'alot'\n    replacement: '\\g<word>'"
        )
    )
    with pytest.raises(DataError) as info:
        load_registry([pack], builtin=False).compile_all()
    assert info.value.line == 11 and "no group 'word'" in info.value.message


def test_duplicate_rule_id_across_packs(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD_RULE)
    (tmp_path / "b.yaml").write_text(GOOD_RULE)
    with pytest.raises(DataError) as info:
        load_registry([tmp_path], builtin=False)
    assert "duplicate rule id house.no-alot" in str(info.value) and "a.yaml:3" in str(info.value)


def test_cli_exits_2_with_file_line_and_key(tmp_path):
    pack = tmp_path / "house.yaml"
    pack.write_text(GOOD_RULE.replace("    swap:", "    swapp: {x: y}\n    swap:"))
    config = tmp_path / ".newslint.toml"
    config.write_text('rule-packs = ["house.yaml"]\n')
    article = tmp_path / "a.txt"
    article.write_text("Fine.\n")
    run = subprocess.run(
        [sys.executable, "-m", "lint", "check", "--config", str(config), str(article)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2
    assert f"{pack}:10: rules[0]: unknown key 'swapp'" in run.stderr


def test_builtin_packs_all_compile(registry):
    registry.compile_all()
    assert len(registry) >= 15
    assert {r.pack for r in registry} >= {"punctuation", "boilerplate", "consistency", "typos"}
