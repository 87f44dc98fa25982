"""The vendored word list answers as wordfreq does, without importing it at lint time."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from lint.text import wordlist


def test_common_and_rare_words():
    assert wordlist.at_least("privatisation", 3)  # British spelling, not in the tagger's lexicon
    assert wordlist.at_least("Download", 3)  # any case
    assert not wordlist.at_least("xqzzyv", 2)
    assert wordlist.at_least("the", 7) and not wordlist.at_least("privatisation", 7)
    with pytest.raises(ValueError):
        wordlist.at_least("the", 2.5)
    with pytest.raises(ValueError):
        wordlist.at_least("the", 1)


def test_matches_wordfreq_on_a_sample():
    wordfreq = pytest.importorskip("wordfreq")
    words = [w for w in wordfreq.get_frequency_dict("en") if w.isalpha()]
    rng = random.Random(7)
    sample = rng.sample(words, 5000) + [w.title() for w in rng.sample(words, 500)]
    sample += ["İstanbul", "STRASSE", "Straße", "nonwordzz", "ernment"]
    wrong = [
        (w, z)
        for w in sample
        for z in (2, 3, 4)
        if wordlist.at_least(w, z) != (wordfreq.zipf_frequency(w, "en") >= z)
    ]
    assert wrong == []


def test_glued_check_reads_the_list_without_wordfreq():
    # "Privatisation" is not in the tagger's lexicon: only the word list knows it is a word.
    code = (
        "import sys\n"
        "from lint.api import lint_text\n"
        "text = 'Officials saidPrivatisation would raise money.'\n"
        "[d] = lint_text(text, select=['punctuation.glued-words'])\n"
        "print(text[d.span.start:d.span.end], 'wordfreq' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["saidPrivatisation", "False"]
