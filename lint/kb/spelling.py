"""One surname spelt two ways in one article ("Scholz" four times, "Scholts" once): the
minority form is the slip. It needs no knowledge base: a surname is the last word of a
name written in full, or a capitalised word standing alone that is one edit from such a
surname (same first letter) or sounds like it through another romanisation. Two forms
that each end a full name with a different given name are two people (Gordon Brown, Des
Browne), and so are forms used equally often; a form the knowledge base knows as an
official's surname is never the slip."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import OSA, Indel

from lint.datafiles import compiled_regex
from lint.diagnostics import Span
from lint.kb import KnowledgeBase, fold
from lint.kb.names import _NAME, _TOKEN, NOT_NAMES, sounds_alike

_WORD = compiled_regex.compile(r"(?<![\p{L}\p{N}'’-])\p{Lu}[\p{Ll}\p{M}]{3,}(?![\p{L}\p{N}-])")


@dataclass(frozen=True)
class Slip:
    span: Span
    text: str
    majority: str  # the form the article uses most
    count: int  # how often it does


# What marks a word as a person's surname: an honorific or title before it, or a verb of
# saying after it ("Mr Scholz", "Chancellor Scholz", "Scholz said").
_HONORIFIC = compiled_regex.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof|President|Chancellor|Minister|Premier|Secretary|"
    r"Senator|Governor|Mayor|General|King|Queen|Prince|Judge|Justice)\.?[ \t]+)\Z"
)
_SPEECH = compiled_regex.compile(
    r"[ \t]+(?:said|says|told|added|argued|insisted|stated|noted|announced|warned|wrote)\b"
)


def _a_person(text: str, spans: list[Span]) -> bool:
    return any(
        _HONORIFIC.search(text, max(0, s.start - 20), s.start) or _SPEECH.match(text, s.end) for s in spans
    )


def _alike(a: str, b: str) -> bool:
    if a[0] != b[0] or min(len(a), len(b)) < 5 or a.startswith(b) or b.startswith(a):
        return False  # another initial, a short word, or an ending (Ebbers, Korean): not a slip
    distance = OSA.distance(a, b, score_cutoff=4)
    # Without an official to anchor it, a sound-alike must share most letters too: Rinaldi
    # and Ronaldo, Wales and Wallace are different names.
    close = Indel.normalized_similarity(a, b) >= 0.75
    return (distance == 1 and min(len(a), len(b)) >= 5) or (
        0 < distance <= 4 and close and sounds_alike(a, b)
    )


def minority_spellings(text: str, kb: KnowledgeBase | None = None) -> list[Slip]:
    given: dict[str, set[str]] = defaultdict(set)  # surname -> given names it follows
    for run in _NAME.finditer(text):
        words = [fold(text[m.start() : m.end()]) for m in _TOKEN.finditer(text, run.start(), run.end())]
        words = [w for w in words if w not in NOT_NAMES and (kb is None or w not in kb.title_forms)]
        if len(words) >= 2 and len(words[-1]) >= 4 and words[-1].isalpha():
            given[words[-1]].add(words[-2])
    if not given:
        return []
    uses: dict[str, list[Span]] = defaultdict(list)
    for m in _WORD.finditer(text):
        key = fold(m.group())
        if key not in NOT_NAMES:
            uses[key].append(Span(m.start(), m.end()))
    slips: list[Slip] = []
    for form, spans in uses.items():
        rivals = [s for s in given if s != form and len(uses.get(s, ())) > len(spans) and _alike(form, s)]
        if not rivals:
            continue
        best = max(rivals, key=lambda s: len(uses[s]))
        if len(uses[best]) < 2 or not _a_person(text, uses[best]):
            continue
        if given.get(form) and given[form] - given[best]:
            continue  # a full name of its own with another given name: another person
        if kb is not None and (
            form in kb.by_surname or form in kb.place_forms or form.title() in kb.place_forms
        ):
            continue
        shown = text[uses[best][0].start : uses[best][0].end]
        slips += [Slip(span, text[span.start : span.end], shown, len(uses[best])) for span in spans]
    return sorted(slips, key=lambda s: s.span.start)
