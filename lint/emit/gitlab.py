"""GitLab Code Quality: the JSON array GitLab shows in merge requests (``artifacts: reports:
codequality``), a subset of the Code Climate format.

Each finding is an object with the fields GitLab documents: ``description``, ``check_name``,
``fingerprint`` (unique per finding and stable when unrelated lines move: the SARIF
emitter's fingerprint, numbered among identical findings), ``severity`` (``info``, ``minor``,
``major``, ``critical`` or ``blocker``) and ``location`` (``path`` relative to the project,
and ``lines.begin``); plus ``type``, ``categories`` and ``engine_name`` that Code Climate
defines and GitLab ignores.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter

from lint.emit.sarif import fingerprint
from lint.report import Report

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}
# Code Climate's categories, the nearest to newslint's.
CATEGORIES = {
    "grammar": "Style",
    "punctuation": "Style",
    "spelling": "Style",
    "style": "Style",
    "consistency": "Style",
    "boilerplate": "Clarity",
    "fact": "Bug Risk",
    "internal": "Bug Risk",
}


def emit(report: Report, registry=None, options=None) -> str:
    return json.dumps(as_list(report), ensure_ascii=False, indent=2) + "\n"


def as_list(report: Report) -> list[dict]:
    out = []
    for f in report.files:
        path = f.path.replace(os.sep, "/")
        path = path[2:] if path.startswith("./") else path
        source = f.source or ""
        seen: Counter[str] = Counter()
        for d in f.diagnostics:
            base = fingerprint(d.rule, source, d.span)
            seen[base] += 1
            start, end = f.position(d.span.start), f.position(d.span.end)
            key = f"{path}\x1f{base}:{seen[base]}".encode()
            out.append(
                {
                    "type": "issue",
                    "description": d.message,
                    "check_name": d.rule,
                    "fingerprint": hashlib.md5(key, usedforsecurity=False).hexdigest(),
                    "severity": SEVERITIES[d.severity.value],
                    "categories": [CATEGORIES.get(d.category, "Style")],
                    "engine_name": "newslint",
                    "location": {"path": path, "lines": {"begin": start.line, "end": end.line}},
                }
            )
    return out
