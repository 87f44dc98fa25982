"""Blocks of page furniture found by a learned linear model, not a phrase list.

Every paragraph of the article (a line, or a hard-wrapped block) is described by features
of its own shape (length, final punctuation, case, digits, second person, an imperative
opening, channel words such as newsletter or cookies, URLs, handles, ©, byline, credit and
timestamp shapes), of its place in the article (relative position, before the first or
after the last prose paragraph, in a run of short blocks) and of its neighbours, plus
hashed word and character n-grams. A logistic regression trained offline
(``python -m bench.train_boilerplate``) weighs them; its weights ship as data
(``rules/models/boilerplate.json``) and are applied here with plain Python, so linting
needs no training stack.

A block scoring at or above the rule's ``threshold`` (``top-threshold`` above the first
prose paragraph and ``edge-threshold`` below the last, where furniture gathers) is
reported with the features that pushed it up most, in words, and an unsafe fix deleting
it. Lines the phrase rules (``kind: boilerplate``) already cover are left to them, so one
line gets one finding.
The article's prose paragraphs (a sentence of 12 words or more, not opening with an
instruction, without a call to action or a related-story label, and no notice in which the
site speaks to the reader) are never reported as a whole, nor by default datelines,
quotations, an editor's correction notice, the headline and "Reporting by ...; editing by
..." wire credits (the rule's ``keep``). A label run into a prose
paragraph's first words is scored as a block of its own and reported alone.
"""

from __future__ import annotations

import base64
import json
import math
import zlib
from array import array
from functools import cache
from pathlib import Path

import regex

from lint.datafiles import compiled_regex
from lint.diagnostics import Edit, Span

# -- the features (shared with the training script: change them and retrain) -------------

HASH_BITS = 18
PROSE_WORDS = 12  # a prose paragraph: this many words and a sentence ending
SHORT_WORDS = 6

_WORD = compiled_regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.&-]*")
_URL = compiled_regex.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|gov|co\.uk|io|info|news)\b", regex.I)
_GLUED = compiled_regex.compile(r"\p{Ll}{2}\p{Lu}\p{Ll}")
_EMAIL = compiled_regex.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_HANDLE = compiled_regex.compile(r"(?<![\w@])@\w{2,}")
_HASHTAG = compiled_regex.compile(r"(?<!\w)#\p{L}\w+")
_SEPARATOR = compiled_regex.compile(r"\s[|•·»›/]\s|^[•·»›>*-]\s|\s[|•]$")
_QUOTE_START = compiled_regex.compile(r"^[\"“‘'«]")
_QUOTE_ANY = compiled_regex.compile(r"[\"“”«»]")
_DATELINE = compiled_regex.compile(
    r"^(?:\p{Lu}[\p{Lu}\p{Ll}.'-]*(?: \p{Lu}[\p{Lu}\p{Ll}.'-]*){0,3}(?:, \p{Lu}[\p{L}.]+)?)"
    r"(?: \((?:\p{Lu}[\p{L}\s]{1,20})\))? ?[—–-] \p{Lu}"
)
_CAPS_PLACE = compiled_regex.compile(r"^\p{Lu}{2,}(?:[ ,]\p{Lu}{2,})*\s*(?:\([^)]{1,30}\))?\s*[—–-]")
_MONTH = compiled_regex.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\b",
    regex.I,
)
_TIME = compiled_regex.compile(
    r"\b\d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\.?|GMT|BST|UTC|ET|EST|EDT|PT)?\b|\b\d{1,2}\s?[ap]\.?m\.?\b", regex.I
)
_AGO = compiled_regex.compile(
    r"\b\d+\s?(?:min(?:ute)?s?|h(?:ou)?rs?|days?|weeks?)\s+ago\b|\b(?:updated|published|posted)\b", regex.I
)
_YEAR = compiled_regex.compile(r"\b(?:19|20)\d{2}\b")
_BYLINE = compiled_regex.compile(r"^by\s+\p{Lu}[\p{L}.'-]+(?:\s+\p{Lu}[\p{L}.'-]+){0,3}", regex.I)
_CREDIT = compiled_regex.compile(
    r"\b(?:photo|image|picture|video|graphic|illustration)s?\s*(?:credit|by|:|copyright)|"
    r"\((?:photo|image|credit)|\b(?:getty images|shutterstock|afp|reuters|ap photo|epa)\b",
    regex.I,
)
_SOURCE = compiled_regex.compile(
    r"^(?:(?:photo|image|picture|video) )?(?:source|sources|source\(s\)|via|credit|credits)\s*:", regex.I
)
_WIRE_CREDIT = compiled_regex.compile(r"\b(?:reporting|writing|editing|additional reporting) by\b", regex.I)
_CORRECTION = compiled_regex.compile(
    r"^(?:\*\s*)?(?:this (?:article|story|report|piece) (?:was|has been) (?:amended|corrected|updated)"
    r"(?: on [^.]{1,40})? to (?:correct|reflect|clarify|remove|make clear)|correction:)",
    regex.I,
)

