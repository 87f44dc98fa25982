"""Compiled patterns kept between runs: the next run rebuilds them without compiling, an
entry that is not the user's own or is damaged is never used, and a rebuilt pattern
matches as a compiled one does."""

from __future__ import annotations

import pytest
import regex

from lint.datafiles import compiled_regex, secret


def _new_process():
    """Forget what this process compiled and read, as a new run starts."""
    compiled_regex._stored = None
    compiled_regex._new.clear()
    compiled_regex._used.clear()
    compiled_regex._made.clear()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv(secret.SECRET_ENV, raising=False)
    secret.secret.cache_clear()
    compiled_regex._rebuilder()  # before any test counts compilations
    _new_process()
    yield tmp_path
    _new_process()
    secret.secret.cache_clear()


@pytest.fixture
def compilations(monkeypatch):
    """The patterns regex.compile is asked to compile from here on."""
    seen: list[str] = []
    real = regex.compile

    def counting(pattern, flags=0, **kwargs):
        seen.append(pattern)
        return real(pattern, flags, **kwargs)

    monkeypatch.setattr(compiled_regex.regex, "compile", counting)
    return seen


PATTERN = r"(?<![\p{L}])(?P<title>\L<titles>)[ \t]+(?P<name>\p{Lu}\p{Ll}+)"
TEXT = "Foreign Minister Lavrov met Prime minister Modi and the prime minister Kishida."


def _compile():
    return compiled_regex.compile(PATTERN, regex.IGNORECASE, titles=["prime minister", "foreign minister"])


def test_the_next_run_rebuilds_a_pattern_without_compiling_it(cache, compilations):
    first = _compile()
    assert compilations == [PATTERN]
    compiled_regex.save()
    assert list(cache.glob("regex-*.bin"))
    _new_process()
    again = _compile()
    assert compilations == [PATTERN]  # not compiled a second time
    assert again is not first
    assert again.pattern == first.pattern and again.flags == first.flags
    assert again.groupindex == first.groupindex
    found = [(m.span(), m["title"], m["name"]) for m in again.finditer(TEXT)]
    assert found == [(m.span(), m["title"], m["name"]) for m in first.finditer(TEXT)]
    assert [t for _, t, _ in found] == ["Foreign Minister", "Prime minister", "prime minister"]


def test_other_named_lists_or_flags_are_another_pattern(cache, compilations):
    _compile()
    compiled_regex.save()
    _new_process()
    only_prime = compiled_regex.compile(PATTERN, regex.IGNORECASE, titles=["prime minister"])
    assert [m["name"] for m in only_prime.finditer(TEXT)] == ["Modi", "Kishida"]
    case_sensitive = compiled_regex.compile(PATTERN, titles=["prime minister", "foreign minister"])
    assert [m["name"] for m in case_sensitive.finditer(TEXT)] == ["Kishida"]
    assert compilations == [PATTERN] * 3


def test_an_entry_signed_with_another_key_is_not_used(cache, compilations, monkeypatch):
    monkeypatch.setenv(secret.SECRET_ENV, "someone else")
    secret.secret.cache_clear()
    _compile()
    compiled_regex.save()
    monkeypatch.delenv(secret.SECRET_ENV)
    secret.secret.cache_clear()
    _new_process()
    assert [m["name"] for m in _compile().finditer(TEXT)] == ["Lavrov", "Modi", "Kishida"]
    assert compilations == [PATTERN, PATTERN]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data.replace(b"minister", b"ministry"),  # changed behind its signature
        lambda data: b"",
    ],
)
def test_a_damaged_entry_is_compiled_again(cache, compilations, damage):
    _compile()
    compiled_regex.save()
    (entry,) = cache.glob("regex-*.bin")
    entry.write_bytes(damage(entry.read_bytes()))
    _new_process()
    assert [m["name"] for m in _compile().finditer(TEXT)] == ["Lavrov", "Modi", "Kishida"]
    assert compilations == [PATTERN, PATTERN]


def test_an_invalid_pattern_raises_as_regex_does_and_is_not_kept(cache):
    with pytest.raises(regex.error):
        compiled_regex.compile(r"(?P<open>unclosed")
    assert not compiled_regex._new
    compiled_regex.save()
    assert not list(cache.glob("regex-*.bin"))


def test_programs_of_another_run_are_kept_with_this_ones(cache, compilations):
    compiled_regex.compile(r"\bfirst\b")
    compiled_regex.save()
    _new_process()
    compiled_regex.compile(r"\bsecond\b")
    compiled_regex.save()
    _new_process()
    assert compiled_regex.compile(r"\bfirst\b").search("the first one")
    assert compiled_regex.compile(r"\bsecond\b").search("a second one")
    assert compilations == [r"\bfirst\b", r"\bsecond\b"]


def test_a_pattern_under_another_default_syntax_is_another_program(cache, compilations, monkeypatch):
    compiled_regex.compile(r"[[a-z]--[aeiou]]+")
    compiled_regex.save()
    _new_process()
    monkeypatch.setattr(regex, "DEFAULT_VERSION", regex.VERSION1)
    consonants = compiled_regex.compile(r"[[a-z]--[aeiou]]+")
    assert consonants.findall("strength") == ["str", "ngth"]  # set difference, as version 1 reads it
    assert compilations == [r"[[a-z]--[aeiou]]+"] * 2


def test_the_store_keeps_what_this_run_used_when_it_is_full(cache, compilations, monkeypatch):
    monkeypatch.setattr(compiled_regex, "MAX_PATTERNS", 3)
    for word in ("one", "two", "three"):
        compiled_regex.compile(word)
    compiled_regex.save()
    _new_process()
    compiled_regex.compile("three")  # from the store
    compiled_regex.compile("four")  # new: the store is full, an unused one makes room
    compiled_regex.save()
    _new_process()
    for word in ("three", "four"):
        compiled_regex.compile(word)
    assert compilations == ["one", "two", "three", "four"]
    assert len(compiled_regex._read()) == 3
