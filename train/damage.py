"""Damage clean sentences the way real copy is damaged.

Each shape takes a clean sentence (and, for the shapes that join sentences, the one after
it), returns the damaged text and the character span of the damage, or None when the
sentence has no place for it. The shapes are those copy editors see in machine-translated
and carelessly edited news: doubled words and phrases, a second finite verb ("said
stressed"), a doubled reporting clause, dropped or doubled function words and
prepositions, the verb before its subject, a moved adverb or adjective, a full stop or a
paragraph break inside a sentence, two sentences glued ("BrusselsThey will") or run
together without their full stop.
"""

from __future__ import annotations

import random
import re

from lint.models.fluency import FINITE, tokens

FUNCTION_WORDS = "the a an of to in for on at by with from that is was are were has have will and".split()
PREPOSITIONS = "of to in for on at by with from about into over after against under between".split()
# Reporting clauses to insert: drawn from the training text itself (learn_verbs), so that
# what the model learns is the place of the clause, not its words.
REPORTING: list[str] = ["he said"]
CLAUSE = re.compile(
    r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|(?:[Tt]he\s+)?[A-Za-z]+) (?:said|says|added|told \w+)\b"
)
# Verbs a second finite verb is drawn from, by tag; filled from the training text.
VERBS: dict[str, list[str]] = {}
WORD = re.compile(r"\w")


def _words(toks):
    """Indices of word tokens (not punctuation)."""
    return [i for i, t in enumerate(toks) if WORD.match(t[0])]


def _insert(text: str, at: int, piece: str) -> tuple[str, tuple[int, int]]:
    """Insert ``piece`` before offset ``at`` (a word start), with a space after it."""
    return text[:at] + piece + " " + text[at:], (at, at + len(piece))


def doubled_word(s, toks, rng, nxt):
    ws = _words(toks)
    if len(ws) < 4:
        return None
    i = rng.choice(ws[1:])
    w, _t, a, b = toks[i]
    return s[:b] + " " + w + s[b:], (a, b + 1 + len(w))


def doubled_phrase(s, toks, rng, nxt):
    """A run of two to four words repeated, next to itself or elsewhere in the sentence."""
    ws = _words(toks)
    if len(ws) < 7:
        return None
    n = rng.randint(2, 4)
    i = rng.randrange(0, len(ws) - n)
    first, last = ws[i], ws[i + n - 1]
    if last - first != n - 1:
        return None  # punctuation inside
    phrase = s[toks[first][2] : toks[last][3]]
    if rng.random() < 0.5:
        at = toks[last][3]
        return s[:at] + " " + phrase + s[at:], (toks[first][2], at + 1 + len(phrase))
    j = rng.choice(ws)
    if abs(j - first) < 2:
        return None
    return _insert(s, toks[j][2], phrase)


def second_verb(s, toks, rng, nxt):
    """A second finite verb straight after the first: "the mayor said stressed that"."""
    vs = [i for i, t in enumerate(toks) if t[1] in ("VBD", "VBZ", "VBP") and WORD.match(t[0])]
    if not vs:
        return None
    i = rng.choice(vs)
    pool = VERBS.get(toks[i][1])
    if not pool:
        return None
    v = rng.choice(pool)
    if v == toks[i][0].lower():
        return None
    b = toks[i][3]
    if rng.random() < 0.75:
        return s[:b] + " " + v + s[b:], (toks[i][2], b + 1 + len(v))
    return _insert(s, toks[i][2], v)[0], (toks[i][2], toks[i][3] + len(v) + 1)


def reporting_clause(s, toks, rng, nxt):
    """A reporting clause doubled or dropped into the middle: "she said at the end of the
    debate she said she was tired"."""
    ws = _words(toks)
    if len(ws) < 8:
        return None
    m = CLAUSE.search(s)
    clause = m.group() if m and rng.random() < 0.5 else rng.choice(REPORTING)
    at = rng.choice(ws[2:-1])
    if m and m.start() <= toks[at][2] < m.end() + 1:
        return None
    return _insert(s, toks[at][2], clause)


def dropped_function_word(s, toks, rng, nxt):
    cand = [i for i in _words(toks)[1:] if toks[i][0].lower() in FUNCTION_WORDS and i + 1 < len(toks)]
    if not cand:
        return None
    i = rng.choice(cand)
    a, b = toks[i][2], toks[i][3]
    out = s[:a] + s[b:].lstrip(" ")
    left = toks[i - 1][2]
    return out, (left, a + (toks[i + 1][3] - toks[i + 1][2]))