_CREDIT_END = compiled_regex.compile(
    r"(?:\((?:photo|image|picture|credit|pictured)s?\b[^()]{0,80}\)|"
    r"(?:credit|photograph|photo|image|picture)s?\s*(?::|by|\.\.\.)\s*[^.]{1,60}|"
    r"/\s*(?:getty(?: images)?|ap|afp|reuters|epa|shutterstock)|"
    r"\b(?:getty images|ap photo|afp photo))\W{0,3}$",
    regex.I,
)
_CTA = compiled_regex.compile(
    r"\b(?:sign (?:up|in)|subscribe|log ?in|follow us|join us|click (?:here|to|the)|"
    r"download (?:the|our|it)|learn more|read more|find out more|contact us|e-?mail us|newsletters?|"
    r"your inbox|to (?:post|leave) a comment|"
    r"comments? (?:are|is) (?:closed|moderated)|all rights reserved|terms of (?:use|service)|privacy policy|"
    r"cookies?|if you (?:buy|purchase|click)|affiliate|commission|become (?:a|our) (?:member|subscriber)|"
    r"support (?:us|our)|donate|your browser|javascript|advertisement)\b",
    regex.I,
)
# A literal that each alternative of _CTA contains: most paragraphs hold none, and a
# substring test is far cheaper than the regex.
_CTA_LITERALS = tuple(
    (
        "sign up|sign in|subscribe|log in|login|follow us|join us|click here|click to|click the|"
        "download the|download our|download it|learn more|read more|find out more|contact us|"
        "mail us|newsletter|your inbox|a comment|comments are|comments is|comment is|comment are|"
        "rights reserved|terms of use|terms of service|privacy policy|cookie|if you buy|"
        "if you purchase|if you click|affiliate|commission|become a |become our|support us|"
        "support our|donate|your browser|javascript|advertisement"
    ).split("|")
)


def _has_cta(text: str) -> bool:
    low = text.lower()
    return any(t in low for t in _CTA_LITERALS) and bool(_CTA.search(text))


_BIO = compiled_regex.compile(
    r"\b(?:is|was) (?:an?|the) (?:[\p{L}-]+ ){0,4}"
    r"(?:writer|reporter|editor|correspondent|journalist|contributor|columnist|author|producer|intern)\b"
    r"|\bcontributed (?:to )?this (?:report|story|article)\b",
    regex.I,
)
_RELATED = compiled_regex.compile(
    r"^(?:[•·>*-]\s*)?(?:related|read (?:more|also|next)|more|see also|also (?:read|see)|recommended|"
    r"watch|listen|trending|popular|latest|up next|more on this|you may also like|more from)"
    r"\b[^.]{0,40}(?::|$)",
    regex.I,
)

_RELATED_OPEN = compiled_regex.compile(
    r"^(?:[•·>*-]\s*)?(?:see also|read also|also read|also see|related|read more|more on this|recommended|"
    r"you may also like|more stories|more news|don't miss|must read)\b",
    regex.I,
)
_SITE_NOTICE = compiled_regex.compile(
    r"\b(?:browser|javascript|plug-?in|ad ?blocker|this website|our website|this page)\b",
    regex.I,
)
# The page speaking about itself: browsers, cookies, captchas, pop-ups, ad blockers, media
# players, logging in, the site and its pages. News copy names these rarely, and then not to
# the reader.
_SITE_UI = compiled_regex.compile(
    r"\b(?:browsers?|javascript|cookies?|re-?captcha|captcha|pop-?ups?|ad-?blockers?|plug-?ins?|"
    r"web ?sites?|webpages?|(?:our|your) (?:site|page|app)|this (?:page|website)|"
    r"font size|https?|unsubscribe|media player|log(?:ged)? in)\b|\.(?:gov|com|org|net)\b",
    regex.I,
)
# Bullets and arrows that open a list item or a menu entry.
_LEAD = compiled_regex.compile(r"^(?:[•·»›>*+×▸▶►◦‣–—-]\s*)+(?=\S)")
# Words run together where the page's layout separated them: "NewsWorld", "UKToday", "inPrivacy".
_RUN_TOGETHER = compiled_regex.compile(r"\p{Ll}{2}\p{Lu}\p{Ll}|\p{Lu}{2}\p{Lu}\p{Ll}{2}|\p{Ll}\p{Lu}{3,}")
# A paragraph's opening label: up to five words and a colon, then a capital.
_LABEL_PREFIX = compiled_regex.compile(r"^(?P<label>[^\s:\"“”]+(?:[ \t]+[^\s:\"“”]+){0,4}:)[ \t]+(?=\p{Lu})")
# The data lines of a results or fact box: a figure alone, a fixture, a scorer and minute,
# a name and its team or country. News copy, not furniture, however short.
_DATA_LINE = compiled_regex.compile(
    r"^(?:[\d][\d,.:%/ -]*|"
    r"\p{Lu}[\p{L}.'& -]{1,40}(?: or \p{Lu}[\p{L}.'& -]{1,40})? v \p{Lu}[\p{L}.'& -]{1,40}|"
    r"(?:\p{Lu}[\p{L}'-]+ ){0,2}\p{Lu}[\p{L}'-]+ \d{1,3}(?: og| pen)?"
    r"(?:, \p{Lu}[\p{L}'-]+ \d{1,3}(?: og| pen)?)*|"
    r"(?:\p{Lu}[\p{L}'.-]* ){1,3}\(\p{Lu}[\p{L} ]{2,30}\))\.?$"
)
_PLEASE = compiled_regex.compile(r"\bplease\b", regex.I)
# A sentence after the first that opens with an instruction ("... Update it to go on.")
_SENTENCE_OPEN = compiled_regex.compile(r"[.!?]\s+(\p{L}[\p{L}'’-]*)")
_CREDIT_OPEN = compiled_regex.compile(
    r"^\(?\s*(?:photo|image|picture|video|graphic|illustration|file photo|top image|main image)s?\s*"
    r"(?:credit|source|courtesy|by|:)",
    regex.I,
)
_DATE_ONLY = compiled_regex.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)? \p{L}{3,9},? (?:19|20)\d{2}|\p{L}{3,9}\.? \d{1,2},? (?:19|20)\d{2})\b"
)

