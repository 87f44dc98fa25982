"""False findings on professionally edited news.

Lints every distinct article of a clean corpus (default: ../shared/corpora/clean-news,
BBC News 2004-2005) and prints error/warning findings per 1,000 words, per rule, with a
sample of what fired. Run by hand:

    python bench/false_positives.py [CORPUS_DIR] [--select punctuation,boilerplate] [--samples 5]
    python bench/false_positives.py --page-bodies [BLOCKS_JSONL] --select grammar

``--page-bodies`` lints copy from other sites instead: the blocks a human marked as article
body on each page of ../shared/corpora/boilerplate-lines (95 pages of many publishers), one
paragraph a block, written to a temporary folder (the page text stays out of the repo).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from lint.engine import Engine, Selection
from lint.readers import read_path
from lint.rules.registry import load_registry

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
DEFAULT = CORPORA / "clean-news"
BLOCKS = CORPORA / "boilerplate-lines" / "blocks.jsonl"


def page_bodies(blocks: Path, into: Path) -> Path:
    """One text file per page of ``blocks`` (boilerplate-lines' blocks.jsonl): its body
    blocks in page order, a blank line between them."""
    pages: dict[str, list[str]] = defaultdict(list)
    with blocks.open(encoding="utf-8") as f:
        for line in f:
            block = json.loads(line)
            if block["label"] == "body":
                pages[f"{block['domain']}__{block['page_id']}"].append(block["text"])
    for name, texts in pages.items():
        (into / f"{name}.txt").write_text("\n\n".join(texts) + "\n", encoding="utf-8")
    return into


def distinct_articles(folder: Path) -> list[Path]:
    seen, out = set(), []
    for path in sorted(folder.glob("*.txt")):
        digest = hashlib.sha256(path.read_bytes()).digest()
        if digest not in seen:
            seen.add(digest)
            out.append(path)
    return out


def months(spec: str) -> list[dt.date]:
    start, end = (dt.date.fromisoformat(s) for s in spec.split(":"))
    out, day = [], start.replace(day=1)
    while day <= end:
        out.append(day)
        day = (day + dt.timedelta(days=92)).replace(day=1)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--select", default="", help="rule ids or prefixes (default: all enabled)")
    ap.add_argument("--samples", type=int, default=5)
    ap.add_argument("--limit", type=int, help="only the first N distinct articles (sorted by name)")
    ap.add_argument(
        "--known",
        type=Path,
        help="a TSV of findings reviewed as real slips of the corpus (file, line, column, rule): "
        "counted apart from the false findings",
    )
    ap.add_argument("--date", type=dt.date.fromisoformat, help="article date (the BBC corpus is 2004-2005)")
    ap.add_argument(
        "--date-range",
        help="FROM:TO: lint each article on the first day of every quarter in the range and count only "
        "findings made on every one of those dates (for undated corpora and date-aware rules)",
    )
    ap.add_argument(
        "--page-bodies",
        nargs="?",
        type=Path,
        const=BLOCKS,
        help="lint the human-marked body text of boilerplate-lines' pages instead of a folder",
    )
    args = ap.parse_args()
    if args.page_bodies:
        if not args.page_bodies.is_file():
            print(f"blocks not found: {args.page_bodies}", file=sys.stderr)
            return 2
        with tempfile.TemporaryDirectory() as tmp:
            args.corpus = page_bodies(args.page_bodies, Path(tmp))
            return report(args)
    return report(args)


def report(args) -> int:
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    select = tuple(s for s in args.select.split(",") if s)
    engine = Engine(load_registry(), Selection(select=select))
    files = distinct_articles(args.corpus)[: args.limit]
    known = _known(args.known) if args.known else set()
    real = 0
    words = 0
    per_rule: Counter[str] = Counter()
    samples: dict[str, list[str]] = defaultdict(list)
    dates = months(args.date_range) if args.date_range else [args.date]
    for path in files:
        docs = [read_path(path, date=day).document for day in dates]
        doc = docs[0]
        words += len(doc.text.split())
        runs = [engine.lint(d) for d in docs]
        always = set.intersection(*({(d.rule, d.span) for d in run} for run in runs))
        for d in runs[0]:
            if (d.rule, d.span) not in always:
                continue
            if d.severity.value == "info":
                continue
            pos = doc.position(d.span.start)
            if (path.name, pos.line, pos.column, d.rule) in known:
                real += 1
                continue
            per_rule[d.rule] += 1
            line = doc.source_line(pos.line)
            context = line[max(0, pos.column - 40) : pos.column + 40]
            samples[d.rule].append(f"{path.name}:{pos.line}:{pos.column}: {context!r}")
    total = sum(per_rule.values())
    print(f"{len(files)} distinct articles, {words} words, {total + real} error/warning findings")
    if args.known:
        print(f"{real} of them real slips listed in {args.known}; {total} others")
    note = " (real slips not counted)" if args.known else ""
    print(f"{1000 * total / words:.3f} findings per 1,000 words{note}")
    rng = random.Random(0)
    for rule, n in per_rule.most_common():
        print(f"\n{rule}: {n} ({1000 * n / words:.3f} per 1,000 words)")
        for s in rng.sample(samples[rule], min(args.samples, n)):
            print(f"    {s}")
    return 0


def _known(path: Path) -> set[tuple[str, int, int, str]]:
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, row, column, rule = line.split("\t")
            out.add((name, int(row), int(column), rule))
    return out


if __name__ == "__main__":
    sys.exit(main())
