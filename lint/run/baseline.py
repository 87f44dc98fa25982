"""Baselines: accept the findings a project already has, report only new ones.

``newslint check --write-baseline FILE`` records every current finding; ``--baseline FILE``
then drops the findings that the file accounts for. A finding is keyed by its rule, its path
(relative to the baseline file's folder, with ``/``) and the same fingerprint as the SARIF
report's ``newslint/v1``: a hash of the rule, the flagged text and up to 20 normalised
characters around it on its own line, never the line number. So inserting or deleting lines
elsewhere, or re-wrapping other paragraphs, keeps a finding matched, while a new finding, or
an old one whose words around it changed, is reported. Each key has a count: three identical
findings in the baseline excuse three, and a fourth is reported.

The file is JSON, sorted, one entry per key, so that it diffs well in review::

    {"version": 1, "tool": "newslint",
     "findings": [{"rule": "punctuation.doubled-mark", "path": "articles/a.txt",
                   "fingerprint": "3f…", "count": 1, "text": ". ."}]}

``text`` (the flagged text) is there for people; matching does not read it.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import replace
from pathlib import Path

from lint.emit.sarif import fingerprint
from lint.report import FileReport, Report

VERSION = 1

Key = tuple[str, str, str]  # (rule, path, fingerprint)


class BaselineError(Exception):
    pass


def baseline_path(path: str, base: Path) -> str:
    """``path`` (as reported) relative to the folder ``base``, with forward slashes."""
    if path == "-" or path.startswith("<"):
        return path
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, os.path.abspath(base))
    except ValueError:  # another drive on Windows
        rel = absolute
    return rel.replace(os.sep, "/")


def keys(f: FileReport, base: Path) -> list[tuple[Key, str]]:
    """The key of each of the file's findings, in order, with its flagged text."""
    source = f.source or ""
    path = baseline_path(f.path, base)
    out = []
    for d in f.diagnostics:
        end = min(d.span.end, len(source))
        start = min(d.span.start, end)
        out.append(((d.rule, path, fingerprint(d.rule, source, d.span)), source[start:end]))
    return out


def build(report: Report, base: Path) -> dict:
    counts: Counter[Key] = Counter()
    texts: dict[Key, str] = {}
    for f in report.files:
        for key, text in keys(f, base):
            counts[key] += 1
            texts.setdefault(key, text)
    findings = [
        {"rule": k[0], "path": k[1], "fingerprint": k[2], "count": counts[k], "text": texts[k]}
        for k in sorted(counts, key=lambda k: (k[1], k[0], k[2]))
    ]
    return {"version": VERSION, "tool": "newslint", "findings": findings}


def write_baseline(file: Path, report: Report) -> int:
    """Write every finding of ``report`` to ``file``; return how many were written."""
    data = build(report, file.parent)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with open(file, "w", encoding="utf-8", newline="\n") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=True)
            fh.write("\n")
    except OSError as err:
        raise BaselineError(f"cannot write the baseline {file}: {err.strerror or err}") from None
    return sum(item["count"] for item in data["findings"])


def load_baseline(file: Path) -> Counter[Key]:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except OSError as err:
        raise BaselineError(f"cannot read the baseline {file}: {err.strerror or err}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise BaselineError(f"{file}: not a newslint baseline (bad JSON: {err})") from None
    if (
        not isinstance(data, dict)
        or data.get("version") != VERSION
        or not isinstance(data.get("findings"), list)
    ):
        raise BaselineError(f"{file}: not a newslint baseline (version {VERSION} with a findings list)")
    counts: Counter[Key] = Counter()
    for n, item in enumerate(data["findings"], 1):
        try:
            key = (item["rule"], item["path"], item["fingerprint"])
            count = item.get("count", 1)
        except (TypeError, KeyError):
            raise BaselineError(f"{file}: finding {n} needs rule, path and fingerprint") from None
        if not all(isinstance(k, str) for k in key) or not isinstance(count, int) or count < 1:
            raise BaselineError(f"{file}: finding {n} is malformed")
        counts[key] += count
    return counts


def apply_baseline(report: Report, baseline: Counter[Key], file: Path) -> tuple[Report, int]:
    """``report`` without the findings the baseline accounts for (each key's count is used up
    in file order), and how many were dropped. ``baseline`` is not changed."""
    left = Counter(baseline)
    dropped = 0
    files = []
    for f in report.files:
        kept = []
        for d, (key, _) in zip(f.diagnostics, keys(f, file.parent), strict=True):
            if left[key] > 0:
                left[key] -= 1
                dropped += 1
            else:
                kept.append(d)
        files.append(replace(f, diagnostics=kept))
    return Report(files), dropped
