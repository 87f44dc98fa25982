"""The grammar pack on machine translation into English from six other languages, rated by people.

WMT21's news test set was translated into English from Czech, German, Hausa, Icelandic,
Japanese and Russian by the systems of the shared task, and crowd raters scored each
translated sentence from 0 to 100 against a professional reference (direct assessment; the
segment averages are in the snapshot's humaneval/newstest2021-toen/ad-seg-scores-*.csv).
mt-news-errors covers Chinese only; garbled copy on the web is as often translated from
German or Russian. This lints, per language, a sample of the segments scored under 30 (the
translation fails: garbled or wrong), of those scored 90 or more (fluent and right), and of
the professional references (reference A), one segment a text, and prints how many of each
the grammar pack flags (a finding of severity error or warning in category grammar), by rule.

A score under 30 is not a label of garbled English: a fluent sentence that says the wrong
thing scores low too, so the low bucket is an upper bound no checker reaches; what the
numbers show is the lift (low against high) and the false alarms on fluent translations and
professional references. No model here was trained on WMT21 (the shipped conv model read
WMT23's English). Needs a snapshot of wmt-conference/wmt21-news-systems (a git directory,
read with ``git show``; nothing is copied). Run by hand:

    python bench/wmt21_toen.py <git dir> [--per-bucket 400] [--select grammar] [--show N]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

from lint.engine import Engine, Selection
from lint.rules.registry import load_registry
from lint.text.document import Document

PAIRS = ("cs", "de", "ha", "is", "ja", "ru")
SCORES = "humaneval/newstest2021-toen/ad-seg-scores-{lang}-en.csv"
OUTPUT = "txt/system-outputs/newstest2021.{lang}-en.hyp.{system}.en"
REFERENCE = "txt/references/newstest2021.{lang}-en.ref.A.en"
LOW, HIGH = 30, 90
# The score files name systems by team and number; a few files are named otherwise.
FILE_NAMES = {"Nemo": "NVIDIA-NeMo"}
FLAG = ("error", "warning")


def show(git_dir: Path, path: str) -> str | None:
    done = subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"HEAD:{path}"], capture_output=True, text=True
    )
    return done.stdout if done.returncode == 0 else None


def segments(git_dir: Path, lang: str) -> dict[str, list[tuple[str, str, float]]]:
    """The scored system segments of one language as (system, text, score) by bucket, and
    the references, one per line of the test set."""
    out: dict[str, list] = defaultdict(list)
    lines: dict[str, list[str] | None] = {}
    table = show(git_dir, SCORES.format(lang=lang)) or ""
    for row in table.splitlines()[1:]:
        parts = row.split()
        if len(parts) < 3 or parts[0].startswith("HUMAN"):
            continue  # a human translation scored as a system: the references are read below
        team = parts[0].rsplit(".", 1)[0]
        system = FILE_NAMES.get(team, team)
        if system not in lines:
            text = show(git_dir, OUTPUT.format(lang=lang, system=system))
            lines[system] = text.splitlines() if text is not None else None
        hyp = lines[system]
        sid, score = int(parts[1]), float(parts[2])
        if hyp is None or not 0 < sid <= len(hyp) or not hyp[sid - 1].strip():
            continue
        bucket = "low" if score < LOW else "high" if score >= HIGH else None
        if bucket:
            out[bucket].append((system, hyp[sid - 1].strip(), score))
    ref = show(git_dir, REFERENCE.format(lang=lang)) or ""
    out["reference"] = [("reference A", line.strip(), 100.0) for line in ref.splitlines() if line.strip()]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("git_dir", type=Path, help="git dir of a wmt-conference/wmt21-news-systems snapshot")
    ap.add_argument("--per-bucket", type=int, default=400, help="segments per language and bucket")
    ap.add_argument("--select", default="grammar")
    ap.add_argument("--show", type=int, default=0, help="print N flagged segments of each bucket")
    ap.add_argument("--seed", type=int, default=21)
    args = ap.parse_args()
    if show(args.git_dir, SCORES.format(lang="de")) is None:
        print(f"no WMT21 human scores in {args.git_dir}", file=sys.stderr)
        return 2
    engine = Engine(load_registry(), Selection(select=tuple(args.select.split(","))))
    rng = random.Random(args.seed)
    total: dict[str, Counter] = defaultdict(Counter)
    rules: dict[str, Counter] = defaultdict(Counter)
    flagged_text: dict[str, list[str]] = defaultdict(list)
    print("| language | bucket | segments | flagged | share |")
    print("|---|---|---|---|---|")
    for lang in PAIRS:
        for bucket, items in segments(args.git_dir, lang).items():
            sample = rng.sample(items, min(args.per_bucket, len(items)))
            hit = 0
            for system, text, score in sample:
                found = [
                    d
                    for d in engine.lint(Document.from_text(text))
                    if d.category == "grammar" and d.severity.value in FLAG
                ]
                if found:
                    hit += 1
                    rules[bucket].update({d.rule for d in found})
                    d = found[0]
                    flagged_text[bucket].append(f"{lang} {system} {score:.0f} {d.rule}: {text}")
            total[bucket].update(n=len(sample), hit=hit)
            print(f"| {lang}-en | {bucket} | {len(sample)} | {hit} | {hit / max(1, len(sample)):.1%} |")
    for bucket in ("low", "high", "reference"):
        n, hit = total[bucket]["n"], total[bucket]["hit"]
        by_rule = ", ".join(f"{r} {k}" for r, k in rules[bucket].most_common())
        print(f"ALL {bucket}: {hit}/{n} flagged ({hit / max(1, n):.1%}); {by_rule}")
        for line in rng.sample(flagged_text[bucket], min(args.show, len(flagged_text[bucket]))):
            print("   ", line[:300])
    return 0


if __name__ == "__main__":
    sys.exit(main())
