"""newslint against its peers on the same corpus: time, throughput, peak memory, cold start.

Every tool runs the same way: one process over the whole corpus, on one core (newslint
with --jobs 1 and no cache), started and waited for by this script, which reads the
process's own CPU time and peak memory from the kernel (wait4). On a shared machine wall
time varies with the load; CPU time (user + system) does not, so throughput and ratios
are computed from it. Cold start is one article, process start to exit, the median of
several runs (wall time) after one that is not timed, with newslint byte-compiled as an
install from PyPI is.

Tools:
- newslint, default: every default rule (packs, fact checks, garble detector) and Harper
  with newslint's selection of its rules;
- newslint --grammar-backend none: the same without Harper;
- newslint rule packs: punctuation, boilerplate, consistency and typos only (the
  data-driven packs: no fact checks, no garble detector, no grammar backend);
- Harper alone (harper-py): its default rules with spelling on, with spelling off, and
  with newslint's selection, each file linted whole;
- proselint (PyPI, its default checks);
- textlint (npm) with English rules write-good, common-misspellings, en-capitalization
  and alex, installed on first use into --textlint-dir; skipped, saying why, when npm or
  the registry is unavailable.

Corpora: ../shared/corpora/clean-news (2,225 BBC articles), and the same repeated
--repeat times in a temporary folder. Run by hand (about 15 minutes):

    python bench/peers.py [--corpus DIR] [--repeat 4] [--cold-runs 5] [--only KEYS] [--cold-start-only]
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLEAN_NEWS = ROOT.parent / "shared" / "corpora" / "clean-news"
SEED = ROOT / "seeds" / "eastern-herald-blinken-central-asia.txt"
PY = sys.executable
TEXTLINT_PACKAGES = (
    "textlint",
    "textlint-rule-write-good",
    "textlint-rule-common-misspellings",
    "textlint-rule-en-capitalization",
    "textlint-rule-alex",
)
TEXTLINT_RC = (
    '{"rules": {"write-good": true, "common-misspellings": true, "en-capitalization": true, "alex": true}}\n'
)
NEWSLINT = [PY, "-m", "lint", "check", "--jobs", "1", "--no-cache", "--no-progress"]
NEWSLINT += ["--format", "concise", "--fail-on", "never"]
PACKS = "punctuation,boilerplate,consistency,typos"


@dataclass
class Tool:
    name: str
    argv: list[str]  # the corpus folder or file is appended
    key: str


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    status: int


def run(argv: list[str], cwd: Path = ROOT) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        print(f"  {' '.join(argv[:4])}... exited {proc.returncode}: {err.strip()[-300:]}", file=sys.stderr)
    # ru_maxrss is in kilobytes on Linux: the child's own peak, and its children's
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


def textlint(folder: Path) -> tuple[list[str] | None, str]:
    """The textlint command line, installing it into ``folder`` on first use."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        return None, "node or npm is not installed"
    script = folder / "node_modules" / "textlint" / "bin" / "textlint.js"
    if not script.exists():
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / "package.json").exists():
            (folder / "package.json").write_text('{"name": "newslint-bench-textlint", "private": true}\n')
        try:
            install = subprocess.run(
                [npm, "install", "--no-audit", "--no-fund", *TEXTLINT_PACKAGES],
                cwd=folder,
                capture_output=True,
                text=True,
                timeout=600,
            )
        except subprocess.TimeoutExpired:
            return None, "npm install timed out"
        if install.returncode != 0 or not script.exists():
            return None, f"npm install failed: {install.stderr.strip()[-200:]}"
    (folder / ".textlintrc.json").write_text(TEXTLINT_RC)
    return [node, str(script), "--config", str(folder / ".textlintrc.json")], ""


def tools(textlint_dir: Path) -> tuple[list[Tool], list[str]]:
    worker = [PY, str(Path(__file__).resolve()), "harper-worker"]
    found = [
        Tool("newslint, default (packs, facts, garble detector, Harper)", NEWSLINT, "newslint"),
        Tool("newslint --grammar-backend none", [*NEWSLINT, "--grammar-backend", "none"], "newslint-none"),
        Tool(
            "newslint rule packs only",
            [*NEWSLINT, "--grammar-backend", "none", "--select", PACKS],
            "newslint-packs",
        ),
        Tool("Harper alone, default rules, spelling on", [*worker, "default"], "harper"),
        Tool("Harper alone, default rules, spelling off", [*worker, "nospell"], "harper-nospell"),
        Tool("Harper alone, newslint's selection of rules", [*worker, "newslint"], "harper-newslint"),
        Tool("proselint", [str(Path(PY).with_name("proselint")), "check"], "proselint"),
    ]
    notes = []
    argv, why = textlint(textlint_dir)
    if argv:
        found.append(Tool("textlint (4 English rules)", argv, "textlint"))
    else:
        notes.append(f"textlint skipped: {why}")
    return found, notes


