"""LanguageTool's HTTP API shapes: its annotated ``data`` input, and its match JSON.

LanguageTool counts offsets and lengths in UTF-16 code units (it is a Java program); newslint
counts code points. Everything here converts at the boundary, so a client that slices a
JavaScript or Java string with ``offset``/``length`` lands on the flagged text.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from dataclasses import dataclass

from lint.diagnostics import Diagnostic, Edit, Span
from lint.report import FileReport
from lint.text.document import Document
from lint.text.sourcemap import Segment, SourceMap

CONTEXT_CHARS = 40  # code points of context on each side, as LanguageTool shows

# LanguageTool's issue types (from the W3C ITS / LQI list) for newslint's categories.
ISSUE_TYPES = {
    "grammar": "grammar",
    "punctuation": "typographical",
    "spelling": "misspelling",
    "style": "style",
    "consistency": "inconsistency",
    "fact": "inconsistent-entities",
    "boilerplate": "addition",
    "internal": "other",
}

# English is the language newslint checks; LanguageTool clients ask for these codes.
LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "English (Australian)", "code": "en", "longCode": "en-AU"},
    {"name": "English (Canadian)", "code": "en", "longCode": "en-CA"},
    {"name": "English (New Zealand)", "code": "en", "longCode": "en-NZ"},
    {"name": "English (South African)", "code": "en", "longCode": "en-ZA"},
]
_NAMES = {lang["longCode"].lower(): lang["name"] for lang in LANGUAGES}


class BadRequest(ValueError):
    """Input LanguageTool would refuse: the message says why."""


def language(code: str | None) -> dict:
    """The ``language`` object of a response for the requested code; BadRequest for a
    language newslint does not check."""
    code = (code or "").strip()
    if not code:
        raise BadRequest("missing 'language' parameter (e.g. en-US, or auto)")
    key = code.lower()
    if key == "auto":
        key = "en-us"
    elif key not in _NAMES and key.split("-")[0] == "en":
        key = "en"
    if key not in _NAMES:
        raise BadRequest(f"language {code!r} is not supported: newslint checks English (en, en-US, en-GB, …)")
    long_code = next(lang["longCode"] for lang in LANGUAGES if lang["longCode"].lower() == key)
    detected = {"name": _NAMES[key], "code": long_code, "confidence": 1.0}
    return {"name": _NAMES[key], "code": long_code, "detectedLanguage": detected}


def annotated_document(data: str, date=None) -> Document:
    """A Document from LanguageTool's ``data`` parameter:
    ``{"annotation": [{"text": "A "}, {"markup": "<b>"}, {"markup": "<p>", "interpretAs": "\\n\\n"}]}``.

    The source is every item's text or markup in order (what the client's offsets count);
    the checks read the text, with markup replaced by its ``interpretAs`` (or by nothing).
    """
    try:
        parsed = json.loads(data)
    except json.JSONDecodeError as err:
        raise BadRequest(f"'data' is not JSON: {err.msg} at character {err.pos}") from None
    items = parsed.get("annotation") if isinstance(parsed, dict) else None
    if not isinstance(items, list):
        raise BadRequest("'data' must be a JSON object with an 'annotation' list")
    source: list[str] = []
    text: list[str] = []
    segments: list[Segment] = []
    text_at = src_at = 0
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise BadRequest(f"annotation item {i} is not an object")
        if isinstance(item.get("text"), str) and "markup" not in item:
            raw = read_as = item["text"]
        elif isinstance(item.get("markup"), str) and "text" not in item:
            raw, read_as = item["markup"], item.get("interpretAs", "")
            if not isinstance(read_as, str):
                raise BadRequest(f"annotation item {i}: 'interpretAs' must be a string")
        else:
            raise BadRequest(f"annotation item {i} needs either 'text' or 'markup' (a string), not both")
        if read_as:
            # Text maps one for one; markup read as its stand-in is atomic (a finding that
            # touches the stand-in covers the whole markup); markup read as nothing is a gap.
            segments.append(Segment(text_at, text_at + len(read_as), src_at, src_at + len(raw)))
        source.append(raw)
        text.append(read_as)
        text_at += len(read_as)
        src_at += len(raw)
    doc = Document(
        path="<data>",
        source="".join(source),
        text="".join(text),
        source_map=SourceMap(segments or [Segment(0, 0, 0, 0)]),
    )
    if date is not None:
        doc.date, doc.date_source = date, "option"
    return doc


@dataclass
class Utf16:
    """Code-point offsets of one text as UTF-16 code units."""

    astral: list[int]  # code-point offsets of characters outside the BMP (two units each)

    @classmethod
    def of(cls, text: str) -> Utf16:
        if text.isascii():
            return cls([])
        return cls([i for i, ch in enumerate(text) if ord(ch) > 0xFFFF])

    def __call__(self, offset: int) -> int:
        return offset + bisect_left(self.astral, offset)


def matches(report: FileReport, registry) -> list[dict]:
    """LanguageTool matches for a report's findings, in source order."""
    source = report.source or ""
    units = Utf16.of(source)
    return [_match(d, source, units, registry) for d in report.diagnostics]