# the openings of SECOND_PERSON and FIRST_PLURAL words, and "please"
_READER_LITERALS = (" you", " we", " our", " us", "(you", "(we", "(our", "(us", "please")
SECOND_PERSON = frozenset("you your you're you’re yours yourself you'll you’ll you've you’ve".split())
FIRST_PLURAL = frozenset("we our us we're we’re ours we've we’ve".split())
IMPERATIVE = frozenset(
    """sign subscribe follow click tap share read get download join watch listen see support
    visit learn find check register log continue like leave send contact email e-mail please
    try discover explore shop buy enter view load show skip accept manage print
    don't don’t let's let’s become donate give save install enable upgrade go stay keep start
    sign-up signup scroll swipe browse search call text write tell submit report opt close open
    reload refresh update allow turn""".split()
)
REPORTING = frozenset(
    """said says say told tells added adds according reported reports announced announces stated
    states explained noted warned argued claimed insisted admitted asked confirmed denied
    believes believed suggested wrote writes""".split()
)
CHANNEL = frozenset(
    """newsletter newsletters subscribe subscribed subscription subscriber subscribers unsubscribe
    inbox app apps podcast podcasts follow share shares shared sharing cookie cookies privacy
    policy terms rights reserved copyright advertisement advertisements advertising sponsored
    promoted related recommended comments comment reply newsletter sign login log-in signup
    register registration download facebook twitter instagram youtube whatsapp telegram linkedin
    tiktok pinterest reddit email e-mail website browser click javascript video player loading
    ad ads account password trending popular premium trial offer deals exclusive alerts
    notifications bookmark print menu search homepage home topics tags tag section subscribers
    membership donate support newsletters podcasts videos photos gallery websites site pdf
    captcha recaptcha links topics""".split()
)
_PUNCT_END = ".!?…"
_SENTENCE_ENDS = tuple(_PUNCT_END)
_CLOSERS = "\"'”’)]*_"

DENSE = (
    "bias",
    "rel_pos",
    "first_block",
    "last_block",
    "near_start",
    "near_end",
    "only_block",
    "before_prose",
    "after_prose",
    "inside_prose",
    "no_prose_in_doc",
    "dist_prose_log",
    "chars_log",
    "words_log",
    "words_1",
    "words_2",
    "words_3",
    "words_4_5",
    "words_6_10",
    "words_11_20",
    "words_21_40",
    "words_41_plus",
    "ends_sentence",
    "ends_colon",
    "ends_other",
    "ends_question",
    "sentences_log",
    "starts_upper",
    "starts_lower",
    "starts_digit",
    "starts_symbol",
    "title_ratio",
    "caps_ratio",
    "all_caps",
    "digit_ratio",
    "punct_ratio",
    "url",
    "email",
    "handle",
    "hashtag",
    "copyright_sign",
    "separators",
    "second_person",
    "first_plural",
    "imperative_open",
    "imperative_you",
    "reporting_verb",
    "no_reporting_long",
    "quote_start",
    "quote_any",
    "channel_count",
    "channel_any",
    "channel_short",
    "channel_end",
    "byline",
    "credit",
    "source_line",
    "wire_credit",
    "month",
    "time",
    "ago_updated",
    "year",
    "timestamp_short",
    "credit_end",
    "cta_phrase",
    "cta_phrase_long",
    "bio",
    "related_label",
    "related_open",
    "site_notice",
    "source_end",
    "glued_many",
    "dateline",
    "caps_place",
    "correction",
    "repeat_block",
    "repeat_headline",
    "headline_shape",
    "headline_shape_first",
    "headline_candidate",
    "lead_prose",
    "glued_words",
    "prev_words_log",
    "next_words_log",
    "prev_short",
    "next_short",
    "prev_prose",
    "next_prose",
    "prev_missing",
    "next_missing",
    "short_run_log",
    "short_run_3",
    "short_after_prose_end",
    "short_before_prose_start",
    "prev_channel",
    "next_channel",
    "site_ui",
    "site_ui_any",
    "site_ui_reader",
    "please",
    "sentence_imperative",
    "we_you",
    "bullet",
    "bullet_title",
    "few_letters",
    "run_together",
    "run_together_3",
    "label_colon",
    "credit_open",
    "date_only",
    "prev_nonprose_inside",
    "next_nonprose_inside",
    "title_label_inside",
    "data_line",
    "short_sentence",
)
DENSE_INDEX = {name: i for i, name in enumerate(DENSE)}
N_DENSE = len(DENSE)
N_FEATURES = N_DENSE + (1 << HASH_BITS)
_MASK = (1 << HASH_BITS) - 1


def _bucket(key: str) -> int:
    return N_DENSE + (zlib.crc32(key.encode("utf-8")) & _MASK)


