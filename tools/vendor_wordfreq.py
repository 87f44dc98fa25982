"""Write lint/text/data/wordfreq-en.txt.gz from an installed wordfreq: every alphabetic
English word whose Zipf frequency is 2 or more, grouped by the whole part of its Zipf
value, so the glued-word check can ask "is this word at least this common?" from one
small file instead of importing wordfreq and loading its 321,000-word table (a third of
a second of every run that meets one unknown word).

    pip install 'wordfreq==3.1.1' && python tools/vendor_wordfreq.py

wordfreq's data is CC BY-SA 4.0 (see its README); the file records the version.
tests/test_wordlist.py compares the answers with wordfreq's where it is installed."""

from __future__ import annotations

import gzip
import importlib.metadata
import unicodedata
from collections import defaultdict
from pathlib import Path

import wordfreq

OUT = Path(__file__).resolve().parents[1] / "lint" / "text" / "data" / "wordfreq-en.txt.gz"
LOWEST = 2


def main() -> None:
    groups: dict[int, list[str]] = defaultdict(list)
    for word in wordfreq.get_frequency_dict("en"):
        if not all(unicodedata.category(c)[0] in "LM" for c in word):
            continue  # letters, and the marks casefolding leaves ("i̇stanbul")
        zipf = wordfreq.zipf_frequency(word, "en")
        if zipf >= LOWEST:
            groups[int(zipf)].append(word)
    version = importlib.metadata.version("wordfreq")
    lines = [
        f"# wordfreq {version} English ('best' list), CC BY-SA 4.0; '@N' starts the words of Zipf N to N+1"
    ]
    for whole in sorted(groups, reverse=True):
        lines.append(f"@{whole}")
        lines.extend(sorted(groups[whole]))
    # The reader splits the text at "\n@", so no word may start with "@" (none is alphabetic).
    # mtime 0: the same data gives the same bytes
    OUT.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    print(f"{OUT}: {sum(len(g) for g in groups.values())} words")


if __name__ == "__main__":
    main()
