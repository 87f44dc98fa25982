"""Parsed rule packs are cached on disk by content: a cached pack is the same pack, an edited
pack is parsed again, and a corrupt cache entry is ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.rules.registry import load_pack

from helpers import GOOD_RULE as PACK


@pytest.fixture
def pack(tmp_path, monkeypatch) -> Path:
    """A user's pack, with the cache in a folder of its own (tmp_path / "cache")."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "house.yaml"
    path.write_text(PACK)
    return path


def test_a_cached_pack_is_the_parsed_pack(tmp_path, pack):
    first = load_pack(pack)
    assert len(list((tmp_path / "cache").glob("pack-*.json"))) == 1
    again = load_pack(pack)
    assert again == first and [r.key_lines for r in again] == [r.key_lines for r in first]
    assert (again[0].id, again[0].line, again[0].params["swap"]) == ("house.no-alot", 3, {"alot": "a lot"})


def test_an_edited_pack_is_parsed_again(tmp_path, pack):
    load_pack(pack)
    pack.write_text(PACK.replace("severity: warning", "severity: error"))
    assert load_pack(pack)[0].severity.value == "error"


def test_a_corrupt_cache_entry_is_ignored(tmp_path, pack):
    first = load_pack(pack)
    [entry] = (tmp_path / "cache").glob("pack-*.json")
    entry.write_bytes(b"not json")
    assert load_pack(pack) == first


def test_the_cache_holds_data_not_code(tmp_path, pack):
    """An entry planted in the cache folder can at worst be wrong data; it never runs."""
    import pickle

    first = load_pack(pack)
    [entry] = (tmp_path / "cache").glob("pack-*.json")
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (marker.write_text, ("code ran",))

    entry.write_bytes(pickle.dumps(Payload()))
    entry.with_suffix(".pickle").write_bytes(pickle.dumps(Payload()))
    assert load_pack(pack) == first
    assert not marker.exists()
    # Well-formed JSON of the wrong shape is rebuilt too.
    entry.write_text('[{"id": "x"}]')
    assert load_pack(pack) == first


def test_a_cached_knowledge_base_is_the_loaded_one(tmp_path, monkeypatch):
    from lint.kb import _load, kb_files, load_kb
    from lint.kb.index import ids

    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    # YAML knowledge bases (a desk's own) are cached; the shipped generated JSON loads as is.
    root = Path(__file__).resolve().parents[1]
    files = kb_files(
        (root / "rules" / "kb" / "titles.yaml", root / "lint" / "kb" / "sources" / "hand"), builtin=False
    )
    fresh = _load(files)
    load_kb.__wrapped__(files)  # fills the cache
    assert len(list((tmp_path / "cache").glob("kb-*.json"))) == 1
    cached = load_kb.__wrapped__(files)
    assert cached.people == fresh.people
    assert (cached.places, cached.titles) == (fresh.places, fresh.titles)
    # The index is read back, not rebuilt, and answers as the fresh one.
    for table in ("spelling", "token", "surname", "office"):
        mine, theirs = getattr(cached.index, table), getattr(fresh.index, table)
        assert set(mine) == set(theirs) and all(ids(mine, k) == ids(theirs, k) for k in theirs), table
    # The indexes point at the cached people themselves, as the loader's do.
    person = cached.lookup("Recep Tayyip Erdogan")[0]
    assert any(p is person for p in cached.people)