class _Block:
    """A block's text and what its neighbours need; the rest is worked out on demand, so
    the article's long prose paragraphs cost little."""

    __slots__ = ("text", "n", "prose", "short", "_words", "_lower", "_channel", "_site_ui")

    def __init__(self, text: str):
        self.text = text
        self.n = len(text.split())
        self.short = self.n < SHORT_WORDS
        self._words = self._lower = self._channel = self._site_ui = None
        end = text.rstrip(_CLOSERS)
        # the article's own prose: long, ending a sentence, neither an instruction to the
        # reader nor a box about the site
        self.prose = (
            self.n >= PROSE_WORDS
            and end[-1:] in _SENTENCE_ENDS
            and text.split(None, 1)[0].lower() not in IMPERATIVE
            and not _RELATED.match(text)
            and not _RELATED_OPEN.match(text)
            and not _has_cta(text)
            and not self._site_speaking()
        )

    def _site_speaking(self) -> bool:
        """A notice in which the page talks about itself to the reader (browser, cookies,
        consent, captcha): sentence-shaped, but no article's prose."""
        if self.n > 40:
            return False
        # most prose paragraphs name no reader: a substring test spares them the regexes
        padded = f" {self.text.lower()} "
        if not any(w in padded for w in _READER_LITERALS):
            return False
        if not _SITE_UI.search(self.text) or _QUOTE_ANY.search(self.text):
            return False
        if any(x in REPORTING for x in self.lower):
            return False
        reader = any(x in SECOND_PERSON or x in FIRST_PLURAL for x in self.lower)
        return reader or bool(_PLEASE.search(self.text))

    @property
    def site_ui(self) -> int:
        if self._site_ui is None:
            self._site_ui = len(_SITE_UI.findall(self.text))
        return self._site_ui

    @property
    def words(self) -> list[str]:
        if self._words is None:
            self._words = _WORD.findall(self.text)
        return self._words

    @property
    def lower(self) -> list[str]:
        if self._lower is None:
            self._lower = [w.lower().strip(".'’") for w in self.words]
        return self._lower

    @property
    def channel(self) -> int:
        if self._channel is None:
            self._channel = sum(1 for w in self.lower if w in CHANNEL)
        return self._channel


