"""Finite verbs the part-of-speech lexicon cannot see, found by the shape around them.

The tagger (lint/text/tagger.py) looks each word up without context, so a verb that is more
often a noun gets the noun's tag: "Murder rates range from 15 to 150", "the ratio spikes
to 60%", "It basically embeds the blocks", and contractions with "'s" ("It's a natural
curve", "There's a big difference") lose their verb entirely. A sentence with such a verb
is not a fragment. Each shape here is a subject followed by a word that, in that place,
can only be its verb.
"""

from __future__ import annotations

from functools import cache, lru_cache

from lint.datafiles import compiled_regex

# "it's", "there's", "that's", "here's", "what's", "he's", "she's", "who's", "where's".
CONTRACTED_IS = compiled_regex.compile(
    r"(?i)\b(?:it|there|here|that|what|he|she|who|where|everything|everyone|nothing|this)['’]s\b"
)
# "The more unequal the society, the worse the performance": a comparative correlative,
# whose verb English leaves out.
CORRELATIVE = compiled_regex.compile(
    r"(?i)^\W*the\s+(?:more|less|fewer|worse|better|\w+er)\b[^,]*,\s+the\s+(?:more|less|fewer|worse|better|\w+er)\b"
)
NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS"})
# What may follow a verb straight away: a preposition, a determiner, a number, "to", an
# adverb, a pronoun, or the end of the sentence.
AFTER_VERB = frozenset({"IN", "DT", "CD", "$", "TO", "RB", "PRP", "PRP$", ".", "JJ"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "this", "that"})
# Pronouns that can only be a subject: the word after one is its verb ("I mothballed").
NOMINATIVE = frozenset({"i", "we", "they", "he", "she"})
# After an imperative's verb: its object's determiner, a possessive, a pronoun, a name or a
# number, or a particle ("Sign up for", "Check out the").
IMPERATIVE_OBJECT = frozenset({"DT", "PRP$", "PRP", "NNP", "CD", "$"})
PARTICLES = frozenset({"up", "out", "off", "down", "back", "in", "on", "over"})
APPROXIMATELY = frozenset({"about", "around", "nearly", "almost", "over", "roughly"})
# Verbs whose past tense is spelt as the base form, which the lexicon tags as a noun.
SAME_PAST = frozenset("cost forecast broadcast cut hit put set shut spread split quit bid cast".split())
PLURAL_DETERMINERS = frozenset(
    {"these", "those", "the", "many", "most", "some", "all", "our", "their", "its"}
)


# A subject's last word: a noun, a name, or a pronoun that can be one.
SUBJECT_END = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})
# What may follow a verb whose subject precedes it: what AFTER_VERB lists, a noun (its
# object: "mixes art"), a quotation mark, "and" (a second verb: "recognises and rewards");
# not the sentence's end, where two nouns are a compound ("state secrets.").
OBJECT_STARTS = (AFTER_VERB - {"."}) | {"NN", "NNS", "NNP", '"', "``", "CC"}
# What starts the object of a past tense: a determiner, a name, a number, a pronoun.
PAST_OBJECT = frozenset({"DT", "NNP", "NNPS", "CD", "PRP", "PRP$", '"', "``"})


@cache
def _inflected() -> frozenset[str]:
    """The words the lexicon reads as a past tense, participle or -ing form."""
    from lint.text.tagger import lexicon

    return frozenset(w for w, t in lexicon().items() if t in ("VBD", "VBN", "VBG"))


