"""The officials knowledge base: people, the offices they held and when, the places they
served, and the ways news copy writes titles. Data lives in ``rules/kb/*.yaml``; a user
adds files of their own through the configuration.

Records with the same canonical name in several files are one person: their spellings and
positions are merged. Dates may be a day, a month or a year; a date known only to the
month or year is a range, and a check never decides anything inside that range.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from lint.datafiles import parsed_cache
from lint.datafiles.strict import DataError, line_of, load_validated

YES, NO, UNKNOWN = "yes", "no", "unknown"


@dataclass(frozen=True)
class DateRange:
    """A date as precise as the source: ``earliest`` and ``latest`` possible days."""

    text: str
    earliest: dt.date
    latest: dt.date

    @classmethod
    def parse(cls, text: str) -> DateRange:
        parts = [int(p) for p in str(text).split("-")]
        if len(parts) == 3:
            day = dt.date(*parts)
            return cls(str(text), day, day)
        if len(parts) == 2:
            first = dt.date(parts[0], parts[1], 1)
            nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return cls(str(text), first, nxt - dt.timedelta(days=1))
        return cls(str(text), dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31))


@dataclass(frozen=True)
class Position:
    title: str
    of: str
    start: DateRange
    end: DateRange | None = None
    acting: bool = False

    def held_on(self, day: dt.date) -> str:
        """YES, NO or UNKNOWN (the day falls on a boundary known only roughly, or on a
        handover day, when two holders may both be named)."""
        if day < self.start.earliest or (self.end is not None and day > self.end.latest):
            return NO
        if self.start.latest < day and (self.end is None or day < self.end.earliest):
            return YES
        return UNKNOWN

    def ended_before(self, day: dt.date) -> bool:
        return self.end is not None and self.end.latest < day

    @property
    def term(self) -> str:
        return f"{self.start.text} to {self.end.text}" if self.end else f"since {self.start.text}"


@dataclass
class Person:
    name: str
    positions: list[Position]
    qid: str | None = None
    variants: list[str] = field(default_factory=list)
    surname: str | None = None
    source: str = ""  # file:line of the (first) record

    @property
    def spellings(self) -> list[str]:
        return [self.name, *self.variants]

    @property
    def surnames(self) -> set[str]:
        if self.surname:
            return {self.surname}
        return {s.split()[-1] for s in self.spellings}

    def describe(self) -> str:
        return "; ".join(f"{p.title} of {p.of} ({p.term})" for p in self.positions)


@dataclass(frozen=True)
class Place:
    name: str
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.adjectives)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case-, accent- and full-stop-insensitive key: 'Erdoğan' and 'ERDOGAN' meet, and so
    do 'George W. Bush' and the BBC's 'George W Bush'."""
    if text.isascii():  # nothing to decompose; casefold is lower
        return " ".join(text.lower().replace(".", " ").split())
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace(".", " "))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


class KnowledgeBase:
    def __init__(self, people: list[Person], places: list[Place], titles: dict[str, list[str]]):
        self.people = people
        self.places = {p.name: p for p in places}
        self.titles = titles
        self.by_spelling: dict[str, list[Person]] = defaultdict(list)
        self.by_token: dict[str, set[int]] = defaultdict(set)
        self.by_surname: dict[str, list[Person]] = defaultdict(list)
        for i, person in enumerate(people):
            for spelling in person.spellings:
                key = fold(spelling)
                if person not in self.by_spelling[key]:
                    self.by_spelling[key].append(person)
                for token in key.split():
                    self.by_token[token].add(i)
            for surname in person.surnames:
                self.by_surname[fold(surname)].append(person)
        # Each way of writing a title, folded, to the canonical titles it may stand for.
        self.title_forms: dict[str, set[str]] = defaultdict(set)
        for canonical, synonyms in titles.items():
            for form in (canonical, *synonyms):
                self.title_forms[fold(form)].add(canonical)
        self.place_forms: dict[str, str] = {}
        for place in places:
            for word in place.words:
                self.place_forms.setdefault(word, place.name)
        self.title_places: dict[str, set[str]] = defaultdict(set)
        self.by_office: dict[tuple[str, str], list[tuple[Person, Position]]] = defaultdict(list)
        for person in people:
            for p in person.positions:
                self.title_places[p.title].add(p.of)
                self.by_office[(p.title, p.of)].append((person, p))
        dates = [d for p in people for pos in p.positions for d in (pos.start, pos.end) if d]
        # Beyond the newest date it records, the KB cannot know who took office.
        self.horizon = max((d.latest for d in dates), default=dt.date.min)

    def lookup(self, name: str) -> list[Person]:
        key = fold(name)
        found = list(self.by_spelling.get(key, []))
        if not found:
            found = list(self.by_surname.get(key, []))
        return found

    def holders(self, titles: Iterable[str], place: str, day: dt.date) -> list[Person]:
        found: list[Person] = []
        for title in titles:
            for person, position in self.by_office.get((title, place), ()):
                if position.held_on(day) == YES and person not in found:
                    found.append(person)
        return found


