"""A user pack of a site's own furniture, learned from an archive of its articles: the
lines that recur, word for word, across many of them (a footer, a newsletter box, a
credit line) are page furniture, not reporting. ``newslint boilerplate learn`` writes
the pack; the configuration's ``rule-packs`` loads it like any other."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import regex
import yaml

from lint.datafiles import compiled_regex

MAX_LINE = 400  # the boilerplate kind's own bound: a longer line is an article paragraph
_SPACE = compiled_regex.compile(r"\s+")
_WORD = compiled_regex.compile(r"\p{L}{2,}")
_STORY = "The story ends here."


def recurring_lines(texts: Iterable[str], min_files: int, min_share: float) -> list[tuple[str, int]]:
    """Lines (spaces collapsed) found in at least ``min_files`` texts and at least
    ``min_share`` of them, with how many texts hold each; most frequent first."""
    counts: Counter[str] = Counter()
    n = 0
    for text in texts:
        n += 1
        seen = {_SPACE.sub(" ", line).strip() for line in text.splitlines()}
        counts.update(line for line in seen if line and len(line) <= MAX_LINE and _WORD.search(line))
    need = max(min_files, min_share * n)
    return sorted(((line, k) for line, k in counts.items() if k >= need), key=lambda lk: (-lk[1], lk[0]))


def site_pack(lines: list[tuple[str, int]], files: int, pack: str = "site") -> str:
    """The YAML of a pack with one rule of kind ``boilerplate`` over these lines."""
    phrases = [r"\s+".join(regex.escape(word) for word in line.split(" ")) for line, _ in lines]
    first = lines[0][0]
    rule = {
        "id": f"{pack}.furniture",
        "title": "Line this site repeats on every page",
        "kind": "boilerplate",
        "category": "boilerplate",
        "severity": "warning",
        "message": "Site furniture: '{text}'",
        "description": (
            f"Lines found word for word in many of {files} articles of this site's archive "
            "(newslint boilerplate learn): page furniture carried along with the text."
        ),
        "lines": phrases,
        "examples": [
            {"bad": f"The story ends here.\n{first}", "flagged": first, "fixed": "The story ends here."}
        ],
    }
    data = {
        "pack": pack,
        "description": "Furniture learned from an archive of this site's articles.",
        "rules": [rule],
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