@lru_cache(maxsize=16384)
def verb_able(word: str) -> bool:
    """Whether a word the lexicon reads as a noun or adjective is a verb too: its past
    tense or -ing form is in the lexicon ("offer": "offered"; "mixes": "mixed"; British
    -ise as -ize: "recognises": "recognized")."""
    low = word.lower()
    if not low.isalpha() or len(low) < 3:
        return False
    stems = {low}
    if low.endswith("ies"):
        stems.add(low[:-3] + "y")
    elif low.endswith(("ses", "xes", "zes", "ches", "shes")):
        stems |= {low[:-2], low[:-1]}
    elif low.endswith("s") and not low.endswith("ss"):
        stems.add(low[:-1])
    stems |= {st[:-3] + "ize" for st in stems if st.endswith("ise")}
    forms = _inflected()
    for st in stems:
        base = st[:-1] if st.endswith("e") else st
        candidates = (st + "ed", st + "d", base + "ing", st + st[-1] + "ed", st[:-1] + "ied")
        if any(c in forms for c in candidates):
            return True
    return False


def hidden_verb(sentence: str, tagged: list[tuple[str, str]]) -> bool:
    if CONTRACTED_IS.search(sentence) or CORRELATIVE.search(sentence):
        return True
    if imperative(tagged) or after_nominative(tagged):
        return True
    n = len(tagged)
    for i in range(1, n - 1):
        word, t = tagged[i]
        prev_word, prev = tagged[i - 1]
        after = tagged[i + 1][1]
        if after not in AFTER_VERB:
            continue
        low = word.lower()
        # A singular subject and a word in -s read as a plural noun: "the ratio spikes to",
        # "the new law marks a", "India imports about".
        if t == "NNS" and low.endswith("s") and not low.endswith("ss"):
            if prev == "NN" and i >= 2 and tagged[i - 2][1] in ("DT", "NN", "PRP$"):
                return True
            # Farther from its determiner, or opening the sentence ("India imports about
            # 70%"), only before what a verb's object starts with: "Interest rates at" and
            # "Spending cuts of" are noun phrases.
            if (
                _object_follows(tagged, i)
                and prev in ("NN", "NNP")
                and _subject_opens(tagged, i - 1, ("NN", "NNP", "JJ", "CD"))
            ):
                return True
            if prev_word.lower() in SUBJECT_PRONOUNS or (
                prev == "RB" and i >= 2 and tagged[i - 2][0].lower() in SUBJECT_PRONOUNS
            ):
                return True
        # A singular subject and a past tense spelt as its base form: "the report forecast
        # growth", "piracy cost the industry".
        if (
            low in SAME_PAST
            and _object_follows(tagged, i)
            and prev in ("NN", "NNP")
            and _subject_opens(tagged, i - 1, ("NN", "NNP", "JJ"))
        ):
            return True
        # A plural subject and a base form read as a noun: "murder rates range from",
        # "12 million Britons now use the net".
        if t in ("NN", "VB") and low.isalpha() and not low.endswith("s"):
            j = i - 2 if prev == "RB" and i >= 2 else i - 1
            if tagged[j][1] in ("NNS", "NNPS"):
                k = j
                while k > 0 and tagged[k - 1][1] in ("NN", "NNS", "JJ", "CD"):
                    k -= 1
                opener = tagged[k - 1][0].lower() if k > 0 else ""
                if k == 0 or opener in PLURAL_DETERMINERS or tagged[k - 1][1] == "CD":
                    return True
    return noun_read_verb(tagged)


def after_nominative(tagged) -> bool:
    """After a pronoun that can only be a subject comes its verb, whatever the lexicon reads
    it as: "By 2014 I mothballed the plant", "For now, she tunes out the critics"."""
    for i in range(1, len(tagged)):
        word, t = tagged[i]
        if (
            tagged[i - 1][0].lower() in NOMINATIVE
            and word.isalpha()
            and t in ("NN", "NNS", "JJ", "VBN")
            and (word.endswith("ed") or verb_able(word))
        ):
            return True
    return False


