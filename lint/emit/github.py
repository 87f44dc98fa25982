"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request.

``::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE`` (warnings are
``::warning``, info ``::notice``). Lines and columns are the JSON report's: 1-based, columns
in code points, the end column exclusive.
"""

from __future__ import annotations

import os

from lint.report import Report

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message, as the Actions runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, and ':' and ',' too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def emit(report: Report, registry=None, options=None) -> str:
    lines = []
    for f in report.files:
        path = f.path.replace(os.sep, "/")
        for d in f.diagnostics:
            start, end = f.position(d.span.start), f.position(d.span.end)
            props = (
                ("file", path),
                ("line", start.line),
                ("col", start.column),
                ("endLine", end.line),
                ("endColumn", end.column),
                ("title", d.rule),
            )
            fields = ",".join(f"{key}={escape_property(str(value))}" for key, value in props)
            message = d.message + (f" [{d.article.label}]" if d.article is not None else "")
            lines.append(f"::{COMMANDS[d.severity.value]} {fields}::{escape_data(message)}\n")
    return "".join(lines)
