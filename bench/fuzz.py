"""Coverage-guided fuzzing of the readers and the whole pipeline, fixes included (atheris).

Each input is one byte that picks the file name (and so the reader: text, Markdown, HTML,
JSON, JSON Lines) and whether unsafe fixes apply, followed by the file's bytes. The bytes
go through what a file on disk goes through (``read_bytes``: BOM, binary and encoding
checks), then through the
invariants of tests/test_properties.py: the reader's offsets map back inside the file,
diagnostics lie inside it and agree run to run, fixes settle, change nothing outside their
edits, keep HTML tags and valid JSON, and re-fixing changes nothing.

A failure does not stop the campaign: each distinct one (exception type, message shape
and innermost newslint frame) is saved once under ``--out`` with its traceback, for
minimising and keeping in tests/fuzz_regressions/ (the name's suffix picks the reader).
An input that takes longer than ``--hang`` seconds is saved as a hang.

    .venv/bin/python bench/fuzz.py --minutes 25 --out /tmp/fuzz
    .venv/bin/python bench/fuzz.py --replay /tmp/fuzz     # re-run what was saved
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import pkgutil
import re
import signal
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

NAMES = ("story.txt", "story.md", "story.html", "story.json", "story.jsonl")


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang("input took too long")


class Campaign:
    def __init__(self, out: Path, hang: int):
        self.out = out
        self.hang = hang
        self.runs = 0
        self.failures = 0
        self.seen: dict[str, int] = {}
        self.started = time.monotonic()
        out.mkdir(parents=True, exist_ok=True)

    def one(self, data: bytes) -> None:
        from test_properties import check_fix, check_lint, check_reader

        from lint.readers import read_bytes

        if not data:
            return
        name = NAMES[data[0] % len(NAMES)]
        unsafe = bool(data[0] // len(NAMES) % 2)
        self.runs += 1
        signal.alarm(self.hang)
        try:
            read = read_bytes(data[1:], name)
            if read.document is not None and read.lintable:
                source = read.document.source
                check_reader(source, name)
                check_lint(source, name)
                check_fix(source, name, unsafe=unsafe)
        except Exception as err:  # noqa: BLE001 - every failure is a finding
            self.record(data, name, err)
        finally:
            signal.alarm(0)
        if self.runs % 500 == 0:
            self.status()

    def record(self, data: bytes, name: str, err: BaseException) -> None:
        self.failures += 1
        sig = signature(err)
        self.seen[sig] = self.seen.get(sig, 0) + 1
        if self.seen[sig] > 1:
            return
        digest = hashlib.sha1(data).hexdigest()[:12]
        stem = self.out / f"{'hang' if isinstance(err, Hang) else 'crash'}-{digest}{Path(name).suffix}"
        stem.write_bytes(data[1:])
        stem.with_name(stem.name + ".trace").write_text(
            f"{sig}\n\n" + "".join(traceback.format_exception(err)), encoding="utf-8"
        )
        print(f"\n== new failure #{len(self.seen)}: {sig}\n   saved as {stem}", flush=True)

    def status(self) -> None:
        elapsed = time.monotonic() - self.started
        line = {
            "runs": self.runs,
            "seconds": round(elapsed),
            "per_second": round(self.runs / max(elapsed, 1e-9), 1),
            "failures": self.failures,
            "distinct": len(self.seen),
            "signatures": self.seen,
        }
        (self.out / "stats.json").write_text(json.dumps(line, indent=1), encoding="utf-8")


def signature(err: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(err.__traceback__) if "/lint/" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].name}" if frames else "?"
    message = re.sub(r"\d+", "N", str(err).splitlines()[0] if str(err) else "")[:80]
    return f"{type(err).__name__} at {where}: {message}"


def seed_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data").glob("*.*"))
    for path in sources:
        suffix = {".yaml": None, ".json": None}.get(path.suffix, path.suffix)
        if suffix is None or path.stat().st_size > 16_000:
            continue
        pick = [Path(n).suffix for n in NAMES].index(suffix) if suffix in (".md", ".html") else 0
        (folder / path.name).write_bytes(bytes([pick]) + path.read_bytes())
    body = (ROOT / "seeds" / "sport-cup-final.txt").read_text(encoding="utf-8")
    (folder / "article.json").write_bytes(bytes([3]) + json.dumps({"body": body}).encode())


def write_dictionary(path: Path) -> None:
    """The pieces the property tests mutate articles with, as a libFuzzer dictionary: markup
    of every reader, marks, quotes, breaks, odd characters."""
    from test_properties import PIECES

    lines = []
    for piece in PIECES:
        data = piece.encode("utf-8", "surrogatepass")
        lines.append(
            '"' + "".join(chr(b) if 32 <= b < 127 and b not in b'"\\' else f"\\x{b:02X}" for b in data) + '"'
        )
    path.write_text("\n".join(lines) + "\n", encoding="ascii")


def replay(folder: Path) -> int:
    from test_properties import check_all

    bad = 0
    for path in sorted(folder.iterdir()):
        if path.suffix not in {Path(n).suffix for n in NAMES}:
            continue
        try:
            check_all(path.read_bytes().decode("utf-8", "replace"), path.name)
        except Exception as err:  # noqa: BLE001
            bad += 1
            print(f"{path.name}: {signature(err)}")
    print(f"{bad} of the saved inputs still fail")
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=20)
    parser.add_argument("--out", type=Path, default=Path("fuzz-out"))
    parser.add_argument("--hang", type=int, default=20, help="seconds before an input counts as a hang")
    parser.add_argument("--max-len", type=int, default=8192)
    parser.add_argument("--replay", type=Path, help="re-run the inputs saved in this folder and stop")
    args, rest = parser.parse_known_args()
    if args.replay:
        return replay(args.replay)

    import atheris

    with atheris.instrument_imports(include=["lint"]):
        import lint  # every module the pipeline may use, so that all of it is instrumented

        for mod in pkgutil.walk_packages(lint.__path__, "lint."):
            if not mod.name.startswith(("lint.__main__", "lint.lsp", "lint.dask")):
                importlib.import_module(mod.name)
    campaign = Campaign(args.out, args.hang)
    signal.signal(signal.SIGALRM, _alarm)
    corpus = args.out / "corpus"
    seed_corpus(corpus)
    import atexit

    atexit.register(campaign.status)
    dictionary = args.out / "pieces.dict"
    write_dictionary(dictionary)
    libfuzzer = [
        sys.argv[0],
        f"-dict={dictionary}",
        f"-max_total_time={int(args.minutes * 60)}",
        f"-max_len={args.max_len}",
        "-print_final_stats=1",
        *rest,
        str(corpus),
    ]
    atheris.Setup(libfuzzer, campaign.one)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
