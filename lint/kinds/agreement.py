"""Subject-verb agreement slips of the kind machine translation makes: a plural noun
with a singular verb ("The elections, which is the largest in the world, is held"), or a
singular noun with a plural verb ("The minister are expected").

Only the plainest shapes are judged, for precision: a sentence that opens with a
determiner, adjectives and the noun, then the verb at once, or the noun, a comma,
"which/who/that" and the verb of that relative clause, and the main verb after the
closing comma. Nouns that are singular in
form and plural in sense the other way round (news, politics, series) and collective
nouns that British English gives a plural verb (government, team, police) are left alone.
"""

from __future__ import annotations

import regex

from ..diagnostics import Span
from ..nlp import sentence_facts, tags

SINGULAR_VERBS = frozenset({"is", "was", "has", "does"})
PLURAL_VERBS = frozenset({"are", "were", "have", "do"})
DETERMINERS = frozenset(
    {
        "the",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "all",
        "both",
        "many",
        "several",
        "two",
        "three",
    }
)
SINGULAR_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "its", "his", "her", "every", "each"})
NOT_PLURAL = frozenset(
    """news politics economics physics mathematics series species means headquarters
    whereabouts crossroads barracks athletics gymnastics statistics ethics""".split()
)
COLLECTIVE = frozenset(
    """government team police committee council party public family staff crowd board
    club band group jury majority minority cabinet audience company couple management
    opposition press media army navy side squad union parliament electorate clergy
    people""".split()
)
_CANDIDATE = regex.compile(r"(?i)\b(?:is|was|has|does|are|were|have|do)\b")


class AgreementCheck:
    def __init__(self, rule, context=None):
        self.rule = rule

    def run(self, doc):
        text = doc.text
        for s in sentence_facts(doc):
            sentence = text[s.span.start : s.span.end]
            if not _CANDIDATE.search(sentence):
                continue
            tokens = _with_offsets(sentence, tags(sentence))
            for start, end, verb, subject in _mismatches(tokens):
                span = Span(s.span.start + start, s.span.start + end)
                yield self.rule.report(span, text=verb, subject=subject)


def _with_offsets(sentence: str, tagged: list[tuple[str, str]]) -> list[tuple[str, str, int, int]]:
    out, cursor = [], 0
    for word, tag in tagged:
        at = sentence.find(word, cursor)
        if at < 0:
            continue
        out.append((word, tag, at, at + len(word)))
        cursor = at + len(word)
    return out


def _mismatches(tokens):
    n = len(tokens)
    for i, (word, tag, _, _) in enumerate(tokens):
        low = word.lower()
        if tag == "NNS" and low not in NOT_PLURAL and _determined(tokens, i, DETERMINERS):
            j = i + 1
            if j + 2 < n and tokens[j][0] == "," and tokens[j + 1][0].lower() in ("which", "who", "that"):
                verb = tokens[j + 2]
                if verb[0].lower() in SINGULAR_VERBS:
                    yield verb[2], verb[3], verb[0], word
                close = next((k for k in range(j + 2, n) if tokens[k][0] == ","), None)
                if close is not None and close + 1 < n and tokens[close + 1][0].lower() in SINGULAR_VERBS:
                    verb = tokens[close + 1]
                    yield verb[2], verb[3], verb[0], word
            elif j < n and tokens[j][0].lower() in SINGULAR_VERBS:
                verb = tokens[j]
                yield verb[2], verb[3], verb[0], word
        elif tag == "NN" and low not in COLLECTIVE and _determined(tokens, i, SINGULAR_DETERMINERS):
            j = i + 1
            if j < n and tokens[j][0].lower() in PLURAL_VERBS and tokens[j][0].islower():
                verb = tokens[j]
                yield verb[2], verb[3], verb[0], word


def _determined(tokens, i: int, determiners: frozenset[str]) -> bool:
    """The noun opens its phrase with a determiner, only adjectives between ('the largest
    elections'), and the phrase is not the object of a preposition ('the cost of the
    elections is' agrees with 'cost')."""
    k = i - 1
    while k >= 0 and tokens[k][1] in ("JJ", "JJS", "JJR", "VBN", "CD"):
        k -= 1
    # The noun phrase must open the sentence: anywhere else it is too often the tail of a
    # modifier ("premiums quoted this week were", "captains willing to make the trip are").
    return k == 0 and tokens[k][0].lower() in determiners


compile = AgreementCheck
