"""Does linting time grow in proportion to the input? Time vs size and vs nesting depth.

    python bench/linearity.py                 # 1, 2, 4, 8 MB of the seed articles; depth 500..8000
    python bench/linearity.py --sizes 1 2 --depths 1000 2000 --kind md

Each input is linted in a fresh process with ``--grammar-backend none`` and no cache; the
table shows CPU seconds, seconds per 1,000 levels and per MB and the largest peak
memory so far (the runs grow, so it is the last run's). Time
that grows linearly keeps the per-unit column flat; doubling the input should roughly
double the time.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def article_text(megabytes: float) -> str:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    unit = "\n\n".join(seeds)
    return "\n\n".join([unit] * (int(megabytes * 1_000_000) // len(unit.encode()) + 1))


def nested_list(depth: int) -> str:
    return "- " * depth + "Deep. .\n\nThe rest of the article. .\n"


def indented_list(depth: int) -> str:
    return "".join("  " * i + f"- item {i}. .\n" for i in range(depth))


def run(path: Path, *args: str) -> tuple[float, float]:
    """CPU seconds (user + system: the machine may be shared) and the largest peak
    memory of any run so far, in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "lint", "check", "--grammar-backend", "none", "--no-cache",
         "--format", "json", *args, str(path)],
        stdout=subprocess.DEVNULL, check=False, cwd=ROOT,
    )  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return cpu, after.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="*", default=[1, 2, 4, 8], help="MB")
    parser.add_argument("--depths", type=int, nargs="*", default=[500, 1000, 2000, 4000, 8000])
    parser.add_argument("--kind", choices=["txt", "md", "html"], default="txt")
    parser.add_argument("--select", help="rules to run (default: all)")
    args = parser.parse_args()
    extra = ["--select", args.select] if args.select else []
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'input':<36} {'CPU s':>8} {'/1000 lv':>9} {'per MB':>9} {'peak MB':>8}")
        for mb in args.sizes:
            path = Path(tmp) / f"article.{args.kind}"
            text = article_text(mb)
            if args.kind == "html":
                text = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n"))
            path.write_text(text, encoding="utf-8")
            seconds, peak = run(path, *extra)
            print(f"{f'{mb:g} MB {args.kind}':<36} {seconds:8.2f} {'':>9} {seconds / mb:8.2f}s {peak:8.0f}")
        for name, make in (("nested list", nested_list), ("indented list", indented_list)):
            for depth in args.depths:
                path = Path(tmp) / "deep.md"
                text = make(depth)
                path.write_text(text, encoding="utf-8")
                seconds, peak = run(path, *extra)
                mb = len(text.encode()) / 1_000_000
                label = f"{name} depth {depth} ({mb:.2g} MB)"
                per_level = seconds / depth * 1000
                print(f"{label:<36} {seconds:8.2f} {per_level:8.2f}s {seconds / mb:8.2f}s {peak:8.0f}")


if __name__ == "__main__":
    main()
