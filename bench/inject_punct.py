"""Copy damage injected into clean news: is each shape found, with the exact span?

Takes distinct articles of a clean corpus (default: ../shared/corpora/clean-news, BBC News
2004-2005), and for each article and each shape of damage below puts one fault at a random
place (seeded), lints the damaged text with the punctuation and encoding rules, and counts
a fault found when a finding of the expected rule covers exactly the damaged span. Faults
the un-damaged article already has are not counted (each fault is judged on its own span).

    python bench/inject_punct.py [CORPUS_DIR] [--articles 200] [--seed 0] [-v]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections import Counter
from pathlib import Path

import regex

from lint.engine import Engine, Selection
from lint.rules.registry import load_registry
from lint.text.document import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from false_positives import DEFAULT, distinct_articles  # noqa: E402

DATE = dt.date(2005, 1, 1)


def _sites(text: str, pattern: str) -> list[regex.Match]:
    return list(regex.finditer(pattern, text))


def _replace(text: str, m: regex.Match, group: int, new: str, flagged: tuple[int, int]):
    """Replace group ``group`` of ``m`` with ``new``; ``flagged`` is the expected span,
    relative to the start of the replacement."""
    s, e = m.span(group)
    return text[:s] + new + text[e:], (s + flagged[0], s + flagged[1])


# Each shape: (name, expected rule, site pattern, how to damage a site). A damager returns
# the new text and the span the finding must cover.
def _sentence_end(text, rng, new, span):
    ms = _sites(text, r"(?<=\p{Ll}{3})\.(?= \p{Lu}\p{Ll})")
    return (ms, lambda m: _replace(text, m, 0, new, span)) if ms else None


def shapes():
    S = {}

    def shape(name, rule):
        def register(fn):
            S[name] = (rule, fn)
            return fn

        return register

    @shape("doubled full stop", "punctuation.doubled-mark")
    def _(text):
        return _sites(text, r"(?<=\p{Ll}{3})\.(?= \p{Lu}\p{Ll})"), (". .", (0, 3))

    @shape("doubled comma", "punctuation.doubled-mark")
    def _(text):
        return _sites(text, r"(?<=\p{Ll}{3}),(?= \p{Ll})"), (",,", (0, 2))

    @shape("full stop after ?", "punctuation.mark-then-period")
    def _(text):
        return _sites(text, r"(?<=\p{Ll}{3})\.(?= \p{Lu}\p{Ll})"), ("?.", (0, 2))

    @shape("comma then full stop", "punctuation.comma-period")
    def _(text):
        return _sites(text, r"(?<=\p{Ll}{3})\.(?= \p{Lu}\p{Ll})"), (",.", (0, 2))

    @shape("full stop then comma", "punctuation.comma-period")
    def _(text):
        return _sites(text, r"(?<=\p{Ll}{3}),(?= \p{Ll})"), (".,", (0, 2))

    @shape("space before comma", "punctuation.space-before-mark")
    def _(text):
        return _sites(text, r"(?<=\p{Ll}{3}),(?= \p{Ll})"), (" ,", (0, 2))

    @shape("mark between spaces", "punctuation.space-before-mark")
    def _(text):
        return _sites(text, r"(?<=\p{Ll}{3}) (?=\p{Ll}{3})"), (" ? ", (0, 2))

    @shape("no space after full stop", "punctuation.missing-space")
    def _(text):
        return _sites(text, r"(?<=\p{Ll}{3})\. (?=\p{Lu}\p{Ll}|A )"), (".", (0, 1))

    @shape("no space after comma", "punctuation.missing-space")
    def _(text):
        return _sites(text, r"(?<=\p{Ll}{3}), (?=\p{Ll}{3})"), (",", (0, 1))

    @shape("full stop inside a sentence", "punctuation.stray-period")
    def _(text):
        return _sites(text, r"(?<=\p{Ll}{4}) (?=\p{Ll}{3,} )"), (". ", (0, 1))

    @shape("closing quote spaced as opening", "punctuation.quote-spacing")
    def _(text):
        return _sites(text, r"(?<=\p{Ll}{3},)\" (?=\p{Ll})"), (' "', (0, 2))

    @shape("space after opening quote", "punctuation.quote-spacing")
    def _(text):
        return _sites(text, r"(?<= )\"(?=\p{Lu}\p{Ll})"), ('" ', (0, 2))

    @shape("space after opening bracket", "punctuation.quote-spacing")
    def _(text):
        return _sites(text, r"(?<= )\((?=\p{L})"), ("( ", (0, 2))

    @shape("stray apostrophe", "punctuation.quote-spacing")
    def _(text):
        return _sites(text, r"(?<=\b(?:in|at|on|of|the|to|for|with|from)) (?=\p{Ll}{3})"), ("’ ", (0, 1))

    @shape("doubled quote", "punctuation.doubled-mark")
    def _(text):
        return _sites(text, r"(?<= )\"(?=\p{L})"), ('""', (0, 2))

    @shape("mojibake apostrophe", "encoding.mojibake")
    def _(text):
        return _sites(text, r"(?<=\p{Ll})'(?=\p{Ll})"), ("â€™", (0, 3))

    @shape("mojibake no-break space", "encoding.mojibake")
    def _(text):
        return _sites(text, r"(?<=\p{Ll}{3}\.)(?= \p{Lu}\p{Ll})"), ("Â", (0, 1))

    @shape("mojibake pound sign", "encoding.mojibake")
    def _(text):
        return _sites(text, r"(?<=[ (])(?=£\d)"), ("Â", (0, 1))

    @shape("HTML entity", "encoding.html-entity")
    def _(text):
        return _sites(text, r"(?<=\p{Ll}{3}) (?=\p{Ll}{3})"), ("&nbsp;", (0, 6))

    @shape("HTML ampersand", "encoding.html-entity")
    def _(text):
        return _sites(text, r"(?<= )and(?= )"), ("&amp;", (0, 5))

    @shape("line-break tag", "encoding.markup")
    def _(text):
        return _sites(text, r"(?<=\p{Ll}{3}\.) (?=\p{Lu}\p{Ll})"), ("<br>", (0, 4))

    @shape("caption shortcode", "encoding.markup")
    def _(text):
        return _sites(text, r"(?<=\n\n)(?=\p{Lu})"), ('[caption id="attachment_7"]', (0, 27))

    @shape("word glued to a capitalised word", "punctuation.glued-words")
    def _(text):
        return _sites(text, r"(?<=\b\p{Ll}{3,})\. (?=(?:The|He|She|It|But|In|This|They|We)\b)"), ("", (0, 0))

    @shape("number glued to a word", "punctuation.glued-words")
    def _(text):
        return _sites(text, r"(?<=\b\d{4})\. (?=(?:The|He|She|It|But|In|This|They|We)\b)"), ("", (0, 0))

    @shape("space before hyphen", "punctuation.broken-hyphen")
    def _(text):
        return _sites(
            text, r"(?<=\b(?:re|pre|co|non|anti|ex|post|self|vice|well|long|short|high|low))(?=-\p{Ll}{3,})"
        ), (
            " ",
            (0, 0),
        )

    @shape("PDF line-end hyphen", "punctuation.broken-hyphen")
    def _(text):
        return _sites(text, r"(?<=\b\p{Ll}{4})(?=\p{Ll}{4,}\b)"), ("- ", (0, 0))

    return S


def inject(text: str, shape: str, fn, rng: random.Random):
    """The damaged text and the span the finding must cover, or None when no site fits."""
    sites, (new, rel) = fn(text)
    sites = [m for m in sites if not _in_address(text, m.start())]
    if not sites:
        return None
    m = rng.choice(sites)
    s, e = m.span()
    damaged = text[:s] + new + text[e:]
    if shape.startswith(("word glued", "number glued")):
        # the span is the glued token: the word before and the word after
        left = regex.search(r"[\p{L}\p{N}]+$", text[:s]).group()
        right = regex.match(r"\p{L}+", text[e:]).group()
        return damaged, (s - len(left), s + len(right))
    if shape == "space before hyphen":
        left = regex.search(r"\p{L}+$", text[:s]).group()
        right = regex.match(r"-\p{L}+", text[e:]).group()
        return damaged, (s - len(left), s + 1 + len(right))
    if shape == "PDF line-end hyphen":
        left = regex.search(r"\p{L}+$", text[:s]).group()
        right = regex.match(r"\p{L}+", text[e:]).group()
        return damaged, (s - len(left), s + 2 + len(right))
    return damaged, (s + rel[0], s + rel[1])


def _in_address(text: str, i: int) -> bool:
    """A site inside or next to a web address or e-mail address, which no check looks into."""
    left = regex.search(r"\S*$", text[max(0, i - 60) : i]).group()
    right = regex.match(r"\S*", text[i : i + 60]).group()
    token = left + right
    return "@" in token or "/" in token or "www" in token or bool(regex.search(r"\.\p{L}", token))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    files = distinct_articles(args.corpus)
    files = rng.sample(files, min(args.articles, len(files)))
    # grammar.split-sentence runs too: a stop before a verbless lower-case piece is its
    # finding (punctuation.stray-period leaves it alone), counted apart below
    engine = Engine(load_registry(), Selection(select=("punctuation", "encoding", "grammar.split-sentence")))
    tried: Counter[str] = Counter()
    exact: Counter[str] = Counter()
    overlap: Counter[str] = Counter()
    handed: Counter[str] = Counter()
    misses: list[str] = []
    table = shapes()
    for path in files:
        text = path.read_text(encoding="utf-8")
        for name, (rule, fn) in table.items():
            got = inject(text, name, fn, rng)
            if got is None:
                continue
            damaged, (s, e) = got
            tried[name] += 1
            found = engine.lint(Document.from_text(damaged, path.name, date=DATE))
            mine = [d for d in found if d.rule == rule]
            if any((d.span.start, d.span.end) == (s, e) for d in mine):
                exact[name] += 1
            elif rule == "punctuation.stray-period" and any(
                d.rule == "grammar.split-sentence" and d.span.start == e + 1 for d in found
            ):
                handed[name] += 1
            elif any(d.span.start < max(e, s + 1) and s < d.span.end for d in found):
                overlap[name] += 1
                misses.append(f"SPAN {name}: {path.name} {damaged[s - 20 : e + 20]!r}")
            else:
                misses.append(f"MISS {name}: {path.name} {damaged[s - 25 : e + 25]!r}")
    if args.verbose:
        print("\n".join(misses))
    n, k = sum(tried.values()), sum(exact.values())
    print(f"{len(files)} articles, {n} injected faults, seed {args.seed}")
    for name in table:
        if tried[name]:
            also = f", {handed[name]} by grammar.split-sentence" if handed[name] else ""
            line = f"{exact[name]:4d}/{tried[name]:4d} exact  ({overlap[name]} at another span{also})"
            print(f"  {name:34s} {line}")
    print(f"found by the expected rule with the exact span: {k}/{n} = {100 * k / max(n, 1):.1f}%")
    h = sum(handed.values())
    print(f"with the stops left to grammar.split-sentence: {k + h}/{n} = {100 * (k + h) / max(n, 1):.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
