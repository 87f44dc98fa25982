"""The rule model: a rule as data (from a pack), the context code-backed kinds may need,
and the errors a rule pack or a kind's parameters raise. Below the kinds and the registry:
both speak of rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span
from lint.text.document import Document


class ParamError(Exception):
    """Raised by a kind's ``compile`` for a bad parameter; the registry adds the location."""

    def __init__(self, key: str, message: str):
        self.key, self.message = key, message
        super().__init__(f"{key}: {message}")


class Check(Protocol):
    def run(self, doc: Document) -> Iterable[Diagnostic]: ...


@dataclass(frozen=True)
class Rule:
    id: str
    title: str  # one line, for listings and SARIF's short description
    kind: str
    category: str
    severity: Severity
    message: str
    description: str
    params: dict[str, Any]
    examples: tuple[dict[str, Any], ...]
    pack: str
    path: str
    line: int
    enabled: bool = True
    timeout: float | None = None
    # Shipped with newslint (reviewed, tested on hostile input) rather than a user's pack.
    builtin: bool = False
    # Line of each key of the rule, so a bad parameter found at compile time is located.
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def report(
        self,
        span: Span,
        *,
        replacement: str | None = None,
        applicability: str | Applicability = Applicability.SAFE,
        edits: tuple[Edit, ...] | None = None,
        suggestions: tuple[str, ...] | None = None,
        **fields: str,
    ) -> Diagnostic:
        """A diagnostic of this rule; ``fields`` fill the message template."""
        fix = None
        if edits is None and replacement is not None:
            edits = (Edit(span, replacement),)
        if edits:
            fix = Fix(Applicability(applicability), edits)
        if suggestions is None:
            suggestions = (replacement,) if replacement is not None else ()
        return Diagnostic(
            rule=self.id,
            category=self.category,
            severity=self.severity,
            message=self.message.format_map(_Fields(fields)),
            span=span,
            suggestions=suggestions,
            fix=fix,
        )


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Context:
    """What code-backed kinds may need beyond a rule's own parameters."""

    kb_files: tuple[Path, ...] = ()  # the user's own knowledge-base files
    accepted_names: tuple[str, ...] = ()  # names never to flag (house names, brands)
    builtin_kb: bool = True  # False: only the user's files (tests, a desk with its own KB)
    languagetool_url: str | None = None
    harper_spelling: bool = False
    dialect: str | None = None  # house style for the consistency rules: "ap" or "reuters"
    # The configuration's parameters by rule id, laid over the pack's (rule-params).
    rule_params: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
