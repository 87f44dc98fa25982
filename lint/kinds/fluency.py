"""Sentences a learned fluency model reads as broken, with the words that break them.

Two models score each token position of a sentence (lint/models/): ``linear``, a logistic
regression over hashed word and tag n-grams (``python -m train.fluency``), and ``conv``
(the default), a dilated convolutional tagger that sees fifteen words on each side and adds
its score to the linear model's (``python -m train.fluency_cnn``; NumPy). The conv model
runs only on the sentences whose linear score reaches its gate (a tenth of news copy), all
of an article's at once, and is loaded when a sentence first does. The best position over
the threshold is the finding; the linear model's features that weigh most there say why: a
doubled word, two finite verbs in one clause, two sentences run together, a sentence that
stops short, else an unusual word order.

Parameters: ``model`` (``conv`` or ``linear``); ``threshold``, the model's probability
above which a sentence is reported (default: the model's own, set at 0.2% of held-out clean
sentences; in the configuration under ``[rule-params."grammar.fluency"]``: lower finds more,
and flags more clean copy). Its findings give way to any other rule's error or warning on
the same words (``defers``): a pattern rule is the more precise of the two. It offers no fix.
"""

from __future__ import annotations

import math

from lint.datafiles import compiled_regex
from lint.diagnostics import Span
from lint.rule import ParamError
from lint.text.sentence_facts import MAX_SENTENCE, sentence_facts

WHY = {
    "doubled word": "doubled word",
    "two finite verbs": "two finite verbs",
    "repeated word": "a word repeated",
    "run together": "two sentences run together",
    "sentence ends early": "the sentence stops short",
    "word order": "unusual word order",
}
MODELS = ("conv", "linear")
# "3. Pack a spare battery": a numbered item of a list, a heading without a full stop.
_LIST_ITEM = compiled_regex.compile(r"\d{1,2}[.)]\s+\p{Lu}")
_CAMEL = compiled_regex.compile(r"\p{Ll}\p{Lu}")
# The verb before its subject is English in a question ("Were they at home?") and after a
# negative opener ("Never before have we seen"): the damage the model learned is elsewhere.
_NEGATIVE_OPENER = compiled_regex.compile(
    r"(?i)\W*(?:never|rarely|seldom|nowhere|hardly|scarcely|little|nor|neither|not only|only then|not once)\b"
)
_OPENING = 4  # words: how far into the sentence an inversion starts


class FluencyCheck:
    defers = True  # the engine drops a finding another rule's error or warning overlaps

    def __init__(self, rule, context=None):
        from lint.models import fluency, fluency_cnn

        self.rule = rule
        self.kind = rule.params.get("model", "conv")
        if self.kind not in MODELS:
            raise ParamError("model", f"unknown fluency model {self.kind!r}: one of {', '.join(MODELS)}")
        self.linear = fluency.shipped()
        # The conv model's gate and threshold are read without loading it (NumPy and the
        # weights wait for the first sentence over the gate).
        meta = fluency_cnn.metadata() if self.kind == "conv" else None
        default = float(meta["threshold"]) if meta else self.linear.threshold
        p = rule.params.get("threshold")
        if p is None:
            self.threshold = default
        else:
            p = min(max(float(p), 1e-12), 1 - 1e-12)
            self.threshold = math.log(p / (1 - p))
        # The gate was set for the default threshold: under a lower one, every sentence is
        # read by the conv model.
        self.gate = (meta["gate"] if self.threshold >= default else -math.inf) if meta else None
        self.min_words = rule.params.get("min_words", 5)

    def sentences(self, doc):
        """(start, text) of each sentence the models read: long enough, not over the
        length limit, not a line of its own or a numbered item without a full stop, and
        not in capitals (a heading: the models know words in lower case)."""
        text = doc.text
        whole = {(p.start, p.end) for p in doc.paragraphs}
        items = {p.end for p in doc.paragraphs if _LIST_ITEM.match(text, p.start, p.end)}
        for s in sentence_facts(doc):
            if len(s.words) < self.min_words or s.span.end - s.span.start > MAX_SENTENCE:
                continue
            sentence = text[s.span.start : s.span.end]
            if not sentence.rstrip("\"'”’)").endswith((".", "!", "?")) and (
                (s.span.start, s.span.end) in whole or s.span.end in items
            ):
                continue  # a headline, caption, byline or list item: a line of its own
            if sum(w.isupper() for w in s.words) * 2 > len(s.words):
                continue
            yield s.span.start, sentence

    def run(self, doc):
        from lint.models import fluency

        model = self.linear
        units = []  # (start, sentence, tokens, the linear model's scores by anchor)
        for start, sentence in self.sentences(doc):
            if self.kind == "linear":
                verdict = fluency.score_sentence(model, sentence, above=self.threshold)
                if verdict is not None:
                    yield from self._report(doc, start, verdict, sentence)
                continue
            toks = fluency.tokens(sentence)
            if len(toks) >= 3:
                units.append((start, sentence, toks, model.window_scores(model.sentence_scores(toks))))
        gated = [u for u in units if max(u[3]) >= self.gate]
        if not gated:
            return
        from lint.models import fluency_cnn

        best = fluency_cnn.shipped().best([u[2] for u in gated], linear=[u[3] for u in gated], gated=False)
        for (start, sentence, toks, _), found in zip(gated, best, strict=True):
            if found is not None and found[0] > self.threshold:
                score, k = found
                verdict = fluency.explain_at(model, sentence, toks, k, score)
                yield from self._report(doc, start, verdict, sentence)

    def _report(self, doc, start: int, verdict, sentence: str):
        if verdict.reason == "word order" and _inverted_by_right(sentence, verdict.start):
            return
        span = Span(start + verdict.start, start + verdict.end)
        if doc.is_protected(span):
            return
        camel = verdict.reason == "run together" and _CAMEL.search(verdict.words)
        if camel and doc.text.count(verdict.words) > 1:
            return  # a camel-case word the article uses again is a name ("GadgetInsider")
        # No fix: the model cannot be sure of one. A doubled word or glued sentences have
        # rules of their own (typos.repeated-word, punctuation) that fix them.
        yield self.rule.report(
            span,
            why=WHY.get(verdict.reason, "unusual word order"),
            text=verdict.words,
            probability=f"{1 / (1 + math.exp(-verdict.score)):.2f}",
        )


def _inverted_by_right(sentence: str, at: int) -> bool:
    """Whether the words at ``at`` open a question or follow a negative opener, within the
    sentence's first few words, where a verb before its subject is English."""
    if len(sentence[:at].split()) >= _OPENING:
        return False
    question = sentence.rstrip("\"'”’) ").endswith("?")
    return question or bool(_NEGATIVE_OPENER.match(sentence))


compile = FluencyCheck
