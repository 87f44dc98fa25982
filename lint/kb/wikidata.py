"""Turn the JSON result of the Wikidata query (lint/kb/wikidata.rq) into a KB file.

Each row is one term of one office. The office's label ("Prime Minister of Kazakhstan",
"Federal Chancellor of Germany", "United States Secretary of State") is matched against
the KB's titles and their synonyms, longest first; rows whose label names no known
title are skipped and counted. Dates keep Wikidata's precision only to the day: a term
recorded as 1 January is usually known only to the year, so such dates are written as
the year alone, and a check never decides anything on a date it knows only roughly.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

import yaml

from lint.kb import KnowledgeBase, fold


@dataclass
class ImportResult:
    document: dict
    skipped: Counter = field(default_factory=Counter)  # position label -> rows skipped


class WikidataImportError(ValueError):
    pass


def import_wikidata(text: str, kb: KnowledgeBase, name: str = "wikidata") -> ImportResult:
    try:
        data = json.loads(text)
        rows = data["results"]["bindings"]
    except (json.JSONDecodeError, KeyError, TypeError) as err:
        raise WikidataImportError(f"not a SPARQL JSON result: {err}") from None
    forms = sorted(kb.title_forms, key=len, reverse=True)
    people: dict[str, dict] = {}
    places: dict[str, dict] = {}
    skipped: Counter = Counter()
    for row in rows:
        try:
            qid = _qid(row["person"]["value"])
            label = row["personLabel"]["value"]
            office = row["positionLabel"]["value"]
            country = row["countryLabel"]["value"]
            start = _date(row["start"]["value"])
        except KeyError as err:
            raise WikidataImportError(f"a row lacks {err}: {row}") from None
        title = _title(office, forms, kb)
        if title is None or label.startswith("Q") and label[1:].isdigit():
            skipped[office] += 1
            continue
        places.setdefault(country, {"name": country})
        person = people.setdefault(qid, {"name": label, "qid": qid, "positions": []})
        position = {"title": title, "of": country, "start": start}
        if "end" in row:
            position["end"] = _date(row["end"]["value"])
        if position not in person["positions"]:
            person["positions"].append(position)
    document = {
        "kb": name,
        "description": "Imported from a Wikidata query result (lint/kb/wikidata.rq).",
        "places": [places[k] for k in sorted(places)],
        "people": sorted(people.values(), key=lambda p: p["name"]),
    }
    return ImportResult(document, skipped)


def to_yaml(document: dict) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def _title(office: str, forms: list[str], kb: KnowledgeBase) -> str | None:
    folded = f" {fold(office)} "
    for form in forms:
        if f" {form} " in folded:
            titles = kb.title_forms[form]
            # A synonym shared by several titles ("Foreign Minister") says too little.
            return (
                next(iter(titles)) if len(titles) == 1 else (form.title() if form.title() in titles else None)
            )
    return None


def _qid(uri: str) -> str:
    return uri.rsplit("/", 1)[-1]


def _date(value: str) -> str:
    day = value[:10].lstrip("+")
    return day[:4] if day.endswith("-01-01") else day