def features(
    texts: list[str], skip_prose: bool = False, skip_headline: bool = False
) -> list[dict[int, float] | None]:
    """Sparse feature vectors ({index: value}) of the blocks of one article, in order.
    None instead for the article's prose paragraphs (``skip_prose``) and for a headline
    without furniture's marks (``skip_headline``), which are never reported."""
    blocks = [_Block(t) for t in texts]
    n = len(blocks)
    prose = [i for i, b in enumerate(blocks) if b.prose]
    first_prose = prose[0] if prose else None
    last_prose = prose[-1] if prose else None
    counts: dict[str, int] = {}
    norms = [" ".join(t.lower().split()) for t in texts]
    for s in norms:
        if s:
            counts[s] = counts.get(s, 0) + 1
    title = _headline_index(blocks, first_prose)
    headline = set(blocks[title].lower) if title is not None else (set(blocks[0].lower) if n else set())
    # runs of short blocks: length of the run each block is in
    run = [0] * n
    i = 0
    while i < n:
        j = i
        while j < n and blocks[j].short:
            j += 1
        for k in range(i, j):
            run[k] = j - i
        i = j + 1 if j == i else j
    out: list[dict[int, float] | None] = []
    for i, b in enumerate(blocks):
        if (skip_prose and b.prose) or (skip_headline and i == title and not _furniture(b)):
            out.append(None)
            continue
        f: dict[int, float] = {}

        def on(name: str, value: float = 1.0, f: dict[int, float] = f) -> None:
            if value:
                f[DENSE_INDEX[name]] = float(value)

        text = b.text
        on("bias")
        on("rel_pos", i / (n - 1) if n > 1 else 0.0)
        on("first_block", i == 0)
        on("last_block", i == n - 1)
        on("near_start", i < 3)
        on("near_end", n - 1 - i < 3)
        on("only_block", n == 1)
        if first_prose is None:
            on("no_prose_in_doc")
        else:
            on("before_prose", i < first_prose)
            on("after_prose", i > last_prose)
            on("inside_prose", first_prose <= i <= last_prose)
            dist = min(abs(i - p) for p in prose)
            on("dist_prose_log", math.log1p(dist) / 3)
        on("chars_log", math.log1p(len(text)) / 7)
        on("words_log", math.log1p(b.n) / 5)
        w = b.n
        on("words_1", w <= 1)
        on("words_2", w == 2)
        on("words_3", w == 3)
        on("words_4_5", 4 <= w <= 5)
        on("words_6_10", 6 <= w <= 10)
        on("words_11_20", 11 <= w <= 20)
        on("words_21_40", 21 <= w <= 40)
        on("words_41_plus", w > 40)
        end = text.rstrip(_CLOSERS)
        last = end[-1:] or " "
        on("ends_sentence", last in ".!…")
        on("ends_question", last == "?")
        on("ends_colon", last == ":")
        on("ends_other", last not in ".!?…:")
        on("sentences_log", math.log1p(len(regex.findall(r"[.!?][\"”’]?\s+\p{Lu}", text))) / 3)
        first = text[:1]
        on("starts_upper", first.isupper())
        on("starts_lower", first.islower())
        on("starts_digit", first.isdigit())
        on("starts_symbol", bool(first) and not first.isalnum() and not _QUOTE_START.match(text))
        nw = len(b.words)
        caps = 0
        if nw:
            caps = sum(1 for x in b.words if x[:1].isupper())
            on("title_ratio", caps / nw)
            upper = sum(1 for x in b.words if len(x) > 1 and x.isupper())
            on("caps_ratio", upper / nw)
            on("all_caps", nw >= 2 and upper == sum(1 for x in b.words if len(x) > 1 and x[:1].isalpha()))
        letters = sum(1 for c in text if c.isalnum()) or 1
        on("digit_ratio", sum(1 for c in text if c.isdigit()) / letters)
        on("punct_ratio", min(1.0, sum(1 for c in text if not c.isalnum() and not c.isspace()) / letters * 3))
        on("url", bool(_URL.search(text)))
        on("email", bool(_EMAIL.search(text)))
        on("handle", bool(_HANDLE.search(text)))
        on("hashtag", bool(_HASHTAG.search(text)))
        on("copyright_sign", "©" in text or "(c)" in text.lower())
        on("separators", min(3, len(_SEPARATOR.findall(text))) / 3)
        lw = b.lower
        you = any(x in SECOND_PERSON for x in lw)
        on("second_person", you)
        on("first_plural", any(x in FIRST_PLURAL for x in lw))
        imperative = bool(lw) and lw[0] in IMPERATIVE
        on("imperative_open", imperative)
        on("imperative_you", imperative and you)
        reporting = any(x in REPORTING for x in lw)
        on("reporting_verb", reporting)
        on("no_reporting_long", b.n >= 10 and not reporting)
        on("quote_start", bool(_QUOTE_START.match(text)))
        on("quote_any", bool(_QUOTE_ANY.search(text)))
        on("channel_count", min(b.channel, 4) / 4)
        on("channel_any", b.channel > 0)
        on("channel_short", b.channel > 0 and b.n <= 12)
        on("channel_end", b.channel > 0 and last_prose is not None and i > last_prose)
        core = _LEAD.sub("", text)  # without a list bullet or menu arrow
        on("byline", bool(_BYLINE.match(core)))
        on("credit", bool(_CREDIT.search(text)))
        on("source_line", bool(_SOURCE.match(core)))
        on("wire_credit", bool(_WIRE_CREDIT.search(text)))
        month = bool(_MONTH.search(text))
        time = bool(_TIME.search(text))
        on("month", month)
        on("time", time)
        on("ago_updated", bool(_AGO.search(text)))
        on("year", bool(_YEAR.search(text)))
        on("timestamp_short", (month or time) and b.n <= 12)
        on("credit_end", bool(_CREDIT_END.search(text)))
        cta = len(_CTA.findall(text))
        on("cta_phrase", min(cta, 3) / 3)
        on("cta_phrase_long", cta > 0 and b.n >= 15)
        on("bio", bool(_BIO.search(text)))
        on("related_label", bool(_RELATED.match(core)))
        on("related_open", bool(_RELATED_OPEN.match(core)))
        on("site_notice", bool(_SITE_NOTICE.search(text)))
        on("source_end", bool(_SOURCE.match(core)) and last_prose is not None and i > last_prose)
        on("glued_many", len(_GLUED.findall(text)) >= 2)
        on("dateline", bool(_DATELINE.match(text)))
        on("caps_place", bool(_CAPS_PLACE.match(text)))
        on("correction", bool(_CORRECTION.match(text)))
        on("repeat_block", counts.get(norms[i], 0) > 1)
        if i != title and i > 0 and b.n >= 3 and headline:
            on("repeat_headline", len(set(lw) & headline) / len(set(lw) | headline) >= 0.6)
        headline_shape = 3 <= b.n <= 20 and last not in ".:" and b.channel == 0
        on("headline_shape", headline_shape)
        on("headline_shape_first", headline_shape and i == 0)
        on("headline_candidate", i == title)
        on("lead_prose", b.prose and first_prose == i)
        on("glued_words", bool(regex.search(r"\p{Ll}\p{Lu}\p{Ll}", text)))
        for side, other in (
            ("prev", blocks[i - 1] if i > 0 else None),
            ("next", blocks[i + 1] if i + 1 < n else None),
        ):
            if other is None:
                on(f"{side}_missing")
                continue
            on(f"{side}_words_log", math.log1p(other.n) / 5)
            on(f"{side}_short", other.short)
            on(f"{side}_prose", other.prose)
            on(f"{side}_channel", other.channel > 0)
        on("short_run_log", math.log1p(run[i]) / 3)
        on("short_run_3", run[i] >= 3)
        on("short_after_prose_end", b.short and last_prose is not None and i > last_prose)
        on("short_before_prose_start", b.short and first_prose is not None and i < first_prose)
        ui = b.site_ui
        quoted = bool(_QUOTE_ANY.search(text))
        we = any(x in FIRST_PLURAL for x in lw)
        on("site_ui", min(ui, 3) / 3)
        on("site_ui_any", ui > 0)
        on("site_ui_reader", ui > 0 and (you or we) and not quoted)
        on("please", bool(_PLEASE.search(text)) and not quoted)
        on("sentence_imperative", _instruction_inside(text))
        on("we_you", we and you and not quoted)
        bullet = core != text and not text[:1].isalnum()
        on("bullet", bullet)
        on("bullet_title", bullet and last not in ".!?" and nw > 0 and caps / nw >= 0.5)
        on("few_letters", sum(1 for c in text if c.isalpha()) < 0.6 * len(text.replace(" ", "")))
        glued = len(_RUN_TOGETHER.findall(text))
        on("run_together", min(glued, 3) / 3)
        on("run_together_3", glued >= 3)
        on("label_colon", b.n <= 4 and last == ":")
        on("credit_open", bool(_CREDIT_OPEN.match(core)))
        on("date_only", b.n <= 10 and bool(_DATE_ONLY.search(text)))
        on("data_line", bool(_DATA_LINE.match(text)))
        # a short sentence of the article's own: a capital, mostly lower-case words, a full stop
        on(
            "short_sentence",
            5 <= b.n < PROSE_WORDS
            and last == "."
            and first.isupper()
            and nw > 0
            and caps / nw < 0.5
            and not ui,
        )
        if first_prose is not None and first_prose < i < last_prose:
            on("prev_nonprose_inside", not blocks[i - 1].prose)
            on("next_nonprose_inside", not blocks[i + 1].prose)
            on("title_label_inside", b.n <= 6 and last not in '.!?"”' and nw > 0 and caps / nw >= 0.5)
        _hashed(f, b, i, first_prose, last_prose)
        out.append(f)
    return out


