"""Harper's sentence pre-filter: same findings, and how much time it saves.

lint/kinds/harper.py sends each Harper rule that has triggers (rules/harper/triggers.json)
only the sentences matching them. This lints the same texts with the pre-filter on and off
and reports every Harper finding that differs (rule id, span, message, suggestions), on:

- ../shared/corpora/clean-news (every article, or the first --articles),
- LanguageTool's English examples, correct and incorrect (../shared/corpora/languagetool-en-examples.jsonl),
- bench/data/garbled.jsonl,
- the sentences of ../shared/corpora/mt-news-errors and the articles of
  ../shared/corpora/boilerplate-lines;

then times Harper alone and the full default pipeline on clean-news, pre-filter off and on,
each in a fresh process (harper-py remembers sentences it has linted), in CPU seconds of
that process (the machine is shared; the ratios come from one run).
Run by hand:

    python bench/harper_prefilter.py [--articles N] [--no-timing]

Exit status 1 when any finding differs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import lint.kinds.harper as harper_kind  # noqa: E402
from lint.engine import Engine, Selection  # noqa: E402
from lint.readers import document_from_source  # noqa: E402
from lint.rules.registry import load_registry  # noqa: E402
from train import SHARED_CORPORA as SHARED  # noqa: E402


def corpora(articles: int) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    news = SHARED / "clean-news"
    if news.is_dir():
        files = sorted(news.glob("*.txt"))
        sets["clean-news"] = [
            p.read_text(encoding="utf-8") for p in (files[:articles] if articles else files)
        ]
    examples = SHARED / "languagetool-en-examples.jsonl"
    if examples.exists():
        sets["languagetool-examples"] = [
            json.loads(line)["text"] for line in examples.open(encoding="utf-8") if line.strip()
        ]
    garbled = ROOT / "bench" / "data" / "garbled.jsonl"
    sets["garbled"] = [json.loads(line)["text"] for line in garbled.open(encoding="utf-8") if line.strip()]
    sets.update(wider(SHARED))
    return sets


def wider(shared: Path) -> dict[str, list[str]]:
    """More English to compare on: machine translations (each document of each system as one
    text, its segments as paragraphs; newstest2021, which has no documents, twenty segments
    a text) and the articles of the boilerplate set."""
    sets: dict[str, list[str]] = {}
    mt = shared / "mt-news-errors"
    if mt.is_dir():
        docs: dict[tuple, list[str]] = {}
        for path in sorted(mt.glob("*.jsonl")):
            for i, line in enumerate(path.open(encoding="utf-8")):
                row = json.loads(line)
                docs.setdefault((path.name, row.get("doc") or i // 20, row.get("system")), []).append(
                    row["text"]
                )
        sets["mt-news-errors"] = ["\n\n".join(v) for v in docs.values()]
    articles = shared / "boilerplate-lines" / "articles"
    if articles.is_dir():
        sets["boilerplate-articles"] = [p.read_text(encoding="utf-8") for p in sorted(articles.glob("*.txt"))]
    return sets


def findings(engine: Engine, texts: list[str], prefilter: bool) -> list[set[tuple]]:
    harper_kind.PREFILTER = prefilter
    out = []
    for i, text in enumerate(texts):
        found = engine.lint(document_from_source(text, f"a{i}.txt"))
        out.append(
            {
                (d.rule, d.span.start, d.span.end, d.message, d.suggestions, repr(d.fix))
                for d in found
                if d.rule.startswith("harper")
            }
        )
    harper_kind.PREFILTER = True
    return out


def cpu_worker(engine_name: str, prefilter: bool, articles: int) -> int:
    """One timing in this fresh process: prints CPU seconds and findings as JSON."""
    registry = load_registry()
    engine = Engine(registry, Selection(select=("harper",) if engine_name == "harper" else ()))
    texts = corpora(articles)["clean-news"]
    harper_kind.PREFILTER = prefilter
    start = time.process_time()
    n = sum(len(engine.lint(document_from_source(t, f"a{i}.txt"))) for i, t in enumerate(texts))
    print(json.dumps({"cpu": time.process_time() - start, "findings": n}))
    return 0


def cpu(engine_name: str, prefilter: bool, articles: int) -> tuple[float, int]:
    argv = [sys.executable, __file__, "--worker", engine_name, "on" if prefilter else "off"]
    out = subprocess.run([*argv, "--articles", str(articles)], capture_output=True, text=True, check=True)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    return got["cpu"], got["findings"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=0, help="clean-news articles (default: all)")
    ap.add_argument("--no-timing", action="store_true", help="compare findings only")
    ap.add_argument("--timing-only", action="store_true", help="time only, do not compare")
    ap.add_argument("--worker", nargs=2, metavar=("ENGINE", "PREFILTER"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return cpu_worker(args.worker[0], args.worker[1] == "on", args.articles)
    registry = load_registry()
    harper_only = Engine(registry, Selection(select=("harper",)))
    sets = corpora(args.articles)
    differ = 0
    for name, texts in ({} if args.timing_only else sets).items():
        without = findings(harper_only, texts, False)
        with_ = findings(harper_only, texts, True)
        diffs = [(i, a - b, b - a) for i, (a, b) in enumerate(zip(without, with_, strict=True)) if a != b]
        total = sum(len(a) for a in without)
        print(
            f"{name}: {len(texts)} texts, {total} Harper findings without the pre-filter, "
            f"{sum(len(b) for b in with_)} with it, {len(diffs)} texts differ",
            flush=True,
        )
        for i, lost, new in diffs[:20]:
            print(f"  text {i}: only without: {sorted(lost)}; only with: {sorted(new)}")
        differ += len(diffs)
    if not args.no_timing and "clean-news" in sets:
        texts = sets["clean-news"]
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        print(f"CPU time on clean-news ({len(texts)} articles, {mb:.2f} MB), a fresh process each:")
        for label, engine in (("Harper alone", "harper"), ("full default pipeline", "full")):
            off, n_off = cpu(engine, False, args.articles)
            on, n_on = cpu(engine, True, args.articles)
            print(
                f"  {label}: pre-filter off {off:.1f} s ({mb / off:.3f} MB/s, {n_off} findings), "
                f"on {on:.1f} s ({mb / on:.3f} MB/s, {n_on} findings): {off / on:.2f}x"
            )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
