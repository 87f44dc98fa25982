"""News-aware paragraph and sentence boundaries.

A wrong split turns into false findings in every sentence-level check, so the rules
here follow wire-copy habits: titles before names (Gen., Sen., St.), initials
(George W. Bush), dotted abbreviations that may or may not end a sentence (U.S., Inc.),
numbered references (No. 10, Jan. 12), datelines (``WASHINGTON —``) and quotations
that end a sentence or carry an attribution (``?” he asked``).
"""

from __future__ import annotations

import regex

from lint.datafiles import compiled_regex
from lint.diagnostics import Span

# Always followed by a name: never the end of a sentence.
TITLES = frozenset(
    """Mr Mrs Ms Messrs Mme Mlle Dr Prof Rev Fr Sen Sens Rep Reps Gov Govs Lt Gen Gens Col
    Maj Capt Cpt Cmdr Cdr Adm Sgt Cpl Pvt Brig Supt Insp Det Hon Pres Gov St Ste Mt Ft
    Atty Amb Sec Dep Rt""".split()
)

# Followed by a number in running text: "No. 10", "Jan. 12", "Art. 5", "p. 4".
BEFORE_NUMBER = frozenset(
    """No Nos Nr Art Arts Vol Vols Fig Figs p pp para ch Ch Sec Jan Feb Mar Apr Jun Jul Aug
    Sep Sept Oct Nov Dec Rev Ex""".split()
)

# Abbreviations that can end a sentence but usually do not: places, company forms (also
# those of other countries' registers: "Stalholt ehf. is", "Sdn. Bhd."), units and Latin.
ABBREVIATIONS = frozenset(
    """U.S U.K U.N E.U U.S.A U.A.E D.C L.A N.Y N.J a.m p.m A.M P.M e.g i.e E.g I.e etc vs v
    Inc Corp Co Cos Ltd Plc plc Bros Jr Sr Assn Dept Univ Ave Blvd Rd approx est al cf Ph.D
    B.A M.A M.P MPs Mass Calif Fla Ill Wash Conn Penn Ariz Colo Tenn Va Ga Ky La Md Mich
    Minn Miss Mo Neb Nev Okla Ore Wis Wyo mm cm km kg mg ml sec secs msec Msec hr hrs min
    max oz lb lbs yd yds sq incl excl esp govt ehf hf Pty Bhd Sdn Tbk Oyj Ltda""".split()
)
# "a. The first item", "iv. Costs": a letter or a Roman numeral numbering a paragraph
# (sentence_facts reads the same label, with its mark, at a sentence's start).
LIST_LABEL = r"(?:[a-z]|[ivx]{1,4})"
_LIST_LABEL = compiled_regex.compile(LIST_LABEL)

# A capitalised word that starts a sentence far more often than it continues an
# abbreviation: "in the U.S. The ..." ends a sentence, "the U.S. Ambassador" does not.
SENTENCE_STARTERS = frozenset(
    """A An The He She It They We I You But And Or So Yet In On At For From To With By
    This That These Those There Here His Her Its Their Our My Your When While After Before
    If As Since Although Though However Meanwhile Also Some Many Most Others One Two Both
    Last Earlier Later Now Then Still No Not Nor Such What Who Why How Where Which
    According Despite During Under Over Instead Indeed Only Even Just All Each Every Few
    Neither Either Another Other Officials Police""".split()
)

# After "a.m."/"p.m." a time zone continues the sentence; anything else starts a new one.
TIME_ZONES = frozenset(
    "ET EST EDT CT CST CDT MT MST PT PST PDT GMT BST UTC CET CEST Eastern Pacific Central "
    "Mountain local Moscow Kyiv Beijing Tokyo".split()
)

_TERMINATOR = compiled_regex.compile(
    r"""(?P<mark>\.{3}|…|[.!?]+)(?P<close>["”’')\]]*)(?P<space>\s+)(?=(?P<next>\S))"""
)
_TOKEN_BEFORE = compiled_regex.compile(r"(?:[\p{L}\p{N}]+\.)*[\p{L}\p{N}]+$")
_WORD_AFTER = compiled_regex.compile(r"""["“‘'(\[]*([\p{L}\p{N}][\p{L}\p{N}'’.-]*)""")
_OPENERS = frozenset("\"“‘'([")

