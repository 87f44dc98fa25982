"""The officials knowledge base: people, the offices they held and when, the places they
served, and the ways news copy writes titles. Data lives in ``rules/kb/``: ``titles.yaml``,
and ``officials.json`` generated from public sources and the hand-typed records by
``python -m lint.kb.build``; a user adds YAML files of their own through the configuration.

Records with the same canonical name in several files are one person: their spellings and
positions are merged. Dates may be a day, a month or a year; a date known only to the
month or year is a range, and a check never decides anything inside that range.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from lint.datafiles import parsed_cache
from lint.datafiles.packaged import schema_file
from lint.datafiles.strict import DataError, line_of, load_validated
from lint.kb.index import IdMap, Index, LazyPeople, OfficeMap, ids, index_people
from lint.kb.model import NO, UNKNOWN, YES, DateRange, Person, Place, Position, fold  # noqa: F401 (the package's names)


class KnowledgeBase:
    """People and their lookups. The lookups are id lists (``index.Index``): built here for
    YAML files, read prebuilt from generated JSON, where people are made only when asked for."""

    def __init__(self, people, places: list[Place], titles: dict[str, list[str]], index=None):
        self.people = people
        self.places = {p.name: p for p in places}
        self.titles = titles
        self.index: Index = index if index is not None else index_people(people)
        self.by_spelling = IdMap(self.index.spelling, people)
        self.by_surname = IdMap(self.index.surname, people)
        self.by_token = self.index.token  # token -> ids
        # Each way of writing a title, folded, to the canonical titles it may stand for.
        self.title_forms: dict[str, set[str]] = defaultdict(set)
        for canonical, synonyms in titles.items():
            for form in (canonical, *synonyms):
                self.title_forms[fold(form)].add(canonical)
        self.place_forms: dict[str, str] = {}
        for place in places:
            for word in place.words:
                self.place_forms.setdefault(word, place.name)
        self.title_places = self.index.title_places
        self.by_office = OfficeMap(self.index.office, people)
        # Beyond the newest date it records, the KB cannot know who took office.
        self.horizon = self.index.horizon

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
    """Titles first, then people: a KB folder holds YAML files and generated JSON ones
    (``officials.json``, built by ``python -m lint.kb.build``)."""
    files = _folder(builtin_kb_dir()) if builtin else []
    for path in extra:
        files.extend(_folder(path) if path.is_dir() else [path])
    return tuple(files)


def _folder(path: Path) -> list[Path]:
    return sorted([*path.glob("*.yaml"), *path.glob("*.json")], key=lambda p: (p.suffix == ".json", p.name))


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
    if any(p.suffix == ".json" for p in files):
        # Generated JSON loads faster than a pickle of the model would.
        return _load(files)
    key = _cache_key(blobs)
    cached = parsed_cache.load(f"kb-{key}", _kb_from_data)
    if cached is not None:
        return cached
    kb = _load(files)
    parsed_cache.store(f"kb-{key}", _kb_to_data(kb))
    return kb


def _kb_to_data(kb: KnowledgeBase) -> dict:
    """The records and the index built from them, so a cached read skips the validation
    and the indexing."""

    def day(d: DateRange | None) -> list | None:
        return None if d is None else [d.text, d.earliest.toordinal(), d.latest.toordinal()]

    return {
        "people": [
            [p.name, [[x.title, x.of, day(x.start), day(x.end), x.acting] for x in p.positions]]
            + [p.qid, p.variants, p.surname, p.source]
            for p in kb.people
        ],
        "places": [[p.name, list(p.aliases), list(p.adjectives)] for p in kb.places.values()],
        "titles": kb.titles,
        "index": kb.index.to_json(),
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
    places = [Place(name, tuple(aliases), tuple(adj)) for name, aliases, adj in data["places"]]
    return KnowledgeBase(people, places, data["titles"], Index.from_json(data["index"]))


def _cache_key(blobs: list[tuple[str, bytes]]) -> str:
    from lint import __version__

    digest = hashlib.sha256(__version__.encode())
    digest.update(schema_file("kb.schema.json").read_bytes())
    digest.update(Path(__file__).read_bytes())  # the loader and the model it caches
    for name, data in blobs:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()[:32]


def _trusted_titles(text: str, digest: str) -> dict:
    key = f"kb-titles-{digest[:32]}"
    titles = parsed_cache.load(key, _titles_table)
    if titles is None:
        import yaml

        titles = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["titles"]
        parsed_cache.store(key, titles)
    return titles


def _titles_table(data) -> dict[str, list[str]]:
    def row(key, value) -> bool:
        return isinstance(key, str) and isinstance(value, list) and all(isinstance(x, str) for x in value)

    if not isinstance(data, dict) or not all(row(k, v) for k, v in data.items()):
        raise ValueError("not a titles table")
    return data


def _load(files: tuple[Path, ...]) -> KnowledgeBase:
    """Load and check KB files; errors carry the file and line (``DataError``)."""
    titles: dict[str, list[str]] = {}
    places: dict[str, Place] = {}
    place_of: dict[str, tuple[str, str]] = {}  # name or alias -> (place, where declared)
    people: dict[str, Person] = {}
    pending: list[tuple[str, int, str, str]] = []  # (file, line, place, person) to check
    generated = None  # (file, raw people, prebuilt index) of a generated JSON file
    texts = []
    for path in files:
        try:
            texts.append((path, str(path), path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as err:
            raise DataError(str(path), None, f"cannot read the knowledge base: {err}") from None
    trusted: set[str] = set()  # digests of title files the generated file's build validated
    for path, name, text in texts:
        if path.suffix == ".json":
            if generated is not None:
                raise DataError(name, None, "only one generated (JSON) knowledge-base file can be loaded")
            generated = (name, *_load_json(text, name, places, trusted))
    for path, name, text in texts:
        if path.suffix == ".json":
            continue
        digest = hashlib.sha256(text.encode()).hexdigest()
        if digest in trusted:
            # The titles the generated file was built and validated with: no need to load
            # the schema validator again, nor YAML once they are in the parsed cache.
            data = {"titles": _trusted_titles(text, digest)}
            root = None
        else:
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
    for name, line, place, title in dict.fromkeys(pending):
        if place not in places:
            raise DataError(name, line, f"unknown place {place!r}: declare it under 'places' in a KB file")
        if titles and title not in titles:
            raise DataError(
                name, line, f"unknown title {title!r}: it must be a key of 'titles' (rules/kb/titles.yaml)"
            )
    if generated is None:
        return KnowledgeBase(list(people.values()), list(places.values()), titles)
    return _with_generated(generated, people, places, titles)


def _with_generated(generated, people: dict[str, Person], places: dict[str, Place], titles):
    name, raw, index = generated
    for title, place in index.office:
        if place not in places:
            raise DataError(name, None, f"unknown place {place!r}: declare it under 'places' in a KB file")
        if titles and title not in titles:
            raise DataError(name, None, f"unknown title {title!r}: it must be a key of 'titles'")
    lazy = LazyPeople(raw, lambda r, i: person_from_json(r, f"{name}:{i + 1}"))
    for person in people.values():
        # A YAML record of someone the generated file has: one person, as between YAML files.
        same = [i for i in ids(index.spelling, fold(person.name)) if lazy.raw_name(i) == person.name]
        if same:
            old = lazy[same[0]]
            old.qid = old.qid or person.qid
            old.surname = old.surname or person.surname
            old.variants += [v for v in person.variants if v not in old.variants]
            old.positions += [p for p in person.positions if p not in old.positions]
            index.extend(index_people([old], same[0]))
        else:
            lazy.extra.append(person)
            index.extend(index_people([person], len(lazy) - 1))
    return KnowledgeBase(lazy, list(places.values()), titles, index)


@cache
def _date(text: str) -> DateRange:
    return DateRange.parse(str(text))


def person_from_json(raw: dict | str, where: str) -> Person:
    if isinstance(raw, str):
        import json

        raw = json.loads(raw.rstrip(","))
    positions = [
        Position(
            p["title"],
            p["of"],
            _date(p["start"]),
            _date(p["end"]) if p.get("end") else None,
            p.get("acting", False),
        )
        for p in raw["positions"]
    ]
    return Person(
        raw["name"], positions, raw.get("qid"), list(raw.get("variants", ())), raw.get("surname"), where
    )


def _load_json(text: str, name: str, places: dict[str, Place], trusted: set[str]):
    """A generated KB file (``python -m lint.kb.build``), validated against the schema when it
    was built: its places now, its people (raw) and its prebuilt index."""
    import json

    try:
        # The builder writes one person a line between these markers: people are decoded
        # when first used, the rest of the file now.
        head, rest = text.split('\n "people": [\n', 1)
        lines, tail = rest.split('\n],\n "index": ', 1)
        data = json.loads(head.rstrip().rstrip(",") + "}")
        trusted.update(data.get("validated", {}).values())
        for raw in data.get("places") or []:
            old = places.get(raw["name"], Place(raw["name"]))
            places[raw["name"]] = Place(
                raw["name"],
                tuple(dict.fromkeys([*old.aliases, *raw.get("aliases", [])])),
                tuple(dict.fromkeys([*old.adjectives, *raw.get("adjectives", [])])),
            )
        return lines.split("\n"), Index.from_json(json.loads(tail.rstrip().removesuffix("}")))
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise DataError(name, None, f"not a generated knowledge-base file: {err!r}") from None
