"""Map offsets in the text a check sees back to offsets in the source file.

A reader builds the lint text from the source in segments. A segment copies source
characters one for one (a *linear* segment) or stands for source characters as a whole
(an *atomic* segment: CRLF read as one newline, an HTML entity, markup removed). A span
that starts inside an atomic segment starts at its source start; one that ends inside it
ends at its source end, so an edit never cuts an entity or a CRLF in half.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    text_start: int
    text_end: int
    source_start: int
    source_end: int

    @property
    def linear(self) -> bool:
        return self.text_end - self.text_start == self.source_end - self.source_start


class SourceMap:
    def __init__(self, segments: list[Segment]):
        self._segments = segments
        self._starts = [s.text_start for s in segments]

    @classmethod
    def identity(cls, length: int) -> SourceMap:
        return cls([Segment(0, length, 0, length)])

    def _segment(self, offset: int, *, end: bool) -> Segment:
        # An end offset that falls on a segment boundary belongs to the segment before it.
        i = bisect_right(self._starts, offset - 1 if end and offset > 0 else offset) - 1
        return self._segments[max(i, 0)]

    def start(self, offset: int) -> int:
        seg = self._segment(offset, end=False)
        if seg.linear or offset <= seg.text_start:
            return seg.source_start + min(offset - seg.text_start, seg.source_end - seg.source_start)
        return seg.source_start

    def end(self, offset: int) -> int:
        seg = self._segment(offset, end=True)
        if seg.linear:
            return seg.source_start + min(offset - seg.text_start, seg.source_end - seg.source_start)
        return seg.source_end if offset > seg.text_start else seg.source_start


def normalise_newlines(source: str) -> tuple[str, SourceMap]:
    """Read CRLF (and a lone CR) as one newline; keep every other character."""
    if "\r" not in source:
        return source, SourceMap.identity(len(source))
    segments: list[Segment] = []
    parts: list[str] = []
    text_pos = src_pos = 0
    i = source.find("\r")
    while i != -1:
        if i > src_pos:
            n = i - src_pos
            segments.append(Segment(text_pos, text_pos + n, src_pos, i))
            parts.append(source[src_pos:i])
            text_pos += n
        width = 2 if source.startswith("\r\n", i) else 1
        segments.append(Segment(text_pos, text_pos + 1, i, i + width))
        parts.append("\n")
        text_pos += 1
        src_pos = i + width
        i = source.find("\r", src_pos)
    if src_pos < len(source):
        n = len(source) - src_pos
        segments.append(Segment(text_pos, text_pos + n, src_pos, len(source)))
        parts.append(source[src_pos:])
    return "".join(parts), SourceMap(segments)
