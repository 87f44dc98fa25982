"""The records of the knowledge base: people, the positions they held and when (dates
known to the day, month or year), places, and the folding that makes names comparable."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

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
