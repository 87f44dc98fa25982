"""Subject-verb agreement slips of the kind machine translation makes: "The number of
migrants … have risen", "The elections, which is the largest in the world, are held",
"One of the suspects were arrested", "There is growing fears".

Only a sentence's opening subject is judged, for precision. Its head is found (the last
noun of the first noun run after a determiner and adjectives; "each", "one", "every one"
are singular; "most of the X" takes the number of X), then the first finite verb after
it, skipping "of"-phrases and participles, and skipping a comma-delimited insertion whose
own verb ("which is") is checked against the same head. The scan stops at anything that
could start another clause or subject ("and", "that", "because", a modal, a past tense
other than was/were). Collective nouns (government, team, police) may take either verb
in British English; nouns plural in form and singular in sense (news, politics) are
left alone; so are proper names.
"""

from __future__ import annotations

import re

from lint.diagnostics import Span
from lint.text.sentence_facts import MAX_SENTENCE, sentence_facts, tags
from lint.text.tagger import lexicon, with_offsets
from lint.text.verb_shapes import verb_able

SINGULAR = frozenset({"is", "was", "has", "does"})
PLURAL = frozenset({"are", "were", "have", "do"})
DETERMINERS = frozenset(
    "the this that these those its their his her our my your all both many several two three four "
    "five some most".split()
)
NOT_PLURAL = frozenset(
    """news politics economics physics mathematics series species means headquarters
    whereabouts crossroads barracks athletics gymnastics statistics ethics""".split()
)
COLLECTIVE = frozenset(
    """government team police committee council party public family staff crowd board
    club band group jury majority minority cabinet audience company couple management
    opposition press media army navy side squad union parliament electorate clergy
    defence prosecution panel crew workforce leadership
    range variety host lot pair data trio duo quartet half quarter two-thirds
    three-quarters percent proportion rest bulk remainder total""".split()
)
# A verb that takes a clause: what follows it has a subject of its own ("Reports say the
# firm has", "Critics claim the minister is"), whatever the tagger read it as.
CLAUSE_VERBS = frozenset(
    """say claim believe maintain argue insist suggest warn think fear hope expect predict
    estimate admit acknowledge deny show reveal indicate mean allege suspect""".split()
)
# Their -s forms are verbs wherever they stand after the head: the head's own verb.
CLAUSE_VERBS_S = frozenset({"says", "claims", "believes", "insists", "argues", "warns", "maintains"})
NOMINATIVE = frozenset({"i", "he", "she", "it", "we", "they", "you"})
# "Every day 78 million messages are", "Last year 185,000 people were": a time before the subject.
TIME_NOUNS = frozenset("day week weekend month year time night morning evening season decade century".split())
_NOUN_PHRASE_START = frozenset({"CD", "DT", "NN", "NNS", "NNP", "NNPS", "PRP"})
# After the head, these make it a time or a circumstance, not the subject: "Three years
# after the bridge was opened", "Months ago the firm was".
TIME_AFTER_HEAD = frozenset({"after", "before", "ago", "later", "earlier"})
STOP = frozenset(
    """and or nor but that because if when while as where whereas although though since
    until unless whether than""".split()
)
QUANTITIES = frozenset("dozen couple handful hundred thousand million billion few".split())
SINGULAR_PRONOUNS = frozenset({"each", "one", "neither", "either"})
PARTITIVES = frozenset({"most", "all", "some", "many", "several", "two", "three", "four", "five", "none"})
# Verbs in -s the tagger reads as plural nouns ("claims", "fears").
REPORTING_VERBS = frozenset(
    """claims fears hopes plans wants needs promises threatens vows pledges expects
    demands insists warns says believes argues agrees refuses""".split()
)
SCAN_LIMIT = 18  # tokens between the head and its verb
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")  # "the 11th annual awards"
_INSIDE_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+")  # "the song Angels", "label Factory"


class AgreementCheck:
    def __init__(self, rule, context=None):
        self.rule = rule

    def run(self, doc):
        text = doc.text
        names = None  # words the article capitalises inside a sentence, read when needed
        for s in sentence_facts(doc):
            if (
                not s.words
                or len(s.words) < 4
                or not s.ends_with_period
                or s.span.end - s.span.start > MAX_SENTENCE
            ):
                continue
            sentence = text[s.span.start : s.span.end]
            tokens = with_offsets(sentence, tags(sentence))
            if names is None and tokens and tokens[0][0][:1].isupper():
                names = frozenset(_INSIDE_CAPITAL.findall(text))
            for start, end, verb, subject in _mismatches(tokens, names or frozenset()):
                yield self.rule.report(
                    Span(s.span.start + start, s.span.start + end), text=verb, subject=subject
                )


