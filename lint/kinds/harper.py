"""Harper, the offline grammar checker (harper-py, Rust, no Java, no server), as a kind.

One rule of this kind stands for Harper's own rules: its findings carry ids
``harper.<HarperRule>`` (``harper.PronounVerbAgreement``), so they can be selected and
ignored one by one. The Linter is built once per process (about half a second) and kept.
Spelling is off unless the configuration asks for it: on news copy it flags names; when
it is on, the knowledge base's names are added to Harper's dictionary first.

``enabled_rules`` names the Harper rules that run (an allow-list: each rule costs time on
every text, and most of Harper's fire only on style or on correct copy); ``all`` runs
Harper's own defaults. ``disabled_rules`` then turns rules off. Names this version of Harper
does not know are ignored, so a pack outlives Harper's renames.

Most Harper rules can fire only where some word is present (``as follow`` needs
``follow``). rules/harper/triggers.json, built by tools/harper_triggers.py, gives the rules
whose triggers are rare enough to pay for it the words or patterns one of their findings
must contain: those rules see only the sentences that match (and the sentences next to
them), every other enabled rule sees the whole text, and the gated rules' Linter is built
only when some sentence needs it. bench/harper_prefilter.py checks that the findings are
those of the whole-text run.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import re
from functools import cache

from lint.datafiles.packaged import builtin_pack_dir
from lint.diagnostics import Edit, Span

FAMILY = True  # findings are "<rule id>.<Harper rule name>"


def member_description(rule, name: str) -> str | None:
    """Harper's own description of its rule ``name`` (for ``newslint explain``), None when
    this version of Harper has no such rule."""
    descriptions = _descriptions(rule.params.get("dialect", "american"))
    if name not in descriptions:
        return None
    return f"Harper rule {name}: {descriptions[name]}"


@cache
def _descriptions(dialect: str) -> dict[str, str]:
    import harper

    return harper.Linter(getattr(harper.Dialect, dialect.upper())).get_lint_descriptions()


CATEGORIES = {
    "Spelling": "spelling",
    "Punctuation": "punctuation",
    "Formatting": "punctuation",
    "Style": "style",
    "Readability": "style",
    "Enhancement": "style",
    "Redundancy": "style",
    "Regionalism": "style",
}


@cache
def linter(
    dialect: str, on: tuple[str, ...] | None, off: tuple[str, ...], spelling: bool, words: tuple[str, ...]
):
    """One Linter per configuration; ``on`` None means Harper's default rules."""
    import harper

    linter = harper.Linter(getattr(harper.Dialect, dialect.upper()))
    config = {
        name: (default if on is None else name in on) and name not in off
        for name, default in linter.get_default_lint_config().items()
    }
    config["SpellCheck"] = spelling
    linter.set_lint_config(config)
    if spelling and words:
        linter.import_words(list(words))
    return linter


class HarperCheck:
    def __init__(self, rule, context):
        self.rule = rule
        p = rule.params
        enabled = p.get("enabled_rules", "all")
        self.on = None if enabled == "all" else tuple(sorted(enabled))
        self.off = tuple(sorted(p.get("disabled_rules", [])))
        self.dialect = p.get("dialect", "american")
        self.spelling = bool(getattr(context, "harper_spelling", False))
        self.words = _kb_words(context) if self.spelling else ()

    def run(self, doc):
        # Spelling and Harper's own defaults have no triggers: they see every word.
        if not PREFILTER or self.spelling or self.on is None:
            lint = linter(self.dialect, self.on, self.off, self.spelling, self.words)
            for base, chunk in _chunks(doc):
                yield from self._lint_chunk(lint, base, chunk)
            return
        table = triggers()
        enabled = [name for name in self.on if name not in self.off]
        whole = tuple(name for name in enabled if name not in table.rules)
        gated = frozenset(name for name in enabled if name in table.rules)
        if whole:
            lint = linter(self.dialect, whole, self.off, False, ())
            for base, chunk in _chunks(doc):
                yield from self._lint_chunk(lint, base, chunk)
        if gated:
            lint = None  # built when some sentence needs it
            for base, piece in _triggered(doc, table, gated):
                lint = lint or linter(self.dialect, tuple(sorted(gated)), self.off, False, ())
                yield from self._lint_chunk(lint, base, piece)

    def _lint_chunk(self, lint, base: int, chunk: str):
        for name, lints in lint.organized_lints(chunk).items():
            for found in lints:
                span = Span(base + found.span.start, base + found.span.end)
                suggestions = tuple(_replacement(span, s)[1] for s in found.suggestions)
                edits = None
                if found.suggestions:
                    edit_span, text = _replacement(span, found.suggestions[0])
                    edits = (Edit(edit_span, text),)
                diag = self.rule.report(
                    span,
                    edits=edits,
                    applicability="unsafe",
                    suggestions=suggestions,
                    text=found.problem_text,
                    harper=found.message,
                )
                yield dataclasses.replace(
                    diag, rule=f"{self.rule.id}.{name}", category=CATEGORIES.get(found.lint_kind, "grammar")
                )


PREFILTER = True  # False: every enabled rule sees the whole text (bench/harper_prefilter.py)

TRIGGERS = "harper/triggers.json"


