"""A sound key for name words that survives transliteration: Scholz, Sholts, Scholyts,
Scholts and Scholtz share one, and so do Mirziyoyev and Mirziyoev, Zhaparov and Japarov,
Ebrahim and Ibrahim. Vowels (and y, h) carry little across Cyrillic, Arabic and Persian
romanisations, so they are dropped; consonants that romanisations swap are merged:
sch/sh/s/z/ts/tz, zh/j/dj/ch, kh/k/q/c/ck, v/w/f/ph, d/t/th/dh. A vowel at the start is
kept as one class. The key only proposes candidates; a string metric still decides."""

from __future__ import annotations

from functools import lru_cache

from lint.datafiles import compiled_regex

_STEPS = [
    (compiled_regex.compile(r"[^a-z]"), ""),
    (compiled_regex.compile(r"shch|sch|sh"), "s"),
    (compiled_regex.compile(r"dzh|zh|dj|tch|ch|j|g(?=[ei])"), "j"),
    (compiled_regex.compile(r"ts|tz|dz|ss|z"), "s"),
    (compiled_regex.compile(r"kh|ck|q|c(?![ei])|gh|x"), "k"),
    (compiled_regex.compile(r"c(?=[ei])"), "s"),
    (compiled_regex.compile(r"ph|v|w"), "f"),
    (compiled_regex.compile(r"th|dh|d"), "t"),
]
_VOWELS = compiled_regex.compile(r"[aeiouyh]")
_REPEAT = compiled_regex.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 16)
def name_key(word: str) -> str:
    """The key of one folded name word ('' for words too short to key)."""
    if len(word) < 4:
        return ""
    text = word
    for pattern, repl in _STEPS:
        text = pattern.sub(repl, text)
    head = "a" if text[:1] in "aeiouy" else ""
    key = head + _VOWELS.sub("", text)
    key = _REPEAT.sub(r"\1", key)
    return key if len(key) >= 2 else ""
