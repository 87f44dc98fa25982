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

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(self._segments)

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

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The source range of the text ``start:end``. An empty range is an insertion
        point: mapping its two ends separately would take the end from the segment before
        and the start from the one after, an inverted range wherever the reader dropped
        markup or made up a paragraph break between them."""
        if start == end:
            pos = self.insertion(start)
            return pos, pos
        return self.start(start), self.end(end)

    def insertion(self, offset: int) -> int:
        """Where text inserted at ``offset`` goes in the source: after the text before it,
        unless that text stands for nothing in the source (a paragraph break the reader
        made), in which case before the text that follows."""
        if offset > 0:
            before = self._segment(offset, end=True)
            if before.source_end > before.source_start:
                return self.end(offset)
        return self.start(offset)

    def slice(self, start: int, end: int) -> SourceMap:
        """The map of the text ``start:end`` alone (its offsets from 0), to the same source."""
        out: list[Segment] = []
        i = max(bisect_right(self._starts, start) - 1, 0)
        for seg in self._segments[i:]:
            if seg.text_start > end:
                break
            ts, te = max(seg.text_start, start), min(seg.text_end, end)
            if te < ts or (te == ts and seg.text_end > seg.text_start):
                continue  # outside, or only touching the slice's edge
            if seg.linear:
                ss = seg.source_start + ts - seg.text_start
                se = ss + te - ts
            else:
                ss, se = seg.source_start, seg.source_end
            out.append(Segment(ts - start, te - start, ss, se))
        if not out:
            at = self.start(start)
            out.append(Segment(0, 0, at, at))
        return SourceMap(out)

    def pieces(self, start: int, end: int) -> list[tuple[int, int, int, int]]:
        """The source stretches the text ``start:end`` stands for, in order, each as
        ``(source_start, source_end, text_start, text_end)``: consecutive segments whose
        source follows on without a gap form one stretch."""
        out: list[tuple[int, int, int, int]] = []
        i = max(bisect_right(self._starts, start) - 1, 0)
        while i < len(self._segments) and start < end:
            seg = self._segments[i]
            if seg.text_start >= end:
                break
            if seg.text_end > start:
                ts, te = max(start, seg.text_start), min(end, seg.text_end)
                if seg.linear:
                    s = seg.source_start + ts - seg.text_start
                    e = seg.source_start + te - seg.text_start
                else:
                    s, e, ts, te = seg.source_start, seg.source_end, seg.text_start, seg.text_end
                if out and out[-1][1] == s:
                    out[-1] = (out[-1][0], e, out[-1][2], te)
                else:
                    out.append((s, e, ts, te))
            i += 1
        return out


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


def map_edit(
    smap: SourceMap, text: str, start: int, end: int, replacement: str
) -> list[tuple[int, int, str]]:
    """An edit of the lint text as edits of the source, leaving markup alone.

    Where the text ``start:end`` stands for one stretch of the source (no markup removed
    inside it), the edit maps as a whole. Where it crosses markup the reader removed (an
    emphasis marker, a tag), the new text is shared out among the stretches so that the
    fewest characters change, no word gets split by markup and no stretch wrapped in
    markup is emptied (``**the**`` emptied is ``****``, no longer emphasis): "The **the**"
    fixed to "The" becomes "**The**". Each stretch then gets its own edit, shrunk to the
    characters that change, so tags and markers stay in place. Returns ``(source_start, source_end, text)``
    triples in source order.
    """
    pieces = smap.pieces(start, end)
    if len(pieces) <= 1:
        return [(*smap.span(start, end), replacement)]
    shares = _share(smap, text, pieces, replacement)
    out: list[tuple[int, int, str]] = []
    for (s, e, ts, te), new in zip(pieces, shares, strict=True):
        old = text[ts:te]
        if old == new:
            continue
        if s == e:  # text that stands for no source: what it gets is inserted there
            if new:
                out.append((s, s, new))
            continue
        p = _common_prefix(old, new)
        q = _common_suffix(old[p:], new[p:])
        a, b, r = _whole_atoms(smap, text, ts + p, te - q, new[p : len(new) - q])
        if a == b:
            pos = smap.insertion(a)
            out.append((pos, pos, r))
        else:
            out.append((smap.start(a), smap.end(b), r))
    return out or [(pieces[0][0], pieces[0][0], "")]


_EMPTIED = 10  # the cost of emptying a stretch wrapped in markup
_SPLIT = 10  # the cost of putting markup inside a word
_MAX_WORK = 20000


def _share(smap: SourceMap, text: str, pieces, new: str) -> list[str]:
    """Split ``new`` into one part per stretch at the least cost (dynamic programming over
    the split points); a long replacement over many stretches all goes to the first."""
    k, m = len(pieces), len(new)
    if k * (m + 1) * (m + 1) > _MAX_WORK:
        first = next((i for i, p in enumerate(pieces) if p[1] > p[0]), 0)
        return [new if i == first else "" for i in range(k)]
    olds = [text[ts:te] for _, _, ts, te in pieces]
    wrapped = [_wrapped(smap, text, p) for p in pieces]
    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(k + 1)]
    back = [[0] * (m + 1) for _ in range(k + 1)]
    best[0][0] = 0
    for i in range(k):
        zero = pieces[i][0] == pieces[i][1]
        for j in range(m + 1):
            if best[i][j] == inf:
                continue
            # A word of the new text split across markup reads as two pieces of markup.
            split = i > 0 and 0 < j < m and new[j - 1].isalnum() and new[j].isalnum()
            was_split = i > 0 and olds[i - 1][-1:].isalnum() and olds[i][:1].isalnum()
            split_cost = _SPLIT if split and not was_split else 0
            for j2 in range(j, m + 1):
                part = new[j:j2]
                cost = best[i][j] + split_cost + _cost(olds[i], part, zero, wrapped[i] and m > 0)
                if cost < best[i + 1][j2]:
                    best[i + 1][j2], back[i + 1][j2] = cost, j
    shares, j = [], m
    for i in range(k, 0, -1):
        j0 = back[i][j]
        shares.append(new[j0:j])
        j = j0
    return shares[::-1]


def _cost(old: str, new: str, zero_width: bool, wrapped: bool) -> float:
    if old == new:
        return 0
    if zero_width:
        return len(new) + 1 if new else 0
    p = _common_prefix(old, new)
    q = _common_suffix(old[p:], new[p:])
    cost = len(old) - p - q + len(new) - p - q + 1
    if not new and wrapped:
        cost += _EMPTIED
    return cost


def _wrapped(smap: SourceMap, text: str, piece) -> bool:
    """Whether markup the reader removed sits right before and right after the stretch,
    inside a line (an emphasis, a link text), so that emptying it leaves empty markup."""
    s, e, ts, te = piece
    if ts == 0 or te >= len(text) or text[ts - 1] == "\n" or text[te] == "\n":
        return False
    return smap.end(ts) != s and smap.start(te) != e


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _common_suffix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[len(a) - 1 - i] == b[len(b) - 1 - i]:
        i += 1
    return i


def _whole_atoms(smap: SourceMap, text: str, a: int, b: int, r: str) -> tuple[int, int, str]:
    """Widen a text range that starts or ends inside an atomic segment to the whole of it
    (text the reader made up, standing for no source, needs no widening)."""
    seg = smap._segment(a, end=False)
    if not seg.linear and seg.source_end > seg.source_start and seg.text_start < a < seg.text_end:
        r, a = text[seg.text_start : a] + r, seg.text_start
    seg = smap._segment(b, end=True)
    if not seg.linear and seg.source_end > seg.source_start and seg.text_start < b < seg.text_end:
        r, b = r + text[b : seg.text_end], seg.text_end
    return a, b, r
