"""A 50 MB article and a single 10 MB line: checked completely, in bounded memory.

No timing is asserted here (speed lives in bench/); memory is, because an unbounded
structure per character would take the machine down on an archive dump.
"""

from __future__ import annotations

import json
import subprocess
import sys

from lint.engine import MAX_PER_RULE

from conftest import ROOT

SEED = (ROOT / "seeds" / "eastern-herald-blinken-central-asia.txt").read_text(encoding="utf-8")
MAX_RSS_MB = 1024


# Runs newslint as its only child and reports that child's peak memory: this process's own
# RUSAGE_CHILDREN would hold the largest child of the whole test session.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "sys.stderr.write('\\npeak-kb %d' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


def run_child(path, *args):
    """Run newslint; return the result and its peak memory in MB."""
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            _MEASURE,
            sys.executable,
            "-m",
            "lint",
            "check",
            "--format",
            "json",
            *args,
            str(path),
        ],
        capture_output=True,
    )
    run.stderr, _, peak = run.stderr.rpartition(b"\npeak-kb ")
    return run, int(peak) / 1024


def test_fifty_megabyte_file(tmp_path):
    copies = 50_000_000 // len(SEED.encode("utf-8")) + 1
    big = tmp_path / "archive.txt"
    big.write_text("\n".join([SEED] * copies), encoding="utf-8")
    run, peak_mb = run_child(big, "--select", "punctuation,typos")
    assert run.returncode == 1, run.stderr
    diags = json.loads(run.stdout)["files"][0]["diagnostics"]
    # One finding a copy, up to the cap; one more says how many were not listed.
    assert copies > MAX_PER_RULE
    assert [d["rule"] for d in diags] == ["punctuation.doubled-mark"] * (MAX_PER_RULE + 1)
    assert diags[-1]["start"]["line"] == 18 * MAX_PER_RULE + 16
    assert diags[-1]["message"].startswith(
        f"{copies - MAX_PER_RULE} more findings of punctuation.doubled-mark"
    )
    assert peak_mb < MAX_RSS_MB, f"peak memory {peak_mb:.0f} MB"


def test_ten_megabyte_single_line(tmp_path):
    line = tmp_path / "line.txt"
    unit = "The talks went on and on without a break, "
    line.write_text(unit * (10_000_000 // len(unit)) + "and ended. .", encoding="utf-8")
    # Harper checks long lines in pieces and is covered by the 1 MB case below; here the
    # point is that newslint's own checks stay linear and small on one huge line.
    run, peak_mb = run_child(line, "--grammar-backend", "none")
    [d] = json.loads(run.stdout)["files"][0]["diagnostics"]
    assert d["rule"] == "punctuation.doubled-mark" and d["start"]["line"] == 1
    assert d["start"]["column"] == len(line.read_text()) - 2
    assert peak_mb < MAX_RSS_MB, f"peak memory {peak_mb:.0f} MB"


def test_one_megabyte_single_line_with_the_grammar_backend(tmp_path):
    line = tmp_path / "line.txt"
    unit = "The talks went on and on without a break, "
    line.write_text(unit * (1_000_000 // len(unit)) + "and ended. .", encoding="utf-8")
    run, peak_mb = run_child(line)
    rules = [d["rule"] for d in json.loads(run.stdout)["files"][0]["diagnostics"]]
    assert rules == ["punctuation.doubled-mark"]
    assert peak_mb < MAX_RSS_MB, f"peak memory {peak_mb:.0f} MB"


def test_a_million_repeated_words_are_capped_in_bounded_memory(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("word " * 1_000_000, encoding="utf-8")  # 5 MB, 500,000 findings
    run, peak_mb = run_child(words, "--grammar-backend", "none")
    found = json.loads(run.stdout)["files"][0]["diagnostics"]
    # One loop over the whole text, and the doubled words up to the cap.
    (loop,) = [d for d in found if d["rule"] == "grammar.repetition-loop"]
    assert (loop["start"]["offset"], loop["end"]["offset"]) == (0, 5 * 1_000_000 - 1)
    diags = [d for d in found if d["rule"] == "typos.repeated-word"]
    assert len(diags) == MAX_PER_RULE + 1
    assert diags[-1]["message"].startswith("499000 more findings of typos.repeated-word")
    assert diags[-1]["start"]["offset"] == 10 * MAX_PER_RULE and diags[-1]["fix"] is None
    assert peak_mb < 400, f"peak memory {peak_mb:.0f} MB"


def test_titles_and_surnames_throughout_a_long_article_take_linear_time(tmp_path):
    # 20,000 paragraphs, each naming a former officeholder in full and then by title and
    # surname: every surname was looked up among all the names before it, and every
    # "Former" fix copied the text before it (minutes; linear, a few seconds). The
    # timeout is a hang detector, not a speed target.
    article = tmp_path / "long.txt"
    article.write_text("Chancellor Olaf Scholz met the press. Later Chancellor Scholz left.\n" * 20_000)
    run = subprocess.run(
        [sys.executable, "-m", "lint", "check", "--format", "json", "--select", "fact",
         "--date", "2025-06-01", "--no-cache", str(article)],
        capture_output=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    diags = json.loads(run.stdout)["files"][0]["diagnostics"]
    assert len(diags) == MAX_PER_RULE + 1 and {d["rule"] for d in diags} == {"fact.title-date"}
    assert diags[1]["text"] == "Chancellor Scholz" and diags[1]["fix"]["edits"][0]["replacement"] == "former "
    assert diags[-1]["message"].startswith("39000 more findings")
