"""Run the enabled rules over a document. Rules only report; the engine decides what is kept.

The engine knows no rule by name: it selects rules by id or prefix, applies severity
overrides, maps spans to the source file, drops duplicates and orders the findings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Severity, Span
from .document import Document
from .registry import Registry, Rule


def matches(rule_id: str, selector: str) -> bool:
    """``punctuation`` selects ``punctuation.doubled-mark``; so does the full id."""
    return rule_id == selector or rule_id.startswith(selector + ".")


@dataclass
class Selection:
    select: tuple[str, ...] = ()  # empty: every rule enabled by default
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    enable: tuple[str, ...] = ()  # rules to run besides the default ones

    def enabled(self, rule: Rule) -> bool:
        if any(matches(rule.id, s) for s in self.ignore):
            return False
        if self.select:
            # Naming a rule (or its pack, or one id of a family) turns it on even when it
            # is off by default.
            return any(matches(rule.id, s) or s.startswith(rule.id + ".") for s in self.select)
        return rule.enabled or any(matches(rule.id, s) for s in self.enable)

    def keeps(self, diagnostic_id: str) -> bool:
        """For a family rule's findings ("harper.AnA"): selection by the finding's own id."""
        if any(matches(diagnostic_id, s) for s in self.ignore):
            return False
        return not self.select or any(matches(diagnostic_id, s) for s in self.select)

    def unknown(self, registry: Registry) -> list[str]:
        wanted = [*self.select, *self.ignore, *self.severity, *self.enable]
        return [s for s in wanted if not any(_names(r, s) for r in registry)]


def _names(rule: Rule, selector: str) -> bool:
    if matches(rule.id, selector):
        return True
    return selector.startswith(rule.id + ".") and is_family(rule)


def is_family(rule: Rule) -> bool:
    """A rule whose kind reports findings under ids of their own, '<rule id>.<name>'."""
    from .kinds import load_kind

    return bool(getattr(load_kind(rule.kind), "FAMILY", False))


class Engine:
    def __init__(self, registry: Registry, selection: Selection | None = None):
        self.registry = registry
        self.selection = selection or Selection()
        self.rules = [r for r in registry if self.selection.enabled(r)]
        for rule in self.rules:
            registry.check(rule)  # compile up front: a bad rule fails before any file

    def lint(self, doc: Document) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        for rule in self.rules:
            try:
                for d in self.registry.check(rule).run(doc):
                    if d.rule == rule.id or self.selection.keeps(d.rule):
                        found.append(d)
            except TimeoutError:
                found.append(timeout_notice(rule, doc))
        return self.finish(doc, found)

    def finish(self, doc: Document, found: Iterable[Diagnostic]) -> list[Diagnostic]:
        """Map to the source, apply severity overrides, de-duplicate and order."""
        out: dict[tuple, Diagnostic] = {}
        for d in found:
            if doc.placeholders and doc.touches_placeholder(d.span):
                continue  # about an inline code span, which is not prose
            d = to_source(doc, d)
            severity = self._severity(d)
            if severity is not d.severity:
                d = dataclasses.replace(d, severity=severity)
            out.setdefault((d.rule, d.span), d)
        return sorted(out.values(), key=lambda d: (d.span.start, d.span.end, d.rule))

    def _severity(self, d: Diagnostic) -> Severity:
        best = None
        for selector, severity in self.selection.severity.items():
            if matches(d.rule, selector) and (best is None or len(selector) > len(best[0])):
                best = (selector, severity)
        return best[1] if best else d.severity


def to_source(doc: Document, d: Diagnostic) -> Diagnostic:
    """The diagnostic with its span and fix in source offsets, and the source text it covers."""
    span = doc.source_span(d.span)
    fix = d.fix
    if fix is not None:
        # Markup readers keep edits off tags and markers; None: no safe edit exists.
        edits = doc.source_edits(fix.edits)
        fix = None if edits is None else dataclasses.replace(fix, edits=edits)
    return dataclasses.replace(d, span=span, fix=fix, text=doc.source[span.start : span.end])


def timeout_notice(rule: Rule, doc: Document) -> Diagnostic:
    return Diagnostic(
        rule="engine.rule-timeout",
        category="internal",
        severity=Severity.WARNING,
        message=f"rule {rule.id} ran out of time on this file and was stopped; "
        f"its findings here may be incomplete (rule defined in {rule.path}:{rule.line})",
        span=Span(0, 0),
    )
