"""The KB importer on small extracts written for the tests (tests/data/officials-mini, in the
sources' own formats): label mapping, QIDs and canonical names, precise dates, the merge with
hand-typed records, the conflict report and the overrides that decide it, and the load."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from lint.kb import YES, load_kb
from lint.kb.build import build, dump, main

from conftest import ROOT

DATA = ROOT / "tests" / "data"
CORPUS = DATA / "officials-mini"
TITLES = ROOT / "rules" / "kb" / "titles.yaml"


@pytest.fixture()
def sources(tmp_path):
    folder = tmp_path / "sources"
    shutil.copytree(DATA / "kb-sources-mini", folder)
    return folder


def people(doc):
    return {p["name"]: p for p in doc["people"]}


def test_labels_map_to_titles_and_unmapped_labels_are_reported(sources):
    doc, conflicts, unmapped, stale, decided = build(CORPUS, sources)
    found = people(doc)
    assert [p["title"] for p in found["Eve Trial"]["positions"]] == ["Foreign Minister"]
    assert found["Hal Fake"]["positions"][0]["title"] == "Finance Minister"
    assert "Fay Mock" not in found  # a deputy minister: known label, not imported
    assert "Gus Stub" not in found
    assert unmapped == {"Grand Wizard of Testing (Testland)": 1}


def test_qids_canonical_names_and_precise_dates(sources):
    doc, *_ = build(CORPUS, sources)
    found = people(doc)
    anna = found["Anna Example"]  # the English Wikipedia title without its "(politician)"
    assert anna["qid"] == "Q101"
    assert anna["positions"] == [{"title": "President", "of": "Testland", "start": "2016-03"}]
    assert found["Bert Sample"]["positions"][0]["start"] == "2016"
    assert found["Hal Fake"]["qid"] == "Q108"  # no Wikipedia title: the label
    # The US file's two terms are one; the UK file's cabinet post is kept, the junior one not.
    assert found["Jo Doe"]["positions"] == [
        {"title": "President", "of": "United States", "start": "2001-01-20", "end": "2009-01-20"}
    ]
    assert found["Ian Brit"]["positions"] == [
        {
            "title": "Chancellor of the Exchequer",
            "of": "United Kingdom",
            "start": "2019-07-24",
            "end": "2020-02-13",
        }
    ]
    assert {p["name"] for p in doc["people"] if "qid" not in p} == {"Ivo Later", "Zed Other", "Ian Brit"}


def test_hand_records_merge_and_later_changes_are_kept(sources):
    doc, *_ = build(CORPUS, sources)
    found = people(doc)
    cora = found["Cora Demo"]
    assert cora["qid"] == "Q103" and cora["variants"] == ["Kora Demo"]
    # Wikidata's term, open at its snapshot, ends when the hand-typed successor starts.
    assert cora["positions"] == [
        {"title": "Prime Minister", "of": "Testland", "start": "2019-05-02", "end": "2023-03-01"}
    ]
    assert found["Ivo Later"]["positions"][0]["start"] == "2023-03-01"


def test_every_conflict_is_reported_until_an_override_decides_it(sources):
    doc, conflicts, unmapped, stale, decided = build(CORPUS, sources)
    keys = [c.key for c in conflicts]
    assert keys == [
        "date|Q104|Foreign Minister|Testland|2018-01-10|end",
        "holder|President|Testland|Q101|2016-03|Zed Other|2020-01-01",
    ]
    # Undecided, the higher-ranked source (hand-typed) is kept, and the report says so.
    assert people(doc)["Dan Probe"]["positions"][0]["end"] == "2021-03-01"
    (sources / "overrides.yaml").write_text(
        "decisions:\n"
        "  - {conflict: 'date|Q104|Foreign Minister|Testland|2018-01-10|end', keep: first}\n"
        "  - {conflict: 'holder|President|Testland|Q101|2016-03|Zed Other|2020-01-01', keep: first}\n"
        "  - {conflict: 'holder|Prime Minister|Nowhere|Q1|2000|Q2|2001', keep: both}\n"
    )
    doc, conflicts, unmapped, stale, decided = build(CORPUS, sources)
    assert conflicts == []
    assert stale == ["holder|Prime Minister|Nowhere|Q1|2000|Q2|2001"]
    found = people(doc)
    assert found["Dan Probe"]["positions"][0]["end"] == "2021-06-30"  # Wikidata's date, as decided
    assert "Zed Other" not in found  # his only term was dropped
    assert len(decided) == 2


def test_the_command_writes_loadable_kb_and_reports(sources, tmp_path, capsys):
    out = tmp_path / "officials.json"
    assert main(["--sources", str(CORPUS), "--config", str(sources), "--out", str(out), "--check"]) == 1
    report = (sources / "conflicts.txt").read_text()
    assert "date|Q104|Foreign Minister|Testland|2018-01-10|end" in report
    assert "Grand Wizard of Testing (Testland)" in (sources / "unmapped.txt").read_text()
    (sources / "overrides.yaml").write_text(
        "policy: {date: rank}\ndecisions:\n"
        "  - {conflict: 'holder|President|Testland|Q101|2016-03|Zed Other|2020-01-01', keep: both}\n"
    )
    assert main(["--sources", str(CORPUS), "--config", str(sources), "--out", str(out), "--check"]) == 0
    assert (sources / "conflicts.txt").read_text().count("\n") == 2  # the header only
    data = json.loads(out.read_text())
    assert data["provenance"]["ifg"]["licence"].startswith("CC BY 4.0")
    assert data["provenance"]["wikidata"]["snapshots"] == [
        ["testland-cabinet", "0123456789abcdef0123456789abcdef01234567", "2022-08-01"]
    ]
    kb = load_kb((TITLES, out))
    [cora] = kb.lookup("Kora Demo")
    assert cora.name == "Cora Demo" and cora.qid == "Q103"
    assert [p.name for p in kb.holders({"Prime Minister"}, "Testland", dt.date(2024, 1, 1))] == ["Ivo Later"]
    assert kb.people[0].positions[0].held_on(dt.date(2020, 1, 1)) in (YES, "unknown")


def test_a_yaml_record_of_a_generated_person_is_merged(sources, tmp_path):
    out = tmp_path / "officials.json"
    doc, *_ = build(CORPUS, sources)
    out.write_text(dump(doc))
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "kb: mine\npeople:\n  - name: Eve Trial\n    variants: [Eva Trial]\n"
        "    positions:\n      - {title: Foreign Minister, of: Testland, start: '2021-07-01'}\n"
    )
    kb = load_kb((TITLES, extra, out))
    [eve] = kb.lookup("Eva Trial")
    assert eve.qid == "Q105" and eve.name == "Eve Trial"
    assert len([p for p in kb.people if p.name == "Eve Trial"]) == 1


def test_the_shipped_kb_is_generated_and_its_reports_are_clean():
    kb = load_kb((TITLES, ROOT / "rules" / "kb" / "officials.json"))
    assert len(kb.people) > 15000
    conflicts = (ROOT / "lint" / "kb" / "sources" / "conflicts.txt").read_text().splitlines()
    assert all(line.startswith("#") for line in conflicts)
