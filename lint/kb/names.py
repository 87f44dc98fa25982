"""Find the officials an article names, and the names that are near misses of them.

A person-like name is a run of capitalised words ("Kassym-Jomart Tokayev", "George W.
Bush", "Recep Tayyip Erdoğan", "Abdel Fattah el-Sisi"). Every window of two to four of
its words is looked up among the knowledge base's accepted spellings; what is left is
compared, through an index of name words, with the spellings of the people who share a
word with it. A near miss is one or two edits (a transposition counts as one), or more
when the words that differ sound alike through another romanisation ("Olaf Sholts"); in
the given name or in the surname but not both, and not a short given name ("Phil" for
Philip). Names one slip apart are common among different real people (Mike Watts is not
Mike Waltz, Tony Bland not Tony Blair), so a near miss counts only when the article
corroborates it: the official's surname stands elsewhere in it, or one of their titles
comes just before; and with the article's date, only people in office within five years
of it are candidates. Surnames standing alone are compared with the people the article
names and the holders of the top offices of the countries it names (``surname_misses``).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import regex
from rapidfuzz.distance import OSA, Indel, Levenshtein

from lint.datafiles import compiled_regex
from lint.diagnostics import Span
from lint.kb import KnowledgeBase, Person, fold
from lint.kb.index import ids
from lint.kb.phonetic import name_key

# A capitalised word ("Kassym-Jomart", "O'Brien", but not the "'s" of a possessive), an
# initial ("W."), or an Arabic name with its article ("el-Sisi").
_PART = r"\p{Lu}[\p{L}\p{M}]*(?:['’]\p{Lu}[\p{L}\p{M}]*)?"
_WORD = rf"(?:\p{{Lu}}\.|{_PART}(?:-{_PART}|-\p{{Ll}}[\p{{L}}\p{{M}}]*)*|(?:al|el|ad|an|as|at)-{_PART})"
_PARTICLE = r"(?:de|da|do|dos|das|van|von|der|den|du|la|le|bin|ibn|al|el|ben|di|del|y)"
# Between two words of a name: "von der Leyen", "de la Cruz".
_GAP = rf"[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}"
_NAME = compiled_regex.compile(rf"(?<![\p{{L}}\p{{N}}])({_WORD}(?:{_GAP}{_WORD}){{1,9}})(?![\p{{L}}\p{{N}}])")
_TOKEN = compiled_regex.compile(rf"{_WORD}|{_PARTICLE}")

MAX_EDITS = 2
MAX_SOUND_EDITS = 4  # for words that sound alike ("Scholz", "Scholyts")
LONG = 8  # a surname this long survives two slips and stays recognisable ("Blrnkett")
# Capitalised words that are never part of a person's name: honorifics, titles, and words
# that open sentences. A window containing one is not compared with the KB's names.
NOT_NAMES = frozenset(
    fold(w)
    for w in """Mr Mrs Ms Miss Dr Sir Dame Lord Lady Prof Rev Gen Sen Rep Gov President Prime
    Minister Chancellor Secretary King Queen Prince Princess Emir Sultan Pope Saint St The A An
    In On At For But And Of To By From With As After Before When While If This That These
    Those Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December US UK EU UN""".split()
)


@dataclass(frozen=True)
class Mention:
    span: Span
    text: str
    person: Person
    exact: bool  # False: a near miss of one of the person's spellings
    spelling: str  # the accepted spelling it is, or nearly is


def mentions(
    text: str, kb: KnowledgeBase, accepted: frozenset[str] = frozenset(), day: dt.date | None = None
) -> list[Mention]:
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
        for size in (4, 3, 2):
            for i in range(len(tokens) - size + 1):
                if any(used[i : i + size]):
                    continue
                span = Span(tokens[i][0], tokens[i + size - 1][1])
                words = text[span.start : span.end]
                if words in accepted or fold(words) in accepted:
                    continue
                if any(fold(text[s:e]) in NOT_NAMES for s, e in tokens[i : i + size]):
                    continue
                glued = _glued_tail(words, kb)
                if glued is not None:  # "Olaf ScholzIt hosts": the name, then a lost full stop
                    person, cut = glued
                    part = Span(span.start, span.start + cut)
                    found.append(Mention(part, words[:cut], person, True, _spelling(person, words[:cut])))
                    used[i : i + size] = [True] * size
                    continue
                miss = near_miss(words, kb, day)
                if miss is None:
                    continue
                if not (
                    _corroborated(text, span, miss.person, kb, miss.surname_slip)
                    or _prominent(words, miss, day)
                ):
                    continue
                found.append(Mention(span, words, miss.person, False, miss.spelling))
                used[i : i + size] = [True] * size
    found += surname_misses(text, kb, found, accepted, day)
    return sorted(found, key=lambda m: m.span.start)


_GLUE_POINT = compiled_regex.compile(r"(?<=\p{Ll})\p{Lu}")


def _glued_tail(words: str, kb: KnowledgeBase) -> tuple[Person, int] | None:
    """A KB name whose last word has the next sentence glued on ("Boris JohnsonThe"): the
    person and where the name ends."""
    last = words.rfind(" ") + 1
    for glue in _GLUE_POINT.finditer(words, last):
        people = kb.by_spelling.get(fold(words[: glue.start()]))
        if people:
            return people[0], glue.start()
    return None


def _spelling(person: Person, words: str) -> str:
    key = fold(words)
    return next((s for s in person.spellings if fold(s) == key), person.name)


@dataclass(frozen=True)
class NearMiss:
    person: Person
    spelling: str
    surname_slip: bool  # the surname differs (not only a given name)
    weak: bool = False  # two edits in a short surname: ranked after any closer reading
    edits: int = 1


def near_miss(words: str, kb: KnowledgeBase, day: dt.date | None = None) -> NearMiss | None:
    """The KB person ``words`` nearly spells: one or two edits, or more when the words that
    differ sound alike through a transliteration ('Olaf Sholts', 'Ibrahim Raisi'). With the
    article's date, only people in office within five years of it are candidates."""
    return _near_miss(words, kb, day)


