"""Sentence facts for the garble checks: words, whether a finite verb is present, how the
sentence starts, and what comes before it. Computed once per document and shared.

Part-of-speech tags are TextBlob's PatternTagger's, computed by lint/text/tagger.py from
its vendored lexicon (no download, no TextBlob at run time). Most sentences
contain a word that is always a finite verb ("is", "said", "will"...), which settles the
question without tagging; only the rest are tagged, which keeps the checks fast.
"""

from __future__ import annotations

from dataclasses import dataclass

from lint.datafiles import compiled_regex
from lint.diagnostics import Span
from lint.text.document import Document
from lint.text.sentences import LIST_LABEL
from lint.text.tagger import tag
from lint.text.verb_shapes import (
    after_nominative,
    hidden_verb,
    imperative,
    noun_read_verb,
    past_after_subject,
)

VERB_TAGS = frozenset({"VB", "VBD", "VBN", "VBP", "VBZ", "MD"})
FINITE_TAGS = frozenset({"VBD", "VBP", "VBZ", "MD"})
_APPOSITION_START = compiled_regex.compile(
    r"(?i)(?:an?|for|with|after|due to|more than|despite|following|thanks to|without)\s"
)
# Words that are finite verbs wherever they stand in news copy.
SURE_VERBS = frozenset(
    """is are was were am has have had do does did will would shall should can could may might
    must said says say told tells asked asks added adds announced announces warned warns urged
    urges called calls described claimed claims insisted explained denied reported reports
    wrote writes believes believed thinks thought expects expected remains remained became
    becomes seems seemed appears appeared""".split()
)
MAX_SENTENCE = 3_000  # characters; a longer "sentence" is a list, a table or run-on text
_WORD = compiled_regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*")
# A pronoun and a verb the tagger may read as a noun or preposition ("if you like our work"),
# or a contraction with a verb in it ("I'm", "we've", "don't").
_PRONOUN_VERB = compiled_regex.compile(
    r"(?i)\b(?:i|you|we|they|he|she|it|who)\s+(?:\w+\s+)?(?:like|want|need|know|think|see|feel|hope|love|mean|"
    r"go|get|make|take|come|look|play|work|live|believe|agree|expect|wish)s?\b"
    r"|\b\w+['’](?:m|re|ve|ll|d|s been)\b|\b\w+n['’]t\b"
)
_LETTER = compiled_regex.compile(r"\p{L}")
_LIST_LABEL = compiled_regex.compile(LIST_LABEL + r"[.)]\s+")
_CLOSING_QUOTE = compiled_regex.compile(r"[”\"’']\W*$")


@dataclass(frozen=True)
class SentenceFacts:
    span: Span
    words: tuple[str, ...]
    has_verb: bool
    starts_lower: bool
    ends_with_period: bool
    after_quote: bool  # the sentence before it, in the same paragraph, ends with a quote mark
    first_in_paragraph: bool


def tags(text: str) -> list[tuple[str, str]]:
    return tag(text)


def has_finite_verb(sentence: str, words: tuple[str, ...]) -> bool:
    if len(sentence) > MAX_SENTENCE:
        return True  # not a sentence a reader would call a fragment; tagging it costs memory
    if any(w.lower() in SURE_VERBS for w in words) or _PRONOUN_VERB.search(sentence):
        return True
    # The tagger reads a capitalised first word as a name: "Read the report." is a verb.
    first = sentence.lstrip("\"“‘'(")
    if first[:1].isupper() and words and words[0][1:].islower():
        first = first[:1].lower() + first[1:]
    tagged = tags(first)
    if _APPOSITION_START.match(first):
        # "A decision criticised by the unions.", "After two years in detention.": the
        # participle of a translated apposition is no verb; a finite one is needed.
        # Its subject's verb may be read as a noun or a participle, as elsewhere: "A US
        # judge banned the firm", "A third of them read junk e-mail".
        return (
            any(tag in FINITE_TAGS for _, tag in tagged)
            or tagged[0][1] == "VB"
            or noun_read_verb(tagged)
            or past_after_subject(tagged)
            or imperative(tagged)
            or after_nominative(tagged)
        )
    # Elsewhere any verb form but the gerund counts: the tagger often reads a past tense
    # as a participle ("The biopic led the nominations"), and a fragment has none at all.
    return any(tag in VERB_TAGS for _, tag in tagged) or hidden_verb(first, tagged)


def sentence_facts(doc: Document) -> list[SentenceFacts]:
    key = "sentence-facts"
    if key in doc.derived:
        return doc.derived[key]
    text = doc.text
    out: list[SentenceFacts] = []
    paragraph_starts = {p.start for p in doc.paragraphs}
    dateline = doc.dateline
    previous: Span | None = None
    for span in doc.sentences:
        sentence = text[span.start : span.end]
        words = tuple(_WORD.findall(sentence))
        first = span.start in paragraph_starts or (dateline is not None and span.start == dateline.end)
        after_quote = (
            not first
            and previous is not None
            and bool(_CLOSING_QUOTE.search(text, previous.start, previous.end))
            and text[previous.end - 2 : previous.end - 1] in ".!?,"
        )
        # "a. The first item": a list label, and the item starts after it.
        label = _LIST_LABEL.match(sentence)
        begin = label.end() if label else 0
        letter = _LETTER.search(sentence, begin)
        out.append(
            SentenceFacts(
                span=span,
                words=words,
                has_verb=has_finite_verb(sentence, words) if words else True,
                starts_lower=bool(letter and letter.start() == begin and letter.group().islower()),
                ends_with_period=sentence.rstrip("”\"’')").endswith("."),
                after_quote=after_quote,
                first_in_paragraph=first,
            )
        )
        previous = span
    doc.derived[key] = out
    return out