# -- loading --------------------------------------------------------------------------------


def builtin_kb_dir() -> Path:
    from lint.datafiles.packaged import builtin_pack_dir

    return builtin_pack_dir() / "kb"


def kb_files(extra: Iterable[Path] = (), builtin: bool = True) -> tuple[Path, ...]:
    files = sorted(builtin_kb_dir().glob("*.yaml")) if builtin else []
    for path in extra:
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return tuple(files)


@cache
def load_kb(files: tuple[Path, ...]) -> KnowledgeBase:
    """The knowledge base of these files, from the on-disk cache when the files, the schema
    and newslint are unchanged (parsing and validating the YAML takes about a second)."""
    try:
        blobs = [(str(p), p.read_bytes()) for p in files]
    except OSError as err:
        raise DataError(
            str(getattr(err, "filename", "") or files), None, f"cannot read the knowledge base: {err}"
        ) from None
    key = _cache_key(blobs)
    cached = parsed_cache.load(f"kb-{key}", _kb_from_data)
    if cached is not None:
        return cached
    kb = _load(files)
    parsed_cache.store(f"kb-{key}", _kb_to_data(kb))
    return kb


def _kb_to_data(kb: KnowledgeBase) -> dict:
    """The records and the indexes built from them, so a cached read skips the indexing (a
    third of the cost); people are referred to by their place in ``people``."""
    index = {id(p): i for i, p in enumerate(kb.people)}

    def day(d: DateRange | None) -> list | None:
        return None if d is None else [d.text, d.earliest.toordinal(), d.latest.toordinal()]

    def who(people) -> list[int]:
        return [index[id(p)] for p in people]

    return {
        "people": [
            [p.name, [[x.title, x.of, day(x.start), day(x.end), x.acting] for x in p.positions]]
            + [p.qid, p.variants, p.surname, p.source]
            for p in kb.people
        ],
        "places": [[p.name, list(p.aliases), list(p.adjectives)] for p in kb.places.values()],
        "titles": kb.titles,
        "by_spelling": {k: who(v) for k, v in kb.by_spelling.items()},
        "by_token": {k: sorted(v) for k, v in kb.by_token.items()},
        "by_surname": {k: who(v) for k, v in kb.by_surname.items()},
        "title_forms": {k: sorted(v) for k, v in kb.title_forms.items()},
        "place_forms": kb.place_forms,
        "title_places": {k: sorted(v) for k, v in kb.title_places.items()},
        "by_office": [
            [title, of, [[index[id(person)], person.positions.index(pos)] for person, pos in held]]
            for (title, of), held in kb.by_office.items()
        ],
        "horizon": kb.horizon.toordinal(),
    }


def _kb_from_data(data: dict) -> KnowledgeBase:
    days: dict[str, DateRange] = {}

    def day(raw: list | None) -> DateRange | None:
        if raw is None:
            return None
        if raw[0] not in days:
            days[raw[0]] = DateRange(raw[0], dt.date.fromordinal(raw[1]), dt.date.fromordinal(raw[2]))
        return days[raw[0]]

    people = [
        Person(
            name,
            [
                Position(title, of, day(start), day(end), acting)
                for title, of, start, end, acting in positions
            ],
            qid,
            variants,
            surname,
            source,
        )
        for name, positions, qid, variants, surname, source in data["people"]
    ]
    kb = KnowledgeBase.__new__(KnowledgeBase)
    kb.people = people
    kb.places = {name: Place(name, tuple(aliases), tuple(adj)) for name, aliases, adj in data["places"]}
    kb.titles = data["titles"]
    kb.by_spelling = defaultdict(list, {k: [people[i] for i in v] for k, v in data["by_spelling"].items()})
    kb.by_token = defaultdict(set, {k: set(v) for k, v in data["by_token"].items()})
    kb.by_surname = defaultdict(list, {k: [people[i] for i in v] for k, v in data["by_surname"].items()})
    kb.title_forms = defaultdict(set, {k: set(v) for k, v in data["title_forms"].items()})
    kb.place_forms = data["place_forms"]
    kb.title_places = defaultdict(set, {k: set(v) for k, v in data["title_places"].items()})
    kb.by_office = defaultdict(list)
    for title, of, held in data["by_office"]:
        kb.by_office[(title, of)] = [(people[i], people[i].positions[j]) for i, j in held]
    kb.horizon = dt.date.fromordinal(data["horizon"])
    if set(vars(kb)) != _KB_ATTRIBUTES:
        raise ValueError("a cached knowledge base from another version")
    return kb