def extra_function_word(s, toks, rng, nxt):
    """A preposition or function word added, or a preposition of the sentence repeated
    later ("of which ... spoke of")."""
    ws = _words(toks)
    if len(ws) < 5:
        return None
    at = rng.choice(ws[1:])
    preps = [toks[i][0] for i in ws if toks[i][0].lower() in PREPOSITIONS and i < at - 1]
    if preps and rng.random() < 0.5:
        word = rng.choice(preps).lower()
    else:
        word = rng.choice(PREPOSITIONS if rng.random() < 0.6 else FUNCTION_WORDS)
    if toks[at - 1][0].lower() == word:
        return None
    return _insert(s, toks[at][2], word)


def verb_subject(s, toks, rng, nxt):
    """The verb before its subject: "Likewise, says the mayor the city must"."""
    spots = []
    for i, (_w, t, _a, _b) in enumerate(toks):
        if t not in ("VBD", "VBZ", "VBP") or i == 0:
            continue
        j = i
        while j > 0 and toks[j - 1][1] in ("NNP", "NNPS", "PRP", "NN", "NNS") and i - j < 3:
            j -= 1
        if j < i and (j == 0 or toks[j - 1][1] in (",", "RB", "CC", "IN")):
            if j > 0 and toks[j - 1][1] == "DT":
                continue
            spots.append((j, i))
    if not spots:
        return None
    j, i = rng.choice(spots)
    subj = s[toks[j][2] : toks[i - 1][3]]
    verb = toks[i][0]
    a, b = toks[j][2], toks[i][3]
    if j == 0 and subj[:1].isupper() and toks[j][1] == "PRP":
        subj = subj.lower()
    if j == 0:
        verb = verb[:1].upper() + verb[1:]
    piece = verb + " " + subj
    return s[:a] + piece + s[b:], (a, a + len(piece))


def moved_modifier(s, toks, rng, nxt):
    """An adverb or adjective moved after the word it modifies, or a few words away."""
    cand = [i for i, t in enumerate(toks) if t[1] in ("RB", "JJ", "JJR", "JJS") and 0 < i < len(toks) - 2]
    if not cand:
        return None
    i = rng.choice(cand)
    w = toks[i][0]
    d = rng.choice([1, 1, 2, 3, -1, -2])
    j = i + d
    if j <= 0 or j >= len(toks) - 1 or not WORD.match(toks[j][0]):
        return None
    a, b = toks[i][2], toks[i][3]
    without = s[:a] + s[b:].lstrip(" ")
    shift = b - a + (1 if b < len(s) and s[b] == " " else 0)
    if d > 0:
        at = toks[j][3] - shift
        out = without[:at] + " " + w + without[at:]
        return out, (toks[i + 1][2] - shift, at + 1 + len(w))
    at = toks[j][2]
    out = without[:at] + w + " " + without[at:]
    return out, (at, toks[i - 1][3] + len(w) + 1)


def swapped_words(s, toks, rng, nxt):
    ws = _words(toks)
    pairs = [(ws[k], ws[k + 1]) for k in range(len(ws) - 1) if ws[k + 1] == ws[k] + 1 and ws[k] > 0]
    if not pairs:
        return None
    i, j = rng.choice(pairs)
    a, b = toks[i][2], toks[j][3]
    if toks[i][0].lower() == toks[j][0].lower():
        return None
    piece = toks[j][0] + s[toks[i][3] : toks[j][2]] + toks[i][0]
    return s[:a] + piece + s[b:], (a, b)


def stop_inside(s, toks, rng, nxt):
    """A full stop (or a paragraph break) in the middle: "3% of its sales. for the year"."""
    ws = _words(toks)
    if len(ws) < 8:
        return None
    i = rng.choice(ws[3:-2])
    a = toks[i][2]
    prev_end = toks[i - 1][3]
    if s[prev_end:a] != " ":
        return None
    nxt_word = s[a : toks[i][3]]
    if rng.random() < 0.25:
        return s[:prev_end] + "\n\n" + s[a:], (toks[i - 1][2], prev_end + 2 + len(nxt_word))
    if rng.random() < 0.5 and nxt_word[:1].islower():
        nxt_word = nxt_word[:1].upper() + nxt_word[1:]
    out = s[:prev_end] + ". " + nxt_word + s[toks[i][3] :]
    return out, (toks[i - 1][2], prev_end + 2 + len(nxt_word))


