"""Pattern rules tried only at their head words: same matches as a scan, and the time saved.

A pattern rule that lists ``heads`` (rules/*.yaml) is tried only where one of those words
starts (lint/kinds/pattern.py). This compares, rule by rule, the matches found that way
with those of ``finditer`` over the whole text on the corpora bench/harper_prefilter.py
reads (clean-news, LanguageTool's examples, the garble set, the rated MT, the boilerplate
pages), and times both ways on clean-news, in CPU seconds of this process. Run by hand:

    python bench/pattern_heads.py [--articles N]

Exit status 1 when any match differs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harper_prefilter import corpora  # noqa: E402

from lint.rules.registry import load_registry  # noqa: E402
from lint.text.document import Document  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=0, help="clean-news articles (default: all)")
    args = ap.parse_args()
    registry = load_registry()
    checks = [
        (rule.id, registry.check(rule))
        for rule in registry
        if rule.kind == "pattern" and rule.params.get("heads")
    ]
    differ = 0
    for name, texts in corpora(args.articles).items():
        docs = [Document.from_text(t) for t in texts]
        n = 0
        for rule_id, check in checks:
            for i, doc in enumerate(docs):
                scanned = [m.span() for m in check.pattern.finditer(doc.text)]
                tried = [m.span() for m in check.matches(doc)]
                n += len(scanned)
                if tried != scanned:
                    differ += 1
                    print(f"  {name} text {i} {rule_id}: scan {scanned} heads {tried}")
        print(f"{name}: {len(docs)} texts, {len(checks)} rules, {n} matches by scan; {differ} differ so far")
    texts = corpora(args.articles).get("clean-news", [])
    if texts:
        docs = [Document.from_text(t) for t in texts]
        t = time.process_time()
        indexed = [doc.word_starts for doc in docs]  # built once per document, shared by every rule
        print(f"the word index of {len(indexed)} texts: {time.process_time() - t:.3f} s")
        total = [0.0, 0.0]
        for rule_id, check in checks:
            t = time.process_time()
            for doc in docs:
                list(check.pattern.finditer(doc.text))
            scan = time.process_time() - t
            t = time.process_time()
            for doc in docs:
                list(check.matches(doc))
            heads = time.process_time() - t
            total[0] += scan
            total[1] += heads
            print(f"{rule_id}: scan {scan:.3f} s, at heads {heads:.3f} s ({scan / max(heads, 1e-9):.1f}x)")
        print(f"all: scan {total[0]:.3f} s, at heads {total[1]:.3f} s, and the index once")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