def imperative(tagged) -> bool:
    """An instruction whose verb the lexicon reads as a noun: "Shop the winter sale",
    "Sign up for", "Contact the desk at", one after an opening phrase ("For details, visit
    our site"), or one after "please".
    A noun phrase's head is followed by "of", "for" or "in" ("Visit of the president"),
    which an imperative's verb is not."""
    for i, (word, t) in enumerate(tagged[:-1]):
        if word.lower() == "please" and tagged[i + 1][0][:1].isalpha():
            return True
        # After an opening phrase and its comma: "For the sale, visit our store".
        if (
            i >= 2
            and tagged[i - 1][1] == ","
            and t in ("NN", "VB")
            and tagged[i + 1][1] in ("DT", "PRP$")
            and verb_able(word)
        ):
            return True
    if len(tagged) < 2 or tagged[0][1] not in ("NN", "VB") or not verb_able(tagged[0][0]):
        return False
    nxt, t = tagged[1]
    return t in IMPERATIVE_OBJECT or nxt.lower() in PARTICLES


def noun_read_verb(tagged) -> bool:
    """A subject, then a word the lexicon reads as a noun, an adjective or a bare
    infinitive that is a present tense too, before what starts its object: "Funds offer an
    alternative", "A third of them read the report", "Two firms also own a chain", "The
    tale mixes art with". A form in -s needs a singular subject and no preposition after
    it; a base form a plural subject, a name or a pronoun."""
    n = len(tagged)
    for i in range(1, n - 1):
        word, t = tagged[i]
        if t not in ("NN", "NNS", "JJ", "VB") or tagged[i + 1][1] not in OBJECT_STARTS:
            continue
        j = i - 2 if tagged[i - 1][1] == "RB" and i >= 2 else i - 1
        subject_word, subject = tagged[j]
        if subject not in SUBJECT_END or not (t == "VB" or verb_able(word)):
            continue
        low = word.lower()
        if t == "NNS" or (low.endswith("s") and not low.endswith("ss")):
            # Not before a preposition: "Interest rates at 13%" is a noun phrase.
            ok = (subject in ("NN", "NNP") or subject_word.lower() in SUBJECT_PRONOUNS) and _object_follows(
                tagged, i
            )
        else:
            ok = subject in ("NNS", "NNPS", "NNP") or subject_word.lower() in ("they", "we", "you", "i")
        if ok:
            return True
    return False


def past_after_subject(tagged) -> bool:
    """A past tense the tagger reads as a participle, between its subject and its object:
    "A US court banned the firm", "A later inquiry criticised its actions" (an apposition
    has "by" or another preposition after its participle: "A decision criticised by the
    unions")."""
    for i in range(1, len(tagged) - 1):
        if tagged[i][1] != "VBN":
            continue
        j = i - 2 if tagged[i - 1][1] == "RB" and i >= 2 else i - 1
        if tagged[j][1] in SUBJECT_END and tagged[i + 1][1] in PAST_OBJECT:
            return True
    return False


def _object_follows(tagged, i: int) -> bool:
    """Whether what follows word ``i`` starts an object rather than a prepositional phrase
    ("imports about 70%" is an amount, "rates at 13%" a place on a scale), or is an
    infinitive ("plans to swap")."""
    if tagged[i + 1][1] not in ("IN", "TO"):
        return True
    if tagged[i + 1][1] == "TO":
        return i + 2 < len(tagged) and (
            tagged[i + 2][1] == "VB" or (tagged[i + 2][1] == "NN" and verb_able(tagged[i + 2][0]))
        )
    nxt = tagged[i + 1][0].lower()
    return nxt in APPROXIMATELY and i + 2 < len(tagged) and tagged[i + 2][1] == "CD"


def _subject_opens(tagged, end: int, inside: tuple[str, ...]) -> bool:
    """Whether the words up to ``end`` (of tags ``inside``) make a noun phrase that opens
    the sentence or follows a determiner or a possessive."""
    k = end
    while k > 0 and tagged[k - 1][1] in inside:
        k -= 1
    return k == 0 or tagged[k - 1][1] in ("DT", "PRP$")