# "WASHINGTON —", "KYIV, Ukraine (AP) —", "LONDON (Reuters) -"
DATELINE = compiled_regex.compile(
    r"""^(?:[\p{Lu}][\p{Lu}.'’-]+(?:[ ][\p{Lu}][\p{Lu}.'’-]+)*)
        (?:,[ ][\p{Lu}][\p{L}.'’-]+(?:[ ][\p{Lu}][\p{L}.'’-]+)*)?
        (?:[ ]\([^()\n]{1,40}\))?
        [ ]?(?:—|–|--|-)[ ]""",
    regex.VERBOSE,
)


_BLOCK = compiled_regex.compile(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*")
_LINE = compiled_regex.compile(r"[^\n]+")
_JOINED_INITIALS = compiled_regex.compile(r"(?:\p{L}\.)+\p{L}")


def paragraphs(text: str) -> list[Span]:
    """Paragraph spans, without their surrounding white space.

    Blank lines always separate paragraphs. A single newline does too (scraped copy puts one
    paragraph on each line) unless the block is hard-wrapped prose, whose lines break
    mid-sentence at a similar width.
    """
    spans: list[Span] = []
    for block in _BLOCK.finditer(text):
        lines = list(_LINE.finditer(block.group()))
        if len(lines) > 2 and _hard_wrapped([m.group() for m in lines]):
            candidates = [Span(block.start(), block.end())]
        else:
            candidates = [Span(block.start() + m.start(), block.start() + m.end()) for m in lines]
        for span in candidates:
            stripped = _strip(text, span)
            if stripped.end > stripped.start:
                spans.append(stripped)
    return spans


def _hard_wrapped(lines: list[str]) -> bool:
    body = [line.rstrip() for line in lines[:-1]]
    if max(len(line) for line in body) > 100:
        return False
    open_ended = sum(1 for line in body if line and line[-1] not in '.!?:”"')
    return open_ended * 2 > len(body)


def _strip(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def dateline(text: str, paragraph: Span) -> Span | None:
    m = DATELINE.match(text, paragraph.start, paragraph.end)
    return Span(m.start(), m.end()) if m else None


def sentences(text: str, paragraph: Span, start: int | None = None) -> list[Span]:
    """Sentence spans inside one paragraph (a sentence never crosses a paragraph)."""
    begin = paragraph.start if start is None else start
    spans: list[Span] = []
    for m in _TERMINATOR.finditer(text, begin, paragraph.end):
        if _is_boundary(text, m, begin):
            spans.append(Span(begin, m.start("space")))
            begin = m.end("space")
    if begin < paragraph.end:
        spans.append(Span(begin, paragraph.end))
    return spans


def _is_boundary(text: str, m: regex.Match, sentence_start: int) -> bool:
    mark, close, nxt = m.group("mark"), m.group("close"), m.group("next")
    after = _WORD_AFTER.match(text, m.start("next"))
    word_after = after.group(1) if after else ""
    lower_next = nxt.islower()

    if mark != ".":
        # "?” he asked", "… and then": the sentence goes on.
        return not lower_next
    if close:
        # `crime.” President` ends a sentence; `leaving.” he said` is an attribution.
        return not lower_next

    # Abbreviations are short: looking back a little is enough, and keeps long sentences linear.
    token_match = _TOKEN_BEFORE.search(text, max(sentence_start, m.start() - 24), m.start())
    token = token_match.group() if token_match else ""
    if not token:
        return not lower_next
    if nxt.isdigit() and token in BEFORE_NUMBER:
        return False
    if token in TITLES and (nxt.isupper() or nxt in _OPENERS or nxt.isdigit()):
        return False
    if len(token) == 1 and token.isupper():
        return False  # an initial: "George W. Bush", "J. K. Rowling"
    if token_match.start() == sentence_start and _LIST_LABEL.fullmatch(token):
        return False  # a list label opening the paragraph: "a. The first item"
    if (
        _JOINED_INITIALS.fullmatch(token)
        and len(token) <= 5
        and token.isupper()
        and token not in ABBREVIATIONS  # U.S., U.K. are decided below
    ):
        return False  # initials written together: "J.K. Rowling"
    if token in ABBREVIATIONS or token.lower() in ("a.m", "p.m"):
        if lower_next:
            return False
        if token.lower() in ("a.m", "p.m"):
            return word_after not in TIME_ZONES
        return word_after in SENTENCE_STARTERS or nxt in _OPENERS
    # A lowercase word after an ordinary full stop is a new, broken sentence: copy split
    # mid-list ("security forces. other authorities.") reads exactly like this.
    return True
