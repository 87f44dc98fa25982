"""CMS exports as JSON, as newsrooms export them.

A file is one article object, an array of them, an object that wraps them in an ``items``,
``data``, ``articles`` or ``posts`` array (a WordPress REST answer, a CMS API page), or JSON
Lines (each line an article, or an array or wrapper of them). In each article the text is the
first field among ``body``, ``text``, ``content``, ``content.rendered``, ``article_body``,
``articleBody`` that holds a string; a dotted name is a path into nested objects
(WordPress's ``content.rendered``), and a field is only ever looked up from the article
object itself, never found somewhere deeper (an ``image`` object's ``text`` is not the
body). The date, title, id and link come from their own lists of fields, the same way.

Positions come from json-source-map, which gives the source position of every value by its
JSON pointer. Each string is then mapped character by character back to the file, escape
sequences (``\\n``, ``\\"``, ``\\u2019``) each as a whole. A string that holds HTML (any
``*.rendered`` field, or one with tags or character references) is read by the HTML reader,
and its source map is composed with the string's escape map, so a finding points at the
characters in the JSON file and a fix keeps the tags and is written back escaped for HTML
and then for JSON.

Each article becomes an Article of the Document (its text span, its own date, id, title and
link): checks see each on its own, against its own date, and each finding names its article.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from json.decoder import scanstring

from json_source_map import calculate

from lint.diagnostics import ArticleRef, Span
from lint.readers.common import Reading, TextBuilder, parse_date
from lint.text.document import Article

BODY_FIELDS = ("body", "text", "content", "content.rendered", "article_body", "articleBody")
DATE_FIELDS = ("date", "published_at", "publishedAt", "datePublished", "date_gmt")
TITLE_FIELDS = ("title", "title.rendered", "headline")
ID_FIELDS = ("id", "_id", "uuid", "slug")
LINK_FIELDS = ("link", "url")
WRAPPERS = ("items", "data", "articles", "posts")

_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "", "t": "\t"}
_HTML = re.compile(
    r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z]+[0-9]*);"
)


@dataclass(frozen=True)
class _Run:
    """A stretch of a decoded JSON string and the source characters it stands for:
    copied one for one, or (an escape sequence) as a whole."""

    start: int  # in the decoded string
    end: int
    src_start: int
    src_end: int

    @property
    def linear(self) -> bool:
        return self.end - self.start == self.src_end - self.src_start


def read_json(
    source: str,
    body_fields=BODY_FIELDS,
    date_fields=DATE_FIELDS,
    title_fields=TITLE_FIELDS,
    id_fields=ID_FIELDS,
) -> Reading:
    builder = TextBuilder(len(source))
    articles: list[Article] = []
    html_spans: list[Span] = []
    metadata: dict = {}
    first_date = None
    number = 0
    for base, value, positions in _documents(source):
        for pointer, obj in _articles(value, body_fields):
            number += 1
            body = _field(obj, body_fields, str)
            when = _field(obj, date_fields, str)
            date = parse_date(when[1]) if when else None
            if when and first_date is None and date is not None:
                first_date = date
                metadata["date"] = when[1]
            ident = _field(obj, id_fields, (str, int))
            title = _field(obj, title_fields, str)
            link = _field(obj, LINK_FIELDS, str)
            entry = positions.get(pointer + _pointer(body[0])) if body else None
            builder.block_break()
            start = builder.pos + (2 if builder.pos else 0)
            if entry is not None:
                quote = base + entry.value_start.position
                text, runs = _decode(source, quote)
                if _is_html(body[0], text):
                    html_start = start
                    _copy_html(text, runs, builder)
                    if builder.pos > html_start:
                        html_spans.append(Span(html_start, builder.pos))
                else:
                    _copy_runs(text, runs, builder)
            if builder.pos <= start:
                continue  # no text: nothing to check in this article
            ref = ArticleRef(
                number=number,
                id=None if ident is None or isinstance(ident[1], bool) else str(ident[1]),
                pointer=pointer,
                date=date.isoformat() if date else None,
            )
            articles.append(
                Article(
                    Span(start, builder.pos),
                    ref,
                    date=date,
                    title=_plain(title[0], title[1]) if title else None,
                    link=link[1] if link else None,
                )
            )
    text, source_map, placeholders = builder.build()
    return Reading(
        text,
        source_map,
        placeholders,
        metadata,
        first_date,
        articles=tuple(articles),
        html_spans=tuple(html_spans),
    )


def _documents(source: str):
    """(offset of the JSON text in the file, its value, its positions by JSON pointer): the
    whole file when it is one JSON text, else each line of JSON Lines. Invalid JSON raises,
    and the file is then read as plain text."""
    try:
        value = json.loads(source)
    except ValueError:
        pass
    else:
        return [(0, value, calculate(source))]
    out = []
    for m in re.finditer(r"[^\n]+", source):
        line = m.group()
        if line.strip():
            out.append((m.start(), json.loads(line), calculate(line)))
    return out


def _articles(value, body_fields) -> list[tuple[str, dict]]:
    """The article objects in a JSON value, each with its JSON pointer."""
    if isinstance(value, list):
        return [(f"/{i}", item) for i, item in enumerate(value) if isinstance(item, dict)]
    if not isinstance(value, dict):
        return []
    if _field(value, body_fields, str) is None:
        for name in WRAPPERS:
            items = value.get(name)
            if isinstance(items, list):
                return [(f"/{name}/{i}", item) for i, item in enumerate(items) if isinstance(item, dict)]
    return [("", value)]


def _field(obj: dict, names, kinds) -> tuple[tuple[str, ...], object] | None:
    """The first of ``names`` whose value has one of the types ``kinds``: (its path of
    keys, its value). A name is a key, or a dotted path of keys into nested objects."""
    for name in names:
        path = (name,) if name in obj else tuple(name.split("."))
        value = obj
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, kinds) and not isinstance(value, bool):
            return path, value
    return None


def _pointer(path: tuple[str, ...]) -> str:
    # json-source-map names object members by their keys as written.
    return "".join("/" + key for key in path)


def _is_html(path: tuple[str, ...], text: str) -> bool:
    return path[-1] == "rendered" or _HTML.search(text) is not None


def _plain(path: tuple[str, ...], text: str) -> str:
    if not _is_html(path, text):
        return text
    from lint.readers.html import read_html

    return " ".join(read_html(text).text.split())


def _decode(source: str, quote: int) -> tuple[str, list[_Run]]:
    """The JSON string whose opening quote is at ``quote``, decoded, with its runs."""
    _, end = scanstring(source, quote + 1)  # validates it and finds its closing quote
    parts: list[str] = []
    runs: list[_Run] = []
    pos = 0

    def add(text: str, src_start: int, src_end: int) -> None:
        nonlocal pos
        parts.append(text)
        runs.append(_Run(pos, pos + len(text), src_start, src_end))
        pos += len(text)

    i, last = quote + 1, end - 1
    run_start = i
    while i < last:
        if source[i] != "\\":
            i += 1
            continue
        if i > run_start:
            add(source[run_start:i], run_start, i)
        kind = source[i + 1]
        if kind == "u":
            width = 6
            code = int(source[i + 2 : i + 6], 16)
            if 0xD800 <= code < 0xDC00 and source.startswith("\\u", i + 6):
                low = int(source[i + 8 : i + 12], 16)
                code, width = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), 12
            add(chr(code), i, i + width)
            i += width
        else:
            add(_ESCAPES.get(kind, kind), i, i + 2)
            i += 2
        run_start = i
    if last > run_start:
        add(source[run_start:last], run_start, last)
    return "".join(parts), runs


def _copy_runs(text: str, runs: list[_Run], builder: TextBuilder) -> None:
    for run in runs:
        if run.linear:
            builder.copy(text[run.start : run.end], run.src_start)
        else:
            builder.atomic(text[run.start : run.end], run.src_start, run.src_end)


def _source_start(runs: list[_Run], ends: list[int], offset: int) -> int:
    i = bisect_right(ends, offset)  # the first run that ends after the offset
    if i == len(runs):
        return runs[-1].src_end if runs else 0
    run = runs[i]
    return run.src_start + max(offset - run.start, 0) if run.linear else run.src_start


def _source_end(runs: list[_Run], ends: list[int], offset: int) -> int:
    i = bisect_left(ends, offset)  # the first run that ends at or after the offset
    if i == len(runs):
        return runs[-1].src_end if runs else 0
    run = runs[i]
    if run.linear:
        return run.src_start + max(offset - run.start, 0)
    return run.src_end if offset > run.start else run.src_start


def _copy_html(text: str, runs: list[_Run], builder: TextBuilder) -> None:
    """The HTML in a decoded JSON string, read by the HTML reader, into ``builder``: the
    HTML reader's map (lint text to decoded string) composed with the string's runs
    (decoded string to file)."""
    from lint.readers.html import read_html

    reading = read_html(text)
    placeholders = set(reading.placeholders)
    ends = [run.end for run in runs]
    for seg in reading.source_map.segments:
        piece = reading.text[seg.text_start : seg.text_end]
        if not piece:
            continue
        if seg.linear:
            # Copied from the string: one for one, except where the string has escapes.
            i = bisect_right(ends, seg.source_start)
            while i < len(runs) and runs[i].start < seg.source_end:
                run = runs[i]
                i += 1
                a, b = max(run.start, seg.source_start), min(run.end, seg.source_end)
                if a >= b:
                    continue
                sub = piece[a - seg.source_start : b - seg.source_start]
                if run.linear:
                    builder.copy(sub, run.src_start + a - run.start)
                else:
                    builder.atomic(sub, run.src_start, run.src_end)
        else:
            start = _source_start(runs, ends, seg.source_start)
            end = _source_end(runs, ends, seg.source_end) if seg.source_end > seg.source_start else start
            builder.atomic(
                piece,
                start,
                end,
                placeholder=Span(seg.text_start, seg.text_end) in placeholders,
            )
