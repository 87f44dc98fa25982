"""Pieces the markup readers share: building lint text with its source map, and dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from lint.diagnostics import Span
from lint.text.sourcemap import Segment, SourceMap

_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ]|\s)")


def parse_date(value) -> dt.date | None:
    """A date from metadata: a date, a datetime, or text that starts ``YYYY-MM-DD`` (an ISO
    datetime such as ``2024-03-05T09:30:00Z`` included). The date is the one written,
    whatever the time zone. Anything else gives None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    m = _DATE.match(value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


@dataclass
class Reading:
    """What a markup reader found: the lint text and its map, and the article's metadata."""

    text: str
    source_map: SourceMap
    placeholders: tuple[Span, ...] = ()
    metadata: dict = field(default_factory=dict)
    date: dt.date | None = None
    # A file of many articles (a CMS export): each one's text span, date and id.
    articles: tuple = ()
    # Text spans read as HTML inside the file's own markup (HTML in a JSON string).
    html_spans: tuple[Span, ...] = ()


class TextBuilder:
    """Lint text assembled piece by piece, each piece tied to the source it stands for.

    Source offsets only move forward: a piece that would start before the end of the one
    before it is clamped, so the map stays monotonic whatever a reader's alignment did.
    """

    def __init__(self, source_length: int):
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self._placeholders: list[Span] = []
        self._length = source_length
        self.pos = 0  # length of the text so far
        self.src_end = 0  # source offset where the last piece ended
        self._pending_break: int | None = None
        self._last_copied = False

    def _clamp(self, start: int, end: int) -> tuple[int, int]:
        start = min(max(start, self.src_end), self._length)
        return start, min(max(end, start), self._length)

    def _flush_break(self) -> None:
        if self._pending_break is not None and self.pos:
            pos, self._pending_break = self._pending_break, None
            self._add("\n\n", pos, pos)
        self._pending_break = None

    def _add(self, text: str, start: int, end: int, merge: bool = False) -> None:
        start, end = self._clamp(start, end)
        n = len(text)
        last = self._segments[-1] if self._segments else None
        if (
            merge
            and last is not None
            and self._last_copied
            and n == end - start
            and last.linear
            and last.text_end == self.pos
            and last.source_end == start
            and last.source_end > last.source_start
        ):
            self._segments[-1] = Segment(last.text_start, self.pos + n, last.source_start, end)
        else:
            self._segments.append(Segment(self.pos, self.pos + n, start, end))
        self._parts.append(text)
        self.pos += n
        self.src_end = end
        self._last_copied = merge

    def copy(self, text: str, start: int) -> None:
        """Source characters copied one for one."""
        if text:
            self._flush_break()
            self._add(text, start, start + len(text), merge=True)

    def atomic(self, text: str, start: int, end: int, *, placeholder: bool = False) -> None:
        """``text`` standing for the source ``start:end`` as a whole."""
        if not text:
            return
        self._flush_break()
        if placeholder:
            self._placeholders.append(Span(self.pos, self.pos + len(text)))
        self._add(text, start, end)

    def block_break(self) -> None:
        """End a paragraph: the next text starts after a blank line that stands for no
        source character (zero width at the end of the text before it)."""
        if self.pos and self._pending_break is None:
            self._pending_break = self.src_end

    @property
    def at_line_start(self) -> bool:
        """Nothing yet, a paragraph break to come, or a line just ended."""
        return not self._parts or self._pending_break is not None or self._parts[-1].endswith("\n")

    def build(self) -> tuple[str, SourceMap, tuple[Span, ...]]:
        segments = self._segments or [Segment(0, 0, 0, 0)]
        return "".join(self._parts), SourceMap(segments), tuple(self._placeholders)
