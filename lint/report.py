"""What a run found, per file: plain data (the path, the source, the findings and what the
emitters show of the file), the input of every emitter and what the cache stores."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from lint.diagnostics import Diagnostic
from lint.text.document import Document
from lint.text.lines import Position, SourceLines


@dataclass
class FileReport:
    path: str
    source: str | None  # the decoded file (after fixes); None when it could not be read
    diagnostics: list[Diagnostic] = field(default_factory=list)
    date: dt.date | None = None  # the article date the checks used
    date_source: str | None = None  # "option", "document" or "today"
    fixed: int = 0  # fixes applied (with --fix) or that would be (with --diff)
    original: str | None = None  # the source before fixing, for --diff
    encoding: str = "utf-8"  # how to write the file back
    bom: bool = False  # written back with a UTF-8 byte-order mark
    reader_options: dict | None = None  # how the file was read, to read it again before writing

    @classmethod
    def of(cls, path: str, doc: Document | None, diagnostics: list[Diagnostic], **fields) -> FileReport:
        """The report of a linted document: what the emitters need of it, not its analysis."""
        if doc is None:
            return cls(path, None, diagnostics, **fields)
        return cls(
            path,
            doc.source,
            diagnostics,
            date=doc.date,
            date_source=doc.date_source,
            bom=doc.has_bom,
            reader_options=doc.reader_options,
            **fields,
        )

    @cached_property
    def _lines(self) -> SourceLines:
        return SourceLines(self.source or "")

    def position(self, offset: int) -> Position:
        if self.source is None:
            return Position(0, 1, 1)
        return self._lines.position(offset)

    def source_line(self, line: int) -> str:
        return self._lines.line(line)

    def __getstate__(self) -> dict:
        # Sent between processes without the line index (rebuilt on use).
        return {k: v for k, v in self.__dict__.items() if k != "_lines"}


@dataclass
class Report:
    files: list[FileReport]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.diagnostics]

    def severity_counts(self) -> dict[str, int]:
        counts = Counter(d.severity.value for d in self.diagnostics)
        return {s: counts.get(s, 0) for s in ("error", "warning", "info")}
