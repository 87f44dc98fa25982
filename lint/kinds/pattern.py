"""Regex existence: every match is a finding; an optional replacement is its fix.

``heads`` (optional) lists the words a match can begin with, in lower case (``discuss*``:
any word that begins so): the pattern is then tried only where such a word starts
(Document.word_starts), not at every character, with the same matches as a scan when every
match begins at one of them (tests/test_pattern_heads.py checks the shipped rules; a rule
whose heads miss a word a match can begin with misses those matches). A long alternation
of phrases costs the `regex` engine a try at each position: on news copy this is 2-8 times
faster for the shipped rules that list heads."""

from __future__ import annotations

import time

import regex

from lint.datafiles import compiled_regex
from lint.diagnostics import Span
from lint.kinds import compile_alternatives, compile_regex, time_budget
from lint.rule import ParamError

SKIP_CONTEXT = 100  # characters searched for a skip pattern on each side of a finding
# Past this many characters a text is scanned, not indexed by its words: the index's
# memory grows with the words (8 MB a million), the scan's does not.
INDEX_LIMIT = 1_000_000
_GROUP_REF = compiled_regex.compile(r"\\g<([^>]*)>|\\(\d+)")


class PatternCheck:
    def __init__(self, rule, context=None):
        p = rule.params
        flags = regex.IGNORECASE if p.get("ignore_case") else 0
        self.rule = rule
        self.pattern = compile_regex("pattern", p["pattern"], flags)
        self.group = p.get("group", 0)
        _check_group(self.pattern, self.group, "group")
        self.skip = compile_alternatives("skip", p.get("skip", []), flags)
        self.skip_protected = p.get("skip_protected", True)
        self.replacement = p.get("replacement")
        self.applicability = p.get("applicability", "safe")
        heads = p.get("heads") or ()
        self.heads = frozenset(h for h in heads if not h.endswith("*")) if heads else None
        self.stems = tuple(h[:-1] for h in heads if h.endswith("*"))
        if self.replacement is not None:
            for m in _GROUP_REF.finditer(self.replacement):
                _check_group(self.pattern, m.group(1) or int(m.group(2)), "replacement")

    def matches(self, doc, timeout: float | None = None):
        """The pattern's matches in ``doc``, in order and not overlapping, as ``finditer``
        gives them; with ``heads``, tried only where a head word starts."""
        text = doc.text
        if self.heads is None or len(text) > INDEX_LIMIT:
            yield from self.pattern.finditer(text, timeout=timeout)
            return
        words = doc.word_starts
        places = [at for w in self.heads.intersection(words) for at in words[w]]
        if self.stems:
            places += [at for w, ats in words.items() if w.startswith(self.stems) for at in ats]
        end = 0
        # The rule's time budget holds for the whole text, as it does for a scan.
        deadline = None if timeout is None else time.monotonic() + timeout
        for at in sorted(set(places)):
            if at < end:
                continue
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise TimeoutError("regex timed out")
            m = self.pattern.match(text, at, timeout=left)
            if m is not None:
                end = max(m.end(), at + 1)
                yield m

    def run(self, doc):
        text = doc.text
        timeout = time_budget(self.rule, text)
        for m in self.matches(doc, timeout):
            start, end = m.span(self.group)
            if start >= end:
                continue
            span = Span(start, end)
            if self.skip_protected and doc.is_protected(span):
                continue
            if self.skip is not None and self._skipped(text, span, timeout):
                continue
            fields = {k: v for k, v in m.groupdict().items() if v is not None}
            fields["text"] = m.group(self.group)
            # The replacement stands for the reported span and may use any group.
            replacement = m.expand(self.replacement) if self.replacement is not None else None
            yield self.rule.report(span, replacement=replacement, applicability=self.applicability, **fields)

    def _skipped(self, text: str, span: Span, timeout: float) -> bool:
        """Whether a ``skip`` match overlaps the span. Skip patterns describe local context
        (an abbreviation, a spaced ellipsis), so only the text around the span is searched."""
        lo, hi = max(0, span.start - SKIP_CONTEXT), min(len(text), span.end + SKIP_CONTEXT)
        return any(
            s.start() < span.end and span.start < s.end()
            for s in self.skip.finditer(text, lo, hi, overlapped=True, timeout=timeout)
        )


def _check_group(pattern: regex.Pattern, group: int | str, key: str) -> None:
    known = group in pattern.groupindex if isinstance(group, str) else group <= pattern.groups
    if not known:
        raise ParamError(key, f"the pattern has no group {group!r}")


compile = PatternCheck
