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
    """Which Harper rules a text can trigger. A rule fires only on text holding one of its
    ``words`` (a token, or two or three adjacent tokens joined, that begins with the word:
    ``any where`` holds ``anywhere``; a word of one or two letters is matched as a whole
    token, so ``to`` is not found in ``today``) or matching one of its ``patterns``."""

    def __init__(self, data: dict):
        self.rules = frozenset(data["rules"])
        self.by_prefix: dict[str, set[str]] = {}
        self.by_token: dict[str, set[str]] = {}
        self.longest = 3
        patterns: dict[str, list[str]] = {}
        for name, spec in data["rules"].items():
            for word in spec.get("words", ()):
                if len(word) <= 2:
                    self.by_token.setdefault(word, set()).add(name)
                    continue
                self.by_prefix.setdefault(word, set()).add(name)
                self.longest = max(self.longest, len(word))
            for pattern in spec.get("patterns", ()):
                patterns.setdefault(name, []).append(pattern)
        self.patterns = [(re.compile("|".join(ps)), name) for name, ps in patterns.items()]

    def fired(self, text: str, among: frozenset[str]) -> set[str]:
        """The rules of ``among`` that ``text`` can trigger."""
        out: set[str] = set()
        for names in self._hits(text, among):
            out |= names
        return out & among

    def fires(self, text: str, among: frozenset[str]) -> bool:
        """Whether ``text`` can trigger any of ``among`` (stops at the first)."""
        return any(not names.isdisjoint(among) for names in self._hits(text, among))

    def _hits(self, text: str, among: frozenset[str]):
        tokens = _TOKEN.findall(text.lower())
        longest, by_prefix, by_token = self.longest, self.by_prefix, self.by_token
        for i, token in enumerate(tokens):
            if token in by_token:
                yield by_token[token]
            pair = token + tokens[i + 1] if i + 1 < len(tokens) else ""
            triple = pair + tokens[i + 2] if i + 2 < len(tokens) else ""
            for form in (token, pair, triple):
                for k in range(3, min(len(form), longest) + 1):
                    names = by_prefix.get(form[:k])
                    if names:
                        yield names
        for pattern, name in self.patterns:
            if name in among and pattern.search(text):
                yield {name}


_TOKEN = re.compile(r"[^\W_]+")


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
    for para in segments(doc):
        hit = [table.fires(text[s.start : s.end], among) for s in para]
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
