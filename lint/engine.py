"""Run the enabled rules over a document. Rules only report; the engine decides what is kept.

The engine knows no rule by name: it selects rules by id or prefix (and per file, the
configuration's per-file-ignores), applies severity overrides, maps spans to the source
file, applies suppression comments (lint/suppressions.py), drops duplicates and orders the
findings.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from lint.diagnostics import Diagnostic, Severity, Span
from lint.rule import Rule
from lint.rules.registry import Registry
from lint.suppressions import apply as apply_suppressions
from lint.text.document import Document

MAX_PER_RULE = 1000  # findings of one rule kept for one file; the rest are counted


def matches(rule_id: str, selector: str) -> bool:
    """``punctuation`` selects ``punctuation.doubled-mark``; so does the full id."""
    return rule_id == selector or rule_id.startswith(selector + ".")


@dataclass
class Selection:
    select: tuple[str, ...] = ()  # empty: every rule enabled by default
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    enable: tuple[str, ...] = ()  # rules to run besides the default ones
    # (glob, rule ids or prefixes): rules ignored in the files the glob matches, the glob
    # relative to ``root`` (the configuration file's folder; None: the working folder).
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    root: str | None = None

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
        wanted += [s for _, ids in self.per_file_ignores for s in ids if s not in wanted]
        return [s for s in wanted if not any(_names(r, s) for r in registry)]

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """The per-file-ignores that apply to the file at ``path``."""
        if not self.per_file_ignores or path in ("", "-", "<stdin>"):
            return ()
        rel = os.path.relpath(os.path.abspath(path), self.root or os.getcwd()).replace(os.sep, "/")
        out: list[str] = []
        for pattern, ids in self.per_file_ignores:
            if glob_match(pattern, rel):
                out.extend(s for s in ids if s not in out)
        return tuple(out)


def glob_match(pattern: str, rel: str) -> bool:
    """Whether a path relative to the configuration's folder (with ``/``) matches a
    per-file-ignores glob, with .gitignore's rules: ``*`` within a folder, ``**`` across
    folders, ``?``, ``[...]``; a glob without ``/`` matches a name in any folder; a folder
    (``drafts/``) matches everything under it."""
    return _gitignore_spec(pattern.removeprefix("./")).match_file(rel)


@cache
def _gitignore_spec(pattern: str):
    import pathspec  # only a configuration with per-file-ignores needs it

    return pathspec.GitIgnoreSpec.from_lines([pattern])


def _names(rule: Rule, selector: str) -> bool:
    if matches(rule.id, selector):
        return True
    return selector.startswith(rule.id + ".") and is_family(rule)


def is_family(rule: Rule) -> bool:
    """A rule whose kind reports findings under ids of their own, '<rule id>.<name>'."""
    from lint.kinds import load_kind

    return bool(getattr(load_kind(rule.kind), "FAMILY", False))


class Engine:
    def __init__(
        self,
        registry: Registry,
        selection: Selection | None = None,
        *,
        report_unused_suppressions: bool = False,
        max_per_rule: int = MAX_PER_RULE,
    ):
        self.registry = registry
        self.max_per_rule = max_per_rule
        self.selection = selection or Selection()
        self.report_unused_suppressions = report_unused_suppressions
        self._known: dict[str, bool] = {}
        self.rules = [r for r in registry if self.selection.enabled(r)]
        for rule in self.rules:
            registry.check(rule)  # compile up front: a bad rule fails before any file
        # A check whose backend is still starting on another thread (Harper's dictionary)
        # runs after the others, which then run meanwhile. Findings are sorted at the end.
        self.rules.sort(key=lambda r: bool(getattr(registry.check(r), "starts_in_background", False)))
        # Rules whose check defers: a finding of theirs on words that another rule's error
        # or warning covers too (of one category, where the check names it) is dropped:
        # one finding, the precise one.
        self._deferring = {
            r.id: defers for r in self.rules if (defers := getattr(registry.check(r), "defers", False))
        }

    def lint(self, doc: Document) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        # A file of many articles: each is checked on its own (its own date, its own
        # names and spellings); its findings are moved back to its place and name it.
        for article, part in doc.parts():
            if article is None:
                found.extend(self._check(part))
            else:
                found.extend(
                    dataclasses.replace(d.shifted(article.span.start), article=article.ref)
                    for d in self._check(part)
                )
        return self.finish(doc, _drop_deferred(found, self._deferring))

    def _check(self, doc: Document) -> list[Diagnostic]:
        """What the rules report on one article, in its text's offsets."""
        found: list[Diagnostic] = []
        off = self.selection.ignored_for(doc.path)
        cap = self.max_per_rule
        for rule in self.rules:
            if off and any(matches(rule.id, s) for s in off):
                continue
            counts: dict[str, int] = {}
            first_over: dict[str, Diagnostic] = {}
            try:
                for d in self.registry.check(rule).run(doc):
                    if off and any(matches(d.rule, s) for s in off):
                        continue
                    if d.rule == rule.id or self.selection.keeps(d.rule):
                        # Past the cap a finding is counted, not kept: memory stays bounded.
                        n = counts[d.rule] = counts.get(d.rule, 0) + 1
                        if n <= cap:
                            found.append(d)
                        elif n == cap + 1:
                            first_over[d.rule] = d
            except TimeoutError:
                found.append(timeout_notice(rule, doc))
            except Exception as err:  # one rule's bug must not cost the file its other findings
                found.append(rule_error(rule.id, err, f" (rule defined in {rule.path}:{rule.line})"))
            for rule_id, d in first_over.items():
                found.append(capped_notice(d, counts[rule_id] - cap, cap))
        return found

    def finish(self, doc: Document, found: Iterable[Diagnostic]) -> list[Diagnostic]:
        """Map to the source, apply suppression comments and severity overrides,
        de-duplicate and order."""
        mapped = []
        failed: set[str] = set()
        for d in found:
            try:
                if doc.placeholders and doc.touches_placeholder(d.span):
                    continue  # about an inline code span, which is not prose
                mapped.append(to_source(doc, d))
            except Exception as err:  # a finding that cannot be placed in the source
                if d.rule not in failed:
                    failed.add(d.rule)
                    mapped.append(rule_error(d.rule, err))
        kept = apply_suppressions(doc, mapped, self.known, self.report_unused_suppressions)
        out: dict[tuple, Diagnostic] = {}
        for d in kept:
            severity = self._severity(d)
            if severity is not d.severity:
                d = dataclasses.replace(d, severity=severity)
            out.setdefault((d.rule, d.span), d)
        return sorted(out.values(), key=lambda d: (d.span.start, d.span.end, d.rule))

    def known(self, selector: str) -> bool:
        """Whether a rule id or prefix (in a suppression comment) names any rule."""
        if selector not in self._known:
            self._known[selector] = any(matches(i, selector) for i in ENGINE_IDS) or any(
                _names(r, selector) for r in self.registry
            )
        return self._known[selector]

    def _severity(self, d: Diagnostic) -> Severity:
        best = None
        for selector, severity in self.selection.severity.items():
            if matches(d.rule, selector) and (best is None or len(selector) > len(best[0])):
                best = (selector, severity)
        return best[1] if best else d.severity


