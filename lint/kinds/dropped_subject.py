"""A sentence that lost its subject after its opening adverb or phrase: "However, was the
strongest result in years", "In the statement, warns that prices will rise".

Languages that drop the subject (Chinese, Spanish, Russian...) leave this behind in
machine translation, and an edit that cuts a name leaves it too. The shape: a short
opening (at most ``max_opening`` tokens, starting with an adverb, preposition or
conjunction, no verb in it, no quotation mark), its comma, and straight after it a verb
that needs a subject: one of ``verbs`` (auxiliaries and modals), or a lower-case present
tense in -s that is not an inverted reporting verb (``reporting``: "Then, say analysts,
..."). Questions are skipped ("So, is it over?"). No fix: the subject is unknown.
"""

from __future__ import annotations

from lint.datafiles import compiled_regex
from lint.diagnostics import Span
from lint.rule import ParamError
from lint.text.sentence_facts import MAX_SENTENCE, sentence_facts
from lint.text.tagger import lexicon, tag, with_offsets

OPENING_TAGS = frozenset({"RB", "RBR", "RBS", "IN", "CC"})
# Cheap tests before tagging: a comma within the first words, then a lower-case word; a
# capitalised first word in -s.
_CANDIDATE = compiled_regex.compile(r"[^,\n\"“”‘]{1,80}, \p{Ll}")
# Contractions written without their apostrophe ("Thats the point"): a subject is there.
_UNSPLIT = frozenset({"thats", "whats", "heres", "theres", "lets", "its", "hes", "shes"})
_OPENING_S = compiled_regex.compile(r"\p{Lu}\p{Ll}+s ")


class DroppedSubjectCheck:
    def __init__(self, rule, context=None):
        p = rule.params
        self.rule = rule
        if not p.get("verbs"):
            raise ParamError("verbs", "dropped-subject needs the verbs that cannot start a clause")
        self.verbs = frozenset(p["verbs"])
        self.reporting = frozenset(p.get("reporting", ()))
        self.max_opening = int(p.get("max_opening", 5))
        self.sentence_start = bool(p.get("sentence_start", False))

    def run(self, doc):
        text = doc.text
        for s in sentence_facts(doc):
            start, end = s.span.start, s.span.end
            if end - start > MAX_SENTENCE:
                continue
            if not _CANDIDATE.match(text, start, end) and not (
                self.sentence_start and _OPENING_S.match(text, start, end)
            ):
                continue
            sentence = text[start:end]
            if sentence.rstrip("\"'”’) ").endswith("?"):
                continue
            toks = with_offsets(sentence, tag(sentence))
            found = self._verb(toks)
            if found is None and self.sentence_start and s.ends_with_period:
                found = self._opening_verb(toks)
            if found is not None:
                a, b, verb = found
                span = Span(start + a, start + b)
                if not doc.is_protected(span):
                    yield self.rule.report(span, text=sentence[a:b], verb=verb)

    def _opening_verb(self, toks) -> tuple[int, int, str] | None:
        """(start, end, verb) of a first word in -s that needs a subject before it."""
        if len(toks) < 4:
            return None
        word = toks[0][0]
        low = word.lower()
        if lexicon().get(low) != "VBZ" or low in self.verbs or low in self.reporting or low in _UNSPLIT:
            return None
        nxt, pos = toks[1][0].lower(), toks[1][1]
        if nxt == "to" and toks[2][0].lower() == "be":
            return None  # "Matches to be played": a noun and its infinitive
        if nxt in ("to", "that") or pos in ("DT", "PRP$"):
            return toks[0][2], toks[0][3], word
        return None

    def _verb(self, toks) -> tuple[int, int, str] | None:
        """(start, end, verb): the opening's last word through the verb, when it has no subject."""
        comma = next((i for i, t in enumerate(toks[: self.max_opening + 1]) if t[0] == ","), None)
        if not comma or comma + 1 >= len(toks) or toks[0][1] not in OPENING_TAGS:
            return None
        if any(t[1].startswith("VB") or t[1] == "MD" for t in toks[:comma]):
            return None
        word, pos, _a, b = toks[comma + 1]
        if not word[:1].islower():
            return None
        if word in self.verbs or (pos == "VBZ" and word not in self.reporting):
            return toks[comma - 1][2], b, word
        return None


compile = DroppedSubjectCheck
