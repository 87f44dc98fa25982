"""Name matching on clean-news (BBC, 2004-2005): false fact findings on the clean texts, and
recall on misspellings of officials injected into them.

    python bench/kb_names.py [--files 600] [--seed 1]

Clean: the first N de-duplicated files (sorted by name, identical texts once), linted with
the article date 2005-01-01; every fact finding of severity error or warning counts as false.
Injected: in each clean article that names an official in office in 2004-2005 in full, the
first full mention's surname is misspelt in one of four ways (one edit, two edits, a sound-alike
transliteration) or, in turn, a later surname alone is (one edit or a sound-alike change); a
hit is a fact.misnamed-official finding overlapping the changed words. Articles where the
official's surname stands only once are counted apart: there a near miss is reported only
when the article corroborates it (a title before it) or it is a one-letter slip in the name
of a head of state or government or a foreign minister in office then.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import sys
from collections import Counter
from pathlib import Path

from lint.engine import Engine, Selection
from lint.kb import fold
from lint.kb.in_document import knowledge_base
from lint.kb.names import mentions
from lint.kb.phonetic import name_key
from lint.rule import Context
from lint.rules.registry import load_registry
from lint.text.document import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kb_scaling import CLEAN_NEWS  # noqa: E402 (one place finds the corpus)

DAY = dt.date(2005, 1, 1)
# Sound-alike rewrites seen in transliterated copy (German, Cyrillic, Arabic and Persian names).
SWAPS = [
    ("z", "ts"),
    ("sch", "sh"),
    ("ck", "k"),
    ("v", "w"),
    ("ou", "u"),
    ("e", "i"),
    ("y", "i"),
    ("ff", "v"),
    ("kh", "h"),
    ("a", "e"),
    ("ie", "i"),
    ("s", "z"),
    ("c", "k"),
    ("ov", "off"),
]


def texts(folder: Path, n: int) -> list[tuple[str, str]]:
    seen, out = set(), []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        digest = hashlib.sha1(text.encode()).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        out.append((path.name, text))
        if len(out) == n:
            break
    return out


def lint(engine: Engine, text: str, name: str):
    doc = Document.from_text(text, date=DAY, date_source="option")
    return [d for d in engine.lint(doc)]


def edit(word: str, rng: random.Random, n: int) -> str:
    letters = "aeioulnrst"
    for _ in range(n):
        i = rng.randrange(1, len(word) - 1)
        op = rng.choice("sdit")
        if op == "s":
            word = word[:i] + rng.choice([c for c in letters if c != word[i]]) + word[i + 1 :]
        elif op == "d":
            word = word[:i] + word[i + 1 :]
        elif op == "i":
            word = word[:i] + rng.choice(letters) + word[i:]
        elif i + 1 < len(word):
            word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word


def sound(word: str, rng: random.Random) -> str | None:
    options = []
    for a, b in SWAPS:
        for m in re.finditer(a, word[1:]):
            i = m.start() + 1
            changed = word[:i] + b + word[i + len(a) :]
            if changed != word and name_key(fold(changed)) == name_key(fold(word)):
                options.append(changed)
    if not options:
        return None
    first = rng.choice(options)
    more = [o for o in options if o != first]
    return first if not more or rng.random() < 0.5 else sound(first, rng) or first


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    if not CLEAN_NEWS.is_dir():
        sys.exit(f"no corpus at {CLEAN_NEWS}")
    context = Context()
    engine = Engine(load_registry(context=context), Selection(select=("fact",)))
    kb = knowledge_base(context)
    corpus = texts(CLEAN_NEWS, args.files)
    words = false = 0
    for name, text in corpus:
        words += len(re.findall(r"\w+", text))
        for d in lint(engine, text, name):
            if d.severity in ("error", "warning"):
                false += 1
                if args.v:
                    print(f"FALSE {name}: {d.rule} {text[d.span.start : d.span.end]!r}: {d.message}")
    rate = false / words * 1000
    print(f"clean: {len(corpus)} files, {words} words, {false} fact findings = {rate:.3f} per 1,000 words")

    rng = random.Random(args.seed)
    tally: Counter = Counter()
    hits: Counter = Counter()
    kinds = ["one edit", "two edits", "sound-alike", "surname alone"]
    for name, text in texts(CLEAN_NEWS, 10**6):
        named = [m for m in mentions(text, kb, day=DAY) if m.exact and " " in m.text]
        named = [
            m
            for m in named
            if any(
                p.held_on(DAY) != "no" or p.start.earliest.year in (2004, 2005) for p in m.person.positions
            )
        ]
        if not named:
            continue
        m = named[0]
        surname = m.text.split()[-1]
        if len(surname) < 5 or not surname.isalpha():
            continue
        again = len(re.findall(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text)) > 1
        kind = kinds[sum(v for k, v in tally.items() if "once" not in k) % len(kinds)]
        if kind == "surname alone":
            later = [
                x
                for x in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text)
                if x.start() > m.span.end
            ]
            if not later:
                continue
            target = later[0]
            wrong = edit(surname, rng, 1) if rng.random() < 0.5 else sound(surname, rng)
            start, end = target.start(), target.end()
        else:
            start = m.span.start + m.text.rindex(surname)
            end = start + len(surname)
            wrong = (
                sound(surname, rng)
                if kind == "sound-alike"
                else edit(surname, rng, 1 + (kind == "two edits"))
            )
        if not wrong or fold(wrong) == fold(surname) or kb.by_surname.get(fold(wrong)):
            continue
        changed = text[:start] + wrong + text[end:]
        span = (start, start + len(wrong))
        if not again:
            kind += " (named once)"
        tally[kind] += 1
        found = any(
            d.rule == "fact.misnamed-official" and d.span.start < span[1] and span[0] < d.span.end
            for d in lint(engine, changed, name)
        )
        hits[kind] += found
        if args.v and not found:
            print(f"MISS {kind} {name}: {m.person.name} -> {wrong!r}")
        if sum(v for k, v in tally.items() if "once" not in k) >= 400:
            break
    for label, keys in (("named again", kinds), ("named once", [k + " (named once)" for k in kinds])):
        total, found = sum(tally[k] for k in keys), sum(hits[k] for k in keys)
        share = found / max(total, 1)
        print(f"injected, official's surname {label} in the article: {found}/{total} found = {share:.1%}")
        for kind in keys:
            print(f"  {kind:28} {hits[kind]}/{tally[kind]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
