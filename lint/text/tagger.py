"""Part-of-speech tags, exactly as TextBlob's PatternTagger gives them, at a fraction of
the cost and without TextBlob.

TextBlob's English tagger is a lexicon lookup (Brill's lexicon) with suffix rules for
unknown words; no contextual rules run. The lexicon and the tokenizer's tables are vendored
as data (``data/tagger-en.json``, written by ``tools/vendor_tagger.py`` from the TextBlob
version pinned in the test extra); the tokenizer is pattern's, step for step, with a fast
path for plain words. ``tests/test_tagger.py`` checks the output against TextBlob's.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data" / "tagger-en.json"
_CD = re.compile(r"^[0-9\-\,\.\:\/\%\$]+$")  # a number, a date, a price
_ABBR1 = re.compile(r"^[A-Za-z]\.$")  # single letter, "T. De Smedt"
_ABBR2 = re.compile(r"^([A-Za-z]\.)+$")  # alternating letters, "U.S."
_ABBR3 = re.compile(r"^[A-Z][b|c|d|f|g|h|j|k|l|m|n|p|q|r|s|t|v|w|x|z]+.$")  # "Mr."
_SARCASM = re.compile(r"\( ?\! ?\)")


@cache
def _tables() -> dict:
    return json.loads(_DATA.read_text(encoding="utf-8"))


@cache
def lexicon() -> dict[str, str]:
    out: dict[str, str] = {}
    for tag, words in _tables()["lexicon_by_tag"].items():
        out.update(dict.fromkeys(words.split(" "), tag))
    return out


@cache
def _emoticons() -> re.Pattern:
    alternatives = (r" ?".join(re.escape(ch) for ch in e) for e in _tables()["emoticons"])
    return re.compile(r"(" + "|".join(alternatives) + r")($|\s)")


_ADJECTIVE_ENDINGS = ("able", "al", "ful", "ible", "ient", "ish", "ive", "less", "tic", "ous")


def _suffix_tag(token: str) -> str:
    """Pattern's morphological rules for a word not in the lexicon; a later rule wins."""
    tag = "NN"
    if token.endswith("ing"):
        tag = "VBG"
    if token.endswith("ly"):
        tag = "RB"
    if token.endswith("s") and not token.endswith(("is", "ous", "ss")):
        tag = "NNS"
    if token.endswith(_ADJECTIVE_ENDINGS) or "-" in token:
        tag = "JJ"
    if token.endswith("ed"):
        tag = "VBN"
    if token.endswith(("ate", "ify", "ise", "ize")):
        tag = "VBP"
    return tag


def tag(text: str) -> list[tuple[str, str]]:
    """(token, Penn Treebank tag) pairs of ``text``, as ``PatternTagger().tag(text)``."""
    return list(_tag(text))


# Several checks read the same sentence's tags (agreement, the fluency model): tag it once.
@lru_cache(maxsize=4096)
def _tag(text: str) -> tuple[tuple[str, str], ...]:
    get = lexicon().get
    out: list[tuple[str, str]] = []
    for sentence in _sentences(text):
        for i, token in enumerate(sentence.split(" ")):
            found = get(token)
            if found is None and i == 0:
                found = get(token.lower())
            if found is None:
                if token.istitle():
                    found = "NNP"
                elif _CD.match(token) is not None:
                    found = "CD"
                else:
                    found = _suffix_tag(token)
            if "&slash;" in token:
                token = token.replace("&slash;", "/")  # as TextBlob's tagged-string round trip
            out.append((token, found))
    return tuple(out)


def with_offsets(sentence: str, tagged: list[tuple[str, str]]) -> list[tuple[str, str, int, int]]:
    """Tagged words with their offsets in ``sentence`` (words the tokenizer changed are dropped)."""
    out, cursor = [], 0
    for word, tag in tagged:
        at = sentence.find(word, cursor)
        if at < 0:
            continue
        out.append((word, tag, at, at + len(word)))
        cursor = at + len(word)
    return out


_QUOTES = str.maketrans({q: f" {q} " for q in "“”‘’'\""})
_LINEBREAK = re.compile(r"\n{2,}")
_SPACE = re.compile(r"\s+")
_ENDS = ("...", ".", "!", "?", "END-OF-SENTENCE")
_CLOSERS = ("'", '"', "”", "’", "...", ".", "!", "?", ")", "END-OF-SENTENCE")


@cache
def _tokenizer_tables() -> tuple:
    tables = _tables()
    punctuation = tuple(tables["punctuation"].replace(".", ""))
    return (
        punctuation,
        punctuation + (".",),
        frozenset(tables["punctuation"]),
        tables["replacements"],
        frozenset(tables["abbreviations"]),
    )


def _sentences(string: str) -> list[str]:
    """pattern's ``find_tokens`` (same steps, same order), with a fast path for a word that
    neither starts nor ends with punctuation, which is most of them."""
    punctuation, punctuation_stop, edge, replace, abbreviations = _tokenizer_tables()
    for a, b in replace.items():
        string = string.replace(a, b)  # the keys hold no regex syntax: re.sub is str.replace
    string = string.translate(_QUOTES).replace("\r\n", "\n")
    string = _LINEBREAK.sub(" END-OF-SENTENCE ", string)
    string = _SPACE.sub(" ", string)
    tokens: list[str] = []
    for t in string.split(" "):
        if not t:
            continue
        if t[0] not in edge and t[-1] not in edge:
            tokens.append(t)
            continue
        tail = []
        while t.startswith(punctuation) and t not in replace:
            tokens.append(t[0])
            t = t[1:]
        while t.endswith(punctuation_stop) and t not in replace:
            if t.endswith(punctuation):
                tail.append(t[-1])
                t = t[:-1]
            if t.endswith("..."):
                tail.append("...")
                t = t[:-3].rstrip(".")
            if t.endswith("."):
                if (
                    t in abbreviations
                    or _ABBR1.match(t) is not None
                    or _ABBR2.match(t) is not None
                    or _ABBR3.match(t) is not None
                ):
                    break
                tail.append(t[-1])
                t = t[:-1]
        if t != "":
            tokens.append(t)
        tokens.extend(reversed(tail))
    sentences: list[list[str]] = [[]]
    i = j = 0
    n = len(tokens)
    while j < n:
        if tokens[j] in _ENDS:
            # Citations, a closing bracket, repeated marks (!?) stay with the sentence.
            while j < n and tokens[j] in _CLOSERS:
                if tokens[j] in ("'", '"') and sentences[-1].count(tokens[j]) % 2 == 0:
                    break  # balanced quotes
                j += 1
            sentences[-1].extend(t for t in tokens[i:j] if t != "END-OF-SENTENCE")
            sentences.append([])
            i = j
        j += 1
    sentences[-1].extend(tokens[i:j])
    sarcasm, emoticons = _SARCASM, _emoticons()
    return [
        emoticons.sub(lambda m: m.group(1).replace(" ", "") + m.group(2), sarcasm.sub("(!)", " ".join(s)))
        for s in sentences
        if s
    ]
