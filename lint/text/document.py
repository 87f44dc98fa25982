"""The Document every check sees: lint text, the map back to the source, structure, metadata."""

from __future__ import annotations

import datetime as dt
import json
import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

import regex

from lint.datafiles import compiled_regex
from lint.diagnostics import ArticleRef, Edit, Span
from lint.text import sentences as _sentences
from lint.text.lines import Position, SourceLines
from lint.text.sourcemap import SourceMap, map_edit

# Text that is not prose: punctuation checks must not look inside it. Scanning every word
# for the shape of an address is slow, so the scan looks for cheap anchors (a scheme, "www.",
# "@", "#", a top-level domain) and takes the whole white-space-delimited token around each.
_ANCHOR = compiled_regex.compile(
    r"https?://|ftp://|www\.|[@#]\w|\.(?:com|org|net|gov|edu|int|io|co|uk|de|fr|ru|cn|info|news|tv|me|ly)\b",
    regex.IGNORECASE,
)
# A word as Document.word_starts counts it (letters and digits; the stdlib engine is faster).
_WORD = re.compile(r"[^\W_]+")
_LEADING = "([{<\"'“‘"
_TRAILING = ".,;:!?)]}>'\"’”"

# New text put into a markup file must read as text there, not as markup.
_ESCAPES = {
    "html": lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
    "markdown": lambda s: regex.sub(r"([\\`*_\[\]<])", r"\\\1", s),
    "json": lambda s: json.dumps(s, ensure_ascii=False)[1:-1],
}


def _ascii_json(s: str) -> str:
    return json.dumps(s)[1:-1]


def word_starts(text: str) -> dict[str, array]:
    """Each word of ``text`` (a run of letters and digits) in lower case, and where it
    starts (an array of offsets: a tenth of a list's memory on a text of a million words)."""
    out: dict[str, array] = {}
    for m in _WORD.finditer(text):
        word = m.group().lower()
        starts = out.get(word)
        if starts is None:
            starts = out[word] = array("q")
        starts.append(m.start())
    return out


def _within(spans: tuple[Span, ...], start: int, end: int) -> tuple[Span, ...]:
    """The spans inside ``start:end``, relative to ``start``."""
    return tuple(Span(s.start - start, s.end - start) for s in spans if start <= s.start and s.end <= end)


@dataclass(frozen=True)
class Article:
    """One article of a file that holds many (a CMS export): where its text lies in the
    lint text, and its own date, title and link."""

    span: Span  # in the lint text
    ref: ArticleRef
    date: dt.date | None = None  # its own; None when it gives none
    title: str | None = None
    link: str | None = None