class Triggers:
    """Where a text can trigger Harper's rules. Each rule has ``patterns`` (regular
    expressions): the rule can fire only where one of them matches."""

    def __init__(self, data: dict):
        self.rules = frozenset(data["rules"])
        self.patterns = {name: "|".join(spec["patterns"]) for name, spec in data["rules"].items()}
        self._compiled: dict[frozenset[str], re.Pattern] = {}

    def regex(self, among: frozenset[str]) -> re.Pattern:
        """One expression for the rules of ``among`` (one pass over the text for all)."""
        found = self._compiled.get(among)
        if found is None:
            names = sorted(among & self.rules)
            found = re.compile("|".join(f"(?:{self.patterns[n]})" for n in names) or r"(?!)")
            self._compiled[among] = found
        return found

    def fired(self, text: str, among: frozenset[str]) -> set[str]:
        """The rules of ``among`` that ``text`` can trigger."""
        return {name for name in among & self.rules if self.regex(frozenset([name])).search(text)}

    def fires(self, text: str, among: frozenset[str]) -> bool:
        """Whether ``text`` can trigger any of ``among``."""
        return self.regex(among).search(text) is not None

    def marks(self, text: str, among: frozenset[str]) -> list[tuple[int, int]]:
        """The (start, end) of every place in ``text`` where one of ``among`` can fire."""
        return [m.span() for m in self.regex(among).finditer(text)]


@cache
def triggers() -> Triggers:
    with open(builtin_pack_dir() / TRIGGERS, encoding="utf-8") as f:
        return Triggers(json.load(f))


def segments(doc) -> list[list[Span]]:
    """Each paragraph cut at its sentence starts (so nothing between sentences is lost), and
    a sentence longer than CHUNK at CHUNK characters, as _chunks cuts one."""
    starts = [s.start for s in doc.sentences]
    out = []
    for para in doc.paragraphs:
        cuts = [para.start] + [s for s in starts if para.start < s < para.end] + [para.end]
        cuts = [c for a, b in zip(cuts, cuts[1:], strict=False) for c in range(a, b, CHUNK)] + [para.end]
        out.append([Span(a, b) for a, b in zip(cuts, cuts[1:], strict=False)])
    return out


def _triggered(doc, table: Triggers, among: frozenset[str]):
    """(start, text) for each run of sentences that can trigger one of ``among``, with the
    sentence before and after each (a rule reads the words around its trigger, and
    newslint's sentence ends are not always Harper's: ``detainee 'A' in``). The run is
    linted with all of ``among``: a rule finds nothing in a sentence without its triggers,
    and switching Harper's configuration costs more than it saves."""
    text = doc.text
    marks = table.marks(text, among)
    if not marks:
        return
    starts = [a for a, _ in marks]
    stops = [b for _, b in marks]
    for para in segments(doc):
        if not para:
            continue
        lo, hi = para[0].start, para[-1].end
        # the matches that touch this paragraph (finditer's are sorted and do not overlap)
        j0, j1 = bisect.bisect_right(stops, lo), bisect.bisect_left(starts, hi)
        if j0 >= j1:
            continue
        ends = [s.end for s in para]
        hit = [False] * len(para)
        for a, b in marks[j0:j1]:
            # every piece the match touches
            first = bisect.bisect_right(ends, max(a, lo))
            last = min(bisect.bisect_left(ends, min(b, hi)), len(para) - 1)
            for i in range(first, last + 1):
                hit[i] = True
        if not any(hit):
            continue
        near = [any(hit[max(0, i - 1) : i + 2]) for i in range(len(para))]
        run: list[Span] = []
        for seg, keep in zip(para, near, strict=True):
            if keep and run and seg.end - run[0].start <= CHUNK:
                run.append(seg)
                continue
            if run:
                yield run[0].start, text[run[0].start : run[-1].end]
            run = [seg] if keep else []
        if run:
            yield run[0].start, text[run[0].start : run[-1].end]


CHUNK = 8_000  # characters: Harper's time grows faster than the text on one long line


def _chunks(doc):
    """Whole paragraphs, grouped up to CHUNK characters; a longer paragraph is cut at
    sentence ends (and a longer sentence at CHUNK): each piece is linted on its own."""
    text = doc.text
    pieces: list[Span] = []
    for para in doc.paragraphs:
        if para.end - para.start <= CHUNK:
            pieces.append(para)
            continue
        start = para.start
        for sentence in (s for s in doc.sentences if para.start <= s.start < para.end):
            if sentence.end - start > CHUNK and sentence.start > start:
                pieces.append(Span(start, sentence.start))
                start = sentence.start
            while sentence.end - start > CHUNK:
                pieces.append(Span(start, start + CHUNK))
                start += CHUNK
        pieces.append(Span(start, para.end))
    group: list[Span] = []
    for piece in pieces:
        if group and piece.end - group[0].start > CHUNK:
            yield group[0].start, text[group[0].start : group[-1].end]
            group = []
        group.append(piece)
    if group:
        yield group[0].start, text[group[0].start : group[-1].end]


def _replacement(span: Span, suggestion) -> tuple[Span, str]:
    kind = int(suggestion.kind)
    if kind == 1:  # REMOVE
        return span, ""
    if kind == 2:  # INSERT_AFTER
        return Span(span.end, span.end), suggestion.replacement_text
    return span, suggestion.replacement_text


def _kb_words(context) -> tuple[str, ...]:
    from lint.kb.in_document import knowledge_base

    kb = knowledge_base(context)
    words = {
        w for p in kb.people for s in p.spellings for w in s.replace("-", " ").split() if w[:1].isupper()
    }
    return tuple(sorted(words))


compile = HarperCheck
