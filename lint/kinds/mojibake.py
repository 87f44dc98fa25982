"""Encoding damage: mojibake, stray HTML entities and leftover markup in plain text.

Mojibake is text that was encoded as UTF-8 and decoded with another code page (Windows-1252
or Latin-1): "donâ€™t", "cafÃ©", a stray "Â" before a space. ftfy, which is made for this,
finds it and undoes it; its repair is the fix. HTML entities ("&amp;", "&nbsp;", "&#8217;")
and markup ("<br>", "**", "[caption ...]") are damage only in plain text: the Markdown and
HTML readers turn them into the text they stand for, so there they are never looked for.
"""

from __future__ import annotations

import difflib
import html

import regex

from lint.datafiles import compiled_regex
from lint.diagnostics import Edit, Span
from lint.kinds.punctuation import finds_param

FINDS = ("mojibake", "html-entity", "markup")

# Characters that mojibake of UTF-8 read as Windows-1252 or Latin-1 starts with: the lead
# bytes 0xC2-0xC5, 0xCE-0xD1 and 0xE2 as those code pages show them, and C1 controls.
_SUSPECT = compiled_regex.compile(r"[ÂÃÄÅÎÏÐÑâ\x80-\x9f]")
_ENTITY = compiled_regex.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MARKUP = compiled_regex.compile(
    r"</?(?:br|p|div|span|strong|em|b|i|u|a|img|li|ul|ol|h[1-6]|blockquote|figure|figcaption|iframe|script)"
    r"(?:\s[^<>\n]{0,300})?\s*/?>"
    r"|\[/?(?:caption|embed|gallery|video|audio|playlist|tweet|youtube|vc_\w+|et_pb_\w+|su_\w+)\b[^\[\]\n]{0,300}\]"
    r"|(?<![*\w])\*\*(?=\S)(?:(?!\*\*).){1,200}?(?<=\S)\*\*(?![*\w])",
    regex.IGNORECASE,
)
_BLOCK_TAG = compiled_regex.compile(r"</?(?:br|p|div|li|h[1-6]|blockquote)\b", regex.IGNORECASE)


class MojibakeCheck:
    def __init__(self, rule, context=None):
        self.rule, self.finds = rule, finds_param(rule, FINDS)

    def run(self, doc):
        if self.finds == "mojibake":
            found = _mojibake(doc.text)
        elif doc.markup != "text":
            return
        elif self.finds == "html-entity":
            found = _entities(doc.text)
        else:
            found = _markup(doc.text)
        for span, edits, applicability in found:
            if doc.touches_placeholder(span) or _in_address(doc, span):
                continue
            yield self.rule.report(
                span,
                edits=edits,
                applicability=applicability,
                suggestions=tuple(e.replacement for e in edits if e.span == span),
                text=doc.text[span.start : span.end],
            )


def _in_address(doc, span: Span) -> bool:
    """Inside a URL or e-mail address. "didn&#8217;t" looks like a hashtag to the
    document's scan for addresses, so a protected span counts only if it is one."""
    if not doc.is_protected(span):
        return False
    for p in doc.protected:
        if p.overlaps(span):
            piece = doc.text[p.start : p.end]
            if "://" in piece or "www." in piece.lower() or "@" in piece:
                return True
    return False


def _mojibake(text: str):
    if not _SUSPECT.search(text):
        return
    import ftfy

    start = 0
    for line in text.split("\n"):
        if _SUSPECT.search(line):
            fixed = ftfy.fix_encoding(line)
            if fixed != line:
                yield from _changes(line, fixed, start)
        start += len(line) + 1


def _changes(old: str, new: str, offset: int):
    """The edits that turn ``old`` into ``new``, one a damaged run, each trimmed to what changes."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        a, b = old[i1:i2], new[j1:j2]
        if " " in a:
            b = b.replace("\xa0", " ")  # "Â " was a no-break space; a plain one reads the same
        while a and b and a[-1] == b[-1]:
            a, b, i2 = a[:-1], b[:-1], i2 - 1
        while a and b and a[0] == b[0]:
            a, b, i1 = a[1:], b[1:], i1 + 1
        if i1 == i2:
            continue
        span = Span(offset + i1, offset + i2)
        yield span, (Edit(span, b),), "safe"


def _entities(text: str):
    if "&" not in text:
        return
    for m in _ENTITY.finditer(text):
        value = html.unescape(m.group())
        if value == m.group():
            continue
        value = value.replace("\xa0", " ")
        span = Span(m.start(), m.end())
        yield span, (Edit(span, value),), "safe"


def _markup(text: str):
    if "<" not in text and "[" not in text and "**" not in text:
        return
    for m in _MARKUP.finditer(text):
        s = m.group()
        span = Span(m.start(), m.end())
        if s.startswith("**"):
            edits = (Edit(Span(m.start(), m.start() + 2), ""), Edit(Span(m.end() - 2, m.end()), ""))
            yield span, edits, "unsafe"
            continue
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        # a line-break tag between two words stood for white space
        glue = " " if _BLOCK_TAG.match(s) and not before.isspace() and not after.isspace() else ""
        # between two spaces, one of them goes with the tag
        cut = Span(m.start(), m.end() + 1) if before == " " and after == " " else span
        yield span, (Edit(cut, glue),), "unsafe"


compile = MojibakeCheck
