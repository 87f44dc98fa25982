"""Clean English from the WMT23 general test set and the WMT21 news test set, as extra clean
training text for the fluency tagger (``python -m train.fluency_cnn --extra-wmt23 <git dir>
--extra-wmt21 <git dir>``).

Read from a git snapshot of wmt-conference/wmt23-news-systems (a bare clone: ``git show
HEAD:<path>``); nothing is copied into the repository. Only English written or translated by
people: the original English sources and the professional references into English. The
zh-en pair is left out altogether (its documents are the held-out evaluation of
mt-news-errors), and so is every system output. The en-he, en-ja, en-ru, en-uk and en-cs
sources are one file: it is read once.

The test set mixes domains (news, speech transcripts, social posts, user reviews, manuals).
Where the snapshot's xml names each document's domain (ru-en and uk-en), only the domains
asked for are kept; for the other files it is not known, so every segment goes through the
same filter as the rest: a sentence must read as edited prose (a capital or digit first, a
full stop, question or exclamation mark last, no speaker tags, links or handles, not in
capitals), the shapes the damage is measured against (cut short, starting in lower case)
being normal in chat and transcripts.

WMT21 (a snapshot of wmt-conference/wmt21-news-systems) is news only: the original English
of en-de (the en-cs, en-ru and en-zh sources are the same text) and of en-ha (en-is and
en-ja likewise), and the professional references into English of every pair but zh-en
(newstest2021 zh-en is the held-out evaluation of mt-news-errors). No document boundaries
are read: each file is one stream, filtered as above.
"""

from __future__ import annotations

import random
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from lint.models import fluency
from lint.text.sentences import paragraphs, sentences

SOURCES = ("txt/sources/generaltest2023.en-de.src.en", "txt/sources/generaltest2023.en-cs.src.en")
REFERENCES = tuple(
    f"txt/references/generaltest2023.{p}.ref.refA.en" for p in ("de-en", "ru-en", "uk-en", "ja-en", "he-en")
)
FILES = SOURCES + REFERENCES
# Per file, the xml whose refA documents give each line its document and domain (the other
# pairs' xml is not in the snapshot).
DOMAIN_XML = {
    "txt/references/generaltest2023.ru-en.ref.refA.en": "xml/wmttest2023.ru-en.all.xml",
    "txt/references/generaltest2023.uk-en.ref.refA.en": "xml/wmttest2023.uk-en.all.xml",
}
DEFAULT_DOMAINS = ("news", "voice")

WMT21_FILES = ("txt/sources/newstest2021.en-de.src.en", "txt/sources/newstest2021.en-ha.src.en") + tuple(
    f"txt/references/newstest2021.{p}.ref.A.en"
    for p in ("cs-en", "de-en", "ha-en", "is-en", "ja-en", "ru-en")
)
# What each ``--extra-<name>`` option reads, and how the record names the snapshot.
SETS = {
    "wmt23": (FILES, "wmt-conference/wmt23-news-systems (WMT23 general test set)"),
    "wmt21": (WMT21_FILES, "wmt-conference/wmt21-news-systems (WMT21 news test set)"),
}

_OPEN = "\"'“‘("
_SPEAKER = re.compile(r"\(PERSON\d*\)|\b(?:https?://|www\.)|(?:^|\s)[@#]\w")


def _show(repo: Path, path: str) -> str:
    assert "zh-en" not in path and "system-outputs" not in path, path
    return subprocess.run(
        ["git", "-C", str(repo), "show", f"HEAD:{path}"], check=True, capture_output=True
    ).stdout.decode("utf-8")


def _ref_docs(repo: Path, xml_path: str) -> list[tuple[str, str, int]]:
    """(document id, domain, number of refA segments) of each document, in file order; only
    the document attributes and the reference's segment count are read."""
    out = []
    root = ET.fromstring(_show(repo, xml_path))
    for doc in root.iter("doc"):
        refs = [r for r in doc.findall("ref") if r.get("translator") == "refA"]
        n = sum(1 for r in refs for _s in r.iter("seg"))
        out.append((doc.get("id"), doc.get("domain", ""), n))
    return out


def well_formed(s: str) -> bool:
    """A sentence of edited prose (see the module's note)."""
    s = s.strip()
    body = s.lstrip(_OPEN)
    if not body or not (body[0].isupper() or body[0].isdigit()):
        return False
    if s.rstrip("\"'”’)")[-1:] not in ".!?":
        return False
    if _SPEAKER.search(s):
        return False
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) <= 0.5 * len(letters)


@dataclass
class Extra:
    """Sentence pairs (sentence, the next one in its document or None) and what was kept."""

    commit: str
    pairs: list = field(default_factory=list)
    files: dict = field(default_factory=dict)  # file -> {"segments", "sentences", "words", "domains"}


def wmt_english(repo: Path, domains=DEFAULT_DOMAINS, files=FILES, exclude=frozenset()) -> Extra:
    """The kept sentences of ``files`` with the next sentence of the same document (for the
    damage that glues two sentences), exact repeats and ``exclude`` dropped."""
    repo = Path(repo)
    commit = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
    extra = Extra(commit)
    seen = set(exclude)
    for path in files:
        lines = _show(repo, path).split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if path in DOMAIN_XML:
            docs = _ref_docs(repo, DOMAIN_XML[path])
            assert sum(n for _d, _m, n in docs) == len(lines), (path, len(lines))
        else:
            # Document boundaries unknown: the file in its order, as one stream.
            docs = [("", "unknown", len(lines))]
        stat = {"segments": 0, "sentences": 0, "words": 0, "domains": {}}
        i = 0
        for _doc, domain, n in docs:
            segs, i = lines[i : i + n], i + n
            if domains and domain != "unknown" and domain not in domains:
                continue
            stat["segments"] += len(segs)
            sents = []
            for seg in segs:
                for p in paragraphs(seg):
                    sents += [seg[x.start : x.end] for x in sentences(seg, p)]
            for k, s in enumerate(sents):
                if len(s.split()) < 4 or not well_formed(s) or s in seen:
                    continue
                seen.add(s)
                extra.pairs.append((s, sents[k + 1] if k + 1 < len(sents) else None))
                stat["sentences"] += 1
                stat["words"] += len(s.split())
                stat["domains"][domain] = stat["domains"].get(domain, 0) + 1
        extra.files[path] = stat
    return extra


def damaged(pairs, seed: int):
    """Tokens of each clean sentence, and two damaged copies of each of two shapes drawn at
    random (``train.fluency.examples``, as for the BBC train split). ``D.learn_verbs`` must
    have been given the BBC train sentences first, so the damage draws the same verbs."""
    from train.fluency import examples

    rng = random.Random(seed)
    pairs = list(pairs)
    rng.shuffle(pairs)
    toks = [fluency.tokens(s) for s, _ in pairs]
    return toks, list(examples(pairs, rng, copies=2))
