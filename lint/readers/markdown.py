"""Markdown (CommonMark, with GitHub tables and strikethrough) read as its prose.

markdown-it-py parses the file. Its block tokens carry source lines but its inline tokens
carry no positions, so each inline run is aligned back to the source here: the run's
``content`` is the block's lines less their container prefixes ("> ", list indentation),
so every content line is found in its source line, and the inline tokens are then found
in the content in order (text is copied verbatim; markup such as ``*``, ``[``, ``](url)``
is skipped between them).

What is linted: paragraphs, headings, list items, block quotes and table cells, one
paragraph each, and the text of links. Not linted: code blocks, raw HTML, comments, front
matter, link destinations, images. An inline code span reads as the single word "code"
standing for the whole span, so "the `foo`, bar" stays a sentence. A soft line break reads
as one space standing for the newline and the next line's prefix; a hard break as a
newline. Escapes and entities read as the character they make, standing for their source.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lint.readers.common import Reading, TextBuilder, parse_date
from lint.text.sourcemap import normalise_newlines

_TEXT_TOKENS = frozenset({"text"})
_DELIMITERS = frozenset({"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"})
_BACKTICKS = re.compile(r"`+")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)

_parser = None
# Block nesting (each list counts twice: the list and its item) that markdown-it follows;
# CommonMark's preset stops at 20, i.e. lists ten deep. Deeper still stays clear of Python's
# recursion limit.
MAX_NESTING = 100


def _markdown():
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.front_matter import front_matter_plugin

        md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
        md.use(front_matter_plugin).enable(["table", "strikethrough"])
        # Keep escapes and entities as their own tokens: each stands for its source as a whole.
        md.disable("text_join")
        _parser = md
    return _parser


def read_markdown(source: str) -> Reading:
    norm, newlines = normalise_newlines(source)
    to_source = newlines.start
    line_starts = [0] + [m.end() for m in re.finditer("\n", norm)]
    builder = TextBuilder(len(source))
    metadata: dict = {}
    date = None
    cursor = 0  # norm offset: inline runs come in document order
    tokens = _markdown().parse(norm)
    if any(tok.level >= MAX_NESTING - 1 for tok in tokens):
        # Past the limit markdown-it drops the rest of the enclosing block, which can be the
        # rest of the article: read the file as plain text instead, so no prose goes unread.
        raise ValueError(f"blocks nested more than {MAX_NESTING} deep")
    for tok in tokens:
        if tok.type == "front_matter":
            metadata, date = _front_matter(tok.content)
        elif tok.type == "inline" and tok.map and tok.content:
            builder.block_break()
            aligned = _Aligned(norm, line_starts, tok.content, tok.map[0], tok.map[1], cursor)
            _Inline(tok.content, aligned, builder, to_source).walk(tok.children or [], emit=True)
            cursor = max(cursor, aligned.end)
    text, smap, placeholders = builder.build()
    return Reading(text, smap, placeholders, metadata, date)


def _front_matter(raw: str) -> tuple[dict, object]:
    import yaml

    try:
        data = yaml.safe_load(raw)
    except Exception:  # a malformed header is not a reason to skip the article
        return {}, None
    if not isinstance(data, dict):
        return {}, None
    meta = {str(k): v for k, v in data.items()}
    if "author" not in meta and "byline" in meta:
        meta["author"] = meta["byline"]
    return meta, parse_date(meta.get("date"))


class _Aligned:
    """Offsets in an inline run's content mapped to offsets in the (newline-normalised) file."""

    def __init__(
        self, norm: str, line_starts: list[int], content: str, first_line: int, last_line: int, lo: int
    ):
        self.norm = norm
        self.starts: list[int] = []  # content offset of each content line
        self.lines: list[tuple[int | None, list[int] | None, int]] = []  # base, per-char, length
        pos = 0
        n_lines = len(line_starts)
        lines = content.split("\n")
        # The parser strips the run's content, Unicode spaces too: a first line of only
        # spaces such as U+00A0 is gone, so the content may start on a later line.
        skip = 0
        for k in range(first_line, min(last_line, n_lines)):
            ls, le = line_starts[k], (line_starts[k + 1] - 1 if k + 1 < n_lines else len(norm))
            if _find_line(norm, lines[0], max(ls, min(lo, le)), le) is not None:
                skip = k - first_line
                break
        for j, line in enumerate(lines):
            k = first_line + skip + j
            ls = line_starts[k] if k < n_lines else len(norm)
            le = line_starts[k + 1] - 1 if k + 1 < n_lines else len(norm)
            lo = max(ls, min(lo, le))
            base = _find_line(norm, line, lo, le)
            if base is not None:
                self.lines.append((base, None, len(line)))
                lo = base + len(line)
            else:
                chars = _subsequence(norm, line, lo, le)
                self.lines.append((None, chars, len(line)))
                lo = chars[-1]
            self.starts.append(pos)
            pos += len(line) + 1
        self.end = lo

    def line(self, offset: int) -> int:
        return max(bisect_right(self.starts, offset) - 1, 0)

    def __call__(self, offset: int) -> int:
        j = self.line(offset)
        base, chars, length = self.lines[j]
        k = min(offset - self.starts[j], length)
        return base + k if base is not None else chars[k]


