"""Parsed rule packs are cached on disk by content: a cached pack is the same pack, an edited
pack is parsed again, and a corrupt cache entry is ignored."""

from __future__ import annotations

from lint.registry import load_pack

from helpers import GOOD_RULE as PACK


def test_a_cached_pack_is_the_parsed_pack(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK)
    first = load_pack(pack)
    assert len(list((tmp_path / "cache").glob("pack-*.pickle"))) == 1
    again = load_pack(pack)
    assert again == first and [r.key_lines for r in again] == [r.key_lines for r in first]
    assert (again[0].id, again[0].line, again[0].params["swap"]) == ("house.no-alot", 3, {"alot": "a lot"})


def test_an_edited_pack_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK)
    load_pack(pack)
    pack.write_text(PACK.replace("severity: warning", "severity: error"))
    assert load_pack(pack)[0].severity.value == "error"


def test_a_corrupt_cache_entry_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK)
    first = load_pack(pack)
    [entry] = (tmp_path / "cache").glob("pack-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert load_pack(pack) == first
