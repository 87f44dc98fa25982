"""The JSON report: the contract in DESIGN.md §2, schema in lint/schemas/report.schema.json."""

from __future__ import annotations

import json

from lint import __version__
from lint.report import FileReport, Report

# 2: a finding in a file of many articles (a CMS export) names its article.
VERSION = 2


def emit(report: Report, registry=None, options=None) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"


def as_dict(report: Report) -> dict:
    counts = report.severity_counts()
    return {
        "version": VERSION,
        "tool": {"name": "newslint", "version": __version__},
        "files": [_file(f) for f in report.files],
        "summary": {"files": len(report.files), "diagnostics": sum(counts.values()), **counts},
    }


def _file(f: FileReport) -> dict:
    doc = f.document
    return {
        "path": f.path,
        "date": f.date.isoformat() if f.date else None,
        "date_source": doc.date_source if doc else None,
        "fixed": f.fixed,
        "diagnostics": [_diagnostic(f, d) for d in f.diagnostics],
    }


def _diagnostic(f: FileReport, d) -> dict:
    start, end = f.position(d.span.start), f.position(d.span.end)
    fix = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability.value,
            "edits": [
                {"start": e.span.start, "end": e.span.end, "replacement": e.replacement} for e in d.fix.edits
            ],
        }
    return {
        "rule": d.rule,
        "category": d.category,
        "severity": d.severity.value,
        "message": d.message,
        "start": {"offset": start.offset, "line": start.line, "column": start.column},
        "end": {"offset": end.offset, "line": end.line, "column": end.column},
        "text": d.text,
        "suggestions": list(d.suggestions),
        "fix": fix,
        "article": article(d.article),
    }


def article(ref) -> dict | None:
    """The article of a CMS JSON export a finding is in (None in other files)."""
    if ref is None:
        return None
    return {"number": ref.number, "id": ref.id, "pointer": ref.pointer, "date": ref.date}