# What KnowledgeBase.__init__ sets: a cached entry must set exactly these.
_KB_ATTRIBUTES = set(vars(KnowledgeBase([], [], {})))


def _cache_key(blobs: list[tuple[str, bytes]]) -> str:
    from lint import __version__

    digest = hashlib.sha256(__version__.encode())
    digest.update(resources.files("lint.schemas").joinpath("kb.schema.json").read_bytes())
    digest.update(Path(__file__).read_bytes())  # the loader and the model it caches
    for name, data in blobs:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()[:32]


def _load(files: tuple[Path, ...]) -> KnowledgeBase:
    """Load and check KB files; errors carry the file and line (``DataError``)."""
    titles: dict[str, list[str]] = {}
    places: dict[str, Place] = {}
    place_of: dict[str, tuple[str, str]] = {}  # name or alias -> (place, where declared)
    people: dict[str, Person] = {}
    pending: list[tuple[str, int, str, str]] = []  # (file, line, place, person) to check
    for path in files:
        name = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise DataError(name, None, f"cannot read the knowledge base: {err}") from None
        data, root = load_validated(text, name, "kb.schema.json")
        for canonical, synonyms in (data.get("titles") or {}).items():
            titles.setdefault(canonical, []).extend(synonyms)
        for i, raw in enumerate(data.get("places") or []):
            line = line_of(root, ["places", i])
            for word in [raw["name"], *raw.get("aliases", [])]:
                owner, where = place_of.get(word, (raw["name"], ""))
                if owner != raw["name"]:
                    raise DataError(name, line, f"{word!r} already names the place {owner!r} ({where})")
                place_of.setdefault(word, (raw["name"], f"{name}:{line}"))
            # A place declared again (a user's file naming a shipped country) is merged.
            old = places.get(raw["name"], Place(raw["name"]))
            places[raw["name"]] = Place(
                raw["name"],
                tuple(dict.fromkeys([*old.aliases, *raw.get("aliases", [])])),
                tuple(dict.fromkeys([*old.adjectives, *raw.get("adjectives", [])])),
            )
        for i, raw in enumerate(data.get("people") or []):
            line = line_of(root, ["people", i])
            positions = []
            for j, pos in enumerate(raw["positions"]):
                pos_line = line_of(root, ["people", i, "positions", j])
                try:
                    start = DateRange.parse(pos["start"])
                    end = DateRange.parse(pos["end"]) if "end" in pos else None
                except ValueError as err:
                    raise DataError(name, pos_line, f"{raw['name']}: bad date: {err}") from None
                if end is not None and end.latest < start.earliest:
                    raise DataError(
                        name,
                        pos_line,
                        f"{raw['name']}: {pos['title']} ends ({end.text}) before it starts ({start.text})",
                    )
                positions.append(Position(pos["title"], pos["of"], start, end, pos.get("acting", False)))
                pending.append((name, pos_line, pos["of"], pos["title"]))
            person = people.get(raw["name"])
            if person is None:
                people[raw["name"]] = Person(
                    raw["name"],
                    positions,
                    raw.get("qid"),
                    list(raw.get("variants", [])),
                    raw.get("surname"),
                    f"{name}:{line}",
                )
                continue
            if raw.get("qid") and person.qid and raw["qid"] != person.qid:
                raise DataError(
                    name,
                    line,
                    f"{raw['name']} has Wikidata id {raw['qid']} here and {person.qid} at {person.source}",
                )
            person.qid = person.qid or raw.get("qid")
            person.surname = person.surname or raw.get("surname")
            person.variants += [v for v in raw.get("variants", []) if v not in person.variants]
            person.positions += [p for p in positions if p not in person.positions]
    for name, line, place, title in pending:
        if place not in places:
            raise DataError(name, line, f"unknown place {place!r}: declare it under 'places' in a KB file")
        if titles and title not in titles:
            raise DataError(
                name, line, f"unknown title {title!r}: it must be a key of 'titles' (rules/kb/titles.yaml)"
            )
    return KnowledgeBase(list(people.values()), list(places.values()), titles)
