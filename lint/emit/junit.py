"""JUnit XML, for CI systems that show test reports (Jenkins, GitLab, Azure Pipelines, CircleCI).

One ``<testsuite>`` per file; each finding is a failed ``<testcase>`` named by its rule and
position (a finding of the ``internal`` category, a file newslint could not check, is an
``<error>``); a file without findings is one passing test case, so clean files count too.
The layout follows the de facto schema Jenkins' JUnit plugin and GitLab read
(testsuites > testsuite > testcase > failure|error).
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

from lint.report import FileReport, Report


def emit(report: Report, registry=None, options=None) -> str:
    root = ET.Element("testsuites", name="newslint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for f in report.files:
        suite = _suite(f)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key))
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(f: FileReport) -> ET.Element:
    path = f.path.replace(os.sep, "/")
    suite = ET.Element("testsuite", name=path, file=path)
    failures = errors = 0
    for d in f.diagnostics:
        start = f.position(d.span.start)
        case = ET.SubElement(
            suite,
            "testcase",
            name=f"{d.rule} at {start.line}:{start.column}",
            classname=f"newslint.{d.rule}",
            file=path,
            line=str(start.line),
            time="0",
        )
        internal = d.category == "internal"
        body = ET.SubElement(
            case, "error" if internal else "failure", message=d.message, type=d.severity.value
        )
        detail = [f"{path}:{start.line}:{start.column}: {d.severity.value} [{d.rule}] {d.message}"]
        if d.text:
            detail.append(f"flagged: {d.text}")
        if d.suggestions:
            detail.append(f"suggestion: {d.suggestions[0]}")
        body.text = _xml_safe("\n".join(detail))
        body.set("message", _xml_safe(d.message))
        errors += internal
        failures += not internal
    if not f.diagnostics:
        ET.SubElement(suite, "testcase", name="newslint", classname="newslint", file=path, time="0")
    tests = max(len(f.diagnostics), 1)
    for key, value in (("tests", tests), ("failures", failures), ("errors", errors), ("skipped", 0)):
        suite.set(key, str(value))
    suite.set("time", "0")
    return suite


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot hold most control characters, even escaped: show them as \\xNN."""
    return "".join(
        ch
        if ch in "\t\n\r" or 0x20 <= ord(ch) <= 0xD7FF or 0xE000 <= ord(ch) <= 0xFFFD or ord(ch) > 0xFFFF
        else f"\\x{ord(ch):02x}"
        for ch in text
    )
