"""Regex existence: every match is a finding; an optional replacement is its fix."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import regex

from ..diagnostics import Span
from ..registry import ParamError
from . import compile_regex, time_budget

_GROUP_REF = regex.compile(r"\\g<([^>]*)>|\\(\d+)")


class PatternCheck:
    def __init__(self, rule):
        p = rule.params
        flags = regex.IGNORECASE if p.get("ignore_case") else 0
        self.rule = rule
        self.pattern = compile_regex("pattern", p["pattern"], flags)
        self.group = p.get("group", 0)
        _check_group(self.pattern, self.group, "group")
        skip = p.get("skip", [])
        self.skip = compile_regex("skip", "|".join(f"(?:{s})" for s in skip), flags) if skip else None
        self.skip_protected = p.get("skip_protected", True)
        self.replacement = p.get("replacement")
        self.applicability = p.get("applicability", "safe")
        if self.replacement is not None:
            for m in _GROUP_REF.finditer(self.replacement):
                _check_group(self.pattern, m.group(1) or int(m.group(2)), "replacement")

    def run(self, doc):
        text = doc.text
        timeout = time_budget(self.rule, text)
        skip_starts: list[int] | None = None
        skip_spans: list[tuple[int, int]] = []
        for m in self.pattern.finditer(text, timeout=timeout):
            start, end = m.span(self.group)
            if start >= end:
                continue
            span = Span(start, end)
            if self.skip_protected and doc.is_protected(span):
                continue
            if self.skip is not None:
                if skip_starts is None:
                    skip_spans = [s.span() for s in self.skip.finditer(text, timeout=timeout)]
                    skip_starts = [s for s, _ in skip_spans]
                if _overlaps_any(span, skip_starts, skip_spans):
                    continue
            fields = {k: v for k, v in m.groupdict().items() if v is not None}
            fields["text"] = m.group(self.group)
            # The replacement stands for the reported span and may use any group.
            replacement = m.expand(self.replacement) if self.replacement is not None else None
            yield self.rule.report(span, replacement=replacement, applicability=self.applicability, **fields)


def _check_group(pattern: regex.Pattern, group: int | str, key: str) -> None:
    known = group in pattern.groupindex if isinstance(group, str) else group <= pattern.groups
    if not known:
        raise ParamError(key, f"the pattern has no group {group!r}")


def _overlaps_any(span: Span, starts: list[int], spans: list[tuple[int, int]]) -> bool:
    # Skip matches are sorted and do not overlap each other: look at the one starting at
    # or before the span, and any starting inside it.
    first = max(bisect_right(starts, span.start) - 1, 0)
    last = bisect_left(starts, span.end)
    return any(s < span.end and span.start < e for s, e in spans[first:last])


compile = PatternCheck