def harper_worker(mode: str, target: str) -> int:
    """Harper alone: one Linter, every file linted whole, as a harper-py user would."""
    import harper

    linter = harper.Linter(harper.Dialect.AMERICAN)
    config = linter.get_default_lint_config()
    if mode == "newslint":
        from lint.rules.registry import load_registry

        params = next(r for r in load_registry().rules if r.id == "harper").params
        on = params.get("enabled_rules", "all")
        off = set(params.get("disabled_rules", ()))
        config = {n: (d if on == "all" else n in on) and n not in off for n, d in config.items()}
        config["SpellCheck"] = False
    elif mode == "nospell":
        config["SpellCheck"] = False
    linter.set_lint_config(config)
    path = Path(target)
    files = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
    count = 0
    for file in files:
        count += len(linter.lint(file.read_text(encoding="utf-8")))
    print(count)
    return 0


def make_repeated(corpus: Path, times: int, into: Path) -> Path:
    folder = into / f"clean-news-x{times}"
    folder.mkdir()
    for i in range(times):
        for src in sorted(corpus.glob("*.txt")):
            shutil.copyfile(src, folder / f"copy{i}-{src.name}")
    return folder


def size_of(folder: Path) -> tuple[int, float]:
    files = sorted(folder.glob("*.txt"))
    return len(files), sum(f.stat().st_size for f in files) / 1e6


def table(title: str, n: int, mb: float, rows: dict[str, tuple[Tool, Run]], cold: dict[str, float]) -> str:
    base_prose = rows.get("proselint")
    base_harper = rows.get("harper")
    head = f"**{title}**: {n:,} articles, {mb:.2f} MB\n\n"
    head += "| tool | wall s | CPU s | articles/s | MB/s | peak MB | × proselint | time ÷ Harper alone |"
    head += " cold start s |\n|---|---|---|---|---|---|---|---|---|\n"
    lines = []
    for key, (tool, r) in rows.items():
        mbps = mb / r.cpu
        vs_prose = f"{(base_prose[1].cpu / r.cpu):.1f}×" if base_prose else "—"
        vs_harper = f"{(r.cpu / base_harper[1].cpu):.2f}" if base_harper else "—"
        start = f"{cold[key]:.2f}" if key in cold else "—"
        lines.append(
            f"| {tool.name} | {r.wall:.1f} | {r.cpu:.1f} | {n / r.cpu:,.0f} | {mbps:.2f} | {r.peak_mb:.0f} | "
            f"{vs_prose} | {vs_harper} | {start} |"
        )
    return head + "\n".join(lines) + "\n"


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "harper-worker":
        return harper_worker(sys.argv[2], sys.argv[3])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CLEAN_NEWS)
    ap.add_argument("--repeat", type=int, default=4, help="also run on the corpus repeated N times (0: no)")
    ap.add_argument("--cold-runs", type=int, default=5)
    ap.add_argument("--only", default="", help="comma-separated tool keys (newslint, harper, proselint...)")
    ap.add_argument("--cold-start-only", action="store_true", help="measure cold starts, skip the corpora")
    ap.add_argument(
        "--textlint-dir", type=Path, default=Path(tempfile.gettempdir()) / "newslint-bench-textlint"
    )
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    found, notes = tools(args.textlint_dir)
    if args.only:
        keep = set(args.only.split(","))
        found = [t for t in found if t.key in keep]
    for note in notes:
        print(note)

    # Every tool starts as installed: pip byte-compiles the packages it installs, but an
    # editable install under PYTHONDONTWRITEBYTECODE would compile newslint's modules at
    # every start (about 0.05 s). The user's cache folder is as a second run leaves it
    # (the knowledge base, the packs and their compiled patterns are kept there): the
    # first run of each tool is not timed.
    compileall.compile_dir(ROOT / "lint", quiet=1)
    cold: dict[str, float] = {}
    for tool in found:
        run([*tool.argv, str(SEED)])
        runs = [run([*tool.argv, str(SEED)]).wall for _ in range(args.cold_runs)]
        cold[tool.key] = statistics.median(runs)
        print(f"cold start {tool.key}: {cold[tool.key]:.2f} s (runs: {', '.join(f'{x:.2f}' for x in runs)})")

    if args.cold_start_only:
        return 0
    with tempfile.TemporaryDirectory(prefix="newslint-peers-") as tmp:
        corpora = [("clean-news", args.corpus)]
        if args.repeat > 1:
            corpora.append((f"clean-news ×{args.repeat}", make_repeated(args.corpus, args.repeat, Path(tmp))))
        out = []
        for title, folder in corpora:
            n, mb = size_of(folder)
            rows: dict[str, tuple[Tool, Run]] = {}
            for tool in found:
                r = run([*tool.argv, str(folder)])
                rows[tool.key] = (tool, r)
                print(
                    f"{title}: {tool.key}: wall {r.wall:.1f} s, CPU {r.cpu:.1f} s, "
                    f"{mb / r.cpu:.2f} MB/s, peak {r.peak_mb:.0f} MB",
                    flush=True,
                )
            out.append(table(title, n, mb, rows, cold if folder == args.corpus else {}))
    print()
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