def _instruction_inside(text: str) -> bool:
    """Whether a sentence after the first opens with an instruction to the reader."""
    return any(m.group(1).lower() in IMPERATIVE for m in _SENTENCE_OPEN.finditer(text))


def _furniture(b: _Block) -> bool:
    """Marks no headline carries: channel words, a URL, ©, the reader addressed."""
    text = b.text
    return (
        b.channel > 0
        or b.site_ui > 0
        or bool(_RUN_TOGETHER.search(text))
        or bool(_URL.search(text))
        or "©" in text
        or "(c)" in text.lower()
        or any(x in SECOND_PERSON for x in b.lower)
    )


def _headline_index(blocks: list[_Block], first_prose: int | None) -> int | None:
    """The block that reads as the headline: the first block when it has a headline's shape,
    else the nearest such block of four words or more just above the first prose paragraph."""

    def shaped(b: _Block, least: int) -> bool:
        end = b.text.rstrip(_CLOSERS)[-1:]
        text = b.text
        return (
            least <= b.n <= 25
            and end not in ".:"
            and b.channel == 0
            and (text[:1].isupper() or text[:1].isdigit() or bool(_QUOTE_START.match(text)))
            and not _CTA.search(text)
            and not _BYLINE.match(_LEAD.sub("", text))
            and not _URL.search(text)
            and not _SITE_UI.search(text)
            and not _RUN_TOGETHER.search(text)
            and not _DATE_ONLY.search(text)
            and sum(1 for w in b.words if len(w) > 2 and w[:1].isalpha()) >= 2
        )

    if blocks and shaped(blocks[0], 3) and (first_prose is None or first_prose <= 3):
        return 0
    if first_prose is None:
        return None
    for i in range(first_prose - 1, max(-1, first_prose - 5), -1):
        if shaped(blocks[i], 4) and not _MONTH.search(blocks[i].text):
            return i
    return None


def _hashed(f: dict[int, float], b: _Block, i: int, first_prose, last_prose) -> None:
    # Only the opening and the end of a block: that is where furniture shows itself, and
    # it keeps the cost of a long paragraph flat.
    lw = b.lower[:24]
    where = "m" if first_prose is None else ("b" if i < first_prose else "a" if i > last_prose else "i")
    size = "s" if b.n < 6 else "m" if b.n < 20 else "l"
    keys = [f"w:{x}" for x in lw]
    keys += [f"b:{x} {y}" for x, y in zip(lw, lw[1:], strict=False)]
    if lw:
        keys.append(f"f:{lw[0]}")
        keys.append(f"fp:{where}{size}:{lw[0]}")
        keys.append(f"l:{b.lower[-1]}")
        if len(lw) > 1:
            keys.append(f"f2:{lw[0]} {lw[1]}")
    keys.append(f"shape:{where}{size}")
    # the shape features again, by place and size: a label ending in a colon or a run of
    # glued words means more above the article than among its paragraphs
    keys += [f"x:{where}{size}:{DENSE[k]}" for k, v in list(f.items()) if k < N_DENSE and v == 1.0 and k > 0]
    low = b.text[:60].lower()
    padded = f" {low} "
    keys += [f"c:{padded[k : k + 4]}" for k in range(len(padded) - 3)]
    for key in keys:
        idx = _bucket(key)
        f[idx] = f.get(idx, 0.0) + 1.0
    # n-gram counts as a unit vector, so long and short blocks weigh alike
    hashed = [k for k in f if k >= N_DENSE]
    norm = math.sqrt(sum(f[k] * f[k] for k in hashed)) or 1.0
    for k in hashed:
        f[k] /= norm


# -- the shipped model ---------------------------------------------------------------------

MODEL_FILE = "models/boilerplate.json"


@cache
def load_model(path: str | None = None) -> tuple[dict[int, float], array, float, dict]:
    """(dense weights by index, hashed weights, intercept, metadata) from the model file."""
    if path is None:
        from lint.datafiles.packaged import builtin_pack_dir

        path = str(builtin_pack_dir() / MODEL_FILE)
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("hash_bits") != HASH_BITS or list(data["dense"]) != list(DENSE):
        raise ValueError(f"{path}: the model was trained on other features; retrain it")
    hashed = array("f")
    hashed.frombytes(zlib.decompress(base64.b64decode(data["hashed"])))
    if len(hashed) != 1 << HASH_BITS:
        raise ValueError(f"{path}: expected {1 << HASH_BITS} hashed weights, found {len(hashed)}")
    dense = {i: float(w) for i, w in enumerate(data["dense"].values()) if w}
    return dense, hashed, float(data["intercept"]), data


