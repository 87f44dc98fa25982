"""The knowledge base: loading and its errors, name matching, titles against dates, import."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap

import pytest

from lint.datafiles.strict import DataError
from lint.engine import Engine, Selection
from lint.kb import NO, UNKNOWN, YES, DateRange, Position, kb_files, load_kb
from lint.kb.names import mentions
from lint.kb.wikidata import import_wikidata
from lint.rule import Context
from lint.rules.registry import load_registry
from lint.text.document import Document

from conftest import ROOT

TITLES = ROOT / "rules" / "kb" / "titles.yaml"
SMALL = ROOT / "tests" / "data" / "kb-small.yaml"
CONTEXT = Context(kb_files=(TITLES, SMALL), builtin_kb=False)


@pytest.fixture(scope="module")
def kb():
    return load_kb((TITLES, SMALL))


@pytest.fixture(scope="module")
def engine():
    return Engine(load_registry(context=CONTEXT), Selection(select=("fact",)))


def findings(engine, text: str, date: str):
    doc = Document.from_text(text, date=dt.date.fromisoformat(date), date_source="option")
    return [(d.rule, d.text, d.message) for d in engine.lint(doc)]


# -- dates ----------------------------------------------------------------------------------


def test_partial_dates_are_ranges_and_nothing_is_decided_inside_them():
    pos = Position("President", "X", DateRange.parse("2019-03"), DateRange.parse("2024"))
    assert pos.held_on(dt.date(2019, 2, 28)) == NO
    assert pos.held_on(dt.date(2019, 3, 15)) == UNKNOWN
    assert pos.held_on(dt.date(2019, 4, 1)) == YES
    assert pos.held_on(dt.date(2024, 6, 1)) == UNKNOWN
    assert pos.held_on(dt.date(2025, 1, 1)) == NO


def test_handover_day_is_unknown():
    pos = Position("Chancellor", "Germany", DateRange.parse("2021-12-08"), DateRange.parse("2025-05-06"))
    assert pos.held_on(dt.date(2025, 5, 5)) == YES
    assert pos.held_on(dt.date(2025, 5, 6)) == UNKNOWN
    assert pos.held_on(dt.date(2025, 5, 7)) == NO


# -- names ----------------------------------------------------------------------------------


def near_misses(kb, text):
    return [(m.text, m.spelling) for m in mentions(text, kb) if not m.exact]


def test_near_misses_of_known_officials(kb):
    text = (
        "Anthony Blinken, Antony Albanese, Kier Starmer and President Xi Jingping met Chancellor "
        "Friedrich Mertz. Blinken, Albanese and Starmer spoke."
    )
    assert near_misses(kb, text) == [
        ("Anthony Blinken", "Antony Blinken"),
        ("Antony Albanese", "Anthony Albanese"),
        ("Kier Starmer", "Keir Starmer"),
        ("Xi Jingping", "Xi Jinping"),
        ("Friedrich Mertz", "Friedrich Merz"),
    ]


def test_correct_names_and_other_people_are_never_flagged(kb):
    text = (
        "WASHINGTON — Antony Blinken met Anthony Albanese. Kazakh President Kassym-Jomart Tokayev "
        "(or Tokaev: Kassym-Jomart Tokaev) and Shavkat Mirziyoev. George Bush, George W. Bush, "
        "David Miliband and Ed Miliband. Assistant Secretary of State Donald Lu and Richard Hoagland. "
        "Merz blinked; Mars. Boris Starmer."
    )
    assert near_misses(kb, text) == []
    exact = {m.person.name for m in mentions(text, kb) if m.exact}
    assert exact == {
        "Antony Blinken",
        "Anthony Albanese",
        "Kassym-Jomart Tokayev",
        "Shavkat Mirziyoyev",
        "George W. Bush",
        "David Miliband",
    }


def test_near_misses_need_corroboration(kb):
    # No title before them and the official's surname nowhere else: other people.
    assert near_misses(kb, "Mike Watts and Friedrich Mertz and Antony Albanese spoke.") == []
    assert near_misses(kb, "Friedrich Mertz spoke. Merz did not.") == [("Friedrich Mertz", "Friedrich Merz")]
    # Two slips in a short surname count only with the surname elsewhere.
    assert near_misses(kb, "Keir Stammers spoke.") == []
    assert near_misses(kb, "Keir Stammers spoke. Starmer did not.") == [("Keir Stammers", "Keir Starmer")]


def test_accepted_names_are_not_flagged(kb):
    text = "Kier Starmer and Starmer"
    assert near_misses(kb, text) == [("Kier Starmer", "Keir Starmer")]
    assert [m for m in mentions(text, kb, frozenset({"Kier Starmer"})) if not m.exact] == []


# -- the fact rules -------------------------------------------------------------------------


def test_misnamed_official_with_unsafe_fix(engine):
    doc = Document.from_text(
        "Anthony Blinken visited Astana. Blinken left.", date=dt.date(2023, 2, 28), date_source="option"
    )
    [d] = engine.lint(doc)
    assert d.rule == "fact.misnamed-official" and d.text == "Anthony Blinken"
    assert "Antony Blinken" in d.message and "Secretary of State of United States" in d.message
    assert d.fix.applicability.value == "unsafe" and d.fix.edits[0].replacement == "Antony Blinken"


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # a former office-holder written as current, on both sides of the term's end
        ("Chancellor Olaf Scholz spoke.", "2025-05-05", None),
        ("Chancellor Olaf Scholz spoke.", "2025-05-06", None),  # handover day
        (
            "Chancellor Olaf Scholz spoke.",
            "2025-05-07",
            "was Chancellor of Germany 2021-12-08 to 2025-05-06, not on 2025-05-07; "
            "on that day it was Friedrich Merz",
        ),
        ("German Chancellor Olaf Scholz spoke.", "2025-06-10", "not on 2025-06-10"),
        ("former Chancellor Olaf Scholz spoke.", "2025-06-10", None),
        ("ex-Chancellor Olaf Scholz spoke.", "2025-06-10", None),
        ("then-Chancellor Olaf Scholz spoke.", "2025-06-10", None),
        # someone not yet in office, and "former" for someone still in it
        (
            "Chancellor Friedrich Merz spoke.",
            "2024-11-01",
            "became Chancellor of Germany only on 2025-05-06, after 2024-11-01",
        ),
        ("Chancellor-elect Friedrich Merz spoke.", "2025-04-01", None),
        ("incoming Chancellor Friedrich Merz spoke.", "2025-04-01", None),
        (
            "former Chancellor Friedrich Merz spoke.",
            "2025-06-10",
            "is still Chancellor of Germany on 2025-06-10",
        ),
        # a title held long ago, and one never held
        (
            "Kazakh Prime Minister Kassym-Jomart Tokayev spoke.",
            "2024-03-01",
            "was Prime Minister of Kazakhstan 1999-10-01 to 2002-01-28",
        ),
        ("Kazakh President Kassym-Jomart Tokayev spoke.", "2024-03-01", None),
        ("President of Kazakhstan Kassym-Jomart Tokayev spoke.", "2024-03-01", None),
        (
            "Kazakh President Shavkat Mirziyoyev spoke.",
            "2024-03-01",
            "never held the title President of Kazakhstan",
        ),
        # other offices that contain a title
        ("Assistant Secretary of State Antony Blinken spoke.", "2026-01-01", None),
        ("Shadow Chancellor Olaf Scholz spoke.", "2026-01-01", None),
        ("He met Senate President Keir Starmer.", "2026-01-01", None),
        ("He met the Senate President, Keir Starmer.", "2026-01-01", None),
        (
            "EU Commission president Olaf Scholz spoke.",
            "2024-03-01",
            "never held the title President of the European Commission",
        ),
        # a generic title for a specific office
        ("Foreign Minister David Miliband spoke.", "2008-01-01", None),
        (
            "Foreign Minister David Miliband spoke.",
            "2012-01-01",
            "was Foreign Secretary of United Kingdom 2007-06-28 to 2010-05-11",
        ),
    ],
)
def test_title_against_date(engine, text, date, expected):
    found = [f for f in findings(engine, text, date) if f[0] == "fact.title-date"]
    if expected is None:
        assert found == []
    else:
        [(_, _, message)] = found
        assert expected in message


def test_surname_after_a_title_is_the_person_named_earlier(engine):
    text = "Olaf Scholz arrived. Later, Chancellor Scholz spoke."
    [(_, flagged, message)] = [f for f in findings(engine, text, "2025-06-10") if f[0] == "fact.title-date"]
    assert flagged == "Chancellor Scholz" and "Olaf Scholz was Chancellor" in message


def test_former_fix_round_trips(engine):
    from helpers import fix

    reg = load_registry(context=CONTEXT)
    fixed = fix("Chancellor Olaf Scholz spoke.", ("fact.title-date",), reg=reg, date="2025-06-10")
    assert fixed == "Former Chancellor Olaf Scholz spoke."


def test_undated_article_gets_one_note():
    engine = Engine(load_registry(context=CONTEXT), Selection(select=("fact",)))
    doc = Document.from_text("Antony Blinken met Keir Starmer.")
    notes = [d for d in engine.lint(doc) if d.rule == "fact.undated"]
    assert len(notes) == 1 and notes[0].severity.value == "info" and notes[0].text == "Antony Blinken"


# -- loading errors ---------------------------------------------------------------------------


def write(tmp_path, body: str):
    path = tmp_path / "local.yaml"
    path.write_text(textwrap.dedent(body))
    return path


def kb_error(tmp_path, body: str) -> DataError:
    """The error loading the shipped titles with this KB file raises."""
    path = write(tmp_path, body)
    with pytest.raises(DataError) as info:
        load_kb((TITLES, path))
    return info.value


def test_unknown_title_and_place_are_located(tmp_path):
    err = kb_error(
        tmp_path,
        """\
        kb: local
        places: [{name: Ruritania}]
        people:
          - name: Rudolf Rassendyll
            positions:
              - {title: Regent, of: Ruritania, start: 1894}
        """,
    )
    assert err.line == 6 and "unknown title 'Regent'" in err.message
    err = kb_error(
        tmp_path,
        """\
        kb: local
        people:
          - name: Rudolf Rassendyll
            positions:
              - {title: King, of: Ruritania, start: 1894}
        """,
    )
    assert err.line == 5 and "unknown place 'Ruritania'" in err.message


def test_contradictory_dates_are_an_error(tmp_path):
    err = kb_error(
        tmp_path,
        """\
        kb: local
        places: [{name: Ruritania}]
        people:
          - name: Rudolf Rassendyll
            positions:
              - {title: King, of: Ruritania, start: 1894-05-01, end: 1894-04-01}
        """,
    )
    assert err.line == 6 and "ends (1894-04-01) before it starts (1894-05-01)" in err.message


def test_schema_errors_name_the_key(tmp_path):
    err = kb_error(
        tmp_path,
        """\
        kb: local
        people:
          - name: Rudolf Rassendyll
            birthplace: Zenda
            positions: []
        """,
    )
    assert err.line == 4 and "unknown key 'birthplace'" in err.message


def test_user_kb_file_adds_people_and_merges_by_name(tmp_path):
    path = write(
        tmp_path,
        """\
        kb: local
        people:
          - name: Antony Blinken
            variants: [Tony Blinken]
            positions:
              - {title: Secretary of State, of: United States, start: 2021-01-26, end: 2025-01-20}
        """,
    )
    kb = load_kb((TITLES, SMALL, path))
    [person] = kb.lookup("Tony Blinken")
    assert person.name == "Antony Blinken" and len(person.positions) == 1


# -- import -------------------------------------------------------------------------------------


def binding(person, qid, office, country, start, end=None):
    row = {
        "person": {"type": "uri", "value": f"http://www.wikidata.org/entity/{qid}"},
        "personLabel": {"type": "literal", "value": person},
        "positionLabel": {"type": "literal", "value": office},
        "countryLabel": {"type": "literal", "value": country},
        "start": {"type": "literal", "value": start},
    }
    if end:
        row["end"] = {"type": "literal", "value": end}
    return row


def test_import_wikidata_result(kb, tmp_path):
    result = {
        "head": {
            "vars": [
                "person",
                "personLabel",
                "position",
                "positionLabel",
                "country",
                "countryLabel",
                "start",
                "end",
            ]
        },
        "results": {
            "bindings": [
                binding(
                    "Kassym-Jomart Tokayev",
                    "Q123",
                    "President of Kazakhstan",
                    "Kazakhstan",
                    "2019-03-20T00:00:00Z",
                ),
                binding(
                    "Kassym-Jomart Tokayev",
                    "Q123",
                    "Prime Minister of Kazakhstan",
                    "Kazakhstan",
                    "1999-10-01T00:00:00Z",
                    "2002-01-28T00:00:00Z",
                ),
                binding(
                    "Olaf Scholz",
                    "Q456",
                    "Federal Chancellor of Germany",
                    "Germany",
                    "2021-12-08T00:00:00Z",
                    "2025-05-06T00:00:00Z",
                ),
                binding(
                    "Somebody",
                    "Q789",
                    "Minister of Foreign Affairs of Ruritania",
                    "Ruritania",
                    "2001-01-01T00:00:00Z",
                ),
                binding(
                    "Nobody", "Q999", "Governor of the Bank of Ruritania", "Ruritania", "2001-05-05T00:00:00Z"
                ),
            ]
        },
    }
    imported = import_wikidata(json.dumps(result), kb, "imported")
    people = {p["name"]: p for p in imported.document["people"]}
    assert people["Kassym-Jomart Tokayev"]["positions"] == [
        {"title": "President", "of": "Kazakhstan", "start": "2019-03-20"},
        {"title": "Prime Minister", "of": "Kazakhstan", "start": "1999-10-01", "end": "2002-01-28"},
    ]
    assert people["Olaf Scholz"]["positions"][0]["title"] == "Chancellor"
    assert people["Somebody"]["positions"] == [
        {"title": "Foreign Minister", "of": "Ruritania", "start": "2001"}
    ]
    assert "Nobody" not in people and imported.skipped == {"Governor of the Bank of Ruritania": 1}
    # The imported file is a valid KB file in its own right.
    from lint.kb.wikidata import to_yaml

    out = tmp_path / "imported.yaml"
    out.write_text(to_yaml(imported.document), encoding="utf-8")
    reloaded = load_kb((TITLES, out))
    assert {p.name for p in reloaded.people} == {"Kassym-Jomart Tokayev", "Olaf Scholz", "Somebody"}


def test_cli_kb_lookup_and_import(tmp_path):
    cfg = tmp_path / ".newslint.toml"
    cfg.write_text(f'kb = ["{SMALL}"]\n')
    run = subprocess.run(
        [sys.executable, "-m", "lint", "kb", "lookup", "Scholz", "--config", str(cfg)],
        capture_output=True,
        text=True,
    )
    assert (
        run.returncode == 0
        and "Olaf Scholz" in run.stdout
        and "Chancellor of Germany, 2021-12-08 to 2025-05-06" in run.stdout
    )
    run = subprocess.run(
        [sys.executable, "-m", "lint", "kb", "lookup", "Olaf Scholtz", "--config", str(cfg)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1 and "did you mean Olaf Scholz?" in run.stdout


def test_shipped_kb_loads_and_the_query_ships():
    kb = load_kb(kb_files())
    assert len(kb.people) > 0
    assert "SELECT" in (ROOT / "lint" / "kb" / "wikidata.rq").read_text()


def test_kb_cache_is_used_and_a_corrupt_entry_is_rebuilt(tmp_path, monkeypatch):
    from lint import kb as kbmod

    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    first = kbmod.load_kb.__wrapped__((TITLES, SMALL))
    [entry] = tmp_path.glob("kb-*.json")
    again = kbmod.load_kb.__wrapped__((TITLES, SMALL))
    assert [p.name for p in again.people] == [p.name for p in first.people]
    entry.write_bytes(b"not json")
    rebuilt = kbmod.load_kb.__wrapped__((TITLES, SMALL))
    assert len(rebuilt.people) == len(first.people)
    # A changed file is a different entry: the stale one is not trusted.
    changed = tmp_path / "kb.yaml"
    changed.write_text(SMALL.read_text().replace("Antony Blinken", "Antony J. Blinken"))
    assert kbmod.load_kb.__wrapped__((TITLES, changed)).lookup("Antony J. Blinken")


def test_the_title_scan_tried_at_word_starts_finds_what_a_full_scan_finds():
    """kb-title tries its title pattern only where a word that begins a title starts;
    the matches (spans and groups) must be those of scanning every character."""
    registry = load_registry()
    check = registry.check(next(r for r in registry.rules if r.id == "fact.title-date"))
    text = (
        "Prime Minister Keir Starmer met President Emmanuel Macron; the prime minister, "
        "Rishi Sunak, and Vice-President JD Vance spoke. Former US Secretary of State "
        "Antony Blinken and Chancellor of the Exchequer Rachel Reeves, Foreign Minister\n"
        "Sergei Lavrov, the Minister Of nothing, PresidentXi, président Macron."
    )
    full = [(m.span(), m.groupdict()) for m in check.title_re.finditer(text)]
    assert len(full) >= 6
    assert [(m.span(), m.groupdict()) for m in check._title_matches(text)] == full
