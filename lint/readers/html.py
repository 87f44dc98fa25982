"""HTML read as the prose of its article.

The parser is the standard library's ``html.parser.HTMLParser`` with
``convert_charrefs=False``. Every finding must point at a line and column of the file,
so the reader needs the source position of each piece of text. selectolax and lxml build
a tree but do not expose the character offsets of text nodes (lxml gives an element's
line at best); HTMLParser reports each event (tag, text run, entity) as it goes, with
``getpos()`` giving its line and column, and with ``convert_charrefs=False`` it reports
entities as events of their own, so text runs are verbatim slices of the file and each
entity maps to its own source characters. It is also forgiving: unclosed and stray tags,
bad nesting and unterminated markup never raise, and it does not recurse, so deep
nesting costs nothing.

What is linted: text inside ``article``, ``main``, ``p``, ``h1``–``h6``, ``li``,
``blockquote``, ``figcaption``, table cells, ``footer`` and ``aside`` (scraped
boilerplate lives there); never inside ``script``, ``style``, ``nav``, ``noscript``,
``template``, ``head``, ``svg``, ``pre`` or comments. A page with none of those elements
(a fragment) is linted whole. Block elements end paragraphs; ``<br>`` is a line break;
inline tags (``a``, ``em``, ``span``…) vanish and keep their text; ``<code>`` reads as the
word "code" standing for the whole element. White space collapses as a browser shows it.
Entities read as their characters, each standing for its source as a whole.

The date comes from ``<meta property="article:published_time">``, else JSON-LD
``datePublished``, else the first ``<time datetime>``; the title from ``og:title`` or
``<title>``.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from html.parser import HTMLParser

from lint.readers.common import Reading, TextBuilder, parse_date

PROSE = frozenset(
    "article main p h1 h2 h3 h4 h5 h6 li blockquote figcaption td th caption dt dd footer aside".split()
)
SKIP = frozenset("script style nav noscript template head svg math pre textarea select iframe object".split())
BLOCKS = frozenset(
    """address article aside blockquote body caption dd details dialog div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol
    p pre section summary table tbody td tfoot th thead tr ul""".split()
)
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SPACE = " \t\n\r\f"


def read_html(source: str) -> Reading:
    reader = _Reader(source, everything=False)
    reader.run()
    if not reader.found_prose:
        # A fragment with no article structure: its visible text is the article.
        reader = _Reader(source, everything=True)
        reader.run()
    text, smap, placeholders = reader.out.build()
    return Reading(text, smap, placeholders, reader.metadata(), reader.date())


class _Reader(HTMLParser):
    def __init__(self, source: str, everything: bool):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.everything = everything
        self.line_starts = [0]
        i = source.find("\n")
        while i != -1:
            self.line_starts.append(i + 1)
            i = source.find("\n", i + 1)
        self.out = TextBuilder(len(source))
        self.stack: list[str] = []
        self.open: Counter[str] = Counter()  # how many of each tag are open
        self.skip = 0  # open elements whose content is never linted
        self.prose = 0  # open elements whose content is linted
        self.code_start: int | None = None  # source offset of an open <code>
        self.code_depth = 0
        self.found_prose = False
        self.comment_to_end = False  # inside a comment that is never closed
        self.space: tuple[int, int] | None = None  # white space waiting for the next word
        self.meta: dict = {}
        self.published: str | None = None
        self.json_ld: list[str] = []
        self.time: str | None = None
        self._title: list[str] | None = None
        self._json: list[str] | None = None

    # -- positions --------------------------------------------------------------------
    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col if line - 1 < len(self.line_starts) else len(self.source)

    def run(self) -> None:
        self.feed(self.source)
        self.close()

    # -- structure ----------------------------------------------------------------------
    @property
    def linting(self) -> bool:
        return not self.skip and not self.comment_to_end and (self.prose > 0 or self.everything)

    def _push(self, tag: str) -> None:
        self.stack.append(tag)
        self.open[tag] += 1
        if tag in SKIP:
            self.skip += 1
        if tag in PROSE:
            self.prose += 1
            self.found_prose = True

    def _pop(self) -> str:
        tag = self.stack.pop()
        self.open[tag] -= 1
        if tag in SKIP:
            self.skip -= 1
        if tag in PROSE:
            self.prose -= 1
        return tag

    def _break(self) -> None:
        self.space = None
        self.out.block_break()

    def handle_starttag(self, tag, attrs):
        start = self._pos()
        attrs = {k: v for k, v in attrs if v is not None}
        self._metadata(tag, attrs)
        if tag in ("p", "li", "dt", "dd") and tag in self.stack[-8:]:
            # An unclosed <p> or <li> is closed by the next one, as browsers do.
            while self.stack and self.stack[-1] not in (tag, "ul", "ol", "dl", "div", "table"):
                self._pop()
            if self.stack and self.stack[-1] == tag:
                self._pop()
        if tag in BLOCKS:
            self._break()
        if tag == "br":
            if self.linting and self.code_start is None:
                self.space = None
                end = start + len(self.get_starttag_text() or "")
                self.out.atomic("\n", start, end)
            return
        if tag in VOID:
            return
        if tag == "code" and self.linting:
            if self.code_start is None:
                self.code_start = start
            self.code_depth += 1
        self._push(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "code" and self.code_start is not None and self.open[tag]:
            self.code_depth -= 1
            if self.code_depth <= 0:
                end = self.source.find(">", self._pos())
                end = end + 1 if end >= 0 else len(self.source)
                self._word("code", self.code_start, end, placeholder=True)
                self.code_start, self.code_depth = None, 0
        if tag == "title" and self._title is not None:
            self.meta.setdefault("title", " ".join("".join(self._title).split()))
            self._title = None
        if tag == "script" and self._json is not None:
            self.json_ld.append("".join(self._json))
            self._json = None
        if self.open[tag]:
            while self.stack and self._pop() != tag:
                pass
        if tag in BLOCKS or tag == "br":
            self._break()

    # -- text -----------------------------------------------------------------------------
    def _linted(self, text: str) -> bool:
        """Collect text for the title or JSON-LD being read; whether the text is prose to lint."""
        if self._title is not None:
            self._title.append(text)
        if self._json is not None:
            self._json.append(text)
        return self.linting and self.code_start is None

    def handle_data(self, data):
        if data.startswith("<") and self.source.startswith(("<!", "<?"), self._pos()):
            # Markup the parser gave up on and passes on as text. As in a browser, "<!" or
            # "<?" up to the next ">" is a bogus comment, and a comment never closed (or a
            # bogus one with no ">") runs to the end of the file: none of it is prose.
            if data == "<" or self.source.startswith("<!--", self._pos()):
                self.comment_to_end = True
            return
        if not self._linted(data):
            return
        start = self._pos()
        i, n = 0, len(data)
        while i < n:
            j = i
            if data[i] in _SPACE:
                while j < n and data[j] in _SPACE:
                    j += 1
                if self.space is None:
                    self.space = (start + i, start + j)
            else:
                while j < n and data[j] not in _SPACE:
                    j += 1
                self._word(data[i:j], start + i, start + j)
            i = j

    def _word(self, text: str, start: int, end: int, *, placeholder: bool = False, verbatim=True) -> None:
        if self.space is not None:
            s, e = self.space
            self.space = None
            if not self.out.at_line_start:
                if self.source[s:e] == " ":
                    self.out.copy(" ", s)
                else:
                    self.out.atomic(" ", s, e)
        if placeholder or not verbatim:
            self.out.atomic(text, start, end, placeholder=placeholder)
        else:
            self.out.copy(text, start)

    def handle_entityref(self, name):
        self._entity("&" + name)

    def handle_charref(self, name):
        self._entity("&#" + name)

    def _entity(self, raw: str):
        char = html.unescape(raw + ";")
        if not self._linted(char):
            return
        start = self._pos()
        end = start + len(raw)
        if self.source.startswith(";", end):
            end += 1
        if char == raw + ";":  # an unknown name: the text as written
            self._word(self.source[start:end], start, end)
        else:
            self._word(char, start, end, verbatim=False)

    # comments, declarations and processing instructions are not text
    def handle_comment(self, data):
        pass

    # -- metadata -----------------------------------------------------------------------
    def _metadata(self, tag: str, attrs: dict) -> None:
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            content = attrs.get("content")
            if not key or content is None:
                return
            if key in ("article:published_time", "datepublished") and self.published is None:
                self.published = content
            elif key == "og:title":
                self.meta["og:title"] = content
            elif key in ("author", "article:author", "byl") and "author" not in self.meta:
                self.meta["author"] = content
            elif key in ("description", "og:description") and "description" not in self.meta:
                self.meta["description"] = content
        elif tag == "title" and "title" not in self.meta:
            self._title = []
        elif tag == "script" and (attrs.get("type") or "").lower() == "application/ld+json":
            self._json = []
        elif tag == "time" and self.time is None and attrs.get("datetime"):
            self.time = attrs["datetime"]

    def metadata(self) -> dict:
        meta = dict(self.meta)
        if "og:title" in meta:
            meta["title"] = meta.pop("og:title")
        date, origin = self._date()
        if date is not None:
            meta["date"] = date.isoformat()
            meta["date_from"] = origin
        return meta

    def date(self):
        return self._date()[0]

    def _date(self):
        found = parse_date(self.published)
        if found:
            return found, "article:published_time"
        for raw in self.json_ld:
            found = parse_date(_date_published(raw))
            if found:
                return found, "json-ld"
        found = parse_date(self.time)
        if found:
            return found, "time"
        return None, None


def _date_published(raw: str):
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    todo = [data]
    while todo:
        item = todo.pop(0)
        if isinstance(item, dict):
            if isinstance(item.get("datePublished"), str):
                return item["datePublished"]
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return None
