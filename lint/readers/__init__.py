"""Read an article file into a Document, or explain why it cannot be read.

The reader follows the file name: ``.md``/``.markdown`` go to the Markdown reader,
``.html``/``.htm`` to the HTML reader, ``.json``/``.jsonl``/``.ndjson`` to the CMS JSON
reader (each lints only the prose and maps it back to the file), anything else is plain
text. A markup reader that fails on some input falls back
to plain text rather than stop the run.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from lint.diagnostics import Diagnostic, Severity, Span
from lint.text.document import Document
from lint.text.sourcemap import normalise_newlines

ARTICLE_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".ndjson"}
)
MARKUP = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "json",
    ".ndjson": "json",
}

# Control characters that never occur in text; many of them mean a binary file.
_BINARY_BYTES = bytes(sorted(frozenset(range(0, 9)) | frozenset(range(14, 32)) - {27}))


@dataclass
class ReadResult:
    path: str
    document: Document | None
    problems: list[Diagnostic] = field(default_factory=list)
    encoding: str = "utf-8"
    # False when the document exists only to place a problem (undecodable bytes).
    lintable: bool = True


def read_path(
    path: Path, display: str | None = None, date: dt.date | None = None, options: dict | None = None
) -> ReadResult:
    name = display or str(path)
    try:
        data = read_file_bytes(path)
    except OSError as err:
        return _problem(name, "io.read", f"cannot read the file: {err.strerror or err}")
    return read_bytes(data, name, date, options)


_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def read_file_bytes(path: Path) -> bytes:
    """The bytes of a file. A named pipe, socket or device is refused before it is opened:
    reading one would block the run forever or never end (OSError, with the reason)."""
    _refuse_special(os.stat(path).st_mode, path)
    # Non-blocking, so a file swapped for a pipe after the check cannot block the open.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        _refuse_special(os.fstat(fd).st_mode, path)
        return fh.read()


def _refuse_special(mode: int, path: Path) -> None:
    for test, what in _NOT_REGULAR:
        if test(mode):
            raise OSError(errno.EINVAL, f"not a regular file ({what}); not read", str(path))


def read_bytes(
    data: bytes, name: str, date: dt.date | None = None, options: dict | None = None
) -> ReadResult:
    data, encoding, bom = split_bom(data)
    if encoding == "utf-8" and _looks_binary(data):
        return _problem(name, "io.binary", "binary file: not an article, not checked")
    try:
        source = decode(data, encoding)
    except UnicodeDecodeError as err:
        return _decode_problem(data, name, err)
    return ReadResult(
        name, document_from_source(source, name, date, bom=bom, options=options), encoding=encoding
    )


def split_bom(data: bytes) -> tuple[bytes, str, bool]:
    """The bytes to decode, their encoding, and whether a UTF-8 byte-order mark preceded
    them (it is dropped here and written back by the fixer)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :], "utf-8", True
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data, "utf-16", False
    return data, "utf-8", False


def decode(data: bytes, encoding: str) -> str:
    """``data`` (from split_bom) as text; raises UnicodeDecodeError."""
    source = data.decode(encoding)
    return source.lstrip("\ufeff") if encoding == "utf-16" else source


def kind_of(name: str) -> str:
    """The reader for a file name: "markdown", "html" or "text"."""
    return MARKUP.get(PurePath(name).suffix.lower(), "text")


def document_from_source(
    source: str,
    name: str,
    date: dt.date | None = None,
    *,
    bom: bool = False,
    kind: str | None = None,
    options: dict | None = None,
) -> Document:
    """A Document read with the reader ``kind`` (by default the one ``name``'s suffix picks).

    The date is ``date`` (from --date) if given, else the document's own, else today.
    """
    kind = kind or kind_of(name)
    newline = "\r\n" if "\r\n" in source else "\n"
    reading = None
    failure = None
    if kind in ("markdown", "html", "json"):
        try:
            if kind == "markdown":
                from lint.readers.markdown import read_markdown as read
            elif kind == "json":
                from lint.readers.json_reader import read_json

                def read(source: str):
                    return read_json(source, **(options or {}))
            else:
                from lint.readers.html import read_html as read
            reading = read(source)
        except Exception as err:  # a reader bug must not stop the run: read as plain text
            failure = f"the {kind} reader failed ({type(err).__name__}: {err}); read as plain text"
    if reading is None:
        text, source_map = normalise_newlines(source)
        doc = Document(
            path=name, source=source, text=text, source_map=source_map, has_bom=bom, newline=newline
        )
        if failure:
            doc.metadata["reader_error"] = failure
    else:
        doc = Document(
            path=name,
            source=source,
            text=reading.text,
            source_map=reading.source_map,
            metadata=reading.metadata,
            has_bom=bom,
            newline=newline,
            markup=kind,
            reader_options=options or {},
            placeholders=reading.placeholders,
            articles=reading.articles,
            html_spans=reading.html_spans,
        )
        if reading.date is not None:
            doc.date, doc.date_source = reading.date, "document"
    if date is not None:
        doc.date, doc.date_source = date, "option"
    return doc


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    odd = len(head) - len(head.translate(None, _BINARY_BYTES))
    return odd > max(4, len(head) // 100)


def _decode_problem(data: bytes, name: str, err: UnicodeDecodeError) -> ReadResult:
    # Keep the text readable around the bad byte so the finding points at its line.
    source = data.decode("utf-8", errors="replace")
    offset = len(data[: err.start].decode("utf-8", errors="replace"))
    doc = document_from_source(source, name, kind="text")
    byte = data[err.start]
    diag = Diagnostic(
        rule="io.decode",
        category="internal",
        severity=Severity.ERROR,
        message=f"not valid UTF-8: byte 0x{byte:02X} at byte offset {err.start}; "
        "the file was not checked (save it as UTF-8)",
        span=Span(offset, offset + 1),
        text=source[offset : offset + 1],
    )
    return ReadResult(name, doc, [diag], lintable=False)


def _problem(name: str, rule: str, message: str) -> ReadResult:
    diag = Diagnostic(
        rule=rule, category="internal", severity=Severity.ERROR, message=message, span=Span(0, 0)
    )
    return ReadResult(name, None, [diag], lintable=False)
