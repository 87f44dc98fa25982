"""How common an English word is, from wordfreq's table vendored as data
(``data/wordfreq-en.txt.gz``, written by ``tools/vendor_wordfreq.py``): the words of Zipf
frequency 2 or more, by the whole part of their Zipf value. Loading it takes a few
milliseconds; importing wordfreq and its table took a third of a second."""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data" / "wordfreq-en.txt.gz"
LOWEST = 2  # the file holds no rarer word


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