def glued(s, toks, rng, nxt):
    """Two sentences glued: the full stop and space lost ("in BrusselsThey will")."""
    if not nxt or not s.endswith(".") or not nxt[:1].isupper() or len(toks) < 2:
        return None
    last = toks[-2]
    if not last[0][:1].isalpha():
        return None
    body = s[:-1]
    return body + nxt, (last[2], len(body) + len(nxt.split(" ", 1)[0]))


def run_on(s, toks, rng, nxt):
    """Two sentences run together without their full stop: "in Asia And in Europe"."""
    if not nxt or not s.endswith(".") or not nxt[:1].isupper() or len(toks) < 2:
        return None
    body = s[:-1]
    first = nxt.split(" ", 1)[0]
    return body + " " + nxt, (toks[-2][2], len(body) + 1 + len(first))


SUBJECT_TAGS = ("DT", "PRP", "PRP$", "NNP", "NNPS", "NN", "NNS", "JJ", "CD", "POS")


def dropped_subject(s, toks, rng, nxt):
    """The subject dropped after an opening adverb or phrase and its comma: "Now, looks at
    the five" (the subject of the source language's verb form left untranslated)."""
    comma = next((i for i, t in enumerate(toks[:6]) if t[0] == ","), None)
    if comma is None or comma == 0:
        return None
    j = comma + 1
    v = j
    while v < len(toks) and toks[v][1] in SUBJECT_TAGS and v - j < 5:
        v += 1
    if v == j or v >= len(toks) or toks[v][1] not in ("VBD", "VBZ", "VBP", "MD"):
        return None
    a, b = toks[j][2], toks[v][2]
    out = s[:a] + s[b:]
    return out, (toks[comma][2], a + (toks[v][3] - toks[v][2]))


def shuffled_run(s, toks, rng, nxt):
    """A run of three to five words in another order: the word salad of a spun or machine-
    translated sentence, each word in place fluent with its neighbours or nearly."""
    ws = _words(toks)
    n = rng.randint(3, 5)
    runs = [k for k in range(1, len(ws) - n) if ws[k + n - 1] - ws[k] == n - 1]
    if not runs:
        return None
    k = rng.choice(runs)
    idx = ws[k : k + n]
    words = [toks[i][0] for i in idx]
    order = list(range(n))
    while order == sorted(order):
        rng.shuffle(order)
    a, b = toks[idx[0]][2], toks[idx[-1]][3]
    piece = " ".join(words[o] for o in order)
    if s[a:b] != " ".join(words):  # the run must be plain words and single spaces
        return None
    return s[:a] + piece + s[b:], (a, b)


SHAPES = {
    "doubled-word": doubled_word,
    "doubled-phrase": doubled_phrase,
    "second-verb": second_verb,
    "reporting-clause": reporting_clause,
    "dropped-function-word": dropped_function_word,
    "extra-function-word": extra_function_word,
    "verb-subject": verb_subject,
    "moved-modifier": moved_modifier,
    "swapped-words": swapped_words,
    "stop-inside": stop_inside,
    "glued": glued,
    "run-on": run_on,
}
# Tried and left out of the generator (python -m train.fluency --extra-shapes): with them
# the model found fewer of every other shape and none of the dropped subjects (README).
EXTRA_SHAPES = {
    "dropped-subject": dropped_subject,
    "shuffled-run": shuffled_run,
}


def learn_verbs(sentences, limit=400):
    """The commonest finite verbs of each tag in the training text."""
    from collections import Counter

    counts = {"VBD": Counter(), "VBZ": Counter(), "VBP": Counter()}
    for s in sentences:
        for w, t, _a, _b in tokens(s):
            if t in counts and w.isalpha() and w.islower():
                counts[t][w] += 1
    for t, c in counts.items():
        VERBS[t] = [w for w, _ in c.most_common(limit)]
    clauses = Counter(m.group() for s in sentences for m in CLAUSE.finditer(s))
    REPORTING[:] = [c for c, _ in clauses.most_common(2000)] or REPORTING


def damage(sentence: str, next_sentence: str | None, shape: str, rng: random.Random):
    """(damaged text, (start, end) of the damage) or None."""
    toks = tokens(sentence)
    if len(toks) < 4:
        return None
    try:
        out = {**SHAPES, **EXTRA_SHAPES}[shape](sentence, toks, rng, next_sentence)
    except (IndexError, ValueError):
        return None
    if out is None or out[0] == sentence:
        return None
    text, (a, b) = out
    if not (0 <= a < b <= len(text)):
        return None
    return text, (a, b)


__all__ = ["EXTRA_SHAPES", "SHAPES", "damage", "learn_verbs", "FINITE"]