def _match(d: Diagnostic, source: str, units: Utf16, registry) -> dict:
    from lint.emit.sarif import owning_rule

    rule = owning_rule(registry, d.rule)
    title = rule.title if rule is not None else d.rule
    start, end = d.span.start, d.span.end
    ctx_start, ctx_end = max(0, start - CONTEXT_CHARS), min(len(source), end + CONTEXT_CHARS)
    prefix = "..." if ctx_start > 0 else ""
    context = prefix + source[ctx_start:ctx_end] + ("..." if ctx_end < len(source) else "")
    context = context.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    ctx_units = Utf16.of(context)
    in_context = len(prefix) + start - ctx_start
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", end)
    return {
        "message": d.message,
        "shortMessage": title,
        "replacements": [{"value": v} for v in replacements(d, source)],
        "offset": units(start),
        "length": units(end) - units(start),
        "context": {
            "text": context,
            "offset": ctx_units(in_context),
            "length": ctx_units(in_context + end - start) - ctx_units(in_context),
        },
        "sentence": source[line_start : len(source) if line_end == -1 else line_end].rstrip("\r"),
        "type": {"typeName": "Other"},
        "rule": {
            "id": d.rule,
            "description": title,
            "issueType": ISSUE_TYPES.get(d.category, "uncategorized"),
            "category": {"id": d.category.upper(), "name": d.category.capitalize()},
            "urls": [],
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def replacements(d: Diagnostic, source: str) -> list[str]:
    """What the flagged text could become: the fix applied to it (when the fix stays inside
    the flagged text, or takes only spaces before it, as a doubled mark's does), then the
    other suggestions. A client replaces exactly ``offset``..``offset+length`` with one."""
    out: list[str] = []
    span = d.span
    edits = None if d.fix is None else [_within(e, span, source) for e in d.fix.edits]
    if edits is not None and None not in edits:
        pieces, at = [], span.start
        for e in sorted(edits, key=lambda e: e.span):
            pieces += [source[at : e.span.start], e.replacement]
            at = e.span.end
        pieces.append(source[at : span.end])
        out.append("".join(pieces))
    if d.fix is None or out:
        out += [s for s in d.suggestions if s not in out]
    return out


def _within(e: Edit, span: Span, source: str) -> Edit | None:
    """The edit as one inside ``span``: as it is, or without the spaces it also takes before
    the flagged text; None when it changes more outside it."""
    if span.start <= e.span.start and e.span.end <= span.end:
        return e
    if e.span.start < span.start <= e.span.end <= span.end and not source[e.span.start : span.start].strip(
        " \t"
    ):
        return Edit(Span(span.start, e.span.end), e.replacement)
    return None