def _number(word: str, tag: str) -> str | None:
    low = word.lower()
    if low in SINGULAR or (tag == "VBZ" and low not in PLURAL):
        return "singular"
    if low in PLURAL or tag == "VBP":
        return "plural"
    return None


def _mismatches(tokens, names: frozenset[str] = frozenset()):
    words = [t[0].lower() for t in tokens]
    n = len(tokens)
    if n < 3:
        return
    # "There is growing fears"
    if words[0] == "there" and words[1] in ("is", "was"):
        k = 2
        while k < n and tokens[k][1] in ("JJ", "VBG", "RB"):
            k += 1
        if k < n and tokens[k][1] == "NNS" and words[k] not in NOT_PLURAL:
            yield tokens[1][2], tokens[1][3], tokens[1][0], tokens[k][0]
        return
    head = _head(tokens, words)
    if head is None or (head[0] == 0 and tokens[0][0] in names):
        return  # a sentence-initial head the article writes as a name elsewhere ("Angels is")
    index, number = head
    k = index + 1
    while k < n and k - index <= SCAN_LIMIT:
        word, tag = tokens[k][0], tokens[k][1]
        low = words[k]
        if word == ",":
            close = next((j for j in range(k + 1, n) if tokens[j][0] == ","), None)
            if close is None:
                return
            # "The elections, which is": the clause is the head's only right after it
            # ("Details of the deal, which includes" is the deal's).
            if k == index + 1 and k + 2 < n and words[k + 1] in ("which", "who", "that"):
                verb = tokens[k + 2]
                if _number(verb[0], verb[1]) not in (None, number):
                    yield verb[2], verb[3], verb[0], tokens[index][0]
            k = close + 1
            continue
        if low in STOP or low in ("which", "who", "whom", "whose", ";", ":") or tag in ("MD", "WDT", "WP"):
            return
        if low in TIME_AFTER_HEAD and k == index + 1:
            return
        if low in CLAUSE_VERBS or low in NOMINATIVE:
            return
        if words[k - 1] == "to" and k != index + 1:
            return  # an infinitive ("seems to have had"): the clause's verb came before
        if word[:1].isupper() and tag.startswith("VB"):
            return  # a capitalised verb is a title's ("the song Do They Know")
        if low in CLAUSE_VERBS_S and tag == "VBZ":
            if number != "singular":  # "The opposition parties in Cambodia says the vote was"
                yield tokens[k][2], tokens[k][3], word, tokens[index][0]
            return
        if tag in ("DT", "PRP$") and tokens[k - 1][1] not in ("IN", "TO", "CC", ",", "VBG", "VBN"):
            # A noun phrase not inside a prepositional or participle phrase is another
            # clause's subject: "Most analysts maintain the dollar is", "The firm claims its rival was".
            return
        if tag == "VBD" and low not in ("was", "were"):
            return
        if k == index + 1 and (tag in ("DT", "PRP", "NNP", "NNPS") or word in ("'s", "'", "’s", "’")):
            return  # "This year the Grammys have": the first noun phrase was not the subject
        if tag in ("VBZ", "VBP") and low not in SINGULAR | PLURAL and k != index + 1:
            k += 1  # a lexical verb away from the head is too often a noun the tagger misread
            continue
        verb_number = _number(word, tag)
        if verb_number is None and k == index + 1 and tag == "NNS" and low.endswith("s"):
            verb_number = "singular"  # "Investors fears that": a verb read as a noun
        if verb_number is not None:
            if verb_number != number and not _own_subject(tokens, index, k, verb_number):
                yield tokens[k][2], tokens[k][3], word, tokens[index][0]
            return
        k += 1


_NOUN_NUMBER = {"NN": "singular", "NNP": "singular", "NNS": "plural", "NNPS": "plural"}
# Inside a noun phrase, before its last noun.
_NOUN_PHRASE = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "CD", "DT", "PRP$", "POS"})


def _own_subject(tokens, head: int, k: int, verb_number: str) -> bool:
    """Whether the verb at ``k`` has a subject of its own straight before it, a noun phrase
    that agrees with it and is no preposition's object: an embedded clause ("Estimates of
    how many users the browser has", "The amount of data people are storing"), where the
    verb is not the head's. A noun after a preposition is the head's modifier ("Concerns
    about the deficit has"), and the verb stays the head's."""
    last = tokens[k - 1][1]
    if k - 1 <= head or _NOUN_NUMBER.get(last) != verb_number:
        return False
    start = k - 1
    while start - 1 > head and _in_noun_phrase(tokens, start - 1):
        start -= 1
    return start - 1 > head and tokens[start - 1][1] not in ("IN", "TO")


