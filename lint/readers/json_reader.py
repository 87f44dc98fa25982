"""CMS exports as JSON: one article object, an array of them, or JSON Lines (one object a
line). The article text is the first string field named ``body``, ``text``, ``content``
or ``article_body`` in each object; the date, the first of ``date``, ``published_at``,
``publishedAt``, ``datePublished``. Each string is mapped character by character back to
the file, escape sequences (``\\n``, ``\\"``, ``\\u2019``) as a whole, so findings point at
the JSON file and fixes are written back escaped for JSON.

The fields are found by scanning the source for ``"name": "`` and decoding the string
that follows with the standard library's JSON string scanner: CMS exports are flat
objects, and the scan keeps every position exact without a position-aware JSON parser.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring

from .common import Reading, TextBuilder, parse_date

BODY_FIELDS = ("body", "text", "content", "article_body", "articleBody")
DATE_FIELDS = ("date", "published_at", "publishedAt", "datePublished")
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "", "t": "\t"}


def _field(names: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(rf'"(?:{alternatives})"\s*:\s*(?=")')


def read_json(source: str, body_fields=BODY_FIELDS, date_fields=DATE_FIELDS) -> Reading:
    builder = TextBuilder(len(source))
    body_re, date_re = _field(tuple(body_fields)), _field(tuple(date_fields))
    metadata: dict = {}
    date = None
    for obj_start, obj_end in _objects(source):
        found = body_re.search(source, obj_start, obj_end)
        if found is not None:
            builder.block_break()
            _copy_string(source, found.end(), builder)
        when = date_re.search(source, obj_start, obj_end)
        if when is not None and date is None:
            value, _ = scanstring(source, when.end() + 1)
            date = parse_date(value)
            metadata.setdefault("date", value)
    text, source_map, placeholders = builder.build()
    return Reading(text, source_map, placeholders, metadata, date)


def _objects(source: str) -> list[tuple[int, int]]:
    """Where each article object lies: JSON Lines line by line, else the whole file."""
    lines = [m for m in re.finditer(r"[^\n]+", source) if m.group().strip()]
    if len(lines) > 1 and all(m.group().lstrip().startswith("{") for m in lines):
        return [m.span() for m in lines]
    return [(0, len(source))]


def _copy_string(source: str, quote: int, builder: TextBuilder) -> None:
    """Copy the JSON string starting at ``quote`` into the lint text, escapes as a whole."""
    try:
        _, end = scanstring(source, quote + 1)  # validates it and finds its closing quote
    except (json.JSONDecodeError, ValueError):
        return
    i, last = quote + 1, end - 1
    run_start = i
    while i < last:
        if source[i] != "\\":
            i += 1
            continue
        builder.copy(source[run_start:i], run_start)
        kind = source[i + 1]
        if kind == "u":
            width = 6
            code = int(source[i + 2 : i + 6], 16)
            if 0xD800 <= code < 0xDC00 and source.startswith("\\u", i + 6):
                low = int(source[i + 8 : i + 12], 16)
                code, width = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), 12
            builder.atomic(chr(code), i, i + width)
            i += width
        else:
            builder.atomic(_ESCAPES.get(kind, kind), i, i + 2)
            i += 2
        run_start = i
    builder.copy(source[run_start:last], run_start)
