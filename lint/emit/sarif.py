"""SARIF 2.1.0 (OASIS), for code-scanning dashboards such as GitHub code scanning.

Rule metadata comes from the registry: one ``reportingDescriptor`` per rule id found in the
report. Regions use the same positions as the JSON report: 1-based lines, 1-based columns in
code points (``columnKind: unicodeCodePoints``), exclusive end column, and ``charOffset`` /
``charLength`` in code points of the file's decoded text. Each result carries a
``newslint/v1`` partial fingerprint built from the rule, the flagged text and the text around
it on its line, never the line number, so inserting unrelated lines leaves it unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from lint import __version__
from lint.diagnostics import Applicability, Diagnostic, Span
from lint.report import FileReport, Report
from lint.rules.catalog import Entry, lookup, owning_rule  # noqa: F401 (owning_rule: re-exported)

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "newslint/v1"
CONTEXT_CHARS = 20  # normalised characters of the finding's line kept on each side
_CONTEXT_WINDOW = 200  # raw characters looked at on each side (bounds the work on huge lines)

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


@dataclass(frozen=True)
class SarifOptions:
    # The folder relative paths are relative to, as a file URI ending in "/".
    # None: the current directory.
    srcroot: str | None = None
    information_uri: str | None = None  # None: the package's project URL, if it has one


def emit(report: Report, registry=None, options: SarifOptions | None = None) -> str:
    return json.dumps(as_dict(report, registry, options), ensure_ascii=False, indent=2) + "\n"


def as_dict(report: Report, registry=None, options: SarifOptions | None = None) -> dict:
    opt = options or SarifOptions()
    ids = sorted({d.rule for d in report.diagnostics})
    descriptors = [_descriptor(rule_id, registry, _first(report, rule_id)) for rule_id in ids]
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    results = []
    for f in report.files:
        seen: Counter[str] = Counter()
        for d in f.diagnostics:
            results.append(_result(f, d, index[d.rule], seen))
    driver = {"name": "newslint", "version": __version__, "semanticVersion": __version__}
    info = opt.information_uri or _project_url()
    if info:
        driver["informationUri"] = info
    driver["rules"] = descriptors
    srcroot = opt.srcroot or Path.cwd().as_uri().rstrip("/") + "/"
    run = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": True}],
        "originalUriBaseIds": {
            SRCROOT: {
                "uri": srcroot,
                "description": {"text": "The folder newslint ran in; relative paths are relative to it."},
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


# -- rules ------------------------------------------------------------------------------------


def pascal_case(title: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.findall(r"[^\W_]+", title))


def _first(report: Report, rule_id: str) -> Diagnostic:
    return next(d for d in report.diagnostics if d.rule == rule_id)


def _descriptor(rule_id: str, registry, sample: Diagnostic) -> dict:
    entry = lookup(registry, rule_id)
    if entry is None:  # an id the catalog does not know: described by the finding itself
        entry = Entry(
            rule_id,
            rule_id,
            f"A {sample.category} finding reported by newslint ({rule_id}).",
            sample.category,
            sample.severity.value,
        )
    title, description = entry.title, entry.description
    return {
        "id": rule_id,
        "name": pascal_case(title) or pascal_case(rule_id),
        "shortDescription": {"text": title},
        "fullDescription": {"text": description},
        "help": {"text": f"{description}\n\n{entry.silence}"},
        "defaultConfiguration": {"level": LEVELS[entry.severity]},
        "properties": {"category": entry.category, "tags": [entry.category]},
    }


def _project_url() -> str | None:
    from importlib import metadata

    try:
        meta = metadata.metadata("newslint")
    except metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        _, _, url = entry.partition(",")
        if url.strip():
            return url.strip()
    return meta.get("Home-page") or None


# -- results ----------------------------------------------------------------------------------


def artifact_location(path: str) -> dict:
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    uri = path.replace(os.sep, "/")
    while uri.startswith("./"):
        uri = uri[2:]
    return {"uri": quote(uri, safe="/"), "uriBaseId": SRCROOT}


def region(f: FileReport, span: Span, snippet: bool = False) -> dict:
    start, end = f.position(span.start), f.position(span.end)
    out = {
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "charOffset": span.start,
        "charLength": span.end - span.start,
    }
    if snippet and f.source is not None and span.end > span.start:
        out["snippet"] = {"text": f.source[span.start : span.end]}
    return out


def _result(f: FileReport, d: Diagnostic, rule_index: int, seen: Counter) -> dict:
    location = artifact_location(f.path)
    base = fingerprint(d.rule, f.source or "", d.span)
    seen[base] += 1  # identical findings in identical context: count them, in file order
    out = {
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[d.severity.value],
        "message": {"text": d.message},
        "locations": [
            {"physicalLocation": {"artifactLocation": location, "region": region(f, d.span, snippet=True)}}
        ],
        "partialFingerprints": {FINGERPRINT: f"{base}:{seen[base]}"},
    }
    if d.article is not None:
        # The article of a CMS export: a logical location (the JSON object) and, whole, a property.
        a = d.article
        out["locations"][0]["logicalLocations"] = [
            {"name": a.label, "fullyQualifiedName": a.pointer or a.label, "kind": "object"}
        ]
        out["properties"] = {
            "article": {"number": a.number, "id": a.id, "pointer": a.pointer, "date": a.date}
        }
    if d.fix is not None:
        out["fixes"] = [
            {
                "description": {"text": _fix_description(d, f.source or "")},
                "artifactChanges": [
                    {
                        "artifactLocation": location,
                        "replacements": [
                            {"deletedRegion": region(f, e.span), "insertedContent": {"text": e.replacement}}
                            for e in sorted(d.fix.edits, key=lambda e: e.span)
                        ],
                    }
                ],
            }
        ]
    return out


def fingerprint(rule_id: str, source: str, span: Span) -> str:
    """A hash of the rule, the flagged text and up to CONTEXT_CHARS characters of
    white-space-normalised text on each side of it, taken from its own line(s) only."""
    line_start = source.rfind("\n", 0, span.start) + 1
    line_end = source.find("\n", span.end)
    if line_end == -1:
        line_end = len(source)
    before = _normalise(source[max(line_start, span.start - _CONTEXT_WINDOW) : span.start])
    after = _normalise(source[span.end : min(line_end, span.end + _CONTEXT_WINDOW)])
    flagged = _normalise(source[span.start : span.end])
    key = "\x1f".join((rule_id, flagged, before[-CONTEXT_CHARS:], after[:CONTEXT_CHARS]))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _fix_description(d: Diagnostic, source: str) -> str:
    edits = d.fix.edits
    if len(edits) == 1 and edits[0].replacement == "":
        what = f"Delete {_quote(source[edits[0].span.start : edits[0].span.end])}"
    elif len(edits) == 1:
        what = f"Replace with {_quote(edits[0].replacement)}"
    else:
        what = f"Apply {len(edits)} edits"
    if d.fix.applicability is Applicability.SAFE:
        return f"{what} (safe fix: newslint check --fix)"
    return f"{what} (unsafe fix: newslint check --fix --unsafe-fixes)"


def _quote(text: str, limit: int = 60) -> str:
    shown = text.replace("\r", "\\r").replace("\n", "\\n")
    return "'" + (shown if len(shown) <= limit else shown[: limit - 1] + "…") + "'"