# Articles name the same people again and again ("Tony Blair", "Downing Street"): each run
# of capitalised words is compared with the KB once per process.
@lru_cache(maxsize=16384)
def _near_miss(words: str, kb: KnowledgeBase, day: dt.date | None) -> NearMiss | None:
    key = fold(words)
    tokens = key.split()
    candidates: set[int] = set()
    # Every candidate shares a name word with the words: a slip in both a given name and
    # the surname is another person, so the sound key is not needed to find candidates.
    for token in tokens:
        candidates.update(ids(kb.by_token, token))
    best: tuple[int, NearMiss] | None = None
    for index in candidates:
        person = kb.people[index]
        if day is not None and not active_near(person, day):
            continue
        for spelling in person.spellings:
            other = fold(spelling).split()
            if len(other) != len(tokens):
                continue
            distance = OSA.distance(key, " ".join(other), score_cutoff=MAX_SOUND_EDITS)
            if not 0 < distance <= MAX_SOUND_EDITS:
                continue
            differ = {i for i, (x, y) in enumerate(zip(tokens, other, strict=True)) if x != y}
            sound = all(sounds_alike(tokens[i], other[i]) for i in differ)
            if distance > MAX_EDITS and not sound:
                continue
            if distance == 2 and len(key) < 10 and not sound:
                continue  # two edits in a short name is another name, not a slip
            if not _same_initials(tokens, other, sound):
                continue
            surname = _surname_positions(person, other)
            if differ and not differ <= surname and not differ.isdisjoint(surname):
                continue  # both a given name and the surname differ: another person
            weak = (
                bool(differ & surname)
                and distance > 1
                and not sound
                and min(len(other[i]) for i in differ) < LONG
            )
            if weak and (distance > 2 or min(len(tokens[i]) for i in differ) < 3 or _retyped(key, other)):
                continue  # short surnames two letters apart are usually two families (Bland, Battle)
            given = differ - surname
            if any(tokens[i].startswith(other[i]) or other[i].startswith(tokens[i]) for i in given):
                continue  # a short given name, not a slip: "Phil" for Philip (never "Blaire")
            miss = NearMiss(person, spelling, bool(differ & surname), weak, distance)
            if best is None or (distance, weak) < (best[0], best[1].weak):
                best = (distance, miss)
    return None if best is None else best[1]


def _retyped(key: str, other: list[str]) -> bool:
    """Two letters changed in place (Bland, Battle for Blair): another name, where a slip
    drops, doubles or swaps letters."""
    target = " ".join(other)
    return len(key) == len(target) and sum(a != b for a, b in zip(key, target, strict=True)) == 2


def sounds_alike(a: str, b: str) -> bool:
    """Two spellings of one name word through different romanisations: the same sound key
    and most letters shared."""
    key = name_key(a)
    return bool(key) and key == name_key(b) and Indel.normalized_similarity(a, b) >= 0.6


@lru_cache(maxsize=256)
def _window(day: dt.date, years: int) -> tuple[dt.date, dt.date]:
    return day.replace(year=day.year - years, day=min(day.day, 28)), day.replace(
        year=day.year + years, day=min(day.day, 28)
    )


