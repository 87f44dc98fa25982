"""The knowledge base's lookups as lists of person ids, so that a generated KB can ship them
prebuilt (``rules/kb/officials.json``, key ``index``) and load without making its 15,000
people: a ``Person`` is made the first time a lookup returns it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lint.kb.model import Person, fold


@dataclass
class Index:
    spelling: dict[str, list[int]] = field(default_factory=dict)  # folded spelling -> ids
    token: dict[str, list[int]] = field(default_factory=dict)  # folded name word -> ids
    surname: dict[str, list[int]] = field(default_factory=dict)  # folded surname -> ids
    office: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (title, place) -> ids
    title_places: dict[str, set[str]] = field(default_factory=dict)
    horizon: dt.date = dt.date.min

    def to_json(self) -> dict:
        # Id lists as strings: decoding one string is much cheaper than a list of numbers.
        def packed(table):
            return {k: " ".join(map(str, v)) for k, v in table.items()}

        return {
            "spelling": packed(self.spelling),
            "token": packed(self.token),
            "surname": packed(self.surname),
            "office": {f"{t}\t{o}": " ".join(map(str, ids)) for (t, o), ids in self.office.items()},
            "title_places": {t: sorted(p) for t, p in self.title_places.items()},
            "horizon": self.horizon.isoformat(),
        }

    @classmethod
    def from_json(cls, data: dict) -> Index:
        return cls(
            data["spelling"],
            data["token"],
            data["surname"],
            {tuple(k.split("\t", 1)): v for k, v in data["office"].items()},
            {t: set(p) for t, p in data["title_places"].items()},
            dt.date.fromisoformat(data["horizon"]),
        )

    def extend(self, other: Index) -> None:
        for mine, theirs in (
            (self.spelling, other.spelling),
            (self.token, other.token),
            (self.surname, other.surname),
            (self.office, other.office),
        ):
            for key in theirs:
                have = ids(mine, key)
                mine[key] = [*have, *(i for i in ids(theirs, key) if i not in have)]
        for title, places in other.title_places.items():
            self.title_places[title] = self.title_places.get(title, set()) | places
        self.horizon = max(self.horizon, other.horizon)


def ids(table: dict, key) -> list[int]:
    """The ids under ``key``, unpacking a prebuilt entry on first use."""
    value = table.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        value = table[key] = [int(x) for x in value.split()]
    return value


def index_people(people: Sequence[Person], first: int = 0) -> Index:
    spelling: dict[str, list[int]] = defaultdict(list)
    token: dict[str, list[int]] = defaultdict(list)
    surname: dict[str, list[int]] = defaultdict(list)
    office: dict[tuple[str, str], list[int]] = defaultdict(list)
    title_places: dict[str, set[str]] = defaultdict(set)
    horizon = dt.date.min
    for i, person in enumerate(people, first):
        for s in person.spellings:
            key = fold(s)
            _add(spelling, key, i)
            for word in key.split():
                _add(token, word, i)
        for name in sorted(person.surnames):
            _add(surname, fold(name), i)
        for p in person.positions:
            title_places[p.title].add(p.of)
            _add(office, (p.title, p.of), i)
            for d in (p.start, p.end):
                if d is not None and d.latest > horizon:
                    horizon = d.latest
    return Index(dict(spelling), dict(token), dict(surname), dict(office), dict(title_places), horizon)


def _add(table: dict, key, i: int) -> None:
    ids = table[key]
    if not ids or ids[-1] != i:
        ids.append(i)


class LazyPeople(Sequence):
    """People of a generated file made on first use, then the YAML files' people."""

    def __init__(self, raw: list, make: Callable[[dict, int], Person], extra: list[Person] = ()):
        self.raw = raw
        self.made: list[Person | None] = [None] * len(raw)
        self.make = make
        self.extra = list(extra)

    def __len__(self) -> int:
        return len(self.raw) + len(self.extra)

    def raw_name(self, i: int) -> str:
        return self[i].name

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if i >= len(self.raw):
            return self.extra[i - len(self.raw)]
        person = self.made[i]
        if person is None:
            person = self.made[i] = self.make(self.raw[i], i)
        return person


class IdMap:
    """key -> the people with those ids (a read-only mapping, as the KB's lookups were)."""

    def __init__(self, table: dict, people: Sequence[Person]):
        self.table, self.people = table, people

    def get(self, key, default=None):
        found = ids(self.table, key)
        return [self.people[i] for i in found] if found else default

    def __getitem__(self, key):
        if key not in self.table:
            raise KeyError(key)
        return self.get(key)

    def __contains__(self, key) -> bool:
        return key in self.table


class OfficeMap(IdMap):
    """(title, place) -> (person, position) pairs of those who held it."""

    def get(self, key, default=None):
        found = ids(self.table, key)
        if not found:
            return default
        title, of = key
        return [
            (p, pos)
            for p in (self.people[i] for i in found)
            for pos in p.positions
            if pos.title == title and pos.of == of
        ]

    def __getitem__(self, key):
        return self.get(key, [])
