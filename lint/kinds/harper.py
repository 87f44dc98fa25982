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

A Harper rule can fire only where some words stand together (``could of``, ``the my``, ``a``
before a vowel). rules/harper/triggers.json, built by tools/harper_triggers.py, gives every
enabled rule patterns that match wherever one of its findings can be: Harper is sent only the
sentences that match (with the sentences next to them), which on news copy is an eighth of the
text, each run of sentences with only the rules it triggers. A rule without triggers (one a
user's pack enables) sees the whole text. bench/harper_prefilter.py checks that the findings
are those of the whole-text run. The Linter is built on a thread of its own as soon as the
check is compiled (``prewarm``), so that its half second overlaps the rest of the start.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import os
import re
import threading
from collections.abc import Sequence
from functools import cache

from lint.datafiles.packaged import builtin_pack_dir
from lint.diagnostics import Edit, Span
from lint.text.document import word_starts

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
    held = _held(dialect, False, ())  # the Linter the checks use, not a second half-second build
    with held.lock:
        return held.linter.get_lint_descriptions()


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


def organized_lints(
    dialect: str, on, off: tuple[str, ...], spelling: bool, words: tuple[str, ...], text: str
):
    """Harper's findings in ``text`` by rule, with the rules ``on`` (None: Harper's default
    rules) but not ``off``, for ``dialect`` and the dictionary (spelling and the added words).

    Only the first Linter is slow to build (about half a second) and Harper's rules keep what
    they learn on first use, so one Linter is kept and its configuration switched (a
    fraction of a millisecond) when a call asks for other rules."""
    held = _held(dialect, spelling, words)
    with held.lock:  # a Linter is not thread-safe, and the configuration is shared
        if held.key != (on, off):
            chosen = held.defaults if on is None else dict.fromkeys(on, True)
            config = {name: False for name in held.defaults}
            config.update((n, True) for n, yes in chosen.items() if yes and n in config and n not in off)
            held.linter.set_lint_config(config | {"SpellCheck": spelling})
            held.key = (on, off)
        return held.linter.organized_lints(text)


@dataclasses.dataclass
class _Held:
    linter: object
    defaults: dict[str, bool]
    key: tuple | None = None
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)


_HELD: dict[tuple, _Held] = {}
_BUILDING = threading.Lock()


def _held(dialect: str, spelling: bool, words: tuple[str, ...]) -> _Held:
    key = (dialect, spelling, words)
    with _BUILDING:  # one Linter per key, whichever thread asks first builds it
        held = _HELD.get(key)
        if held is None:
            import harper

            linter = harper.Linter(getattr(harper.Dialect, dialect.upper()))
            if spelling and words:
                linter.import_words(list(words))
            held = _HELD[key] = _Held(linter, linter.get_default_lint_config())
        return held


# Building the first Linter takes half a second of Rust with Python's lock released, so a
# check starts it on a thread of its own when it is compiled: the build then overlaps the
# rest of the start (imports, the packs, the knowledge base) on a second core. A run whose
# text triggers no Harper rule waits for the build at exit.
PREWARM = True


def prewarm(dialect: str, spelling: bool, words: tuple[str, ...]) -> None:
    if PREWARM and (dialect, spelling, words) not in _HELD:
        threading.Thread(target=_held, args=(dialect, spelling, words), name="newslint-harper").start()


# A process forked in the middle of a build would inherit Harper's half-built dictionary
# (Rust statics another thread was filling) and wait for it forever: a fork waits for the
# build to end, and the child builds its own Linter (from the finished dictionary).
def _before_fork() -> None:
    _BUILDING.acquire()


def _after_fork_in_parent() -> None:
    _BUILDING.release()


def _after_fork_in_child() -> None:
    global _BUILDING
    _BUILDING = threading.Lock()
    _HELD.clear()


os.register_at_fork(
    before=_before_fork, after_in_parent=_after_fork_in_parent, after_in_child=_after_fork_in_child
)