def _drop_deferred(found: list[Diagnostic], deferring: dict[str, bool | str]) -> list[Diagnostic]:
    if not deferring or not any(d.rule in deferring for d in found):
        return found
    # Any error or warning of another rule on the same words names the fault more precisely.
    others = [d for d in found if d.rule not in deferring and d.severity is not Severity.INFO]

    def covered(d: Diagnostic) -> bool:
        to = deferring[d.rule]
        return any(
            o.span.start < d.span.end and d.span.start < o.span.end and (to is True or o.category == to)
            for o in others
        )

    return [d for d in found if d.rule not in deferring or not covered(d)]


def to_source(doc: Document, d: Diagnostic) -> Diagnostic:
    """The diagnostic with its span and fix in source offsets, and the source text it covers."""
    span = doc.source_span(d.span)
    fix = d.fix
    if fix is not None:
        # Markup readers keep edits off tags and markers; None: no safe edit exists.
        edits = doc.source_edits(fix.edits)
        fix = None if edits is None else dataclasses.replace(fix, edits=edits)
    return dataclasses.replace(d, span=span, fix=fix, text=doc.source[span.start : span.end])


def capped_notice(first: Diagnostic, more: int, cap: int) -> Diagnostic:
    """One finding, where the first unlisted one is, for the findings past the cap."""
    return dataclasses.replace(
        first,
        message=f"{more} more finding{'s' if more != 1 else ''} of {first.rule} in this file, "
        f"from here on, not listed (at most {cap} of one rule in one file)",
        suggestions=(),
        fix=None,
    )


# What the engine itself reports about a rule; a suppression comment may name them.
ENGINE_IDS = ("engine.rule-timeout", "engine.rule-error")


def rule_error(rule_id: str | None, err: BaseException, where: str = "") -> Diagnostic:
    """A rule (or the placing of its finding) raised: the file's other findings stand.
    ``rule_id`` None: what failed is the checking of the file itself (reading, fixing)."""
    reason = " ".join(f"{type(err).__name__}: {err}".split())
    if len(reason) > 200:
        reason = reason[:199] + "…"
    return Diagnostic(
        rule="engine.rule-error",
        category="internal",
        severity=Severity.ERROR,
        message=f"rule {rule_id} failed on this file ({reason}); its findings here are "
        f"missing or incomplete{where}"
        if rule_id
        else f"checking this file failed ({reason}); its findings are missing or incomplete",
        span=Span(0, 0),
    )


def timeout_notice(rule: Rule, doc: Document) -> Diagnostic:
    return Diagnostic(
        rule="engine.rule-timeout",
        category="internal",
        severity=Severity.WARNING,
        message=f"rule {rule.id} ran out of time on this file and was stopped; "
        f"its findings here may be incomplete (rule defined in {rule.path}:{rule.line})",
        span=Span(0, 0),
    )