def score_vector(f: dict[int, float], model) -> tuple[float, list[tuple[float, int]]]:
    """Probability that a block is boilerplate, and the dense features' contributions."""
    dense, hashed, intercept, _ = model
    z = intercept
    parts = []
    for k, v in f.items():
        if k < N_DENSE:
            c = dense.get(k, 0.0) * v
            parts.append((c, k))
        else:
            c = hashed[k - N_DENSE] * v
        z += c
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z)))), parts


def score_texts(texts: list[str], model=None) -> list[float]:
    model = model or load_model()
    return [score_vector(f, model)[0] for f in features(texts)]


# -- the check -----------------------------------------------------------------------------

# Why a block was flagged: the features behind it, in words, strongest first.
_REASONS = (
    ("cta_phrase", "a call-to-action phrase"),
    ("imperative_open", "an instruction to the reader"),
    ("second_person", "addresses the reader"),
    ("channel_any", "newsletter, social or site vocabulary"),
    ("related_label", "a related-story label"),
    ("related_open", "a related-story label"),
    ("site_notice", "a notice about the website"),
    ("source_end", "a source label"),
    ("glued_many", "words run together like a menu"),
    ("credit_end", "ends with a picture credit"),
    ("credit", "a picture or agency credit"),
    ("bio", "an author bio"),
    ("copyright_sign", "a copyright sign"),
    ("url", "a web address"),
    ("email", "an e-mail address"),
    ("handle", "a social-media handle"),
    ("byline", "a byline"),
    ("source_line", "a source label"),
    ("wire_credit", "a wire credit"),
    ("timestamp_short", "a timestamp"),
    ("repeat_block", "repeats another block"),
    ("repeat_headline", "repeats the headline"),
    ("short_run_3", "in a run of short link-like blocks"),
    ("separators", "menu separators"),
    ("all_caps", "all in capitals"),
    ("glued_words", "words run together like a menu"),
    ("ends_other", "no sentence ending"),
)

MIN_PROSE = 2  # prose paragraphs an article needs before its blocks are judged
# A label run into a prose paragraph's first words is found by its shape (none of the 11,280
# prose paragraphs of clean-news and boilerplate-lines' articles opens with one); the model
# only has to agree that the label, on a line of its own, would not read as article text.
LABEL_THRESHOLD = 0.25
MAX_WORDS = 80  # a longer block is an article paragraph, whatever its words
# Shapes an editor writes on purpose; the rule's ``keep`` names those never reported.
KEEP_SHAPES = ("dateline", "quote", "correction", "headline", "wire-credit")
DEFAULT_KEEP = ("dateline", "quote", "correction", "headline", "wire-credit")


class BoilerplateModelCheck:
    # A block a phrase rule flags is theirs: the engine drops this finding where a
    # boilerplate finding of another rule overlaps it (one finding a line).
    defers = "boilerplate"

    def __init__(self, rule, context=None):
        from lint.rule import ParamError

        self.rule = rule
        params = rule.params
        self.threshold = params.get("threshold", 0.9)
        self.edge_threshold = params.get("edge-threshold", self.threshold)
        self.top_threshold = params.get("top-threshold", self.edge_threshold)
        self.run_threshold = params.get("run-threshold", 1.0)
        for key, value in (
            ("threshold", self.threshold),
            ("edge-threshold", self.edge_threshold),
            ("top-threshold", self.top_threshold),
            ("run-threshold", self.run_threshold),
        ):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
                raise ParamError(key, f"must be a number in (0, 1], not {value!r}")
        keep = params.get("keep", DEFAULT_KEEP)
        unknown = [s for s in keep if s not in KEEP_SHAPES]
        if unknown:
            raise ParamError("keep", f"unknown shape {unknown[0]!r}; known: {', '.join(KEEP_SHAPES)}")
        self.keep = frozenset(keep)
        self.max_words = params.get("max-words", MAX_WORDS)
        try:
            self.model = load_model(params.get("model"))
        except (OSError, ValueError, KeyError) as err:
            raise ParamError("model", f"cannot load the model: {err}") from None

    def run(self, doc):
        text = doc.text
        spans = doc.paragraphs
        if not spans or doc.markup == "html":
            # HTML: the reader already keeps to the page's text elements; judging them
            # needs the DOM, which the model does not read
            return
        texts = [text[s.start : s.end] for s in spans]
        vecs = features(texts, skip_prose=True, skip_headline="headline" in self.keep)
        prose = [i for i, t in enumerate(texts) if vecs[i] is None and _Block(t).prose]
        if len(prose) < MIN_PROSE:
            return  # too little prose to be an article to judge blocks against
        scores: dict[int, tuple[float, list]] = {}
        found: set[int] = set()
        for i, (span, f) in enumerate(zip(spans, vecs, strict=True)):
            if f is None:
                continue
            block = texts[i]
            if len(block.split()) > self.max_words or self._kept(block, f, i, prose):
                continue
            if _in_table(doc, span):
                continue
            scores[i] = score_vector(f, self.model)
            if scores[i][0] >= self._threshold(f):
                found.add(i)

        # Furniture comes in runs: a block beyond the article's first or last prose
        # paragraph whose outer neighbour is furniture is judged at the lower run-threshold
        # (from the outer edge inwards, so a finding never spreads into the text), unless it
        # is a short sentence of the article's own.
        def joins(i: int, outer: int) -> bool:
            return (
                i not in found
                and outer in found
                and i in scores
                and scores[i][0] >= self.run_threshold
                and DENSE_INDEX["short_sentence"] not in vecs[i]
            )

        for i in range(prose[0]):
            if joins(i, i - 1):
                found.add(i)
        for i in range(len(spans) - 1, prose[-1], -1):
            if joins(i, i + 1):
                found.add(i)
        for i, (span, f) in enumerate(zip(spans, vecs, strict=True)):
            if f is None:
                # the article's own prose is never furniture, but a site's or agency's
                # label may have been run into its first words
                if i in prose:
                    yield from self._glued_label(texts, spans, i)
                continue
            if i not in found:
                continue
            p, parts = scores[i]
            yield self.rule.report(
                span,
                edits=(Edit(_whole_lines(text, span), ""),),
                applicability="unsafe",
                suggestions=(),
                reason=_reason(parts, f, i, len(spans), prose),
                score=f"{p:.2f}",
                text=_clip(texts[i]),
            )

    def _threshold(self, f: dict[int, float]) -> float:
        if DENSE_INDEX["before_prose"] in f:
            return self.top_threshold
        return self.edge_threshold if DENSE_INDEX["after_prose"] in f else self.threshold

    def _kept(self, block, f, i, prose):
        return kept(block, f, i, prose, self.keep)

    def _glued_label(self, texts, spans, i):
        """A label the page set apart ("Harbour RadioHarbour report:") whose words the copy
        ran together, opening a prose paragraph: scored as a block of its own in place."""
        m = _LABEL_PREFIX.match(texts[i])
        if not m:
            return
        label = m.group("label")
        lw = [w.lower() for w in _WORD.findall(label)]
        if not _RUN_TOGETHER.search(label) or any(w in REPORTING for w in lw):
            return
        split = texts[:i] + [label, texts[i][m.end() :]] + texts[i + 1 :]
        f = features(split)[i]
        p, _ = score_vector(f, self.model)
        if p < LABEL_THRESHOLD:
            return
        start = spans[i].start
        yield self.rule.report(
            Span(start, start + len(label)),
            edits=(Edit(Span(start, start + m.end()), ""),),
            applicability="unsafe",
            suggestions=(),
            reason="a label run into the first words of a paragraph",
            score=f"{p:.2f}",
            text=_clip(label),
        )