def active_near(person: Person, day: dt.date, years: int = 5) -> bool:
    """Whether the person held a KB office within ``years`` of the day."""
    lo, hi = _window(day, years)
    return any(p.start.earliest <= hi and (p.end is None or p.end.latest >= lo) for p in person.positions)


def _surname_positions(person: Person, spelling: list[str]) -> set[int]:
    for surname in person.surnames:
        part = fold(surname).split()
        for i in range(len(spelling) - len(part) + 1):
            if spelling[i : i + len(part)] == part:
                return set(range(i, i + len(part)))
    return {len(spelling) - 1}


def _same_initials(a: list[str], b: list[str], sound: bool = False) -> bool:
    """Words that differ must be real words (not initials or regnal numbers: 'Elizabeth I'
    is not 'Elizabeth II') and still start alike: 'Kier'/'Keir', not 'Doris'/'Boris'; a
    romanisation may change a first vowel ('Ibrahim'/'Ebrahim')."""
    return all(
        x == y or ((x[:1] == y[:1] or sound) and min(len(x), len(y)) >= 3) for x, y in zip(a, b, strict=True)
    )


def _vowels_only(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ only in vowels (and y): how romanisations of one name
    differ ("Tokaev", "Lukashenka"), where slips of the pen drop, double or swap consonants
    as often ("Sunnak", "Sholz", "Anthony")."""

    def touched(op) -> str:
        if op.tag == "delete":
            return a[op.src_pos]
        if op.tag == "insert":
            return b[op.dest_pos]
        return a[op.src_pos] + b[op.dest_pos]

    ops = Levenshtein.editops(a, b)
    return bool(ops) and all(set(touched(op)) <= _VOWELS for op in ops)


_VOWELS = frozenset("aeiouy")


def _prominent(words: str, miss: NearMiss, day: dt.date | None) -> bool:
    """A one-letter slip in the name of a head of state or government or a foreign
    minister in office within a year of the article's date stands for them without
    support from the article ("Anthony Blinken said"): copy names them far more often
    than anyone else a letter away. A difference in vowels alone is left to the article's
    support: it is how romanisations differ. On clean-news this adds no finding."""
    if day is None or miss.weak or miss.edits != 1:
        return False
    if _vowels_only(fold(words), fold(miss.spelling)):
        return False  # "Tokaev", "Lukashenka": another romanisation, not a slip of the pen
    lo, hi = _window(day, 1)
    return any(
        p.title in PROMINENT_OFFICES and p.start.earliest <= hi and (p.end is None or p.end.latest >= lo)
        for p in miss.person.positions
    )


def _corroborated(
    text: str, span: Span, person: Person, kb: KnowledgeBase, surname_slip: bool = True
) -> bool:
    """A misspelt name is only taken for the official when the article supports it: the
    right surname stands elsewhere in it (for a slip in a given name, a surname shared by
    several officials says nothing, so the whole name must), or one of the person's titles
    comes just before."""
    words = set(person.surnames) if surname_slip else set(person.spellings)
    if not surname_slip:
        # A surname only one official bears still names them ('Blinken'); 'Brown' does not.
        words |= {s for s in person.surnames if len(kb.by_surname.get(fold(s)) or ()) == 1}
    for surname in words:
        for m in regex.finditer(rf"(?<![\p{{L}}]){regex.escape(surname)}(?![\p{{L}}])", text):
            if not span.start <= m.start() < span.end:
                return True
    before = regex.sub(r"-(?:elect|designate)\s*$", "", fold(text[max(0, span.start - 60) : span.start]))
    titles = {p.title for p in person.positions}
    forms = [form for form, canon in kb.title_forms.items() if canon & titles]
    return any(before.endswith(form) or before.endswith(form + " ,") for form in forms)


# A capitalised word standing alone: "Sholts said", "Scholtz's plan", "Ms Arden".
_ALONE = compiled_regex.compile(r"(?<![\p{L}\p{N}'’.-])\p{Lu}[\p{Ll}\p{M}]{3,}(?![\p{L}\p{N}-])")
_NEXT_NAME = compiled_regex.compile(_GAP + r"\p{Lu}")
_PREV_NAME = compiled_regex.compile(r"\p{Lu}[\p{L}\p{M}'’-]*[ \t]+\Z")  # not across a full stop
# Offices whose holder copy names by surname after naming the office or the country.
TOP_OFFICES = (
    "President",
    "Prime Minister",
    "Chancellor",
    "Foreign Minister",
    "Foreign Secretary",
    "Secretary of State",
    "King",
    "Queen",
    "Emir",
    "Supreme Leader",
    "Vice President",
)
PROMINENT_OFFICES = frozenset(TOP_OFFICES) - {"Vice President"}


class _Covered:
    """Spans of text already read as names; whether a range overlaps one, in log time (an
    article can name officials thousands of times)."""

    def __init__(self, spans):
        spans = sorted(spans, key=lambda sp: sp.start)
        self.starts = [sp.start for sp in spans]
        self.reach: list[int] = []  # the furthest end among the spans up to each
        for sp in spans:
            self.reach.append(max(sp.end, self.reach[-1]) if self.reach else sp.end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # the spans that start before ``end``
        return i > 0 and self.reach[i - 1] > start


def surname_misses(
    text: str, kb: KnowledgeBase, found: list[Mention], accepted: frozenset[str], day: dt.date | None
) -> list[Mention]:
    """A surname alone, misspelt, of someone the article names in full or whose office or
    country it names: one edit ('Arden' for Ardern), or a word that sounds alike
    ('Scholyts', 'Sholts' for Scholz). A word that is itself the surname of an official of
    the time, a place, or part of a longer name is left alone."""
    people: dict[int, Person] = {id(m.person): m.person for m in found}
    named = set(people)  # named in the article, not only through an office or a country
    if day is not None:
        for place in _places_named(text, kb):
            for person in kb.holders(TOP_OFFICES, place, day):
                people.setdefault(id(person), person)
    if not people:
        return []
    # A "surname" that is a place ("Carl XVI Gustaf of Sweden") is not one.
    surnames = {
        fold(s): p for p in people.values() for s in p.surnames if len(s) >= 4 and s not in kb.place_forms
    }
    own_words = {w for p in people.values() for s in p.spellings for w in fold(s).split()}
    covered = _Covered(m.span for m in found)
    # Surnames of other people the article names in full ("Dayanidhi Maran ... Maran said").
    others = set()
    for run in _NAME.finditer(text):
        if covered.overlaps(run.start(), run.end()):
            continue  # an official's name, right or misspelt
        words = [w for w in fold(run.group()).split() if w not in NOT_NAMES and not _title_word(w, kb)]
        if len(words) >= 2:
            others.add(words[-1])
    out: list[Mention] = []
    for w in _ALONE.finditer(text):
        word, key = w.group(), fold(w.group())
        if (
            key in own_words
            or key in others
            or key in NOT_NAMES
            or word in accepted
            or key in accepted
            or word in kb.place_forms
        ):
            continue
        if covered.overlaps(w.start(), w.start() + 1):
            continue
        if _NEXT_NAME.match(text, w.end()):
            continue  # part of a longer name: "Osama bin Laden" is not Obama
        before = text[max(0, w.start() - 40) : w.start()]
        prev = _PREV_NAME.search(before)
        if prev and fold(prev.group().strip()) not in NOT_NAMES and not _title_before(before, kb):
            continue
        if any(day is None or active_near(p, day) for p in kb.by_surname.get(key, []) or []):
            continue  # the surname of another official of the time
        for surname, person in surnames.items():
            distance = OSA.distance(key, surname, score_cutoff=MAX_SOUND_EDITS)
            if key.startswith(surname):
                continue  # a plural or a word made from the name: "the Blairs", "Clintonian"
            slip = distance == 1 and len(key) >= 5 and key[0] == surname[0]
            # A sound-alike of someone the article only implies ('Chennai' in a story
            # naming the US) is too weak: it must be someone the article names.
            alike = id(person) in named and 0 < distance <= MAX_SOUND_EDITS and sounds_alike(key, surname)
            if slip or alike:
                spelling = next(s for s in person.surnames if fold(s) == surname)
                out.append(Mention(Span(w.start(), w.end()), word, person, False, spelling))
                break
    return out


def _title_word(word: str, kb: KnowledgeBase) -> bool:
    return word in kb.title_forms or any(
        word in form.split() for form in ("minister", "secretary", "president")
    )


def _title_before(before: str, kb: KnowledgeBase) -> bool:
    folded = fold(before)
    return any(folded.endswith(" " + form) or folded == form for form in kb.title_forms)


def _places_named(text: str, kb: KnowledgeBase) -> set[str]:
    pattern = getattr(kb, "_place_pattern", None)
    if pattern is None:
        pattern = compiled_regex.compile(
            r"(?<![\p{L}])(?:\L<forms>)(?![\p{L}])", forms=sorted(kb.place_forms, key=len, reverse=True)
        )
        kb._place_pattern = pattern
    return {kb.place_forms[m.group()] for m in pattern.finditer(text)}
