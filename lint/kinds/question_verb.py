"""A question with a second finite verb after its subject: "Why is the first reaction of
the members is anger?", "Why do many readers' first reaction is fear?".

A question puts its auxiliary (``auxiliaries``: is, do, did...) before the subject; what
follows the subject is then a bare verb ("Why do members react"), not a second finite one.
Machine translation from languages that mark a question by a particle keeps the
statement's verb as well. The shape: a question word (``openers``), its auxiliary, a noun
phrase of at most ``max_subject`` words with a noun or pronoun in it (determiners,
adjectives, numbers, possessives, "of"), and straight after it one of ``verbs``. A clause
word between them ("Why is it that prices are high?", "What is the reason it was late?")
breaks the noun phrase, and neither a pseudo-cleft ("What is fun is ...": "what" and a
form of "be") nor a relative clause ("the people who are members are ...": the question
word straight after a noun or pronoun) is a question, so none is flagged. No fix: which verb
to keep is the writer's call.
"""

from __future__ import annotations

import regex

from lint.datafiles import compiled_regex
from lint.diagnostics import Span
from lint.rule import ParamError
from lint.text.sentence_facts import MAX_SENTENCE, sentence_facts
from lint.text.tagger import tag, with_offsets

NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})
# What a subject noun phrase is made of, besides its nouns.
PHRASE = NOUNS | {"DT", "JJ", "JJR", "JJS", "POS", "PRP$", "CD"}
_POSSESSIVE = frozenset({"'", "’", "'s", "’s"})
_BE = frozenset({"is", "are", "was", "were"})


class QuestionVerbCheck:
    def __init__(self, rule, context=None):
        p = rule.params
        self.rule = rule
        for key in ("openers", "auxiliaries", "verbs"):
            if not p.get(key):
                raise ParamError(key, f"question-verb needs its {key}")
        self.openers = frozenset(w.lower() for w in p["openers"])
        self.auxiliaries = frozenset(w.lower() for w in p["auxiliaries"])
        self.verbs = frozenset(w.lower() for w in p["verbs"])
        self.max_subject = int(p.get("max_subject", 8))
        # Cheap test before tagging: a question word straight before an auxiliary.
        words = "|".join(map(regex.escape, sorted(self.openers)))
        auxiliaries = "|".join(map(regex.escape, sorted(self.auxiliaries)))
        self._candidate = compiled_regex.compile(rf"(?i)\b(?:{words})\s+(?:{auxiliaries})\b")

    def run(self, doc):
        text = doc.text
        for s in sentence_facts(doc):
            start, end = s.span.start, s.span.end
            if end - start > MAX_SENTENCE or not self._candidate.search(text, start, end):
                continue
            sentence = text[start:end]
            for a, b, verb in self._second_verbs(with_offsets(sentence, tag(sentence))):
                span = Span(start + a, start + b)
                if not doc.is_protected(span):
                    yield self.rule.report(span, text=sentence[a:b], verb=verb)

    def _second_verbs(self, toks):
        """(start, end, second verb) of each run from a question word to its second verb."""
        words = [t[0].lower() for t in toks]
        n = len(toks)
        for i in range(n - 3):
            if words[i] not in self.openers or words[i + 1] not in self.auxiliaries:
                continue
            if words[i] == "what" and words[i + 1] in _BE:
                continue  # a pseudo-cleft: "What is a shame is that ..."
            if i > 0 and (toks[i - 1][1] in NOUNS or toks[i - 1][1] in ("DT", "CD")):
                continue  # a relative clause: "the people who are members are ..."
            j, noun = i + 2, False
            while j < n and j - i - 2 < self.max_subject:
                tag_ = toks[j][1]
                if tag_ in PHRASE or toks[j][0] in _POSSESSIVE or (words[j] == "of" and j > i + 2):
                    noun = noun or tag_ in NOUNS
                    j += 1
                    continue
                break
            if noun and j < n and j > i + 2 and words[j] in self.verbs:
                yield toks[i][2], toks[j][3], toks[j][0]


compile = QuestionVerbCheck
