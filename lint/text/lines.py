"""Lines and columns of a source file: 1-based, columns in code points, a CRLF one break."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class Position:
    offset: int
    line: int  # 1-based
    column: int  # 1-based, in code points


class SourceLines:
    """Where each line of ``source`` starts, computed once."""

    def __init__(self, source: str):
        self.source = source
        starts = [0]
        find = source.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.starts = starts

    def position(self, offset: int) -> Position:
        line = bisect_right(self.starts, offset) - 1
        return Position(offset, line + 1, offset - self.starts[line] + 1)

    def line(self, number: int) -> str:
        start = self.starts[number - 1]
        end = self.starts[number] - 1 if number < len(self.starts) else len(self.source)
        return self.source[start:end].rstrip("\r")
