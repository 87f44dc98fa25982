"""Sentences a learned fluency model reads as broken, with the words that break them.

The model (lint/models/fluency.py, trained by ``python -m train.fluency``) scores each token
position of a sentence; the best position over the threshold is the finding, and the
features that weigh most there say why: a doubled word, two finite verbs in one clause,
two sentences run together, a sentence that stops short, else an unusual word order.

Parameters: ``threshold``, the model's probability above which a sentence is reported
(set it in the configuration under ``[rule-params."grammar.fluency"]``: lower finds more,
and flags more clean copy). Its findings give way to any other rule's error or warning on the same
words (``defers``): a pattern rule is the more precise of the two. It offers no fix.
"""

from __future__ import annotations

import math

from lint.diagnostics import Span
from lint.text.sentence_facts import MAX_SENTENCE, sentence_facts

WHY = {
    "doubled word": "doubled word",
    "two finite verbs": "two finite verbs",
    "repeated word": "a word repeated",
    "run together": "two sentences run together",
    "sentence ends early": "the sentence stops short",
    "word order": "unusual word order",
}


class FluencyCheck:
    defers = True  # the engine drops a finding another rule's error or warning overlaps

    def __init__(self, rule, context=None):
        from lint.models import fluency

        self.rule = rule
        self.model = fluency.shipped()
        p = rule.params.get("threshold")
        if p is None:
            self.threshold = self.model.threshold
        else:
            p = min(max(float(p), 1e-9), 1 - 1e-9)
            self.threshold = math.log(p / (1 - p))
        self.min_words = rule.params.get("min_words", 5)

    def run(self, doc):
        from lint.models.fluency import score_sentence

        text = doc.text
        whole = {(p.start, p.end) for p in doc.paragraphs}
        for s in sentence_facts(doc):
            if len(s.words) < self.min_words or s.span.end - s.span.start > MAX_SENTENCE:
                continue
            sentence = text[s.span.start : s.span.end]
            if (s.span.start, s.span.end) in whole and not sentence.rstrip("\"'”’)").endswith(
                (".", "!", "?")
            ):
                continue  # a headline, caption or byline: a line of its own, not a sentence
            verdict = score_sentence(self.model, sentence, above=self.threshold)
            if verdict is None:
                continue
            span = Span(s.span.start + verdict.start, s.span.start + verdict.end)
            if doc.is_protected(span):
                continue
            # No fix: the model cannot be sure of one. A doubled word or glued sentences
            # have rules of their own (typos.repeated-word, punctuation) that fix them.
            yield self.rule.report(
                span,
                why=WHY.get(verdict.reason, "unusual word order"),
                text=verdict.words,
                probability=f"{1 / (1 + math.exp(-verdict.score)):.2f}",
            )


compile = FluencyCheck
