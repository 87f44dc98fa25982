"""newslint boilerplate learn: a user pack of the lines a site repeats across its archive,
which then flags (and deletes, as an unsafe fix) those lines in any of its articles."""

from __future__ import annotations

import json
import subprocess
import sys

from lint.rules.registry import load_pack
from lint.rules.site_pack import recurring_lines

from conftest import ROOT

FOOTER = "Sign up for The Daily Brief, our morning newsletter"
RIGHTS = "© 2025 Example Media Ltd. All rights reserved."


def newslint(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "lint", *map(str, args)], capture_output=True, text=True, cwd=cwd
    )


def archive(tmp_path, n=6):
    folder = tmp_path / "archive"
    folder.mkdir()
    for i in range(n):
        body = f"Headline {i}\n\nThe council met on day {i} and approved plan {i}.\n\n{FOOTER}\n\n{RIGHTS}\n"
        (folder / f"story-{i}.txt").write_text(body, encoding="utf-8")
    (folder / "odd.txt").write_text(
        "Other story\n\nThe mayor spoke.\n\nSee also: the budget\n", encoding="utf-8"
    )
    return folder


def test_recurring_lines_need_enough_files_and_a_large_enough_share():
    texts = [f"Story {i}.\n{FOOTER}\n" for i in range(4)] + ["Rare line here\n"] * 2 + ["x"] * 14
    assert recurring_lines(texts, min_files=3, min_share=0.2) == [(FOOTER, 4)]  # 4 of 20
    assert recurring_lines(texts, min_files=3, min_share=0.25) == []  # 4 < 5
    assert recurring_lines(texts, min_files=2, min_share=0.0) == [(FOOTER, 4), ("Rare line here", 2)]


def test_the_learned_pack_flags_and_deletes_the_site_furniture(tmp_path):
    folder = archive(tmp_path)
    pack = tmp_path / "site.yaml"
    run = newslint("boilerplate", "learn", folder, "--pack", "desk", "-o", pack)
    assert run.returncode == 0, run.stderr
    [rule] = load_pack(pack)  # a valid pack: schema, examples and all
    assert rule.id == "desk.furniture" and rule.kind == "boilerplate"
    config = tmp_path / ".newslint.toml"
    config.write_text(f'rule-packs = ["{pack}"]\ngrammar-backend = "none"\n', encoding="utf-8")
    article = tmp_path / "new.txt"
    story = "Roads closed\n\nThe bridge shut on Monday.\n\n"
    article.write_text(f"{story}{FOOTER}\n\n{RIGHTS}\n", encoding="utf-8")
    run = newslint("check", "--config", config, "--select", "desk", "--format", "json", "--no-cache", article)
    found = [(d["rule"], d["text"]) for d in json.loads(run.stdout)["files"][0]["diagnostics"]]
    assert found == [("desk.furniture", FOOTER), ("desk.furniture", RIGHTS)]
    newslint(
        "check", "--config", config, "--select", "desk", "--fix", "--unsafe-fixes", "--no-cache", article
    )
    assert article.read_text(encoding="utf-8") == story + "\n"  # both lines gone, whole


def test_nothing_recurring_writes_no_pack(tmp_path):
    folder = archive(tmp_path, n=1)
    run = newslint("boilerplate", "learn", folder, "-o", tmp_path / "site.yaml")
    assert run.returncode == 0 and "no line recurs" in run.stderr and not (tmp_path / "site.yaml").exists()
