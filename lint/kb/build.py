"""Build the shipped knowledge base (``rules/kb/officials.json``) from its sources:

- Wikidata's "position held" extracts of every-politician-scrapers (CC0), one CSV per
  country (``<repo>.holders21.csv``), positions written as free-text labels;
- the Institute for Government's Ministers Database (CC BY 4.0), UK ministers, day-precise;
- ``unitedstates/congress-legislators``' executive.yaml (CC0), US presidents and vice presidents;
- the hand-typed records (``lint/kb/sources/hand/*.yaml``), which carry wire spellings,
  surnames used alone, and the changes since the Wikidata snapshots (2023 on).

Labels become newslint titles through ``sources/positions.yaml`` (a table of patterns);
labels no rule names are counted in ``sources/unmapped.txt``. Sources are merged person
by person (Wikidata id first, then the name): when two sources disagree on a date by more
than 31 days, or name different people for a one-holder office on the same days, the
conflict goes to ``sources/conflicts.txt`` until ``sources/overrides.yaml`` decides it.
Nothing is chosen silently: an undecided conflict keeps the higher-ranked source's record
(hand > IfG/US > Wikidata) and stays in the report, and ``--check`` fails.

    python -m lint.kb.build [--sources DIR] [--out FILE] [--check]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lint.kb import DateRange, fold

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
ROOT = HERE.parent.parent
# The corpora sit next to the checkout (../shared), or one folder further up.
DEFAULT_CORPUS = next(
    (
        d / "shared" / "corpora" / "officials"
        for d in (ROOT.parent, ROOT.parent.parent)
        if (d / "shared").is_dir()
    ),
    ROOT.parent / "shared" / "corpora" / "officials",
)
DEFAULT_OUT = ROOT / "rules" / "kb" / "officials.json"
TITLES = ROOT / "rules" / "kb" / "titles.yaml"

SLACK = dt.timedelta(days=31)
SNAPSHOT = "2022-07"  # the oldest Wikidata snapshot: later changes come from other sources
# Offices one person holds at a time: two holders on the same days is a conflict.
SINGLE = frozenset(
    {
        "President",
        "Prime Minister",
        "Chancellor",
        "Foreign Minister",
        "Foreign Secretary",
        "Secretary of State",
        "Chancellor of the Exchequer",
        "Home Secretary",
        "Secretary of Defense",
        "Secretary of the Treasury",
    }
)
# Titles that stand for several posts (every other cabinet post): terms are joined, not compared.
UNION = frozenset({"Cabinet Minister"})
KEEP = {"first": "old", "second": "new", "both": "both"}  # overrides.yaml -> Merger.decide
RANK = {"wikidata": 0, "ifg": 1, "us": 1, "hand": 2}
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_PAREN = re.compile(r"\s*\([^)]*\)$")


@dataclass
class Term:
    title: str
    of: str
    start: str
    end: str | None
    source: str
    acting: bool = False

    def range(self) -> tuple[dt.date, dt.date]:
        end = DateRange.parse(self.end).latest if self.end else dt.date(9000, 1, 1)
        return DateRange.parse(self.start).earliest, end

    def key(self) -> str:
        return f"{self.title}|{self.of}|{self.start}"


@dataclass
class Rec:
    name: str
    qid: str | None
    source: str
    terms: list[Term] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    surname: str | None = None
    labels: set[str] = field(default_factory=set)  # folded names that identify the person


# -- the position table ---------------------------------------------------------------------


class PositionMap:
    def __init__(self, path: Path, places: dict[str, dict]):
        self.rules = yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]
        self.places = places
        self._cache: dict[tuple[str, str | None], tuple[bool, str | None, str | None]] = {}

    def _place_alt(self, place: str | None) -> str:
        info = self.places.get(place or "", {})
        words = [place or "", *info.get("aliases", []), *info.get("adjectives", [])]
        words = [re.escape(w.lower()) for w in words if w]
        return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")" if words else "(?!x)x"

    def title(self, label: str, place: str | None) -> tuple[bool, str | None, str | None]:
        """(known, title, place it serves): known False when no rule names the label."""
        key = (label, place)
        if key not in self._cache:
            self._cache[key] = self._title(label.strip(), place)
        return self._cache[key]

    def _title(self, label: str, place: str | None) -> tuple[bool, str | None, str | None]:
        alt = self._place_alt(place)
        for rule in self.rules:
            if rule.get("places") and place not in rule["places"]:
                continue
            if place is None and "of" not in rule and rule.get("title"):
                continue
            if not re.fullmatch(rule["label"].replace("{place}", alt), label, re.I):
                continue
            unless = rule.get("unless")
            if unless and re.fullmatch(unless.replace("{place}", alt), label, re.I):
                continue
            return True, rule.get("title"), rule.get("of", place)
        return False, None, None


# -- reading the sources --------------------------------------------------------------------


def _date(text: str | None) -> str | None:
    text = (text or "").strip()[:10]
    return text if _DATE.match(text) else None


def _canonical(enwiki: str, label: str) -> str:
    name = _PAREN.sub("", enwiki or "").strip()
    return name or label


def read_wikidata(folder: Path, pmap: PositionMap, countries: dict, unmapped: Counter) -> list[Rec]:
    people: dict[str, Rec] = {}
    for path in sorted(folder.glob("*.holders21.csv")):
        repo = path.name.removesuffix(".holders21.csv")
        if repo not in countries:
            continue
        place = countries[repo]
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                qid, label = (row.get("personID") or "").strip(), (row.get("person") or "").strip()
                start = _date(row.get("start"))
                if not re.fullmatch(r"Q[1-9]\d*", qid) or not label or re.fullmatch(r"Q\d+", label):
                    continue
                known, title, of = pmap.title(row["position"], place)
                if not known:
                    unmapped[f"{row['position']} ({place or repo})"] += 1
                if not title or not start:
                    continue
                end = _date(row.get("end")) or _date(row.get("DOD"))
                if end and DateRange.parse(end).latest < DateRange.parse(start).earliest:
                    continue  # a reversed term is a data slip; the other sources still cover it
                rec = people.get(qid)
                if rec is None:
                    name = _canonical(row.get("enwiki", ""), label)
                    rec = people[qid] = Rec(name, qid, "wikidata", labels={fold(name), fold(label)})
                    if fold(label) != fold(name) and "(" not in label:
                        rec.variants.append(label)
                term = Term(title, of, start, end, f"wikidata:{repo}")
                if all(t.key() != term.key() for t in rec.terms):
                    rec.terms.append(term)
    return list(people.values())


def read_ifg(folder: Path, pmap: PositionMap, unmapped: Counter, qids: dict[str, str]) -> list[Rec]:
    def rows(name):
        with (folder / f"ifg-{name}.csv").open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    posts = {r["id"]: r for r in rows("post")}
    names: dict[str, list[dict]] = defaultdict(list)
    for r in rows("person"):
        names[r["id"]].append(r)
    acting = {r["appointment_id"] for r in rows("appointment_characteristics") if r["is_acting"] == "True"}
    people: dict[str, Rec] = {}
    for a in rows("appointment"):
        post = posts.get(a["post_id"])
        if post is None or post["rank_equivalence"] not in ("PM", "DPM", "SoS"):
            continue
        start, end = _date(a["start_date"]), _date(a["end_date"])
        if not start or (end and end < "2000"):
            continue
        label = "Prime Minister" if post["rank_equivalence"] == "PM" else post["name"]
        known, title, of = pmap.title(label, "United Kingdom")
        if not known:
            unmapped[f"{label} (United Kingdom, IfG)"] += 1
        if not title:
            continue
        rec = people.get(a["person_id"])
        if rec is None:
            versions = names[a["person_id"]]
            # The name in use when the appointment began ("Peter Mandelson" before his peerage).
            current = next(
                (v for v in versions if (v["start_date"] or "0") <= start < (v["end_date"] or "9")),
                versions[0],
            )
            forms = [v["name"] for v in versions if not v["name"].startswith(("Lord ", "Baroness ", "Lady "))]
            name = forms[0] if forms else current["name"]
            qid = next((qids[fold(f)] for f in forms if fold(f) in qids), None)
            rec = people[a["person_id"]] = Rec(name, qid, "ifg", labels={fold(f) for f in forms})
        rec.terms.append(Term(title, of, start, end, "ifg", a["id"] in acting))
    return list(people.values())


def read_us(path: Path, qids: dict[str, str]) -> list[Rec]:
    people = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        terms = entry["terms"]
        if all((t.get("end") or "9999") < "2000" for t in terms):
            continue
        n = entry["name"]
        name = " ".join(
            x
            for x in (n.get("first"), n.get("middle", "")[:1] + "." if n.get("middle") else "", n["last"])
            if x
        )
        plain = f"{n['first']} {n['last']}"
        qid = entry["id"].get("wikidata") or qids.get(fold(plain)) or qids.get(fold(name))
        rec = Rec(plain, qid, "us", labels={fold(plain), fold(name)})
        for t in terms:
            title = "President" if t["type"] == "prez" else "Vice President"
            rec.terms.append(
                Term(title, "United States", str(t["start"]), str(t["end"]) if t.get("end") else None, "us")
            )
        people.append(rec)
    return people


def read_hand(folder: Path) -> tuple[list[Rec], list[dict]]:
    people: list[Rec] = []
    places: list[dict] = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        places += data.get("places") or []
        for raw in data.get("people") or []:
            rec = Rec(
                raw["name"],
                raw.get("qid"),
                "hand",
                variants=list(raw.get("variants", [])),
                surname=raw.get("surname"),
                labels={fold(raw["name"])},
            )
            for p in raw["positions"]:
                rec.terms.append(
                    Term(
                        p["title"],
                        p["of"],
                        str(p["start"]),
                        str(p["end"]) if "end" in p else None,
                        f"hand:{path.name}",
                        p.get("acting", False),
                    )
                )
            people.append(rec)
    return people, places


# -- merging --------------------------------------------------------------------------------


@dataclass
class Conflict:
    key: str
    text: str
    keep: str  # "old" (the record already merged) or "new" (the incoming one) by rank


class Merger:
    def __init__(self, overrides: dict):
        self.people: list[Rec] = []
        self.by_qid: dict[str, Rec] = {}
        self.by_label: dict[str, list[Rec]] = defaultdict(list)
        self.by_office: dict[tuple[str, str], list[Rec]] = defaultdict(list)
        self.overrides = overrides
        self.conflicts: list[Conflict] = []
        self.decided: list[str] = []
        self.policy: dict[str, str] = {}
        self.used: set[str] = set()

    def _find(self, rec: Rec) -> Rec | None:
        if rec.qid and rec.qid in self.by_qid:
            return self.by_qid[rec.qid]
        for label in sorted(rec.labels):
            found = [p for p in self.by_label.get(label, []) if not (rec.qid and p.qid and p.qid != rec.qid)]
            if len(found) == 1:
                return found[0]
        # Another spelling of someone in the same office at the same time ("Ara Aivazian",
        # "Ara Ayvazyan"): a shared name word, or names that are close.
        for term in rec.terms:
            if term.title in UNION:
                continue
            a0, a1 = term.range()
            for other in self.by_office.get((term.title, term.of), ()):
                if rec.qid and other.qid and other.qid != rec.qid:
                    continue
                for t in other.terms:
                    if t.title != term.title or t.of != term.of:
                        continue
                    b0, b1 = t.range()
                    if min(a1, b1) - max(a0, b0) <= dt.timedelta(0):
                        continue
                    same_term = not _far(term.start, t.start, "start", term, t) and not _far(
                        term.end, t.end, "end", term, t
                    )
                    if same_term or same_name(rec.name, other.name):
                        return other
        return None

    def _index(self, rec: Rec) -> None:
        for t in rec.terms:
            if rec not in self.by_office[(t.title, t.of)]:
                self.by_office[(t.title, t.of)].append(rec)
        if rec.qid:
            self.by_qid[rec.qid] = rec
        for label in rec.labels:
            if rec not in self.by_label[label]:
                self.by_label[label].append(rec)

    def decide(self, key: str, text: str, default: str) -> str:
        choice = self.overrides.get(key)
        if choice in ("old", "new", "both"):
            self.used.add(key)
            self.decided.append(f"{key}\n    {text}\n    decided: {choice} (overrides.yaml)")
            return choice
        kind = key.split("|", 1)[0]
        if self.policy.get(kind) == "rank":
            self.decided.append(
                f"{key}\n    {text}\n    decided: {default} (policy: the higher-ranked source)"
            )
            return default
        self.conflicts.append(Conflict(key, text, default))
        return default

    def add(self, rec: Rec) -> None:
        rec.terms = coalesce(rec.terms)
        old = self._find(rec)
        if old is None:
            self.people.append(rec)
            self._index(rec)
            return
        new_wins = RANK[rec.source] > RANK[old.source]
        if not old.qid and rec.qid:
            old.qid = rec.qid
        if rec.source == "hand":
            # The hand-typed record knows wire spellings and how copy shortens the name.
            for v in [rec.name, *rec.variants]:
                if fold(v) != fold(old.name) and v not in old.variants:
                    old.variants.append(v)
            old.surname = old.surname or rec.surname
        else:
            for v in rec.variants:
                if fold(v) != fold(old.name) and v not in old.variants:
                    old.variants.append(v)
        old.labels |= rec.labels
        self._index(old)
        for term in rec.terms:
            self._merge_term(old, term, new_wins)

    def _merge_term(self, person: Rec, term: Term, new_wins: bool) -> None:
        same = [t for t in person.terms if t.title == term.title and t.of == term.of]
        a0, a1 = term.range()
        match, best = None, None
        for t in same:
            b0, b1 = t.range()
            overlap = min(a1, b1) - max(a0, b0)
            close = overlap > dt.timedelta(0) or abs(a0 - b0) <= SLACK
            if close and (best is None or overlap > best):
                match, best = t, overlap
        if match is None:
            person.terms.append(term)
            return
        if term.title in UNION:
            # Several posts under one title: each source lists the posts it knows.
            match.start = min(match.start, term.start, key=lambda d: DateRange.parse(d).earliest)
            match.end = (
                None
                if None in (match.end, term.end)
                else max(match.end, term.end, key=lambda d: DateRange.parse(d).latest)
            )
            return
        for part in ("start", "end"):
            mine, theirs = getattr(term, part), getattr(match, part)
            if _far(mine, theirs, part, term, match):
                key = f"date|{person.qid or person.name}|{term.title}|{term.of}|{match.start}|{part}"
                text = (
                    f"{person.name} ({person.qid or 'no QID'}), {term.title} of {term.of}: {part} "
                    f"{theirs or 'open'} ({match.source}) vs {mine or 'open'} ({term.source})"
                )
                choice = self.decide(key, text, "new" if new_wins else "old")
                if choice == "new":
                    setattr(match, part, mine)
            elif _more_precise(mine, theirs) and mine is not None:
                setattr(match, part, mine)  # the same date, known to the day
        if term.source.startswith(("ifg", "us", "hand")) and not match.source.startswith("hand"):
            match.source = f"{match.source}+{term.source}"

    def holder_conflicts(self) -> None:
        """Different people in a one-holder office on the same days, from different sources."""
        offices: dict[tuple[str, str], list[tuple[Rec, Term]]] = defaultdict(list)
        for person in self.people:
            for t in person.terms:
                if t.title in SINGLE and not t.acting:
                    offices[(t.title, t.of)].append((person, t))
        for (title, of), terms in sorted(offices.items()):
            terms.sort(key=lambda x: x[1].range()[0])
            # A term open in a snapshot ends when a later source names a successor after it.
            for p, t in terms:
                if t.end is None and t.source.startswith("wikidata"):
                    later = [
                        u
                        for q, u in terms
                        if q is not p
                        and not u.source.startswith("wikidata")
                        and u.start > t.start
                        and u.start >= SNAPSHOT
                    ]
                    if later:
                        t.end = min(u.start for u in later)
            for i, (p, t) in enumerate(terms):
                a0, a1 = _definite(t)
                for q, u in terms[i + 1 :]:
                    b0, b1 = _definite(u)
                    if b0 > a1:
                        continue
                    if p is q or _kind(t.source) == _kind(u.source):
                        continue
                    overlap = min(a1, b1) - max(a0, b0)
                    if overlap <= SLACK:
                        continue
                    key = f"holder|{title}|{of}|{p.qid or p.name}|{t.start}|{q.qid or q.name}|{u.start}"
                    text = (
                        f"{title} of {of}: {p.name} ({t.start} to {t.end or 'open'}, {t.source}) and "
                        f"{q.name} ({u.start} to {u.end or 'open'}, {u.source}) overlap {overlap.days} days"
                    )
                    choice = self.decide(key, text, "both")  # undecided: both stay, reported
                    if choice == "old":  # keep the first named
                        _drop(q, u)
                    elif choice == "new":
                        _drop(p, t)


def _definite(t: Term) -> tuple[dt.date, dt.date]:
    """The days a term certainly covers (a month-precise start counts from its last day)."""
    start = DateRange.parse(t.start).latest
    end = DateRange.parse(t.end).earliest if t.end else dt.date(9000, 1, 1)
    return start, end


def same_name(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    wa, wb = fold(a).replace("-", " ").split(), fold(b).replace("-", " ").split()
    if wa[-1] == wb[-1] and len(wa[-1]) >= 4:
        return True  # the same surname with more or fewer given names
    return fuzz.token_sort_ratio(fold(a), fold(b)) >= 70


def coalesce(terms: list[Term]) -> list[Term]:
    """Join one source's back-to-back terms of one office (re-elections, reshuffles that kept
    the post, several posts under one title): sources cut terms differently."""
    out: list[Term] = []
    for t in sorted(terms, key=lambda t: (t.title, t.of, t.range()[0])):
        last = out[-1] if out else None
        if last and last.title == t.title and last.of == t.of and last.acting == t.acting:
            l0, l1 = last.range()
            t0, t1 = t.range()
            if t0 <= l1 + dt.timedelta(days=7):
                if t1 > l1:
                    last.end = t.end
                continue
        out.append(Term(t.title, t.of, t.start, t.end, t.source, t.acting))
    return out


def _kind(source: str) -> str:
    return source.split(":")[0].split("+")[-1]


def _drop(person: Rec, term: Term) -> None:
    if term in person.terms:
        person.terms.remove(term)


def _far(a: str | None, b: str | None, part: str, ta: Term, tb: Term) -> bool:
    if a == b:
        return False
    if a is None or b is None:
        if part != "end":
            return True
        # An open term in a snapshot and an end after it is a later change, not a conflict.
        closed = a or b
        open_source = ta.source if a is None else tb.source
        return not (open_source.startswith("wikidata") and closed >= "2022-07")
    ra, rb = DateRange.parse(a), DateRange.parse(b)
    gap = max(ra.earliest - rb.latest, rb.earliest - ra.latest, dt.timedelta(0))
    return gap > SLACK


def _more_precise(a: str | None, b: str | None) -> bool:
    return (a or "").count("-") > (b or "").count("-")


# -- output ---------------------------------------------------------------------------------


def build(corpus: Path, sources: Path = SOURCES, titles_file: Path = TITLES):
    """(KB document, undecided conflicts, unmapped labels, stale overrides, decisions)."""
    countries = yaml.safe_load((sources / "countries.yaml").read_text(encoding="utf-8")) or {}
    overrides_doc = (
        yaml.safe_load((sources / "overrides.yaml").read_text(encoding="utf-8"))
        if (sources / "overrides.yaml").exists()
        else {}
    )
    overrides_doc = overrides_doc or {}
    overrides = {d["conflict"]: KEEP[d["keep"]] for d in overrides_doc.get("decisions") or []}
    hand, hand_places = read_hand(sources / "hand")
    places = {p["name"]: p for p in hand_places}
    table = sources / "positions.yaml"
    pmap = PositionMap(table if table.is_file() else SOURCES / "positions.yaml", places)
    unmapped: Counter = Counter()
    wd_dir, ifg_dir, us_file = (
        corpus / "wikidata-holders",
        corpus / "uk-ifg",
        corpus / "us-executive" / "executive.yaml",
    )
    wikidata = read_wikidata(wd_dir, pmap, countries, unmapped) if wd_dir.is_dir() else []
    qids: dict[str, str] = {}
    ambiguous: set[str] = set()
    for rec in wikidata:
        for label in rec.labels:
            if qids.get(label, rec.qid) != rec.qid:
                ambiguous.add(label)
            qids[label] = rec.qid
    for label in ambiguous:
        del qids[label]
    ifg = read_ifg(ifg_dir, pmap, unmapped, qids) if ifg_dir.is_dir() else []
    us = read_us(us_file, qids) if us_file.is_file() else []
    merger = Merger(overrides)
    merger.policy = overrides_doc.get("policy") or {}
    for rec in [*wikidata, *us, *ifg, *hand]:
        merger.add(rec)
    merger.holder_conflicts()
    from lint.datafiles.strict import load_validated

    titles_text = titles_file.read_text(encoding="utf-8")
    titles = load_validated(titles_text, str(titles_file), "kb.schema.json")[0]["titles"]
    for person in merger.people:
        for t in person.terms:
            if t.title not in titles:
                raise SystemExit(f"{person.name}: title {t.title!r} is not in {titles_file}")
            places.setdefault(t.of, {"name": t.of})
    stale = sorted(set(overrides) - merger.used)
    doc = _document(merger.people, places, corpus)
    doc["index"] = _index(doc["people"])
    # The loader trusts the titles file this build validated (by digest), not any other.
    doc["validated"] = {titles_file.name: hashlib.sha256(titles_text.encode()).hexdigest()}
    return doc, merger.conflicts, unmapped, stale, merger.decided


def _document(people: list[Rec], places: dict[str, dict], corpus: Path) -> dict:
    manifest = corpus / "wikidata-holders" / "MANIFEST.tsv"
    commits = []
    if manifest.is_file():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            repo, commit, date, *_ = line.split("\t")
            commits.append([repo, commit, date])
    out_people = []
    for rec in sorted(people, key=lambda r: (fold(r.name), r.qid or "")):
        terms = sorted(rec.terms, key=lambda t: (t.start, t.title))
        if not terms:
            continue
        row: dict = {"name": rec.name}
        if rec.qid:
            row["qid"] = rec.qid
        if rec.surname:
            row["surname"] = rec.surname
        variants = [v for v in dict.fromkeys(rec.variants) if fold(v) != fold(rec.name) and len(v) >= 3]
        if variants:
            row["variants"] = variants
        row["positions"] = [
            {
                k: v
                for k, v in (
                    ("title", t.title),
                    ("of", t.of),
                    ("start", t.start),
                    ("end", t.end),
                    ("acting", t.acting or None),
                )
                if v is not None
            }
            for t in terms
        ]
        row["sources"] = sorted({_kind(t.source) for t in terms})
        out_people.append(row)
    return {
        "kb": "officials",
        "description": (
            "Generated by `python -m lint.kb.build`; do not edit: change lint/kb/sources/ and rebuild. "
            "Office holders from Wikidata (CC0), the Institute for Government's Ministers Database "
            "(CC BY 4.0), unitedstates/congress-legislators (CC0) and newslint's hand-typed records."
        ),
        "provenance": {
            "wikidata": {
                "what": "Wikidata P39 extracts by every-politician-scrapers, html/holders21.csv",
                "licence": "CC0 1.0 (Wikidata)",
                "snapshots": commits,
            },
            "ifg": {
                "what": "Institute for Government, Ministers Database",
                "repository": "instituteforgov/ifg-ministers-database-public",
                "commit": "92e227025645607913912d9d8312b7421a437bd3",
                "date": "2026-06-19",
                "licence": "CC BY 4.0; attribution: Institute for Government, Ministers Database",
            },
            "us": {
                "what": "unitedstates/congress-legislators, executive.yaml",
                "commit": "dfa9622263dd4c8d08636926e498f1845704d7eb",
                "date": "2026-06-15",
                "licence": "CC0 1.0",
            },
            "hand": {
                "what": "lint/kb/sources/hand/*.yaml, typed and checked by hand",
                "licence": "the project's",
            },
        },
        "places": [places[k] for k in sorted(places)],
        "people": out_people,
    }


def _index(people: list[dict]) -> dict:
    from lint.kb import person_from_json
    from lint.kb.index import index_people

    return index_people([person_from_json(p, "") for p in people]).to_json()


def write_reports(
    sources: Path, conflicts: list[Conflict], unmapped: Counter, stale: list[str], decided: list[str]
) -> None:
    head = ["# Conflicts between the KB's sources and how lint/kb/sources/overrides.yaml decided them."]
    (sources / "decided.txt").write_text("\n".join(head + decided) + "\n", encoding="utf-8")
    lines = [
        "# Conflicts between the KB's sources that lint/kb/sources/overrides.yaml does not decide.",
        "# Regenerated by `python -m lint.kb.build`; empty when every conflict is decided.",
    ]
    for c in conflicts:
        kept = "incoming" if c.keep == "new" else "merged"
        lines.append(f"{c.key}\n    {c.text}\n    undecided: kept the {kept} record")
    for key in stale:
        lines.append(f"{key}\n    an override that no longer matches a conflict: remove it")
    (sources / "conflicts.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = ["# Position labels no rule of lint/kb/sources/positions.yaml names (rows, label (country))."]
    rows += [f"{n}\t{label}" for label, n in sorted(unmapped.items(), key=lambda x: (-x[1], x[0]))]
    (sources / "unmapped.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")


def dump(doc: dict) -> str:
    # One person a line: diffs stay readable and the file loads with json alone.
    head = {k: v for k, v in doc.items() if k not in ("people", "index")}
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    people = ",\n".join(json.dumps(p, ensure_ascii=False, separators=(",", ":")) for p in doc["people"])
    index = json.dumps(doc["index"], ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f'{text},\n "people": [\n{people}\n],\n "index": {index}}}\n'


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build rules/kb/officials.json from the officials sources.")
    ap.add_argument("--sources", type=Path, default=DEFAULT_CORPUS, help="the officials corpus folder")
    ap.add_argument("--config", type=Path, default=SOURCES, help="mapping table, overrides, hand records")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="fail when a conflict is undecided")
    args = ap.parse_args(argv)
    doc, conflicts, unmapped, stale, decided = build(args.sources, args.config)
    args.out.write_text(dump(doc), encoding="utf-8")
    write_reports(args.config, conflicts, unmapped, stale, decided)
    people = doc["people"]
    with_qid = sum(1 for p in people if "qid" in p)
    print(f"{len(people)} people ({with_qid} with a Wikidata id), {len(doc['places'])} places -> {args.out}")
    print(
        f"{len(decided)} conflicts decided, {len(conflicts)} undecided, {len(stale)} stale overrides; "
        f"{sum(unmapped.values())} rows of {len(unmapped)} unmapped labels"
    )
    for c in conflicts[:50]:
        print(f"CONFLICT {c.key}: {c.text}")
    return 1 if args.check and (conflicts or stale) else 0


if __name__ == "__main__":
    sys.exit(main())
