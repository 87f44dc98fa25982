"""Titles that do not fit the article's date: "<title> <person>" where the knowledge base
says the person did not hold that title on that day: a former office-holder written as
current ("Chancellor Olaf Scholz" in June 2025), someone not yet in office, or a title
never held ("Kazakh Prime Minister Shavkat Mirziyoyev").

"former", "ex-", "late" ask for a title held before the date; "then-", "incoming",
"-elect" and "future" cannot be checked from dates and are left alone; "outgoing",
"acting" and "interim" read as current. A surname after a title ("Chancellor Scholz") is
the person named in full earlier in the article, or the one KB person of that surname who
ever held the title. Nothing is decided on a day the KB knows only roughly (a month, a
year, a handover day), and after the newest date the KB records it claims no one is
missing from an office.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left

import regex

from lint.datafiles import compiled_regex
from lint.diagnostics import Edit, Span
from lint.kb import UNKNOWN, YES, KnowledgeBase, Person, fold
from lint.kb.in_document import knowledge_base, named_officials

PAST = frozenset({"former", "ex", "late"})
# Between an election and the inauguration (a month or so) a title is not a fact error.
TRANSITION = dt.timedelta(days=31)
# Titles that are also ranks held without the office ("Prince Saud", a foreign minister).
RANKS = frozenset({"Prince", "King", "Queen", "Emir", "Sultan", "Co-Prince", "Grand Duke"})
# Titles that junior ministers, companies and agencies share, for which the KB (cabinet
# posts only) cannot say "never": written as a description ("Education minister"), unchecked.
JOBS = frozenset(
    {
        "Chief Executive",
        "Cabinet Minister",
        "Finance Minister",
        "Defence Minister",
        "Interior Minister",
        "Justice Minister",
        "Health Minister",
        "Education Minister",
        "Managing Director",
        "Director-General",
    }
)
UNCHECKABLE = frozenset({"then", "incoming", "future", "elect", "designate"})
# Words that make a title another office: "Assistant Secretary of State", "Shadow Chancellor".
_OTHER_OFFICE = compiled_regex.compile(
    r"(?i:assistant|deputy|under|shadow|vice|junior|principal|crown|first|chief)[ \t-]\Z"
)
MODIFIERS = "former|ex|then|outgoing|incoming|acting|interim|late|future"
# "how good a prime minister Gordon Brown will make": a role, not a title.
# A capitalised word right before a title that is not a place names whose title it is.
_OWNER = compiled_regex.compile(
    r"(?<![.!?:;\"“‘(\n]\s*)(?<!^)\b(?!(?i:the|a|an|and|but|or|as|with|when|while|after|before|under|by|"
    r"from|for|of|to|in|on|at|said|says|says|then|now|new|says)\b)\p{Lu}[\p{L}\p{N}'’-]*[ \t]+\Z"
)
_INDEFINITE = compiled_regex.compile(r"(?i:\b(?:a|an))[ \t]+\Z")
LOOKBACK = 80  # characters before a title searched for a modifier and a place
# "the president, Viktor Yushchenko, said" is an apposition; "as US President, Tony Blair
# has said" is not: after a comma, the name must be closed off again.
_APPOSITION_END = compiled_regex.compile(r"[ \t]*(?:[,;:)–—]|[.!?](?:\s|$)|$)")
_NAME_GOES_ON = compiled_regex.compile(r"[ \t]+\p{Lu}")
_SURNAME = compiled_regex.compile(r"\p{Lu}[\p{L}\p{M}'’-]+(?![\p{L}\p{N}])")


class TitleUse:
    """A title found in the text, with the modifier and place read back from before it."""

    def __init__(self, m: regex.Match, before: regex.Match, body_start: int):
        self._m, self._before, self.body_start = m, before, body_start

    def start(self) -> int:
        return self.body_start

    def end(self) -> int:
        return self._m.end()

    def group(self, name: str):
        if name == "mod":
            return self._before.group("mod")
        if name == "place1":
            place = self._before.group("place1")
            return regex.sub(r"(?:['’]s)?[ \t]+$", "", place) if place else None
        return self._m.group(name)


class TitleDateCheck:
    def __init__(self, rule, context):
        self.rule = rule
        self.context = context
        self.kb = knowledge_base(context)
        self.title_re, self.before_re, self.heads = _title_patterns(self.kb)

    def run(self, doc):
        kb, day = self.kb, doc.date
        named = named_officials(doc, kb, self.context)
        starts = {m.span.start: m for m in named if m.exact}
        by_surname = _by_surname(named)
        for m in self._titles(doc.text):
            mention = starts.get(m.end())
            person, name_end = (mention.person, mention.span.end) if mention else (None, 0)
            if person is None:
                person, name_end = self._surname_only(doc.text, m, by_surname, kb)
            if person is None:
                continue
            if m.group("comma") and not _APPOSITION_END.match(doc.text, name_end):
                continue
            if _about_the_past(doc.text, m.start(), name_end, person, day):
                continue
            modifier = fold(m.group("mod") or "").strip(" -") or ("elect" if m.group("elect") else "")
            if modifier in UNCHECKABLE:
                continue
            titles = kb.title_forms.get(fold(m.group("title")), set())
            place = kb.place_forms.get(m.group("place1") or m.group("place2") or "")
            if all(len(kb.title_places.get(t, ())) <= 1 for t in titles):
                place = None  # the title names its place: "EU Commission president"
            found = self._verdict(
                person, titles, place, day, modifier == "" or modifier not in PAST, m.group("title")
            )
            if found is None:
                continue
            problem, fix_former = found
            span = Span(m.body_start, name_end)
            edits = ()
            if fix_former:
                word = "Former " if _sentence_start(doc.text, span.start) else "former "
                edits = (Edit(Span(span.start, span.start), word),)
            yield self.rule.report(
                span,
                edits=edits or None,
                applicability="unsafe",
                suggestions=(),
                text=doc.text[span.start : span.end],
                problem=problem + _date_note(doc),
            )

    def _titles(self, text: str):
        for m in self._title_matches(text):
            window_start = max(0, m.start() - LOOKBACK)
            if _OTHER_OFFICE.search(text, window_start, m.start()):
                continue
            before = self.before_re.search(text, window_start, m.start())
            body_start = before.start("place1") if before.group("place1") else m.start()
            if not before.group("mod") and _OWNER.search(text, window_start, body_start):
                continue  # "Senate President Hun Sen", "LDP President Shigeru Ishiba"
            if _INDEFINITE.search(text, window_start, before.start() if before.group() else m.start()):
                continue
            yield TitleUse(m, before, body_start)

    def _title_matches(self, text: str):
        """``title_re.finditer(text)``, tried only where a word that begins some title
        starts: scanning for the named list at every character is many times slower."""
        match, heads, end = self.title_re.match, self.heads, 0
        for word in _LETTERS.finditer(text):
            if word.start() >= end and word.group() in heads:
                m = match(text, word.start())
                if m:
                    end = max(m.end(), m.start() + 1)
                    yield m

    def _surname_only(self, text: str, m, by_surname, kb: KnowledgeBase) -> tuple[Person | None, int]:
        word = _SURNAME.match(text, m.end())
        if word is None or _NAME_GOES_ON.match(text, word.end()):
            return None, 0  # "Cabinet minister Douglas Hogg": a given name, not a surname
        key = fold(word.group())
        starts, people = by_surname.get(key, ((), ()))
        i = bisect_left(starts, m.start())
        if i:  # the last person of that surname named in full before the title
            return people[i - 1], word.end()
        titles = kb.title_forms.get(fold(m.group("title")), set())
        holders = [p for p in kb.by_surname.get(key, []) if any(pos.title in titles for pos in p.positions)]
        return (holders[0], word.end()) if len(holders) == 1 else (None, 0)

    def _verdict(
        self,
        person: Person,
        titles: set[str],
        place: str | None,
        day: dt.date,
        current: bool,
        written: str = "X",
    ):
        """(problem, whether writing 'former' fixes it), or None when the title fits the day."""
        relevant = [p for p in person.positions if p.title in titles and (place is None or p.of == place)]
        if not relevant:
            if day > self.kb.horizon:
                return None  # the KB may not know of an appointment after its newest record
            described = any(w[:1].islower() for w in written.split())
            if written[:1].islower() or titles & RANKS or (described and titles & JOBS):
                # "chief executive Thierry Breton", "Education minister Ivan Lewis" describe a
                # job; "Prince Saud" is a rank:
                # neither claims the office the KB records.
                return None
            if any(_contains(p.title, t) for p in person.positions for t in titles):
                return None  # "president" for a President of the European Commission
            title = sorted(titles)[0] if titles else "that title"
            return (
                f"{person.name} never held the title {title}{f' of {place}' if place else ''}; "
                f"the knowledge base has: {person.describe()}",
                False,
            )
        statuses = [p.held_on(day) for p in relevant]
        ended = [p for p in relevant if p.ended_before(day)]
        if UNKNOWN in statuses or (current and YES in statuses):
            return None
        if not current and ended and YES not in statuses:
            return None  # "former" fits, unless a later term runs on the day
        if current and ended:
            last = max(ended, key=lambda p: p.end.latest)
            holders = self.kb.holders({last.title}, last.of, day)
            who = f"; on that day it was {', '.join(h.name for h in holders)}" if holders else ""
            return f"{person.name} was {last.title} of {last.of} {last.term}, not on {day}{who}", True
        if YES in statuses:  # "former X" while still in office
            held = next(p for p, s in zip(relevant, statuses, strict=True) if s == YES)
            if held.end is not None and held.end.earliest - day <= TRANSITION:
                return None  # weeks before a handover, copy already writes the successor's era
            return f"{person.name} is still {held.title} of {held.of} on {day} ({held.term})", False
        first = min(relevant, key=lambda p: p.start.earliest)
        if first.start.earliest - day <= TRANSITION:
            return None  # elected, not yet sworn in: copy often gives the title already
        return (
            f"{person.name} became {first.title} of {first.of} only on {first.start.text}, after {day}",
            False,
        )


# A sentence about a death or a legacy names the title the person had then.
_PAST_WORDS = compiled_regex.compile(
    r"(?i)\b(?:funeral|death|died|dies|dead|late|mourn\w*|memorial|burial|buried|obituar\w*|passed away|"
    r"condolences?|coffin|lying in state|assassinat\w*|legacy|reign(?:ed)?|anniversary of)\b"
)
_YEAR = compiled_regex.compile(r"\b(19[5-9]\d|20\d\d)\b")


def _about_the_past(text: str, start: int, end: int, person: Person, day: dt.date) -> bool:
    """The title is in a sentence about the person's past or death ('the funeral of Queen
    Elizabeth II', 'In 2015, President Obama'): a year before the article's that the person
    spent in office, or words of death and remembrance."""
    left = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    right = min((i for i in (text.find(c, end) for c in ".!?\n") if i >= 0), default=len(text))
    sentence = text[left:right]
    if _PAST_WORDS.search(sentence):
        return True
    for m in _YEAR.finditer(sentence):
        year = int(m.group())
        if year < day.year and any(
            p.start.earliest.year <= year and (p.end is None or p.end.latest.year >= year)
            for p in person.positions
        ):
            return True
    return False


def _contains(longer: str, title: str) -> bool:
    return longer != title and f" {fold(title)} " in f" {fold(longer)} "


def _sentence_start(text: str, offset: int) -> bool:
    # Read back over the characters skipped, not a copy of everything before (quadratic).
    i = offset
    while i > 0 and text[i - 1] in " \t\"“‘'(":
        i -= 1
    return i == 0 or text[i - 1] in ".!?\n"


def _by_surname(named) -> dict[str, tuple[list[int], list[Person]]]:
    """Surname -> (starts, people) of the names given in full, in text order."""
    out: dict[str, tuple[list[int], list[Person]]] = {}
    for n in sorted((n for n in named if n.exact), key=lambda n: n.span.start):
        for key in {fold(s) for s in n.person.surnames}:
            starts, people = out.setdefault(key, ([], []))
            starts.append(n.span.start)
            people.append(n.person)
    return out


def _date_note(doc) -> str:
    if doc.date_source == "today":
        return " (the article date is today's by default: pass --date or add one to the article)"
    return ""


def _title_patterns(kb: KnowledgeBase) -> tuple[regex.Pattern, regex.Pattern, frozenset[str]]:
    """The title and what follows it (scanned for), and what may stand before it (read
    back from each title found): scanning for the titles alone keeps the search fast."""
    titles = set()
    for canonical, synonyms in kb.titles.items():
        for form in (canonical, *synonyms):
            titles.add(form)
            if not form.isupper():  # "prime minister", "Commission president"; not "pm"
                titles.add(form.lower())
                titles.add(form[:1].upper() + form[1:].lower())
    places = sorted({word for place in kb.places.values() for word in place.words}) or ["\x00"]
    title_re = compiled_regex.compile(
        r"""(?<![\p{L}])(?P<title>\L<titles>)(?![\p{L}])(?P<elect>-(?:elect|designate))?
        (?:[ \t]+of[ \t]+(?:the[ \t]+)?(?P<place2>\L<places>))?
        (?P<comma>,)?[ \t]+(?=\p{Lu})""",
        regex.VERBOSE,
        titles=sorted(titles),
        places=places,
    )
    before_re = compiled_regex.compile(
        rf"""(?P<mod>(?i:\b(?:{MODIFIERS}))[ \t]*-?[ \t]*)?
        (?P<place1>(?<![\p{{L}}])\L<places>(?:['’]s)?[ \t]+)?\Z""",
        regex.VERBOSE,
        places=places,
    )
    # Every title begins at a word's start with a letter (the pattern's look-behind), so
    # its first run of letters is the word a match starts with.
    heads = frozenset(_LETTERS.match(t).group() for t in titles if _LETTERS.match(t))
    return title_re, before_re, heads


_LETTERS = compiled_regex.compile(r"\p{L}+")

compile = TitleDateCheck