def _find_line(norm: str, line: str, lo: int, le: int) -> int | None:
    if not line:
        return lo
    p = le - len(line)
    if p >= lo and norm.startswith(line, p):
        return p  # the usual case: the content line is the end of the source line
    q = len(norm[lo:le].rstrip(" \t")) + lo - len(line)
    if q >= lo and norm.startswith(line, q):
        return q
    f = norm.find(line, lo, le)
    return f if f >= 0 else None


def _subsequence(norm: str, line: str, lo: int, le: int) -> list[int]:
    """Where each content character sits when the content is not a plain slice of its line
    (an expanded tab, an escaped table pipe): matched in order, white space loosely."""
    out: list[int] = []
    j = lo
    for ch in line:
        if ch in " \t":
            if j < le and norm[j] in " \t":
                out.append(j)
                j += 1
            else:
                out.append(j)
            continue
        k = norm.find(ch, j, le)
        if k < 0:
            out.append(j)
        else:
            out.append(k)
            j = k + 1
    out.append(j)
    return out


class _Inline:
    """Walk one inline run's tokens, finding each in the content and emitting its prose."""

    def __init__(self, content: str, aligned: _Aligned, builder: TextBuilder, to_source):
        self.content = content
        self.at = aligned
        self.out = builder
        self.to_source = to_source
        self.c = 0  # content cursor

    def src(self, offset: int) -> int:
        return self.to_source(self.at(offset))

    def find(self, needle: str) -> int:
        pos = self.content.find(needle, self.c) if needle else self.c
        return pos if pos >= 0 else self.c

    def emit(self, start: int, end: int) -> None:
        """The content slice ``start:end`` (text on one line) copied with its source."""
        text = self.content[start:end]
        if not text:
            return
        at = self.at
        base, chars, _ = at.lines[at.line(start)]
        if chars is None:
            self.out.copy(text, self.to_source(base + start - at.starts[at.line(start)]))
            return
        norm = at.norm
        for i, ch in enumerate(text):  # rare: a line the parser rewrote (tab, table pipe)
            p = at(start + i)
            if p < len(norm) and norm[p] == ch:
                self.out.copy(ch, self.to_source(p))
            else:
                self.out.atomic(ch, self.to_source(p), self.to_source(min(p + 1, len(norm))))

    def walk(self, tokens, emit: bool) -> None:
        content = self.content
        autolink = False
        for tok in tokens:
            t = tok.type
            if autolink:
                if t == "link_close":
                    autolink = False
                continue
            if t in _TEXT_TOKENS:
                if not tok.content:
                    continue
                pos = self.find(tok.content)
                end = min(pos + len(tok.content), len(content))
                if emit:
                    self.emit(pos, end)
                self.c = end
            elif t == "text_special":
                pos = self.find(tok.markup)
                end = pos + len(tok.markup)
                if emit:
                    self.out.atomic(tok.content, self.src(pos), self.src(end))
                self.c = end
            elif t in ("softbreak", "hardbreak"):
                nl = content.find("\n", self.c)
                if nl < 0:
                    continue
                end = nl + 1
                while end < len(content) and content[end] in " \t":
                    end += 1
                if emit:
                    self.out.atomic(" " if t == "softbreak" else "\n", self.src(self.c), self.src(end))
                self.c = end
            elif t == "code_inline":
                pos = self.find(tok.markup)
                end = _code_end(content, pos, len(tok.markup))
                if emit:
                    self.out.atomic("code", self.src(pos), self.src(end), placeholder=True)
                self.c = end
            elif t in _DELIMITERS:
                pos = self.find(tok.markup)
                self.c = pos + len(tok.markup)
            elif t == "link_open":
                if tok.markup == "autolink":
                    pos = self.find("<")
                    end = content.find(">", pos)
                    end = end if end >= 0 else len(content)
                    if emit:
                        self.emit(pos + 1, end)
                    self.c = min(end + 1, len(content))
                    autolink = True
                else:
                    self.c = self.find("[") + 1
            elif t == "link_close":
                self.c = _link_tail(content, self.find("]"))
            elif t == "image":
                self.c = self.find("![") + 2
                self.walk(tok.children or [], emit=False)
                self.c = _link_tail(content, self.find("]"))
            elif t == "html_inline":
                pos = self.find(tok.content)
                end = pos + len(tok.content)
                if emit and _BR.fullmatch(tok.content.strip()):
                    self.out.atomic("\n", self.src(pos), self.src(end))
                self.c = end


def _code_end(content: str, start: int, width: int) -> int:
    for m in _BACKTICKS.finditer(content, start + width):
        if len(m.group()) == width:
            return m.end()
    return start + width


def _link_tail(content: str, close: int) -> int:
    """The offset after a link's ``](destination "title")``, ``][label]`` or ``]``."""
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    n = len(content)
    i = close + 1 if close < n and content[close] == "]" else close
    if i < n and content[i] == "(":
        j = _skip_space(content, i + 1)
        if j < n and content[j] == ")":
            return j + 1
        dest = parseLinkDestination(content, j, n)
        if dest.ok:
            j = _skip_space(content, dest.pos)
            if j < n and content[j] in "\"'(":
                title = parseLinkTitle(content, j, n)
                if title.ok:
                    j = _skip_space(content, title.pos)
            if j < n and content[j] == ")":
                return j + 1
        return i  # not an inline link after all: "(" is text
    if i < n and content[i] == "[":
        k = content.find("]", i)
        if k >= 0:
            return k + 1
    return i


def _skip_space(content: str, i: int) -> int:
    while i < len(content) and content[i] in " \t\n":
        i += 1
    return i