class HarperCheck:
    starts_in_background = PREWARM  # the engine runs it after the other checks

    def __init__(self, rule, context):
        self.rule = rule
        p = rule.params
        enabled = p.get("enabled_rules", "all")
        self.on = None if enabled == "all" else tuple(sorted(enabled))
        self.off = tuple(sorted(p.get("disabled_rules", [])))
        self.dialect = p.get("dialect", "american")
        self.spelling = bool(getattr(context, "harper_spelling", False))
        self.words = _kb_words(context) if self.spelling else ()
        prewarm(self.dialect, self.spelling, self.words)

    def run(self, doc):
        # Spelling and Harper's own defaults have no triggers: they see every word.
        if not PREFILTER or self.spelling or self.on is None:
            for base, chunk in _chunks(doc):
                yield from self._lint_chunk(self.on, base, chunk)
            return
        table = triggers()
        enabled = [name for name in self.on if name not in self.off]
        whole = tuple(name for name in enabled if name not in table.rules)
        gated = frozenset(name for name in enabled if name in table.rules)
        if whole:
            for base, chunk in _chunks(doc):
                yield from self._lint_chunk(whole, base, chunk)
        if gated:
            # Without prewarming, Harper's Linter is built only when some sentence needs it.
            marks = table.chunk_marks(doc.text, gated)
            whole_chunks = [
                (base, chunk)
                for base, chunk in (_chunks(doc) if marks else ())
                if any(base <= a < base + len(chunk) for a, _ in marks)
            ]
            for base, chunk in whole_chunks:
                yield from self._lint_chunk(tuple(sorted(gated)), base, chunk)
            skip = [Span(base, base + len(chunk)) for base, chunk in whole_chunks]
            for base, piece, fired in _triggered(doc, table, gated, skip):
                yield from self._lint_chunk(tuple(sorted(fired)), base, piece)

    def _lint_chunk(self, on, base: int, chunk: str):
        found_by_rule = organized_lints(self.dialect, on, self.off, self.spelling, self.words, chunk)
        for name, lints in found_by_rule.items():
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
    expressions): the rule can fire only where one of them matches.

    Scanning the text with every pattern is slow (Python's ``re`` tries each alternative at
    each character), so the patterns that begin at a word's start with a literal word are
    tried only where a word begins with it: one pass over the words finds those places.
    Other patterns (that begin with a digit, a symbol or a letter class) are scanned for."""

    def __init__(self, data: dict):
        self.rules = frozenset(data["rules"])
        self.patterns = {name: list(spec["patterns"]) for name, spec in data["rules"].items()}
        # per pattern, the literal words a match can begin with, as (word, whether the word
        # must end there); None for a pattern that is scanned for (tools/harper_triggers.py)
        self.heads = {name: list(spec["heads"]) for name, spec in data["rules"].items()}
        # rules some of whose findings depend on the text before them: where these match,
        # the whole chunk of the whole-text run is sent
        self.whole_chunk = {name: "|".join(ps) for name, ps in data.get("whole_chunk", {}).items()}
        self._plans: dict[frozenset[str], tuple] = {}

    def _plan(self, among: frozenset[str]) -> tuple:
        plan = self._plans.get(among)
        if plan is None:
            exact: dict[str, set] = {}  # a whole word -> patterns that begin with it
            prefixed: dict[str, set] = {}  # first letter -> (stem, pattern) of those that begin with a stem
            scanned = set()
            owners: dict[re.Pattern, set[str]] = {}  # a pattern -> the rules it triggers
            for name in sorted(among & self.rules):
                for pattern, heads in zip(self.patterns[name], self.heads[name], strict=True):
                    regex = _compile(pattern)
                    owners.setdefault(regex, set()).add(name)
                    if heads is None:
                        scanned.add(regex)
                        continue
                    for head, whole in heads:
                        if whole:
                            exact.setdefault(head, set()).add(regex)
                        else:
                            prefixed.setdefault(head[0], set()).add((head, regex))
            plan = (
                exact,
                {k: sorted(v, key=lambda hr: hr[0]) for k, v in prefixed.items()},
                tuple(sorted({stem for v in prefixed.values() for stem, _ in v})),
                sorted(scanned, key=lambda r: r.pattern),
                {},
                {regex: frozenset(names) for regex, names in owners.items()},
            )
            self._plans[among] = plan
        return plan

    def marks(
        self, text: str, among: frozenset[str], words: dict[str, Sequence[int]] | None = None
    ) -> list[tuple[int, int, frozenset[str]]]:
        """The (start, end, rules) of every place in ``text`` where some of ``among`` (the
        ``rules``) can fire, sorted by start (they may overlap). ``words``: the text's
        word_starts, when the document has them already."""
        exact, prefixed, stems, scanned, by_word, owners = self._plan(among)
        out = []
        for word, starts in (word_starts(text) if words is None else words).items():
            regexes = by_word.get(word)
            if regexes is None:
                # the patterns a word can begin: looked up once per distinct word
                found = set(exact.get(word, ()))
                if word.startswith(stems):  # one call rules out most words
                    found.update(regex for stem, regex in prefixed[word[0]] if word.startswith(stem))
                regexes = by_word[word] = tuple(found)
                if len(by_word) > 200_000:
                    by_word.clear()
            for regex in regexes:
                for at in starts:
                    match = regex.match(text, at)
                    if match:
                        out.append((*match.span(), owners[regex]))
        for regex in scanned:
            out.extend((*match.span(), owners[regex]) for match in regex.finditer(text))
        out.sort(key=lambda mark: mark[:2])
        return out

    def chunk_marks(self, text: str, among: frozenset[str]) -> list[tuple[int, int]]:
        names = sorted(among & self.whole_chunk.keys())
        if not names:
            return []
        return [m.span() for m in _compile("|".join(self.whole_chunk[n] for n in names)).finditer(text)]

    def fired(self, text: str, among: frozenset[str]) -> set[str]:
        """The rules of ``among`` that ``text`` can trigger."""
        return {name for *_, names in self.marks(text, among) for name in names}

    def fires(self, text: str, among: frozenset[str]) -> bool:
        """Whether ``text`` can trigger any of ``among``."""
        return bool(self.marks(text, among))


@cache
def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern)


@cache
def triggers() -> Triggers:
    with open(builtin_pack_dir() / TRIGGERS, encoding="utf-8") as f:
        return Triggers(json.load(f))


def segments(doc) -> list[list[Span]]:
    """Each paragraph cut at its sentence starts (so nothing between sentences is lost), and
    a sentence longer than CHUNK at CHUNK characters, as _chunks cuts one."""
    starts = [s.start for s in doc.sentences]  # in order
    out = []
    for para in doc.paragraphs:
        inside = starts[bisect.bisect_right(starts, para.start) : bisect.bisect_left(starts, para.end)]
        cuts = [para.start, *inside, para.end]
        cuts = [c for a, b in zip(cuts, cuts[1:], strict=False) for c in range(a, b, CHUNK)] + [para.end]
        out.append([Span(a, b) for a, b in zip(cuts, cuts[1:], strict=False)])
    return out


def _triggered(doc, table: Triggers, among: frozenset[str], skip: list[Span] = ()):
    """(start, text, rules) for each run of sentences that can trigger one of ``among``,
    with the sentence before or after one when the match is within NEAR characters of it.
    ``rules`` are those triggered in the run or near its sentences: a rule finds nothing in
    a sentence without its triggers, and each rule Harper runs reads the whole run (its
    cost grows with the rules). Pieces inside ``skip`` (chunks linted whole) are left out."""
    text = doc.text
    marks = table.marks(text, among, doc.word_starts)
    if not marks:
        return
    paras = [para for para in segments(doc) if para]
    flat = [seg for para in paras for seg in para]
    para_of = [n for n, para in enumerate(paras) for _ in para]
    ends = [seg.end for seg in flat]
    hit_at: set[int] = set()
    near_at: set[int] = set()  # pieces sent because a match is close to their edge
    rules_at: dict[int, set[str]] = {}  # piece -> the rules whose matches sent it
    for a, b, names in marks:
        # every piece the match touches
        touched = [
            k
            for k in range(bisect.bisect_right(ends, a), min(bisect.bisect_left(ends, b), len(flat) - 1) + 1)
            if flat[k].start < max(b, a + 1) and a < flat[k].end
        ]
        if not touched:
            continue
        hit_at.update(touched)
        first, last = touched[0], touched[-1]
        if a - flat[first].start < NEAR and first > 0 and para_of[first - 1] == para_of[first]:
            near_at.add(first - 1)
            touched.append(first - 1)
        if flat[last].end - b < NEAR and last + 1 < len(flat) and para_of[last + 1] == para_of[last]:
            near_at.add(last + 1)
            touched.append(last + 1)
        for k in touched:
            rules_at.setdefault(k, set()).update(names)
    k0 = 0
    for para in paras:
        near = [k0 + i in hit_at or k0 + i in near_at for i in range(len(para))]
        k0 += len(para)
        if not any(near):
            continue
        for i, seg in enumerate(para):
            if any(seg.start < s.end and s.start < seg.end for s in skip):
                near[i] = False
        run: list[int] = []
        for i, (seg, keep) in enumerate(zip(para, near, strict=True)):
            if keep and run and seg.end - para[run[0]].start <= CHUNK:
                run.append(i)
                continue
            if run:
                yield _run(text, para, run, k0 - len(para), rules_at)
            run = [i] if keep else []
        if run:
            yield _run(text, para, run, k0 - len(para), rules_at)


def _run(text: str, para: list[Span], run: list[int], k0: int, rules_at: dict[int, set[str]]):
    start, end = para[run[0]].start, para[run[-1]].end
    return start, text[start:end], frozenset().union(*(rules_at.get(k0 + i, ()) for i in run))


# A match this close to the edge of its sentence sends the sentence next to it too: the
# rule may read a word past the match, and newslint's sentence ends are not always
# Harper's ("(a.k.a. Bob)", ``detainee 'A' in``). Ten characters keep every finding of the
# whole-text run on the corpora bench/harper_prefilter.py compares (none differ; at 0,
# three "a.k.a."/"a.m." slips appear) and send a third less text than sixty did.
NEAR = 10

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
