"""Rebuild rules/harper/triggers.json: for each Harper rule newslint enables, patterns one of
which matches wherever a finding of the rule can be, so lint/kinds/harper.py sends Harper only
the sentences (and their neighbours) where some enabled rule can fire.

How the triggers are made:

1. By hand, in TRIGGERS below, from each rule's source: Harper's Weir rules and phrase
   lists (compiled into harper-py, readable in its library) and the Rust rules (read in
   Harper's repository). A trigger names what every finding needs, as narrowly as the
   source allows: ModalOf needs a modal then `of`, TheMy `the` next to a possessive, AnA
   `a` before a word that may sound like a vowel or `an` before one that may not,
   NounVerbConfusion one of its word pairs. Phrases match case-blind, with any run of
   non-word characters between their words, and prefixes where the rule accepts
   inflections; closed compounds match split at any point.
2. Check: Harper with every enabled rule runs on the whole of each probe text
   (LanguageTool's English examples, bench/data/garbled.jsonl and, from ../shared/corpora
   when present, clean-news, the mt-news-errors sentences and the boilerplate articles);
   every finding must lie in a sentence its rule's patterns match, or the script names it
   and writes nothing. bench/harper_prefilter.py then compares the findings with the
   pre-filter on and off.
3. It prints the share of clean-news the triggers send to Harper.

    python tools/harper_triggers.py [--check-only] [--articles N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "rules" / "harper" / "triggers.json"
from train import SHARED_CORPORA as SHARED  # noqa: E402 (after the path is set)

# Every enabled rule's trigger, reviewed against the rule's source (Harper's Weir rules and
# phrase lists are compiled into harper-py; the Rust rules were read in Harper's repository):
# regular expressions, one of which matches wherever one of the rule's findings can be. They
# are written wide (any inflection, any punctuation between the words) and checked on the
# probe sets below. Case matters only where the rule's own test does (AnA's initialisms).
SC = "[" + "".join(re.escape(chr(c)) for c in range(0x110000) if unicodedata.category(chr(c)) == "Sc") + "]"
B = r"(?<![^\W_])"  # a word starts here
E = r"(?![^\W_])"  # a word ends here
S = r"[\W_]+"  # what may stand between two words of a phrase


def phrase(*phrases: str) -> str:
    """Case-blind phrases: words apart by any run of non-word characters; ``~`` joins two
    parts that may also be written apart (``some~one``); a word ending in ``*`` is a prefix;
    an apostrophe stands for one non-word character (``they're``: name ``theyre`` too)."""
    out = []
    for p in phrases:
        words = []
        for w in p.split():
            w = w.replace("~", r"[\W_]*").replace("'", r"\W")
            words.append(w[:-1] + r"\w*" if w.endswith("*") else w + E)
        out.append(B + S.join(words))
    return "(?i:" + "|".join(out) + ")"


def split(*words: str) -> str:
    """A closed compound written apart at any point (``any where``, ``some-one``)."""
    alts = [w[:i] + S + w[i:] for w in words for i in range(1, len(w))]
    return "(?i:" + B + "(?:" + "|".join(alts) + "))"


def prefix(*stems: str) -> str:
    """Any word beginning with one of ``stems``."""
    return "(?i:" + B + "(?:" + "|".join(stems) + "))"


# AnA: `a` before a word Harper hears as starting with a vowel, `an` before one it does not
# (indefinite_article.rs: initialisms by their letters' names, `hour`, `honest`, `heir`,
# `herb`, `eu-`/`one`/`uni-` by sound). Only the clearly-consonant starts after `a` and the
# clearly-vowel starts after `an` stay out; the rest is sent.
_VOWEL = (
    r"(?:(?!(?:[Oo]ne|[Oo]nce)(?![a-zA-Z])|[Ee]u[rpglc])[aeioAEIO]"
    r"|[Uu](?!(?i:ni(?![nm])|s[aiue]|t(?!t)|r(?![bg])|w|k|de))[a-z])"
)
_A_VOWEL = (
    _VOWEL + r"|[FHLMNRSX](?![a-z])|[a-z](?![a-z])|[Hh](?:our|on|eir|erb)|[Xx]"
    r"|(?i:n[gv]|rz|sos|npm|mp\d|eule|led(?![a-z])|sql|url|ubi)"
)
# (a digit may stand right before: Harper reads `3a` as a number and a word; the pattern
# begins with the letter so that the scan for it is quick)
AN_A = r"[Aa](?<![^\W\d_][Aa])(?:[\W\d_]+(?:" + _A_VOWEL + r")|(?<=[Aa])[Nn][\W_]+(?!" + _VOWEL + r"))"

# AnA findings that depend on the text before them: Harper checks a capital `A` against the
# word at the same index of the whole text (not of its sentence), and stops looking for the
# rest of the text at `a`/`an` before a word it hears either way (LED, SQL, URL, ubi-).
# Where these match, the kind sends the whole chunk the whole-text run would have linted.
WHOLE_CHUNK = [
    r"A(?<![^\W\d_]A)[\W\d_]+(?:" + _A_VOWEL + ")",
    r"[Aa](?<![^\W\d_][Aa])[Nn]?[\W\d_]+(?:LED|SQL|URL|[Uu][Bb][Ii])",
]

MODALS = (
    r"(?:would|could|should|might|must|will|shall|may|can|cannot|ought|need|dare"
    r"|(?:would|could|should|might|must|need|dare|ought)n\W?t|won\W?t|wont|can\W?t|cant|shan\W?t)"
)
# after `did`: base forms that are no past form, and words that are no verb
DID_SAFE = sorted(
    set(
        "have want know think believe say make rule win see give go do expect play take mean happen "
        "stop score agree allow like offer get add need come seem keep finish appear convert comment "
        "suggest disclose deserve feel receive intend consider apply ask harm match plan talk raise "
        "require submit commit affect leave attend cause meet realise realize mind walk try return "
        "look impress guarantee die work start help exist acquire specify reply hesitate threaten "
        "deliver lift profit adjust acknowledge break alert tell find show call use become "
        "not the a an in for and that well nothing really just everything with this their all so to "
        "but on quite anything my something both even its your ever also it at of or as by from "
        "there here what which who when where why how if then than no yes too very much more "
        "i you he she we they me him her us them".split()
    )
)
POSSESSIVES = "(?:my|your|his|her|its|our|their)"
# number + wrong ordinal suffix (correct: 1st 2nd 3rd, 11th-13th, the rest th)
WRONG_SUFFIX = (
    r"1(?<!11)(?:[nN][dD]|[rR][dD]|[tT][hH])|2(?<!12)(?:[sS][tT]|[rR][dD]|[tT][hH])"
    r"|3(?<!13)(?:[sS][tT]|[nN][dD]|[tT][hH])|[123](?<=1[123])(?:[sS][tT]|[nN][dD]|[rR][dD])"
    r"|[04-9](?:[sS][tT]|[nN][dD]|[rR][dD])"
)

TRIGGERS: dict[str, list[str]] = {
    "ALongTime": [phrase("along time")],
    "APart": [phrase("a part from", "apart of", "a part")],
    "AWhile": [phrase("a while", "awhile")],
    "AccuseOf": [prefix("accus")],
    "Addicting": [prefix("addict")],
    "Ado": [prefix("adieu")],
    "AfterAll": [phrase("after~all")],
    "Albeit": [phrase("all be~it", "al be~it", "al beit", "all beit", "allbe it")],
    "AllIntentsAndPurposes": [prefix("intent", "intens", "purpos", "porpoise")],
    "AllOfASudden": [prefix("sudden")],
    "AllReady": [phrase("all ready")],
    "AllowTo": [phrase("allow* to")],
    # `7am in the morning`: the time of day it repeats
    "AmInTheMorning": [
        phrase("in the morning", "in the afternoon", "in the evening", "in the night", "at night")
    ],
    "AnA": [AN_A],
    "AnAnother": [phrase("a another", "an another")],
    "Anywhere": [split("anywhere")],
    "ApartFrom": [phrase("apart form")],
    "AsFollows": [phrase("as follow")],
    "AsOpposedTo": [phrase("as oppose to")],
    "AskNoPreposition": [
        B + r"(?i:(?:ask\w*|tell\w*|told)" + S + "to" + S + r"(?:me|you|him|her|it|us|them|one)" + E + ")"
    ],
    "AwaitFor": [phrase("await* for")],
    "BareInMind": [phrase("bare in mind")],
    "BatedBreath": [phrase("bait* breath*")],
    "BeWorried": [phrase("worry")],  # `be worry`: the lint is on `worry`
    "BeckAndCall": [phrase("back and call", "beckon call")],
    "Beforehand": [phrase("before hand")],
    "BestRegards": [phrase("beat regards")],
    "BewareOf": [prefix("bewar")],
    "BluRayHyphen": [phrase("blu ray*")],
    "ChangeTack": [phrase("tact", "tacts", "tacks")],
    "ChockFull": [r"(?i:" + B + r"(?:chalk|chok|chock|chuck)\w*[\W_]*full)"],
    "ColdModalTypo": [phrase("cold")],
    "CompoundSubjectI": [phrase("and me")],
    "ComprisesOf": [phrase("compris* of")],
    "CorrectNumberSuffix": [WRONG_SUFFIX],
    "CoursingThroughVeins": [phrase("cursing through")],
    "CureFor": [phrase("cure against", "cures against", "cured against", "curing against")],
    # symbol after the number, or apart from it, or ¥/₩ (which take a space) next to it
    "CurrencyPlacement": [r"\d\s?" + SC + "|" + SC + r"\s+\d|[¥₩₽₺฿¢]\d"],
    "DampSquib": [phrase("damp squid*")],
    "DespiteOf": [phrase("despite of")],
    # `did` (`didn't`, `did not`, a subject pronoun between) before a past form that is no
    # verb's base form: the words after `did` that are only base forms or no verb at all
    # cannot be flagged
    "DidPast": [
        B
        + r"(?i:did(?:n\W?t|[\W_]+not)?(?:[\W_]+(?:i|you|he|she|it|we|they))?[\W_]+(?!(?:"
        + "|".join(DID_SAFE)
        + r")"
        + E
        + r")[^\W_])"
    ],
    "Discuss": [phrase("discuss* about")],
    "DoMistake": [prefix("mistake")],
    "DotInitialisms": [phrase("ie", "eg")],
    "EachAndEveryOne": [phrase("each and everyone")],
    "EagleEyed": [phrase("eagle eye*")],
    "EggYolk": [phrase("egg yoke*")],
    "EludedTo": [phrase("elud* to")],
    "EverSince": [phrase("every since")],
    "Everyday": [phrase("every~day")],
    "Everywhere": [split("everywhere")],
    "ExitedExcitedContext": [phrase("exited")],
    "ExtendOrExtent": [phrase("extend")],
    "FaceFirst": [phrase("face first into")],
    "FarBeIt": [phrase("far be it")],
    "FirstAidKit": [phrase("kid*")],
    "ForALongTime": [phrase("for along time")],
    "ForNoun": [phrase("fro")],
    "GetRidOf": [phrase("rid off", "ride of*")],
    "GoodAt": [B + r"(?i:(?:good|bad|great|okay|ok)" + S + "in" + E + ")"],
    "HadOf": [phrase("had of")],
    "HalfAnHour": [phrase("half an our")],
    "HavePronoun": [
        B + r"(?i:has" + S + r"(?:i|me|my|mine|myself|we|us|our|ours|ourselves|they|them|their|theirs"
        r"|themselves|you|your|yours|yourself|yourselves|these|those)" + E + ")"
    ],
    "However": [split("however")],
    "HumanBeings": [phrase("human~s being*", "human's being*")],
    "IAmAgreement": [phrase("i are")],
    "IDo": [phrase("i does")],
    "IfWouldve": [B + r"(?i:if" + S + r"(?:[\w'’]+" + S + r"){1,8}?(?:would|had)\W*(?:have|of|ve)" + E + ")"],
    "ImitateFrom": [prefix("imitat")],
    "InsteadOf": [phrase("in stead")],
    "IveGotTo": [phrase("i've go to", "ive go to", "i ve go to")],
    "JealousOf": [prefix("jealous")],
    "JustDeserts": [phrase("just dessert*")],
    "KindSortOf": [phrase("kind if", "kind off", "sort if", "sort off")],
    "LastButNotLeast": [phrase("last* but* not")],
    "LastNight": [phrase("yesterday night")],
    "LaughOfAt": [phrase("laugh* of")],
    "LeaveToFor": [
        B
        + r"(?i:(?:leav\w*|left)"
        + S
        + "to"
        + S
        + r"(?:[\w'’.-]+"
        + S
        + r"){1,3}?(?:next|tomorrow|soon)"
        + E
        + ")"
    ],
    "Lifetime": [split("lifetime")],
    "Lots": [phrase("lot's", "a lots", "alot*")],
    "ManagerialReins": [phrase("managerial reign*")],
    "MeansALotTo": [B + r"(?i:mean\w*" + S + r"(?:a" + S + r")?a?lot" + S + "for" + E + ")"],
    "Meanwhile": [split("meanwhile")],
    "Misunderstand": [phrase("miss* underst*", "mis underst*")],
    "Misused": [phrase("miss* us*", "mis us*")],
    "ModalOf": [B + r"(?i:" + MODALS + S + "of" + E + ")"],
    "MootPoint": [phrase("mute point", "point is mute")],
    "NailOnTheHead": [phrase("nail* on the")],
    "Nothing": [split("nothing")],
    # noun/verb pairs (advice/advise, belief/believe, breath/breathe, descent/descend,
    # effect/affect, emphasis/emphasize, intent/intend, weight/weigh), each word exactly
    # (Harper's effect/affect check takes `effects` and `affects` too)
    "NounVerbConfusion": [
        phrase(
            "advice",
            "advise",
            "belief",
            "believe",
            "breath",
            "breathe",
            "descent",
            "descend",
            "effect",
            "effects",
            "effected",
            "effecting",
            "affect",
            "affects",
            "emphasis",
            "emphasise",
            "emphasize",
            "intent",
            "intend",
            "weight",
            "weigh",
        )
    ],
    "Nowadays": [phrase("now~a~day*", "nowa days")],
    "OnFirstGlance": [phrase("on first glance", "on a first glance", "on the first glance")],
    "OnceInAWhile": [phrase("once a while", "once and a while")],
    "OneAndTheSame": [phrase("one in the same")],
    "OneFellSwoop": [phrase("one foul swoop", "one fowl swoop")],
    "OutOfSync": [phrase("out of sink*")],
    "Overnight": [split("overnight")],
    "PassionateAbout": [prefix("passi", "passt")],
    "PedalToTheMetal": [phrase("to the medal")],
    "PerSe": [phrase("per~say", "per-se")],
    "PiqueInterest": [B + r"(?i:(?:peak|peek|pique)\w*" + S + r"(?:[\w'’]+" + S + r"){0,2}interest)"],
    "PlayAFactor": [phrase("play* a factor")],
    # `<pronoun> have …ing`, `<pronoun>'ve …ing`
    "ProgressiveNeedsBe": [B + r"(?i:(?:have|ve)" + S + r"\w+ing" + E + ")"],
    "QuantifierNeedsOf": [B + r"(?i:(?:couple|lot)" + S + r"(?!of" + E + r")\w)"],
    # Harper's list: ATM machine, GUI interface, PIN number, USD dollars...
    "RedundantAcronyms": [
        B
        + r"(?i:(?:atm|bwt|fft|gop|gui|lcd|llm|pcb|pin|tui|ui|usd|vin)"
        + S
        + r"(?:machine|transform|party|interface|display|model|board|number|dollar)s?"
        + E
        + ")"
    ],
    "SaveToSafe": [phrase("save to")],
    "SeamToSeem": [prefix("seam")],
    "SendAnEmailTo": [phrase("send* an e~mail", "sent an e~mail")],
    "Shortcoming": [split("shortcoming")],
    # `since` + a duration (`since six years`)
    "SinceDuration": [
        B
        + r"(?i:since"
        + S
        + r"(?:[\w'’.,-]+"
        + S
        + r"){0,3}?(?:sec|min|hour|hr|day|night|week|fortnight|month|year|yr|decade|centur"
        + r"|millenn|moment|while|time|age)\w*)"
    ],
    "SneakPeekPreview": [prefix("sneak")],
    "SomeWithoutArticle": [phrase("the some")],
    "Somehow": [split("somehow")],
    "Someone": [split("someone")],
    "Somewhere": [split("somewhere")],
    "SpinalChord": [phrase("chord*")],
    "Starving": [phrase("hungry")],
    "StatuteOfLimitations": [phrase("statue of limitation*")],
    "StrikeChord": [phrase("a cord")],
    "SubjectPronoun": [phrase("me and")],
    "SupposedTo": [phrase("suppose to")],
    "TheMy": [B + r"(?i:the" + S + POSSESSIVES + E + "|" + POSSESSIVES + S + "the" + E + ")"],
    # a comparative (`bigger`, `worse`, `less`, `more`; `rather`, `other`, `said`) then
    # `then`: the scan looks for `then` and checks the two letters before the space
    "ThenThan": [
        r"[Tt][Hh][Ee][Nn](?![^\W_])(?:"
        + "|".join(rf"(?<=(?i:er|se|ss|re|id)[\W_]{{{n}}}[Tt][Hh][Ee][Nn])" for n in (1, 2, 3))
        + ")",
        B + r"(?i:(?:more|less)" + S + r"\w+" + S + "then" + E + ")",
        phrase("now and than", "than again", "until than"),
    ],
    "ThereOwn": [phrase("there own", "they're own", "theyre own")],
    "ThesesThese": [phrase("theses")],
    "TheyreToTheir": [phrase("they're", "theyre")],
    "ThingThink": [phrase("thing")],
    "ThinkKnowOff": [B + r"(?i:(?:think\w*|thought|know\w*|knew)" + S + r"(?:\w+" + S + r")?off" + E + ")"],
    "ThrowAway": [phrase("through away", "thru away")],
    "ToBackOut": [phrase("to backout")],
    "ToLoseTooLoose": [phrase("to loose", "too lose")],
    "ToTooIdioms": [
        phrase(
            "to far", "to short", "to soon", "to much", "to big", "to good", "to fine", "it to", "too be true"
        )
    ],
    "TongueInCheek": [phrase("tongue and cheek")],
    "TrueToWord": [B + r"(?i:true" + S + "to" + S + r"[\w'’]+" + S + r"word)"],
    "UseToUsedTo": [phrase("use to")],
    "VeryKnown": [phrase("very known")],
    "VeryUnique": [phrase("unique")],
    "WasAloud": [phrase("aloud")],
    "WasComprisedOf": [phrase("comprised of")],
    "Whereas": [phrase("where as")],
    "WhetYourAppetite": [B + r"(?i:wet" + S + r"(?:[\w'’]+" + S + r")?appetite)"],
    "WinPrize": [B + r"(?i:(?:win|won)\w*" + S + r"(?:[\w'’]+" + S + r"){0,3}?pri[cs]e)"],
    "Without": [split("without")],
    "WithoutOut": [phrase("without out")],
    "WorseOrWorst": [prefix("worse", "worst")],
    "WreakHavoc": [phrase("wreck* havoc")],
    # a semicolon or accent between letters, or one of the accents at a word's end
    "WrongApostrophe": [r"[;`´\u02b9\u02ca\u0301\u2032](?<=[^\W_].)(?:(?<=;)[^\W\d_]|(?<!;))"],
    "WroughtIron": [phrase("rod iron", "rot iron", "rought iron", "wrought iron")],
}


# -- where a pattern can begin -----------------------------------------------------------
# lint/kinds/harper.py tries most patterns only where a word they can begin with starts (one
# pass over the words instead of a scan per pattern): the words are worked out here, once,
# and written beside each pattern.


def _heads(pattern: str, follows: str = "") -> list[tuple[str, bool]] | None:
    """The literal words a match of ``pattern`` can begin with, as (lower-case word, whether
    the word must end there); None when some alternative does not begin at a word's start
    with letters. ``follows`` is what comes after ``pattern`` in the pattern holding it."""
    out: list[tuple[str, bool]] = []
    for alt in _alternatives(pattern):
        for opening in ("(?i:", "(?:"):
            if alt.startswith(opening) and _closing(alt, 0) == len(alt) - 1:
                inner = _heads(alt[len(opening) : -1], follows)
                if inner is None:
                    return None
                out += inner
                break
        else:
            if not alt.startswith(B):
                return None
            rest = alt[len(B) :]
            if rest.startswith(("(?i:", "(?:")):
                close = _closing(rest, 0)
                after = rest[close + 1 :] or follows
                for inner_alt in _alternatives(rest[rest.index(":") + 1 : close]):
                    inner = _heads(B + inner_alt, after)
                    if inner is None:
                        return None
                    out += inner
                continue
            head = re.match(r"[A-Za-z]+", rest)
            if not head:
                return None
            out.append((head.group().lower(), _ends_word(rest[head.end() :] or follows)))
    return out


def _ends_word(after: str) -> bool:
    """Whether a pattern's word must end where ``after`` begins."""
    if after.startswith(E):
        return True
    for sep in (r"[\W_]", r"\W", r"\s"):
        if after.startswith(sep):
            return after[len(sep) : len(sep) + 1] not in ("*", "?", "{")
    return False


def _class_end(pattern: str, i: int) -> int:
    """The index just past the character class that opens at ``i`` ("[^]a-z]")."""
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _scan(pattern: str, start: int = 0):
    """(index, character, depth after it) of each character of ``pattern`` from ``start``
    that is not escaped or inside a character class."""
    depth, i = 0, start
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(pattern, i)
            continue
        depth += (c == "(") - (c == ")")
        yield i, c, depth
        i += 1


def _closing(pattern: str, start: int) -> int:
    """The index of the parenthesis closing the one at ``start``."""
    for i, c, depth in _scan(pattern, start):
        if c == ")" and depth == 0:
            return i
    raise ValueError(f"unbalanced: {pattern!r}")


def _alternatives(pattern: str) -> list[str]:
    """The top-level ``|`` alternatives of ``pattern``."""
    out, start = [], 0
    for i, c, depth in _scan(pattern):
        if c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


def enabled_rules() -> tuple[list[str], list[str]]:
    import yaml

    pack = yaml.safe_load((ROOT / "rules" / "backends.yaml").read_text(encoding="utf-8"))
    params = next(r for r in pack["rules"] if r["id"] == "harper")
    return list(params["enabled_rules"]), list(params.get("disabled_rules", []))


def probe_texts(articles: int) -> list[str]:
    texts = []
    examples = SHARED / "languagetool-en-examples.jsonl"
    if examples.exists():
        texts += [json.loads(line)["text"] for line in examples.open(encoding="utf-8") if line.strip()]
    garbled = ROOT / "bench" / "data" / "garbled.jsonl"
    texts += [json.loads(line)["text"] for line in garbled.open(encoding="utf-8") if line.strip()]
    news = SHARED / "clean-news"
    if news.is_dir():
        files = sorted(news.glob("*.txt"))
        texts += [p.read_text(encoding="utf-8") for p in (files[:articles] if articles else files)]
    from bench.harper_prefilter import wider

    for more in wider(SHARED).values():
        texts += more
    return texts


def check(data: dict, enabled: list[str], disabled: list[str], articles: int) -> set[str]:
    """Rules with a finding on the probe texts outside the sentences their triggers pick."""
    import harper

    from lint.kinds.harper import Triggers
    from lint.text.document import Document

    table = Triggers(data)
    lint = harper.Linter(harper.Dialect.AMERICAN)
    config = {n: n in enabled and n not in disabled for n in lint.get_default_lint_config()}
    config["SpellCheck"] = False
    lint.set_lint_config(config)
    missed: Counter = Counter()
    fired: Counter = Counter()
    for text in probe_texts(articles):
        doc = Document.from_text(text)
        starts = sorted({s.start for s in doc.sentences} | {p.start for p in doc.paragraphs})
        ends = sorted({s.end for s in doc.sentences} | {p.end for p in doc.paragraphs} | set(starts[1:]))
        for name, found in lint.organized_lints(text).items():
            if name not in table.rules:
                continue
            for f in found:
                fired[name] += 1
                a = max((s for s in starts if s <= f.span.start), default=0)
                b = min((e for e in ends if e >= f.span.end), default=len(text))
                if name not in table.fired(text[a:b], frozenset([name])):
                    missed[name] += 1
                    print(
                        f"  {name}: finding {text[f.span.start : f.span.end]!r} not triggered",
                        file=sys.stderr,
                    )
    print(f"findings checked: {sum(fired.values())} from {len(fired)} rules", file=sys.stderr)
    return set(missed)


def segments(text: str) -> list[list[str]]:
    """The pieces lint/kinds/harper.py tests for triggers, paragraph by paragraph."""
    from lint.kinds.harper import segments as cut
    from lint.text.document import Document

    doc = Document.from_text(text)
    return [[doc.text[s.start : s.end] for s in para] for para in cut(doc)]


def share(data: dict, texts: list[str]) -> str:
    """How much of ``texts`` the triggers send to Harper: the pieces they match, and with
    the pieces next to them (what lint/kinds/harper.py sends)."""
    from lint.kinds.harper import Triggers, _triggered, segments
    from lint.text.document import Document

    table = Triggers(data)
    pieces = hit = chars = sent = 0
    for text in texts:
        doc = Document.from_text(text)
        for para in segments(doc):
            pieces += len(para)
            chars += sum(s.end - s.start for s in para)
            hit += sum(table.fires(doc.text[s.start : s.end], table.rules) for s in para)
        sent += sum(len(piece) for _, piece, _ in _triggered(doc, table, table.rules))
    return (
        f"the triggers match {hit / max(1, pieces):.1%} of {pieces} sentences; "
        f"with their neighbours {sent / max(1, chars):.1%} of the text is sent to Harper"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check-only", action="store_true", help="check the committed file, write nothing")
    ap.add_argument("--articles", type=int, default=0, help="clean-news articles to probe (default: all)")
    args = ap.parse_args()
    enabled, disabled = enabled_rules()
    if args.check_only:
        data = json.loads(OUT.read_text(encoding="utf-8"))
    else:
        missing = sorted(set(enabled) - set(TRIGGERS))
        for name in missing:
            print(f"{name}: no trigger; it sees the whole text", file=sys.stderr)
        data = {
            "about": "Built by tools/harper_triggers.py: patterns one of which matches wherever a "
            "finding of each Harper rule can be. Rules not listed see the whole text.",
            "harper_py": _version(),
            "rules": {
                name: {"patterns": TRIGGERS[name], "heads": [_heads(p) for p in TRIGGERS[name]]}
                for name in sorted(enabled)
                if name in TRIGGERS
            },
            "whole_chunk": {"AnA": WHOLE_CHUNK},
        }
    missed = check(data, enabled, disabled, args.articles)
    for name in sorted(missed):
        print(f"{name}: a finding outside its triggers", file=sys.stderr)
    news = SHARED / "clean-news"
    if news.is_dir():
        files = sorted(news.glob("*.txt"))[: args.articles or None]
        print("clean-news: " + share(data, [p.read_text(encoding="utf-8") for p in files]), file=sys.stderr)
    if args.check_only or missed:
        return 1 if missed else 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"{OUT.relative_to(ROOT)}: {len(data['rules'])} of {len(enabled)} rules with triggers",
        file=sys.stderr,
    )
    return 0


def _version() -> str:
    from importlib.metadata import version

    return version("harper-py")


if __name__ == "__main__":
    sys.exit(main())