@dataclass
class Document:
    """An article ready to lint.

    ``source`` is the decoded file; ``text`` is what checks read. ``source_map`` takes an
    offset in ``text`` to one in ``source``; lines and columns are always of the source.
    """

    path: str
    source: str
    text: str
    source_map: SourceMap
    date: dt.date = field(default_factory=dt.date.today)
    date_source: str = "today"  # "option", "document" or "today"
    metadata: dict = field(default_factory=dict)
    has_bom: bool = False
    newline: str = "\n"
    # The reader that made ``text``: "text", "markdown" or "html". Fix edits in a markup
    # file are kept off the markup and their new text is escaped for it.
    markup: str = "text"
    # Text spans that stand for source that is not prose (an inline code span read as the
    # word "code"): findings that touch them are dropped and fixes never rewrite them.
    placeholders: tuple[Span, ...] = ()
    # The articles of a CMS export (one or many); empty: the file is one article. Checks see
    # each article on its own (Document.parts), with its own date.
    articles: tuple[Article, ...] = ()
    # Text spans read as HTML inside another markup (HTML in a JSON string): a fix's new
    # text there is escaped for HTML first, then for the markup around it.
    html_spans: tuple[Span, ...] = ()
    # How the reader was configured, so a fixed text is read back the same way.
    reader_options: dict = field(default_factory=dict, repr=False, compare=False)
    # Results that several checks share (e.g. the officials an article names), by key.
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>", **kwargs) -> Document:
        from lint.text.sourcemap import normalise_newlines

        lint_text, smap = normalise_newlines(text)
        return cls(path=path, source=text, text=lint_text, source_map=smap, **kwargs)

    def parts(self) -> list[tuple[Article | None, Document]]:
        """What checks see: the document itself, or for a file of many articles, each
        article as a document of its own (its text, its date), in order. A part's offsets
        are relative to its article's start in ``text``."""
        if not self.articles:
            return [(None, self)]
        today = dt.date.today()
        out = []
        for article in self.articles:
            a, b = article.span.start, article.span.end
            if self.date_source == "option":
                date, date_source = self.date, "option"
            elif article.date is not None:
                date, date_source = article.date, "document"
            else:
                date, date_source = today, "today"
            metadata = dict(self.metadata)
            metadata.pop("date", None)
            metadata.update({k: v for k, v in (("title", article.title), ("link", article.link)) if v})
            if article.date is not None:
                metadata["date"] = article.date.isoformat()
            part = Document(
                path=self.path,
                source=self.source,
                text=self.text[a:b],
                source_map=self.source_map.slice(a, b),
                date=date,
                date_source=date_source,
                metadata=metadata,
                has_bom=self.has_bom,
                newline=self.newline,
                markup=self.markup,
                placeholders=_within(self.placeholders, a, b),
                html_spans=_within(self.html_spans, a, b),
                reader_options=self.reader_options,
            )
            out.append((article, part))
        return out

    def article_at(self, offset: int) -> Article | None:
        """The article whose text holds the lint-text ``offset``."""
        for article in self.articles:
            if article.span.start <= offset <= article.span.end:
                return article
        return None

    # -- structure, computed once on first use and shared by all checks ------------------
    @cached_property
    def paragraphs(self) -> list[Span]:
        return _sentences.paragraphs(self.text)

    @cached_property
    def dateline(self) -> Span | None:
        return _sentences.dateline(self.text, self.paragraphs[0]) if self.paragraphs else None

    @cached_property
    def sentences(self) -> list[Span]:
        out: list[Span] = []
        dateline = self.dateline
        for i, para in enumerate(self.paragraphs):
            start = dateline.end if i == 0 and dateline else None
            out.extend(_sentences.sentences(self.text, para, start))
        return out

    @cached_property
    def word_starts(self) -> dict[str, array]:
        """Where each word (letters and digits, in lower case) starts, in order: checks that
        can match only at certain words look their places up here instead of scanning."""
        return word_starts(self.text)

    @cached_property
    def protected(self) -> list[Span]:
        """URLs, domain names, e-mail addresses, handles and hashtags: sorted text spans."""
        text = self.text
        spans: list[Span] = []
        for m in _ANCHOR.finditer(text):
            if spans and m.start() < spans[-1].end:
                continue
            start = m.start()
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            end = m.end()
            while end < len(text) and not text[end].isspace():
                end += 1
            while start < end and text[start] in _LEADING:
                start += 1
            while end > start and text[end - 1] in _TRAILING:
                end -= 1
            if end - start > 2:
                spans.append(Span(start, end))
        return spans

    def is_protected(self, span: Span) -> bool:
        prot = self.protected
        i = bisect_right(prot, Span(span.start, span.start)) - 1
        return any(p.overlaps(span) for p in prot[max(i, 0) : i + 2])

    @cached_property
    def lines(self) -> list[Span]:
        """Lines of the lint text, without their newline."""
        out, start = [], 0
        for line in self.text.split("\n"):
            out.append(Span(start, start + len(line)))
            start += len(line) + 1
        return out

    @cached_property
    def _lines(self) -> SourceLines:
        return SourceLines(self.source)

    def source_span(self, span: Span) -> Span:
        return Span(*self.source_map.span(span.start, span.end))

    def touches_placeholder(self, span: Span) -> bool:
        return any(p.overlaps(span) or p.start == span.start for p in self.placeholders)

    def source_edits(self, edits: tuple[Edit, ...]) -> tuple[Edit, ...] | None:
        """A fix's edits (text offsets) as edits of the source, or None when they cannot be
        made without rewriting what is not prose or overlapping each other."""
        if self.markup == "text":
            return tuple(Edit(self.source_span(e.span), e.replacement) for e in edits)
        escape = _ESCAPES.get(self.markup)
        if self.markup == "json" and self.source.isascii():
            escape = _ascii_json  # a file written with \u escapes stays ASCII
        out: list[Edit] = []
        for e in edits:
            if self.touches_placeholder(e.span):
                return None
            html = any(h.start <= e.span.start and e.span.end <= h.end for h in self.html_spans)
            for start, end, rep in map_edit(
                self.source_map, self.text, e.span.start, e.span.end, e.replacement
            ):
                if html:
                    rep = _ESCAPES["html"](rep)
                out.append(Edit(Span(start, end), escape(rep) if escape else rep))
        out.sort(key=lambda e: (e.span.start, e.span.end))
        for a, b in zip(out, out[1:], strict=False):
            if a.span.end > b.span.start or (a.span == b.span and a.span.start == a.span.end):
                return None
        return tuple(out)

    def position(self, source_offset: int) -> Position:
        return self._lines.position(source_offset)

    def source_line(self, line: int) -> str:
        return self._lines.line(line)
