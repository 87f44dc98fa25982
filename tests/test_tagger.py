"""Part-of-speech tags: lint/text/tagger.py gives exactly TextBlob's PatternTagger tags, without
importing TextBlob (and NLTK with it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lint.text.tagger import tag

TEXTS = [
    "The minister said the talks would resume on Monday.",
    "Read the report. It isn't what we'd hoped; they'll say it's fine.",
    "“We will not give up,” he said. ‘Never.’ 'Quoted' and \"double\".",
    "U.S. officials met Mr. Smith at 9 a.m. on Jan. 12, e.g. in Washington D.C.",
    "Prices rose 3.5% to $4,000 (about £3,100)... and then fell!? Really?!",
    "A 50-year-old man, well-known locally, was arrested in the Ruritanian capital.",
    "Unknownish words: glorpable, blickety, frobnicated, zazzing, quizzify, flumously.",
    "Either/or and and/or: a/b c&slash;d.",
    "I love it :-) :D (!) <3 but not this :( either",
    "First paragraph ends here\n\nSecond one starts without a stop\r\nand goes on.",
    "security forces. other authorities. The number of migrants have risen.",
    "",
    "   ",
]


@pytest.mark.parametrize("text", TEXTS)
def test_tags_are_textblobs(text):
    from textblob.en.taggers import PatternTagger

    assert tag(text) == list(PatternTagger().tag(text))


def test_tags_are_textblobs_on_the_seed_articles():
    """Every paragraph of the seeds: real copy with quotes, abbreviations and numbers."""
    from textblob.en.taggers import PatternTagger

    tagger = PatternTagger()
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    paragraphs = [p for f in sorted(seeds.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n\n")]
    assert len(paragraphs) > 10
    for paragraph in paragraphs:
        assert tag(paragraph) == list(tagger.tag(paragraph)), paragraph


def test_garble_checks_do_not_import_textblob_or_nltk():
    code = (
        "import sys\n"
        "from lint.text.document import Document\n"
        "from lint.engine import Engine, Selection\n"
        "from lint.rules.registry import load_registry\n"
        "engine = Engine(load_registry(), Selection(select=('grammar',)))\n"
        "found = engine.lint(Document.from_text('The elections, which is the largest, are held. "
        "A meeting of great importance for the two countries and their people.'))\n"
        "print(sorted(d.rule for d in found))\n"
        "print('textblob' in sys.modules, 'nltk' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["['grammar.agreement', 'grammar.fragment']", "False False"]
