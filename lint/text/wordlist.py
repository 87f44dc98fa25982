"""How common an English word is, from wordfreq's table vendored as data
(``data/wordfreq-en.txt.gz``, written by ``tools/vendor_wordfreq.py``): the words of Zipf
frequency 2 or more, by the whole part of their Zipf value. Loading it takes a few
milliseconds; importing wordfreq and its table took a third of a second."""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

import regex

from lint.datafiles import compiled_regex

_DATA = Path(__file__).resolve().parent / "data" / "wordfreq-en.txt.gz"
LOWEST = 2  # the file holds no rarer word
_WORD = compiled_regex.compile(r"[\p{L}\p{N}]+")


@cache
def _zipf_floor() -> dict[str, int]:
    out: dict[str, int] = {}
    # The header line, then one section a Zipf value: "@N" and its words, a line each.
    for section in gzip.decompress(_DATA.read_bytes()).decode("utf-8").split("\n@")[1:]:
        head, _, words = section.partition("\n")
        out.update(dict.fromkeys(words.split(), int(head)))
    return out


def at_least(word: str, zipf: int) -> bool:
    """``wordfreq.zipf_frequency(word, "en") >= zipf`` for an alphabetic ``word`` and a
    whole ``zipf`` of 2 or more."""
    if zipf < LOWEST or zipf != int(zipf):
        raise ValueError(f"the vendored word list answers whole Zipf values of {LOWEST} or more")
    return _zipf_floor().get(word.casefold(), LOWEST - 1) >= zipf


def known(word: str, zipf: int = 3) -> bool:
    """In the tagger's lexicon, or at least as frequent as ``zipf`` in wordfreq's English
    (which knows British spellings and words newer than the lexicon: "privatisation",
    "download")."""
    from lint.text.tagger import lexicon

    words = lexicon()
    if word in words or word.lower() in words:
        return True
    if not word.isalpha():
        return False  # wordfreq estimates "economy-which" from its parts
    return at_least(word, zipf)


def lower_case_name(text: str, start: int) -> bool:
    """Whether the word at ``start`` of ``text``, in lower case, is a name spelt so: it has a
    digit in it ("my2cents"), or it is not a ``known`` word and ``text`` never capitalises
    it ("zorbix")."""
    m = _WORD.match(text, start)
    if m is None:
        return False
    word = m.group()
    if any(c.isdigit() for c in word):
        return True
    if known(word):
        return False
    capital = word[:1].upper() + word[1:]
    return regex.search(rf"\b{regex.escape(capital)}\b", text) is None