def _in_noun_phrase(tokens, i: int) -> bool:
    word, tag = tokens[i][0], tokens[i][1]
    if tag in _NOUN_PHRASE:
        return True
    # "Dell's" split at a curly apostrophe ("Dell", "’", "s"); a compound adjective read
    # as a participle ("tech-based").
    return (word == "s" and i > 0 and tokens[i - 1][1] == "POS") or (tag == "VBN" and "-" in word)


def _head(tokens, words) -> tuple[int, str] | None:
    """The subject's head noun and its number, or None when the subject is not plain."""
    offset = _quantifier_prefix(words)
    if offset:
        found = _head(tokens[offset:], words[offset:])
        return None if found is None else (found[0] + offset, found[1])
    if tokens and tokens[0][1] == "NNPS" and tokens[0][0][1:].islower():
        tokens = [(tokens[0][0], "NNS", *tokens[0][2:]), *tokens[1:]]  # a capitalised first word
    n = len(tokens)
    first = words[0]
    if first in SINGULAR_PRONOUNS and n > 1 and words[1] == "of":
        return 0, "singular"
    if first == "every" and n > 2 and words[1] == "one" and words[2] == "of":
        return 1, "singular"
    if first in PARTITIVES and n > 2 and words[1] == "of":
        for k in range(2, min(n, 8)):
            if tokens[k][1] in ("NN", "NNS"):
                if words[k] in COLLECTIVE or words[k] in NOT_PLURAL:
                    return None
                return k, "plural" if tokens[k][1] == "NNS" else "singular"
        return None
    k = 0
    if first in DETERMINERS or tokens[0][1] in ("DT", "PRP$", "CD"):
        if first in ("a", "an") and n > 2 and (words[2] == "of" or words[1] in QUANTITIES):
            return None  # "a number of", "a third of", "a dozen teenagers": the sense decides
        k = 1
    while (
        k < n
        and (tokens[k][1] in ("JJ", "JJS", "JJR", "VBN", "CD", "POS") or _ORDINAL.fullmatch(words[k]))
        or (k < n and tokens[k][1] == "NNP" and k + 1 < n and tokens[k + 1][1] in ("NN", "NNS"))
    ):
        k += 1
    if k >= n or tokens[k][1] not in ("NN", "NNS"):
        return None
    while (
        k + 1 < n
        and (
            tokens[k + 1][1] in ("NN", "NNS")
            # a capitalised name inside the compound: "Formula One teams", "Premier League clubs"
            or tokens[k][0][:1].isupper()
            and tokens[k + 1][0][:1].isupper()
            and tokens[k + 1][1] != "PRP"
        )
    ):
        if _verb_read_as_noun(tokens, words, k):
            break
        k += 1  # the last noun of a compound: "opposition parties", "crude oil"
    if k + 1 < n and tokens[k + 1][0] in ("'", "’", "'s", "’s"):
        return None  # a possessor ("the regiments' campaign group"): the head comes later
    low = words[k]
    if low in COLLECTIVE or low in NOT_PLURAL:
        return None
    if k > 0 and tokens[k][0][:1].isupper() or len(tokens[k][0]) > 1 and tokens[k][0].isupper():
        return None  # a name ("The Producers", "the RAD", "REM"): its number is its own
    if low in TIME_NOUNS and k + 1 < n and tokens[k + 1][1] in _NOUN_PHRASE_START:
        return None
    if low in ("number",) and k > 0 and words[k - 1] == "the":
        return k, "singular"
    if tokens[k][1] == "NNS" and low.endswith("us") and low not in lexicon():
        return None  # the tagger's -s rule on a word it does not know: "the coronavirus has"
    return k, "plural" if tokens[k][1] == "NNS" else "singular"


def _verb_read_as_noun(tokens, words, k: int) -> bool:
    """ "The rebels claims to", "Investors fears that": after a plural noun, a verb the
    tagger took for a noun, followed by what such a verb takes."""
    if tokens[k][1] != "NNS" or k + 2 >= len(words):
        return False
    if words[k + 1] in REPORTING_VERBS and words[k + 2] in ("that", "to"):
        return True
    # "Commentators claim many have", "Investors fear the worst": a base form that is a verb
    # too, before what opens its object.
    return (
        tokens[k + 1][1] == "NN"
        and (tokens[k + 2][1] in ("DT", "PRP", "PRP$", "CD") or words[k + 2] in PARTITIVES)
        and verb_able(words[k + 1])
    )


def _quantifier_prefix(words) -> int:
    """'At least 45 people', 'More than 100 soldiers': the count does not change the head."""
    two = " ".join(words[:2])
    if two in ("at least", "more than", "fewer than", "less than", "up to") and len(words) > 3:
        return 2
    if (
        words
        and words[0] in ("about", "nearly", "almost", "some", "around")
        and len(words) > 2
        and words[1][:1].isdigit()
    ):
        return 1
    return 0


compile = AgreementCheck
