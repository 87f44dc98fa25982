"""Find the officials an article names, and the names that are near misses of them.

A person-like name is a run of capitalised words ("Kassym-Jomart Tokayev", "George W.
Bush", "Recep Tayyip Erdoğan", "Abdel Fattah el-Sisi"). Every window of two to four of
its words is looked up among the knowledge base's accepted spellings; what is left is
compared, through an index of name words, with the spellings of the people who share a
word with it. A near miss is one or two edits (a transposition counts as one) with the
words that differ starting with the same letter: "Anthony Blinken", "Kier Starmer",
"Xi Jingping", "Friedrich Mertz". Surname-only mentions are never compared on their own.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from rapidfuzz.distance import OSA

from ..diagnostics import Span
from . import KnowledgeBase, Person, fold

# A capitalised word, an initial ("W."), or an Arabic name with its article ("el-Sisi").
_WORD = (
    r"(?:\p{Lu}\.|\p{Lu}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*"
    r"|(?:al|el|ad|an|as|at)-\p{Lu}[\p{L}\p{M}'’-]*)"
)
_PARTICLE = r"(?:de|da|do|dos|das|van|von|der|den|du|la|le|bin|ibn|al|el|ben|di|del|y)"
_NAME = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}])({_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_WORD}){{1,5}})(?![\p{{L}}\p{{N}}])"
)
_TOKEN = regex.compile(rf"{_WORD}|{_PARTICLE}")

MAX_EDITS = 2


@dataclass(frozen=True)
class Mention:
    span: Span
    text: str
    person: Person
    exact: bool  # False: a near miss of one of the person's spellings
    spelling: str  # the accepted spelling it is, or nearly is


def mentions(text: str, kb: KnowledgeBase, accepted: frozenset[str] = frozenset()) -> list[Mention]:
    """Exact mentions and near misses of KB people, in text order."""
    found: list[Mention] = []
    for run in _NAME.finditer(text):
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text, run.start(), run.end())]
        used = [False] * len(tokens)
        for size in range(min(4, len(tokens)), 1, -1):
            for i in range(len(tokens) - size + 1):
                if any(used[i : i + size]):
                    continue
                span = Span(tokens[i][0], tokens[i + size - 1][1])
                words = text[span.start : span.end]
                people = kb.by_spelling.get(fold(words))
                if people:
                    found.append(Mention(span, words, people[0], True, _spelling(people[0], words)))
                    used[i : i + size] = [True] * size
        for size in (3, 2):
            for i in range(len(tokens) - size + 1):
                if any(used[i : i + size]):
                    continue
                span = Span(tokens[i][0], tokens[i + size - 1][1])
                words = text[span.start : span.end]
                if words in accepted or fold(words) in accepted:
                    continue
                miss = near_miss(words, kb)
                if miss is not None:
                    person, spelling = miss
                    found.append(Mention(span, words, person, False, spelling))
                    used[i : i + size] = [True] * size
    return sorted(found, key=lambda m: m.span.start)


def _spelling(person: Person, words: str) -> str:
    key = fold(words)
    return next((s for s in person.spellings if fold(s) == key), person.name)


def near_miss(words: str, kb: KnowledgeBase) -> tuple[Person, str] | None:
    key = fold(words)
    tokens = key.split()
    candidates: set[int] = set()
    for token in tokens:
        candidates |= kb.by_token.get(token, set())
    best: tuple[int, Person, str] | None = None
    for index in candidates:
        person = kb.people[index]
        for spelling in person.spellings:
            other = fold(spelling)
            if len(other.split()) != len(tokens):
                continue
            distance = OSA.distance(key, other, score_cutoff=MAX_EDITS)
            if not 0 < distance <= MAX_EDITS:
                continue
            if distance == 2 and len(other) < 10:
                continue  # two edits in a short name is another name, not a slip
            if not _same_initials(tokens, other.split()):
                continue
            if best is None or distance < best[0]:
                best = (distance, person, spelling)
    return None if best is None else (best[1], best[2])


def _same_initials(a: list[str], b: list[str]) -> bool:
    """Words that differ must still start alike: 'Kier'/'Keir', not 'Doris'/'Boris'."""
    return all(x == y or x[:1] == y[:1] for x, y in zip(a, b, strict=True))
