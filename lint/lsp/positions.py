"""Positions between newslint and an editor: our spans are code-point offsets into the
buffer; LSP positions are (line, character) with ``character`` counted in the encoding agreed
at ``initialize`` (UTF-16 code units unless the client offers another). ``LineIndex``
converts between the two; ``minimal_edit`` turns a whole-text fix into the smallest edit."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from lsprotocol import types

from lint.diagnostics import Edit, Span

ENCODINGS = ("utf-8", "utf-16", "utf-32")

# The line breaks LSP counts (and no others: not U+2028, not a form feed).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def choose_encoding(offered: Sequence[str] | None) -> str:
    """The position encoding to use, from the client's ``general.positionEncodings``.

    UTF-32 when offered (it is our own unit, so nothing to convert); otherwise UTF-16, which
    every client must support; UTF-8 only for a client that offers nothing else.
    """
    offered = [str(getattr(e, "value", e)) for e in offered or ()]
    if "utf-32" in offered:
        return "utf-32"
    if not offered or "utf-16" in offered or "utf-8" not in offered:
        return "utf-16"
    return "utf-8"


def _units_utf16(ch: str) -> int:
    return 2 if ord(ch) > 0xFFFF else 1


def _units_utf8(ch: str) -> int:
    cp = ord(ch)
    return 1 if cp < 0x80 else 2 if cp < 0x800 else 3 if cp < 0x10000 else 4


class LineIndex:
    """Code-point offsets into ``text`` to LSP (line, character) positions and back.

    Lines end at ``\\r\\n``, ``\\r`` or ``\\n``. ``character`` counts code units of
    ``encoding`` (``utf-8``, ``utf-16`` or ``utf-32``). Out-of-range input is clamped as
    the LSP specification says: a character past the end of its line means the end of the
    line, a line past the last means the end of the text. An offset inside a ``\\r\\n``
    is the end of its line; a character inside a code point (half of a surrogate pair) is
    rounded down to the start of that code point.
    """

    def __init__(self, text: str, encoding: str = "utf-16"):
        if encoding not in ENCODINGS:
            raise ValueError(f"unknown position encoding {encoding!r}")
        self.text = text
        self.encoding = encoding
        self._starts = [0]
        self._ends = []
        for m in _LINE_BREAK.finditer(text):
            self._ends.append(m.start())
            self._starts.append(m.end())
        self._ends.append(len(text))

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self._starts, offset) - 1
        start = self._starts[line]
        end = min(offset, self._ends[line])
        return line, self._count(self.text[start:end])

    def offset(self, line: int, character: int) -> int:
        if line < 0:
            return 0
        if line >= len(self._starts):
            return len(self.text)
        start, end = self._starts[line], self._ends[line]
        return start + self._index(self.text[start:end], character)

    def _count(self, s: str) -> int:
        if self.encoding == "utf-32" or s.isascii():
            return len(s)
        # surrogatepass: a lone surrogate (possible in JSON text) is one UTF-16 unit.
        if self.encoding == "utf-16":
            return len(s.encode("utf-16-le", "surrogatepass")) // 2
        return len(s.encode("utf-8", "surrogatepass"))

    def _index(self, line: str, units: int) -> int:
        """The code-point index ``units`` code units into ``line``, rounded down."""
        if units <= 0:
            return 0
        if self.encoding == "utf-32" or line.isascii():
            return min(units, len(line))
        width = _units_utf16 if self.encoding == "utf-16" else _units_utf8
        count = 0
        for i, ch in enumerate(line):
            count += width(ch)
            if count > units:
                return i
        return len(line)

    # lsprotocol types
    def lsp_position(self, offset: int) -> types.Position:
        line, character = self.position(offset)
        return types.Position(line=line, character=character)

    def lsp_range(self, span: Span) -> types.Range:
        return types.Range(start=self.lsp_position(span.start), end=self.lsp_position(span.end))

    def span(self, rng: types.Range) -> Span:
        start = self.offset(rng.start.line, rng.start.character)
        end = self.offset(rng.end.line, rng.end.character)
        return Span(start, max(start, end))


def minimal_edit(old: str, new: str) -> Edit | None:
    """One edit that turns ``old`` into ``new``: the differing middle, common prefix and
    suffix left alone (so the editor keeps the cursor and marks outside it)."""
    if old == new:
        return None
    n = min(len(old), len(new))
    prefix = _common(n, lambda k: old[:k] == new[:k])
    suffix = _common(n - prefix, lambda k: old[len(old) - k :] == new[len(new) - k :])
    # Never split a CRLF: a position between its two characters does not exist in LSP.
    if 0 < prefix < len(old) and old[prefix - 1] == "\r" and old[prefix] == "\n":
        prefix -= 1
    end = len(old) - suffix
    if 0 < end < len(old) and old[end - 1] == "\r" and old[end] == "\n":
        suffix -= 1
        end += 1
    return Edit(Span(prefix, end), new[prefix : len(new) - suffix])


def _common(limit: int, same) -> int:
    """The largest k <= limit with same(k) (same is monotonic); slices compare at C speed."""
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if same(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo
