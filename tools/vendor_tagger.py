"""Write lint/text/data/tagger-en.json from an installed TextBlob: the English lexicon
(Brill's, as shipped by Pattern and TextBlob) and the tokenizer's tables, so the tagger
loads one JSON file and needs neither TextBlob nor NLTK at lint time.

    pip install 'textblob==0.20.1' && python tools/vendor_tagger.py

tests/test_tagger.py compares the tags with TextBlob's PatternTagger (the version pinned in
the test extra)."""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

from textblob import _text as pattern  # the module whose tables are vendored

OUT = Path(__file__).resolve().parents[1] / "lint" / "text" / "data" / "tagger-en.json"


def lexicon() -> dict[str, str]:
    # As pattern's Lexicon.load: stripped lines, ";;;" comments, "word tag" pairs, last wins.
    path = Path(pattern.__file__).parent / "en" / "en-lexicon.txt"
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        line = line.strip()
        if line and not line.startswith(";;;"):
            word, tag = line.split(" ")[:2]
            out[word] = tag
    return out


def main() -> None:
    data = {
        "source": (
            f"textblob {importlib.metadata.version('textblob')} (MIT): en/en-lexicon.txt "
            "(Brill's lexicon via Pattern, BSD) and the tokenizer tables of textblob/_text.py"
        ),
        "punctuation": pattern.PUNCTUATION,
        "abbreviations": sorted(pattern.ABBREVIATIONS),
        "replacements": pattern.replacements,
        # Sorted: TextBlob builds this alternation from sets, in hash order.
        "emoticons": sorted({e for v in pattern.EMOTICONS.values() for e in v}, key=lambda e: (-len(e), e)),
        # Words grouped by tag, space-separated (no word holds a space): the tagger builds
        # its dictionary from these in C, twice as fast as from a JSON object of 94,000 keys.
        "lexicon_by_tag": _by_tag(lexicon()),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n")
    print(f"wrote {OUT} ({sum(len(w.split()) for w in data['lexicon_by_tag'].values())} words)")


def _by_tag(lex: dict[str, str]) -> dict[str, str]:
    if any(" " in w or not w for w in lex):
        raise ValueError("a lexicon word is empty or holds a space")
    groups: dict[str, list[str]] = {}
    for word, tag in lex.items():
        groups.setdefault(tag, []).append(word)
    return {tag: " ".join(words) for tag, words in sorted(groups.items())}


if __name__ == "__main__":
    main()
