"""Part-of-speech tags, exactly as TextBlob's PatternTagger gives them, at a fraction of
the cost.

TextBlob's English tagger is a lexicon lookup (Brill's lexicon, shipped in its wheel) with
suffix rules for unknown words; no contextual rules run. Going through TextBlob costs an
import of NLTK (about 0.15 s), a lexicon load through a slow line reader, and a round
trip of every sentence through a slash-joined string. Here the tokenizer is pattern's,
step for step, with a fast path for plain words, over TextBlob's own tables and suffix
rules (its pattern module, loaded from the installed package without importing the
package itself); the lexicon is read straight into a dict, and tags are built as a list.
``tests/test_tagger.py`` checks the output against TextBlob's.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import cache
from pathlib import Path


@cache
def _package() -> Path:
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("textblob is needed for part-of-speech tags")
    return Path(spec.submodule_search_locations[0])


@cache
def _pattern():
    """textblob/_text.py (the pattern tokenizer and suffix rules): it imports only the
    standard library, whereas ``import textblob`` imports NLTK."""
    name = "lint._textblob_pattern"
    spec = importlib.util.spec_from_file_location(name, _package() / "_text.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@cache
def lexicon() -> dict[str, str]:
    # As pattern's Lexicon.load: stripped lines, ";;;" comments, "word tag" pairs, last wins.
    text = (_package() / "en" / "en-lexicon.txt").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.split("\n"):
        line = line.strip()
        if line and not line.startswith(";;;"):
            word, tag = line.split(" ")[:2]
            out[word] = tag
    return out


def tag(text: str) -> list[tuple[str, str]]:
    """(token, Penn Treebank tag) pairs of ``text``, as ``PatternTagger().tag(text)``."""
    pattern = _pattern()
    get = lexicon().get
    cd = pattern.CD
    suffix = pattern._suffix_rules
    out: list[tuple[str, str]] = []
    for sentence in _sentences(text):
        for i, token in enumerate(sentence.split(" ")):
            found = get(token)
            if found is None and i == 0:
                found = get(token.lower())
            if found is None:
                if token.istitle():
                    found = "NNP"
                elif cd.match(token) is not None:
                    found = "CD"
                else:
                    found = suffix([token, "NN"])[1]
            if "&slash;" in token:
                token = token.replace("&slash;", "/")  # as TextBlob's tagged-string round trip
            out.append((token, found))
    return out


_QUOTES = str.maketrans({q: f" {q} " for q in "“”‘’'\""})
_LINEBREAK = re.compile(r"\n{2,}")
_SPACE = re.compile(r"\s+")
_ENDS = ("...", ".", "!", "?", "END-OF-SENTENCE")
_CLOSERS = ("'", '"', "”", "’", "...", ".", "!", "?", ")", "END-OF-SENTENCE")


def _sentences(string: str) -> list[str]:
    """pattern's ``find_tokens`` (same steps, same order), with a fast path for a word that
    neither starts nor ends with punctuation, which is most of them."""
    p = _pattern()
    marks = p.PUNCTUATION.replace(".", "")
    punctuation = tuple(marks)
    edge = frozenset(p.PUNCTUATION)
    replace = p.replacements
    abbreviations = p.ABBREVIATIONS
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
        while t.endswith(punctuation + (".",)) and t not in replace:
            if t.endswith(punctuation):
                tail.append(t[-1])
                t = t[:-1]
            if t.endswith("..."):
                tail.append("...")
                t = t[:-3].rstrip(".")
            if t.endswith("."):
                if (
                    t in abbreviations
                    or p.RE_ABBR1.match(t) is not None
                    or p.RE_ABBR2.match(t) is not None
                    or p.RE_ABBR3.match(t) is not None
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
    sarcasm, emoticons = p.RE_SARCASM, p.RE_EMOTICONS
    return [
        emoticons.sub(lambda m: m.group(1).replace(" ", "") + m.group(2), sarcasm.sub("(!)", " ".join(s)))
        for s in sentences
        if s
    ]
