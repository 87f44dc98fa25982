"""Check kinds: each module turns one rule's parameters into a compiled check.

The map below is the whole set. A kind module exposes ``compile(rule) -> Check`` where a
Check has ``run(doc) -> Iterable[Diagnostic]``. Modules are imported on first use, so a
kind with heavy dependencies costs nothing unless a rule of that kind is enabled.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import regex

from lint.datafiles import compiled_regex
from lint.rule import ParamError

KINDS: dict[str, str] = {
    "pattern": "lint.kinds.pattern",
    "substitution": "lint.kinds.substitution",
    "repetition": "lint.kinds.repetition",
    "consistency": "lint.kinds.consistency",
    "boilerplate": "lint.kinds.boilerplate",
    "boilerplate-model": "lint.kinds.boilerplate_model",
    "balance": "lint.kinds.balance",
    "punctuation": "lint.kinds.punctuation",
    "glued": "lint.kinds.glued",
    "mojibake": "lint.kinds.mojibake",
    "kb-name": "lint.kinds.kb_name",
    "kb-title": "lint.kinds.kb_title",
    "name-spelling": "lint.kinds.name_spelling",
    "kb-undated": "lint.kinds.kb_undated",
    "fragment": "lint.kinds.fragment",
    "lowercase-start": "lint.kinds.lowercase_start",
    "run-on": "lint.kinds.run_on",
    "dropped-subject": "lint.kinds.dropped_subject",
    "question-verb": "lint.kinds.question_verb",
    "agreement": "lint.kinds.agreement",
    "fluency": "lint.kinds.fluency",
    "harper": "lint.kinds.harper",
    "languagetool": "lint.kinds.languagetool",
}


def load_kind(name: str) -> ModuleType:
    try:
        return importlib.import_module(KINDS[name])
    except KeyError:
        raise ParamError("kind", f"unknown kind {name!r}") from None


def compile_regex(key: str, pattern: str, flags: int = 0, **named_lists) -> regex.Pattern:
    try:
        return compiled_regex.compile(pattern, flags, **named_lists)
    except regex.error as err:
        raise ParamError(key, f"invalid regular expression {pattern!r}: {err}") from None


def compile_alternatives(key: str, patterns: list[str], flags: int = 0) -> regex.Pattern | None:
    """One pattern matching any of ``patterns`` (a rule's ``skip`` list), or None for none."""
    if not patterns:
        return None
    return compile_regex(key, "|".join(f"(?:{p})" for p in patterns), flags)


def time_budget(rule, text: str) -> float | None:
    """Seconds a rule's regex may spend on one document: the rule's own ``timeout``, else
    1 s plus 1 s a MB for a user's rule. Shipped rules are reviewed for linear matching and
    tested on hostile input, so they skip the clock, which costs a fifth of a scan."""
    if rule.timeout is not None:
        return rule.timeout
    if rule.builtin:
        return None
    return 1.0 + len(text) / 1_000_000
