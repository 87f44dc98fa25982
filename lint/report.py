"""What a run found, per file: the input of every emitter."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from lint.diagnostics import Diagnostic
from lint.text.document import Document, Position


@dataclass
class FileReport:
    path: str
    document: Document | None  # None when the file could not be read at all
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fixed: int = 0  # fixes applied (with --fix) or that would be (with --diff)
    original: str | None = None  # the source before fixing, for --diff
    encoding: str = "utf-8"  # how to write the file back

    @property
    def date(self) -> dt.date | None:
        return self.document.date if self.document else None

    def position(self, offset: int) -> Position:
        if self.document is None:
            return Position(0, 1, 1)
        return self.document.position(offset)


@dataclass
class Report:
    files: list[FileReport]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.diagnostics]

    def severity_counts(self) -> dict[str, int]:
        counts = Counter(d.severity.value for d in self.diagnostics)
        return {s: counts.get(s, 0) for s in ("error", "warning", "info")}