def above(f: dict[int, float]) -> bool:
    """Whether a block lies above the first prose paragraph."""
    return DENSE_INDEX["before_prose"] in f


def at_edge(f: dict[int, float]) -> bool:
    """Whether a block lies above the first or below the last prose paragraph."""
    return DENSE_INDEX["before_prose"] in f or DENSE_INDEX["after_prose"] in f


def kept(block: str, f: dict[int, float], i: int, prose: list[int], keep: frozenset) -> bool:
    """Whether a block has one of the ``keep`` shapes an editor writes on purpose."""

    def on(name: str) -> bool:
        return DENSE_INDEX[name] in f

    if "dateline" in keep and (on("dateline") or on("caps_place")):
        return True
    if "quote" in keep and on("quote_start"):
        return True
    if i in prose or len(prose) < MIN_PROSE:
        # a prose paragraph; or a text without one, which is no article to judge against
        return True
    if "correction" in keep and on("correction"):
        return True
    if "wire-credit" in keep and on("wire_credit") and not on("second_person"):
        return True
    # The block that reads as the headline stays unless it carries furniture's marks.
    furniture = (
        on("channel_any")
        or on("url")
        or on("copyright_sign")
        or on("second_person")
        or on("site_ui_any")
        or on("run_together")
    )
    return "headline" in keep and on("headline_candidate") and not furniture


def _in_table(doc, span: Span) -> bool:
    """Whether a block is a table cell of a Markdown file: data, not furniture."""
    if doc.markup == "markdown":
        line = doc.position(doc.source_span(span).start).line
        return doc.source_line(line).lstrip().startswith("|")
    return False


def _reason(parts, f, i: int, n: int, prose: list[int]) -> str:
    weight = {k: c for c, k in parts}
    found = [
        (weight.get(DENSE_INDEX[name], 0.0), phrase, name)
        for name, phrase in _REASONS
        if DENSE_INDEX[name] in f
    ]
    if DENSE_INDEX["imperative_open"] in f and DENSE_INDEX["second_person"] in f:
        # an instruction that speaks to the reader: one reason, not two
        both = ("imperative_open", "second_person")
        found = [r for r in found if r[2] not in both] + [
            (float("inf"), "reader-addressed call to action", "")
        ]
    found = sorted((r for r in found if r[0] > 0), key=lambda r: -r[0])
    words = [phrase for _, phrase, _ in found[:2]] or ["reads like page furniture"]
    where = (
        "at the start of the article"
        if prose and i < prose[0]
        else "at the end of the article"
        if prose and i > prose[-1]
        else "between paragraphs of the article"
    )
    return f"{' and '.join(words)}, {where}"


def _clip(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def _whole_lines(text: str, span: Span) -> Span:
    """The block's lines with one line break, so deleting them leaves no blank line."""
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    if end != -1:
        return Span(start, end + 1)
    return Span(start - 1 if start > 0 else 0, len(text))


compile = BoilerplateModelCheck
