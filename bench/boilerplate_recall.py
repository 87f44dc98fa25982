"""Boilerplate recall on real extractor output, and false alarms on article lines.

Uses ../shared/corpora/boilerplate-real: scraped article text whose leftover boilerplate
lines are labelled (labels.jsonl), with the human-annotated article body of each page
(ground-truth.jsonl). A labelled line is found when a boilerplate finding covers exactly
that line; a finding on a line that occurs in the page's real article body is a false
alarm. Run by hand:

    python bench/boilerplate_recall.py [CORPUS_DIR] [--missed 30]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lint.engine import Engine, Selection
from lint.readers import read_path
from lint.rules.registry import load_registry

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "boilerplate-real"


def norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--missed", type=int, default=20, help="how many missed lines to print")
    args = ap.parse_args()
    if not (args.corpus / "labels.jsonl").exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    labels = [json.loads(line) for line in (args.corpus / "labels.jsonl").open()]
    truth = {
        r["page_id"]: {norm(p) for p in r["articleBody"].splitlines() if p.strip()}
        for r in map(json.loads, (args.corpus / "ground-truth.jsonl").open())
    }
    engine = Engine(load_registry(), Selection(select=("boilerplate",)))
    labelled = found = flagged = false_alarms = 0
    missed: list[str] = []
    alarms: list[str] = []
    for item in labels:
        doc = read_path(args.corpus / item["file"]).document
        hits = {norm(d.text) for d in engine.lint(doc)}
        flagged += len(hits)
        wanted = {norm(x) for x in item["boilerplate_lines"]}
        labelled += len(wanted)
        found += len(wanted & hits)
        missed += [f"{item['file']}: {x!r}" for x in sorted(wanted - hits)]
        body = truth.get(item["page_id"], set())
        bad = {h for h in hits if h in body}
        false_alarms += len(bad)
        alarms += [f"{item['file']}: {x!r}" for x in sorted(bad)]
    print(f"{len(labels)} files, {labelled} labelled boilerplate lines")
    print(f"recall: {found}/{labelled} = {found / labelled:.1%}")
    print(f"distinct lines flagged: {flagged}; on lines of the real article body: {false_alarms}")
    for a in alarms:
        print(f"  false alarm  {a}")
    for m in missed[: args.missed]:
        print(f"  missed       {m}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
