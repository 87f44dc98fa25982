"""One model of punctuation: clusters of marks, and quotation marks and brackets with a direction.

The text is read once a document (the result is shared by every rule of this kind):

- A *cluster* is a run of the marks ``. , ; : ! ?`` (and ``…``) with the spaces between and
  before them. A cluster is judged as a whole against a table of what is allowed
  (rules/punctuation/marks.yaml): an ellipsis, an abbreviation's own full stop, ``?!``,
  a title's ``?,``. Anything else with two marks is a doubled mark, a mark after ? or !,
  or a clash; a space before a mark, no space after one before a word, and a full stop
  before a lower-case word inside a sentence are findings too. Text the table lists as
  verbatim (decimals, versions, times, initialisms, file names) and the document's URLs,
  domains, e-mail addresses and handles are never looked into.
- Quotation marks carry a direction: curly ones give it, straight double quotes get it by
  pairing within the paragraph. An opening quote wants a space (or a bracket or a dash)
  before it and none after; a closing quote the reverse. Brackets want no space inside.
  A closing single quote after a word, with none open, is a stray apostrophe.

Each rule of this kind reports one class of finding (``finds``), so rule ids stay stable
and each class can be turned off on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from lint.datafiles import compiled_regex
from lint.datafiles.strict import DataError, validated_data
from lint.diagnostics import Applicability, Edit, Span
from lint.rule import ParamError
from lint.text.wordlist import lower_case_name

FINDS = (
    "doubled-mark",
    "mark-then-period",
    "clash",
    "space-before",
    "missing-space",
    "stray-period",
    "quote-spacing",
    "subject-comma",
)
TABLE = "punctuation/marks.yaml"

_MARKS = ".,;:!?…"
_CLUSTER = compiled_regex.compile(r"[.,;:!?…](?:[ \t]*[.,;:!?…])*")
_QUOTES = compiled_regex.compile(r"[“”‘’\"()\[\]]")
_CLOSERS = "”\"’')]"
_WORD_BEFORE = compiled_regex.compile(r"[\p{L}\p{N}]+$")
_WORD_AFTER = compiled_regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
_SPACE = " \t"
_OPEN_CONTEXT = " \t\n([{—–-/‘“"


@dataclass(frozen=True)
class Finding:
    finds: str
    span: Span
    edits: tuple[Edit, ...] = ()
    applicability: str = "safe"
    problem: str = ""


@dataclass(frozen=True)
class Table:
    verbatim: tuple[regex.Pattern, ...]
    clusters: frozenset[str]
    ellipsis: regex.Pattern
    abbreviations: frozenset[str]
    lowercase_starts: regex.Pattern
    domains: frozenset[str]
    glued_words: frozenset[str]
    hyphen_prefixes: frozenset[str]
    reporting_verbs: frozenset[str]


def table_path(name: str | None = None) -> Path:
    from lint.datafiles.packaged import builtin_pack_dir

    return builtin_pack_dir() / (name or TABLE)


@cache
def load_table(path: str) -> Table:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise ParamError("table", f"cannot read {path}: {err}") from None
    try:
        data = validated_data(text, path, "marks.schema.json")
    except DataError as err:
        raise ParamError("table", str(err)) from None
    try:
        verbatim = tuple(compiled_regex.compile(p) for p in data["verbatim"].values())
        starts = compiled_regex.compile("(?:" + "|".join(data["lowercase_starts"]) + r")(?![\p{L}\p{N}])")
        ellipsis = compiled_regex.compile(data["ellipsis"])
    except regex.error as err:
        raise ParamError("table", f"{path}: invalid regular expression: {err}") from None
    return Table(
        verbatim=verbatim,
        clusters=frozenset(data["clusters"]),
        ellipsis=ellipsis,
        abbreviations=frozenset(data["abbreviations"]),
        lowercase_starts=starts,
        domains=frozenset(data["domains"]),
        glued_words=frozenset(data["glued_words"]),
        hyphen_prefixes=frozenset(data["hyphen_prefixes"]),
        reporting_verbs=frozenset(data["reporting_verbs"]),
    )


@cache
def lexicon_words() -> frozenset[str]:
    from lint.text.tagger import lexicon

    return frozenset(lexicon())


def finds_param(rule, known: tuple[str, ...]) -> str:
    """The class of finding a rule of a multi-class kind reports (its ``finds``)."""
    finds = rule.params.get("finds")
    if finds not in known:
        raise ParamError("finds", f"unknown finding class {finds!r}; one of {', '.join(known)}")
    return finds


class PunctuationCheck:
    def __init__(self, rule, context=None):
        self.rule, self.finds = rule, finds_param(rule, FINDS)
        self.table_file = str(table_path(rule.params.get("table")))
        self.table = load_table(self.table_file)

    def run(self, doc):
        for f in analyse(doc, self.table_file, self.table):
            if f.finds != self.finds:
                continue
            replacement = None
            if len(f.edits) == 1 and f.edits[0].span == f.span:
                replacement = f.edits[0].replacement
            yield self.rule.report(
                f.span,
                edits=f.edits or None,
                applicability=Applicability(f.applicability),
                suggestions=(replacement,) if replacement is not None else (),
                text=doc.text[f.span.start : f.span.end],
                problem=f.problem,
            )


def analyse(doc, key: str, table: Table) -> list[Finding]:
    """Every finding of every class in the document, computed once for all rules."""
    cache_key = ("punctuation", key)
    found = doc.derived.get(cache_key)
    if found is None:
        found = doc.derived[cache_key] = _analyse(doc, table)
    return found


def _analyse(doc, table: Table) -> list[Finding]:
    text = doc.text
    if not any(c in text for c in _MARKS + '“”‘’"()[]'):
        return []
    mask = bytearray(len(text))
    for s in doc.protected:
        mask[s.start : s.end] = b"\1" * (s.end - s.start)
    for pattern in table.verbatim:
        for m in pattern.finditer(text):
            mask[m.start() : m.end()] = b"\1" * (m.end() - m.start())
    for p in doc.placeholders:
        mask[p.start : p.end] = b"\1" * (p.end - p.start)
    out: list[Finding] = []
    n = len(text)
    for m in _CLUSTER.finditer(text):
        start, end = m.span()
        if end - start == 1 and (start == 0 or text[start - 1] not in _SPACE):
            # the common case, a lone mark then a space or a line end: only ". lower" is news
            nxt = text[end] if end < n else "\n"
            if nxt == "\n" or (nxt == " " and not (text[start] == "." and text[end + 1 : end + 2].islower())):
                continue
        while start > 0 and text[start - 1] in _SPACE:
            start -= 1  # the spaces before a cluster belong to it
        f = _judge_cluster(text, start, m.end(), mask, table)
        if f is not None:
            out.append(f)
    if any(f.finds == "stray-period" for f in out):
        out = _leave_fragments(doc, out)
    for para in doc.paragraphs:
        out.extend(_quotes(text, para, mask))
    if ", " in text:
        out.extend(_subject_commas(text, mask, table))
    return out


def _leave_fragments(doc, found: list[Finding]) -> list[Finding]:
    """A stop before a verbless lower-case piece ("security forces. other authorities.") is a
    sentence split mid-list, which grammar.split-sentence reports with a better message and
    which dropping the stop would not mend."""
    from lint.text.sentence_facts import has_finite_verb

    out = []
    for f in found:
        if f.finds == "stray-period":
            piece = _PIECE.match(doc.text, f.span.end + 1)
            if piece is not None:
                words = tuple(_TOKEN.findall(piece.group()))
                if words and not has_finite_verb(piece.group(), words):
                    continue
        out.append(f)
    return out


_TOKEN = compiled_regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*")
_PIECE = compiled_regex.compile(r"[^.!?\n]{1,400}\.(?=[\s\"”’')]|$)")


# -- clusters of marks --------------------------------------------------------------------------


def _judge_cluster(text: str, start: int, end: int, mask: bytearray, table: Table) -> Finding | None:
    marks = [(i, text[i]) for i in range(start, end) if text[i] not in _SPACE and not mask[i]]
    if not marks:
        return None
    while mask[start]:
        start += 1  # an initialism's own stop ("U.S."): what follows it is the cluster
    gap = text[start : marks[0][0]]
    lead = len(gap) if gap and not gap.strip(_SPACE) else 0
    lead_start = marks[0][0] - lead
    first, last = marks[0][0], marks[-1][0]
    core = text[first : last + 1]
    if ("…" in core or core.count(".") >= 3) and table.ellipsis.search(core):
        return None  # an ellipsis, perhaps with marks of its own ("Why now?...", "...!!!")
    own_stop = len(marks) >= 2 and marks[0][1] == "." and marks[1][1] != "."
    if own_stop and _is_abbreviation(text, first, _word_before(text, first), table):
        if len(marks) == 2 and marks[1][1] == "." and marks[1][0] > first + 1:
            # "the U.S. . Officials": the abbreviation's stop ends the sentence already
            span = Span(first + 1, marks[1][0] + 1)
            return Finding("doubled-mark", span, (Edit(span, ""),))
        marks = marks[1:]  # the abbreviation's own stop: "etc.," "Inc.:"
        first, lead = marks[0][0], 0
        core = text[first : last + 1]
    chars = "".join(c for _, c in marks)
    if len(chars) >= 2:
        # A space before the cluster goes with it ("resigned . ." -> "resigned."), so the
        # fix leaves no space before a mark behind.
        before = text[lead_start - 1] if lead and lead_start > 0 else ""
        joined = before.isalnum() or (before != "" and before in _CLOSERS)
        return _judge_pair(text, first, last, chars, table, lead_start if joined else first)
    if chars == "." and not lead and first > 0 and text[first - 1] == "." and mask[first - 1]:
        # A full stop after an abbreviation's own ("U.S.."): the sentence needs only one.
        span = Span(first, first + 1)
        return Finding("doubled-mark", span, (Edit(span, ""),))
    return _judge_single(text, lead_start, lead, first, chars, mask, table)


def _judge_pair(text: str, first: int, last: int, chars: str, table: Table, fix_from: int) -> Finding | None:
    span = Span(first, last + 1)
    edit = Span(fix_from, last + 1)
    if chars in table.clusters:
        return None
    if len(set(chars)) == 1:
        return Finding("doubled-mark", span, (Edit(edit, chars[0]),))
    if chars[0] in "?!" and set(chars[1:]) == {"."}:
        return Finding("mark-then-period", span, (Edit(edit, chars[0]),))
    if set(chars) <= set("?!"):
        return None  # "?!?" and its kin
    after = text[last + 1 : last + 3].lstrip(_SPACE)
    pauses = [c for c in chars if c in ",;:"]
    ends = [c for c in chars if c in ".!?"]
    keep = pauses[0] if pauses and (not ends or after[:1].islower()) else ends[-1]
    return Finding("clash", span, (Edit(edit, keep),), "unsafe")


def _judge_single(text, lead_start, lead, p, c, mask, table) -> Finding | None:
    n = len(text)
    after = text[p + 1] if p + 1 < n else "\n"
    if lead and lead_start > 0:
        before = text[lead_start - 1]
        if before == "." and mask[lead_start - 1] and c in ".,;:":
            # after an initialism's own stop ("the U.S. ." "the U.S. , officials")
            span = Span(lead_start, p + 1)
            return Finding(
                "doubled-mark" if c == "." else "space-before", span, (Edit(span, "" if c == "." else c),)
            )
        if before.isalnum() or before in '”"’)]%':
            if c == "." and (after.isalnum() or after in "_/"):
                return None  # ".45 calibre", " .com"
            span = Span(lead_start, p + 1)
            if after.isalpha():
                # the space is on the wrong side of the mark: "resigned ,officials"
                return Finding("space-before", span, (Edit(span, c + " "),))
            if after in _SPACE + "\n" + _CLOSERS or after in _MARKS:
                both = after in _SPACE and c in "?!:;"
                return Finding("space-before", span, (Edit(span, c),), "unsafe" if both else "safe")
        return None
    if p + 1 < n and mask[p + 1]:
        return None
    if c in ",;:":
        if after.isalpha() and _letters(text, p - 2, p, lower=True) and _letters(text, p + 1, p + 3):
            return Finding("missing-space", Span(p, p + 1), (Edit(Span(p + 1, p + 1), " "),))
        return None
    if c == "…":
        return None
    j = p + 1
    if j < n and text[j] in _CLOSERS and text[j] not in "'":
        j += 1
    if _starts_sentence(text, j) and (_letters(text, p - 2, p, lower=True) or _closed_word(text, p)):
        if c == "." and j == p + 1 and _domain(text, j, table):
            return None
        return Finding("missing-space", Span(p, j), (Edit(Span(j, j), " "),))
    if c != "." or after != " " or p + 2 >= n or not text[p + 2].islower():
        return None
    word = _word_before(text, p)
    if (
        word
        and (len(word) >= 2 or word.isdigit())
        and not _is_abbreviation(text, p, word, table)
        and not table.lowercase_starts.match(text, p + 2)
        and not mask[p + 2]
        and not lower_case_name(text, p + 2)
    ):
        return Finding("stray-period", Span(p, p + 1), (Edit(Span(p, p + 1), ""),), "unsafe")
    return None


def _word_before(text: str, i: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, i - 40), i)
    return m.group() if m else ""


def _is_abbreviation(text: str, dot: int, word: str, table: Table) -> bool:
    if not word:
        return False
    if word in table.abbreviations or word.lower() in table.abbreviations:
        return True
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Smith", "Plan B."
    start = dot - len(word)
    return start > 0 and text[start - 1] == "."  # the end of an initialism: "U.S."


def _letters(text: str, i: int, j: int, lower: bool = False) -> bool:
    if i < 0 or j > len(text):
        return False
    piece = text[i:j]
    return piece.isalpha() and (piece.islower() if lower else True)


def _closed_word(text: str, p: int) -> bool:
    """A mark after a closing quote or bracket that follows a word: 'said").'"""
    return p >= 3 and text[p - 1] in '”")’' and _letters(text, p - 3, p - 1, lower=True)


def _starts_sentence(text: str, j: int) -> bool:
    """A capitalised word ("The", "Tokayev") or a one-letter "A" or "I" at ``j``."""
    if j >= len(text) or not text[j].isupper():
        return False
    nxt = text[j + 1] if j + 1 < len(text) else " "
    return nxt.islower() or (text[j] in "AI" and nxt in " ’'")


def _domain(text: str, j: int, table: Table) -> bool:
    """'News.Az': a top-level domain after the stop that is not also an English word."""
    m = _WORD_AFTER.match(text, j)
    if m is None:
        return False
    part = m.group()
    return part.lower() in table.domains and part.lower() not in lexicon_words()


# -- a comma between subject and verb ------------------------------------------------------------

_NAME = r"\p{Lu}[\p{L}'’-]+"
_NAMES = rf"(?:{_NAME}[ \t]){{0,3}}{_NAME}"
# A subject of names at a sentence start or after a conjunction that opens a clause (not
# one that is also a preposition: "after China, was led" closes an appositive), a comma, a
# verb in the past and one more word: "when Mirziyoyev and Rahmon, discussed new".
_SUBJECT = compiled_regex.compile(
    rf"(?:(?<=^|(?<!\.\.)[.!?][ \t]|\n)|(?<=\b(?:when|while|because|that|if|although|though|whereas|"
    rf"unless|once|where)[ \t]))({_NAMES}(?:[ \t](?:and|&)[ \t]{_NAMES})?)$"
)
# The cheap anchor searched first: a comma after a word, then two words, the first in lower case.
_COMMA_VERB = compiled_regex.compile(r",(?<=\p{L},)[ \t](\p{Ll}+)[ \t]([\p{L}\p{N}]+)")
_PAST = frozenset({"VBD", "VBN"})
_NOT_VERB_NEXT = frozenset({"IN", "TO", "CD", "RP"})


def _subject_commas(text: str, mask: bytearray, table: Table) -> list[Finding]:
    """'X and Y, discussed new plants.': a comma between a subject and its verb, unless the
    words after it are an appositive ('Smith, born in 1950, ...': a preposition or a number
    after the participle, or a second comma before the sentence ends) or an inverted
    attribution ('..., said Smith')."""
    from lint.text.tagger import lexicon

    tags = lexicon()
    out = []
    for m in _COMMA_VERB.finditer(text):
        verb, after = m.group(1), m.group(2)
        comma = m.start()
        if mask[comma] or verb in table.reporting_verbs or tags.get(verb) not in _PAST:
            continue
        if tags.get(after.lower()) in _NOT_VERB_NEXT or after[0].isdigit():
            continue
        subject = _SUBJECT.search(text, max(0, comma - 160), comma)
        if subject is None or tags.get(subject.group(1).split()[0].lower()) == "IN":
            continue  # no subject of names; or "With Jools Holland, booked": a phrase
        end = regex.search(r"[.!?;:\n]|$", text[m.end() :]).start() + m.end()
        if "," in text[m.end() : end]:
            continue
        span = Span(comma, comma + 1)
        out.append(Finding("subject-comma", span, (Edit(span, ""),), "unsafe"))
    return out


# -- quotation marks and brackets ---------------------------------------------------------------


def _quotes(text: str, para: Span, mask: bytearray) -> list[Finding]:
    out: list[Finding] = []
    open_double: int | None = None
    open_single: int | None = None
    skip_to = -1
    for m in _QUOTES.finditer(text, para.start, para.end):
        i, q = m.start(), m.group()
        if i < skip_to or mask[i]:
            continue
        b = text[i - 1] if i > para.start else "\n"
        a = text[i + 1] if i + 1 < para.end else "\n"
        if q in "()[]":
            out.extend(_bracket(text, i, q, b, a, para))
            continue
        if q == "’" or q == "‘":
            if b.isalpha() and a.isalpha():
                continue  # an apostrophe inside a word: "don’t", "rock‘n’roll"
            if q == "‘":
                open_single = i
            elif open_single is not None:
                open_single = None
            elif b.isalpha() and a == " " and i + 2 < para.end and text[i + 2].isalpha():
                word = _word_before(text, i)
                if not _possessive(word):
                    out.append(Finding("quote-spacing", Span(i, i + 1), (), problem="Stray apostrophe"))
            continue
        if a == q and q in '"“”':
            span = Span(i, i + 2)
            out.append(Finding("doubled-mark", span, (Edit(span, q),)))
            skip_to = i + 2
        around = _previous(text, i, para.start), _next(text, i, para.end)
        role = _role(q, b, a, open_double is not None, *around)
        if role == "open":
            if open_double is not None and q == "“" and b not in _OPEN_CONTEXT and a in _SPACE + "\n":
                # an opening mark where the quotation closes: 'ahead,“ said'
                span = Span(i, i + 1)
                out.append(
                    Finding(
                        "quote-spacing", span, (Edit(span, "”"),), "unsafe", "Opening quote used to close"
                    )
                )
                open_double = None
                continue
            open_double = i
            out.extend(_opening(text, i, q, b, a, para))
        else:
            if open_double is not None or q == "”":
                out.extend(_closing(text, i, q, b, a, para, open_double is not None))
            open_double = None
    return out


def _previous(text: str, i: int, start: int) -> str:
    """The last character before ``i`` that is not a space or tab."""
    k = i - 1
    while k >= start and text[k] in _SPACE:
        k -= 1
    return text[k] if k >= start else "\n"


def _next(text: str, i: int, end: int) -> str:
    k = i + 1
    while k < end and text[k] in _SPACE:
        k += 1
    return text[k] if k < end else "\n"


def _role(q: str, b: str, a: str, is_open: bool, previous: str, following: str) -> str:
    if q == "“":
        return "open"
    if q == "”":
        return "close"
    b_open = b in _OPEN_CONTEXT
    a_close = a in _SPACE + "\n" + ".,;:!?)]}—–-/…"
    if b_open and not a_close:
        # after a comma inside an open quotation it closes, spaced the wrong way: 'ahead, "said'
        closes = previous == "," or (previous in "!?" and not following.isupper())
        return "close" if is_open and b in _SPACE and closes else "open"
    if a_close and not b_open:
        return "close"
    if is_open and previous in ".!?" and following.isupper():
        return "open"  # a quotation reopened after a sentence end, as carried-over quotes are
    return "close" if is_open else "open"


def _opening(text, i, q, b, a, para) -> list[Finding]:
    if a in _SPACE:
        k = i + 1
        while k < para.end and text[k] in _SPACE:
            k += 1
        if k < para.end and text[k].isalnum() and (b in _OPEN_CONTEXT or i == para.start):
            span = Span(i, k)
            return [Finding("quote-spacing", span, (Edit(span, q),), problem="Space after an opening quote")]
        return []
    if (b.isalnum() or b in ",;:") and (a.isalnum() or a in "‘'"):
        span = Span(i, i + 1)
        return [
            Finding(
                "quote-spacing", span, (Edit(Span(i, i), " "),), problem="No space before an opening quote"
            )
        ]
    return []


def _closing(text, i, q, b, a, para, paired: bool) -> list[Finding]:
    if b in _SPACE:
        s = i
        while s > para.start and text[s - 1] in _SPACE:
            s -= 1
        if s == para.start:
            return []
        span = Span(s, i + 1)
        if a.isalpha():
            # spaced as if it opened: 'ahead, ”said'
            return [
                Finding(
                    "quote-spacing",
                    span,
                    (Edit(span, q + " "),),
                    problem="Closing quote spaced as an opening one",
                )
            ]
        if paired and (a in _SPACE + "\n" or a in ".,;:!?)"):
            return [Finding("quote-spacing", span, (Edit(span, q),), problem="Space before a closing quote")]
        return []
    # 'word”said', 'said,”and'; after '.”She' the stop's missing space is reported instead
    if a.isalpha() and (b.isalnum() or b == "," or (b in ".!?" and not a.isupper())):
        span = Span(i, i + 1)
        return [
            Finding(
                "quote-spacing",
                span,
                (Edit(Span(i + 1, i + 1), " "),),
                problem="No space after a closing quote",
            )
        ]
    return []


def _bracket(text, i, q, b, a, para) -> list[Finding]:
    if q in "([" and a in _SPACE and (b in _SPACE + "\n" or i == para.start):
        k = i + 1
        while k < para.end and text[k] in _SPACE:
            k += 1
        if k < para.end and text[k] not in _SPACE + "\n)]" + _MARKS:
            span = Span(i, k)
            return [
                Finding("quote-spacing", span, (Edit(span, q),), problem="Space after an opening bracket")
            ]
    if q in ")]" and b in _SPACE:
        s = i
        while s > para.start and text[s - 1] in _SPACE:
            s -= 1
        if (
            s > para.start
            and (text[s - 1].isalnum() or text[s - 1] in '.!?%”"')
            and (a in _SPACE + "\n.,;:!?")
        ):
            span = Span(s, i + 1)
            return [
                Finding("quote-spacing", span, (Edit(span, q),), problem="Space before a closing bracket")
            ]
    return []


def _possessive(word: str) -> bool:
    """'the students’ union', 'nothin’ doing': an apostrophe that may end a word."""
    w = word.lower()
    return w.endswith(("s", "z", "x")) or (len(w) >= 4 and w.endswith("in")) or w.isdigit()


compile = PunctuationCheck
