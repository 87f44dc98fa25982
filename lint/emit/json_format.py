"""The JSON report: the contract in DESIGN.md §2, schema in lint/schemas/report.schema.json."""

from __future__ import annotations

import json
from collections.abc import Callable

from lint import __version__
from lint.diagnostics import Applicability, ArticleRef, Diagnostic, Edit, Fix, Severity, Span
from lint.report import FileReport, Report
from lint.text.lines import Position

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
    return {
        "path": f.path,
        "date": f.date.isoformat() if f.date else None,
        "date_source": f.date_source,
        "fixed": f.fixed,
        "diagnostics": [to_json(d, f.position) for d in f.diagnostics],
    }


def to_json(d: Diagnostic, position: Callable[[int], Position]) -> dict:
    """A finding as the report writes it (and the results cache keeps it)."""
    start, end = position(d.span.start), position(d.span.end)
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


def from_json(raw: dict) -> Diagnostic:
    """The finding ``to_json`` wrote. Offsets must be integers; anything else raises."""
    fix = None
    if raw.get("fix") is not None:
        fix = Fix(
            Applicability(raw["fix"]["applicability"]),
            tuple(
                Edit(Span(_int(e["start"]), _int(e["end"])), str(e["replacement"]))
                for e in raw["fix"]["edits"]
            ),
        )
    ref = None
    if raw.get("article") is not None:
        a = raw["article"]
        ref = ArticleRef(
            _int(a["number"]),
            None if a["id"] is None else str(a["id"]),
            str(a["pointer"]),
            None if a["date"] is None else str(a["date"]),
        )
    return Diagnostic(
        rule=str(raw["rule"]),
        category=str(raw["category"]),
        severity=Severity(raw["severity"]),
        message=str(raw["message"]),
        span=Span(_int(raw["start"]["offset"]), _int(raw["end"]["offset"])),
        suggestions=tuple(str(s) for s in raw.get("suggestions", ())),
        fix=fix,
        text=str(raw["text"]),
        article=ref,
    )


def _int(value) -> int:
    if type(value) is not int:
        raise TypeError("an offset must be an integer")
    return value


def article(ref) -> dict | None:
    """The article of a CMS JSON export a finding is in (None in other files)."""
    if ref is None:
        return None
    return {"number": ref.number, "id": ref.id, "pointer": ref.pointer, "date": ref.date}
