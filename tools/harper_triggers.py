"""Rebuild rules/harper/triggers.json: for each Harper rule newslint enables, the words (or
patterns) that any of its findings must contain, so lint/kinds/harper.py sends that rule only
the sentences holding one of them.

How a rule's triggers are derived:

1. From Harper's own description of the rule: the words it quotes (`as follow` → as, follow)
   and the words of the rule's name (AsFollows → as, follows). Words common to nearly every
   sentence (a, the, of...) are dropped when rarer ones remain. Each word is cut to its stem
   (follows → follow, accused → accus), and a trigger matches any token, or two adjacent
   or three tokens joined (``some one`` → someone), that begins with it: other inflections and split
   spellings still match.
2. Where the description is not the whole story (it lists examples, "etc.", or the fault is
   a missing or wrong word the description does not quote) a reviewed entry in OVERRIDES
   below names the word every finding must hold instead (``ModalOf``: any modal may come
   first, but ``of`` is always there), or a pattern (``AnA``: a/an before a word).
3. Rules whose findings need no fixed word (NounVerbConfusion: any of a long word list)
   stay in UNFILTERED: they see the whole text.
4. Rules whose triggers match most sentences gain nothing from them: the kind lints the
   sentences that trigger any gated rule with all of them, so each gated rule adds its
   cost on that share of the text, and each rule left whole adds it on all of it. Harper's
   parse (measured here against the cost of one rule) is paid once on the whole text and
   once on the share. Taking the rules from the rarest triggers up, the script keeps the
   number of gated rules that makes the modelled cost least (on clean-news when present,
   else on the other probe texts); the rest are written under ``whole_text`` with the
   share of text they match, and see the whole text.
5. Check: Harper with every enabled rule runs over the probe sets (LanguageTool's English
   examples, bench/data/garbled.jsonl and ../shared/corpora/clean-news when present); a rule
   with a finding whose sentence does not match its triggers is left without triggers, and
   the script says so.

    python tools/harper_triggers.py [--check-only] [--articles N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "rules" / "harper" / "triggers.json"
# ../shared/corpora next to the checkout (or next to the folder of worktrees holding it).
SHARED = next(
    (
        p / "shared" / "corpora"
        for p in (ROOT.parent, ROOT.parent.parent)
        if (p / "shared" / "corpora").is_dir()
    ),
    ROOT.parent / "shared" / "corpora",
)

COMMON = set(
    "a an the to too of in on at for and or is be by as it its with from that this i me you he she "
    "we they my your his her our their was were are am has have had do does did not no but so if "
    "than then off one".split()
)

# Reviewed by hand: rule -> triggers, with why the description's words are not enough.
OVERRIDES: dict[str, dict[str, list[str]]] = {
    # a or an, then a word (any word: Harper decides by its sound, digits and initials included).
    "AnA": {"patterns": [r"(?<![^\W_])[Aa][Nn]?(?![^\W_])"]},
    # "Looks for incorrect spacing inside the closed compound `X`": the split forms join back.
    # Checked by the joined-pair matching; nothing to override.
    "AWhile": {"words": ["while", "awhile"]},
    "Albeit": {"words": ["albeit", "be"]},  # "all be it"
    "Misunderstand": {"words": ["underst", "misunderst"]},  # "miss understand"
    "Misused": {"words": ["use", "misus"]},  # "miss used"
    "Nowadays": {"words": ["now", "day"]},  # "now a days"
    "QuantifierNeedsOf": {"words": ["couple", "lot"]},  # "a lot", too
    "APart": {"words": ["part", "apart"]},
    "AllIntentsAndPurposes": {"words": ["intent", "intens", "purpos", "porpoise"]},
    "AllOfASudden": {"words": ["sudden"]},
    "AllReady": {"words": ["all"]},
    "AllowTo": {"words": ["allow"]},
    # a.m., p.m., am, PM, and "7am" (one token)
    "AmInTheMorning": {"words": ["a", "p", "am", "pm"], "patterns": [r"[AaPp]\.?[Mm](?![^\W_])"]},
    "AskNoPreposition": {"words": ["to"]},  # "ask to us", "tell to him": the stray `to`
    "Beforehand": {"words": ["before"]},
    "BestRegards": {"words": ["regard"]},
    "BeWorried": {"words": ["be", "is", "am", "are", "was", "were", "s", "m", "re"]},  # 's, 'm, 're
    "BluRayHyphen": {"words": ["blu"]},
    "ChangeTack": {"words": ["tack", "tact", "tak", "track", "tac"]},
    "ChockFull": {"words": ["full"]},
    "ColdModalTypo": {"words": ["cold"]},
    "CompoundSubjectI": {"words": ["me", "i", "myself", "and"]},
    "CorrectNumberSuffix": {"patterns": [r"\d"]},
    "CurrencyPlacement": {"patterns": [r"[\p{Sc}]"]},  # replaced below by the literal class
    "DidPast": {"words": ["did"]},
    "DoMistake": {"words": ["mistake"]},
    "EagleEyed": {"words": ["eagle"]},
    "Everyday": {"words": ["every"]},
    "ExitedExcitedContext": {"words": ["exit"]},
    "ExtendOrExtent": {"words": ["extend"]},
    "FaceFirst": {"words": ["face"]},
    "FarBeIt": {"words": ["far"]},
    "FirstAidKit": {"words": ["kid"]},
    "ForNoun": {"words": ["fro"]},
    "GetRidOf": {"words": ["rid"]},
    "GoodAt": {"words": ["good"]},
    "HadOf": {"words": ["of"]},
    "HalfAnHour": {"words": ["our"]},
    "HavePronoun": {"words": ["has"]},
    "HumanBeings": {"words": ["human", "being"]},
    "IAmAgreement": {"words": ["i"]},
    "IDo": {"words": ["i"]},
    "IfWouldve": {"words": ["would", "d"]},  # 'd
    "ImitateFrom": {"words": ["imitat"]},
    "IveGotTo": {"words": ["ive", "i", "go"]},
    "JealousOf": {"words": ["jealous"]},
    "JustDeserts": {"words": ["desert", "dessert"]},
    "KindSortOf": {"words": ["kind", "sort"]},
    "LastButNotLeast": {"words": ["least", "last"]},
    "LaughOfAt": {"words": ["laugh"]},
    "LeaveToFor": {"words": ["leav", "left"]},
    "ManagerialReins": {"words": ["managerial"]},
    "MeansALotTo": {"words": ["lot"]},
    "ModalOf": {"words": ["of"]},
    "MootPoint": {"words": ["point"]},
    "NailOnTheHead": {"words": ["nail"]},
    "OnFirstGlance": {"words": ["glance"]},
    "OnceInAWhile": {"words": ["once", "while"]},
    "OneAndTheSame": {"words": ["one", "same"]},
    "OneFellSwoop": {"words": ["swoop"]},
    "OutOfSync": {"words": ["sink", "sync", "synch"]},
    "PassionateAbout": {"words": ["passi", "passt"]},
    "PiqueInterest": {"words": ["interest", "peak", "peek", "pique"]},
    "PlayAFactor": {"words": ["factor"]},
    "ProgressiveNeedsBe": {"words": ["have", "ve"]},  # 've
    "SaveToSafe": {"words": ["save"]},
    "SeamToSeem": {"words": ["seam"]},
    "SendAnEmailTo": {"words": ["email", "e"]},
    "SinceDuration": {"words": ["since"]},
    "SneakPeekPreview": {"words": ["sneak"]},
    "SomeWithoutArticle": {"words": ["some"]},
    "SpinalChord": {"words": ["chord"]},
    "Starving": {"words": ["hungry"]},
    "StrikeChord": {"words": ["cord", "chord"]},
    "SubjectPronoun": {"words": ["me"]},
    "SupposedTo": {"words": ["suppos"]},
    "TheMy": {"words": ["the"]},
    "ThenThan": {"words": ["then", "than"]},
    "ThereOwn": {"words": ["own"]},
    "ThesesThese": {"words": ["theses"]},
    "TheyreToTheir": {"words": ["they", "theyre"]},
    "ThingThink": {"words": ["thing"]},
    "ThinkKnowOff": {"words": ["off"]},
    "ThrowAway": {"words": ["through", "thru", "away"]},
    "ToBackOut": {"words": ["backout"]},
    "ToLoseTooLoose": {"words": ["to", "too", "lose", "loose", "los"]},
    "ToTooIdioms": {"words": ["to"]},
    "TongueInCheek": {"words": ["tongue", "cheek"]},
    "TrueToWord": {"words": ["true"]},
    "UseToUsedTo": {"words": ["use"]},
    "VeryKnown": {"words": ["known"]},
    "VeryUnique": {"words": ["unique"]},
    "WasAloud": {"words": ["aloud"]},
    "WasComprisedOf": {"words": ["compris"]},
    "WhetYourAppetite": {"words": ["appetite", "wet", "whet"]},
    "WinPrize": {"words": ["price", "prise", "prize", "priz", "pric"]},
    "WorseOrWorst": {"words": ["worse", "worst"]},
    "WrongApostrophe": {"patterns": [r"[;`´\u02b9\u02ca\u0301\u2032]"]},
    "WroughtIron": {"words": ["iron"]},
}

# No fixed word: these see the whole text.
UNFILTERED = {
    "NounVerbConfusion": "a long list of noun/verb pairs, not in the description",
    "DotInitialisms": "which initialisms is Harper's own list",
    "RedundantAcronyms": "any acronym with its last word spelled out",
    "Lots": "a collection of Harper's linters",
}


def camel_words(name: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Z][a-z]*|[a-z]+", name)]


def quoted_words(description: str) -> list[str]:
    spans = re.findall(r"`([^`]+)`|'([^']+)'|\"([^\"]+)\"|“([^”]+)”", description)
    return [w.lower() for groups in spans for span in groups for w in re.findall(r"[^\W_]+", span)]


def stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) >= 5:
        word = word[:-1]
    return word


def derive(name: str, description: str) -> dict[str, list[str]] | None:
    if name in UNFILTERED:
        return None
    if name in OVERRIDES:
        spec = dict(OVERRIDES[name])
        if name == "CurrencyPlacement":
            spec = {"patterns": ["[" + re.escape("".join(currency_symbols())) + "]"]}
        return spec
    words = quoted_words(description) + camel_words(name)
    rare = [w for w in words if w not in COMMON]
    chosen = rare or words
    return {"words": sorted({stem(w) for w in chosen})} if chosen else None


def currency_symbols() -> list[str]:
    import unicodedata

    return [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Sc"]


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


def parse_cost(texts: list[str], enabled: list[str], disabled: list[str]) -> float:
    """Harper's parse (every rule off) in units of one enabled rule's average cost."""
    import time

    import harper

    took = {}
    half = len(texts) // 2
    # harper-py remembers text it has parsed, in any Linter: each configuration gets texts
    # of its own, never linted before in this process, and the cost is per character
    sets = {"none": texts[:half], "all": texts[half:]}
    for label, on in (("none", set()), ("all", set(enabled) - set(disabled))):
        lint = harper.Linter(harper.Dialect.AMERICAN)
        names = lint.get_default_lint_config()
        lint.set_lint_config({n: n in on for n in names} | {"SpellCheck": False})
        lint.lint("Warm up.")
        start = time.process_time()
        for text in sets[label]:
            lint.lint(text)
        took[label] = (time.process_time() - start) / sum(len(t) for t in sets[label])
    per_rule = (took["all"] - took["none"]) / max(1, len(set(enabled) - set(disabled)))
    return took["none"] / per_rule


def choose(data: dict, texts: list[str], n_enabled: int, parse: float) -> None:
    """Move to data["whole_text"] the rules whose triggers match too much of the text."""
    from lint.kinds.harper import Triggers

    table = Triggers(data)
    # per piece: its length, the rules it triggers, and the pieces next to it (the kind
    # sends a triggered sentence with its neighbours)
    pieces, near = [], []
    for text in texts:
        for para in segments(text):
            base = len(pieces)
            for i, seg in enumerate(para):
                pieces.append((len(seg), table.fired(seg, table.rules)))
                near.append([base + j for j in range(max(0, i - 1), min(len(para), i + 2))])
    total = sum(n for n, _ in pieces) or 1
    share = {name: sum(n for n, fired in pieces if name in fired) / total for name in table.rules}
    order = sorted(share, key=lambda name: (share[name], name))
    covered = [False] * len(pieces)
    covered_chars = 0
    best_k, best_cost = 0, n_enabled + parse
    for k, name in enumerate(order, start=1):
        for i, (_n, fired) in enumerate(pieces):
            if name in fired:
                for j in near[i]:
                    if not covered[j]:
                        covered[j] = True
                        covered_chars += pieces[j][0]
        f = covered_chars / total
        # parse and rules on the share sent, plus the whole text when some rule is left whole
        cost = f * (k + parse) + ((n_enabled - k) + parse if k < n_enabled else 0)
        if cost < best_cost:
            best_k, best_cost = k, cost
    whole = order[best_k:]
    data["whole_text"] = {name: {**data["rules"].pop(name), "share": round(share[name], 3)} for name in whole}
    gated = set(order[:best_k])
    sent = {j for i, (n, fired) in enumerate(pieces) if fired & gated for j in near[i]}
    gated_share = sum(pieces[j][0] for j in sent) / total
    print(
        f"parse = {parse:.1f} rules; {best_k} rules gated (they see {gated_share:.0%} of the text), "
        f"{len(whole)} with triggers matching more left whole; modelled cost "
        f"{best_cost / (n_enabled + parse):.0%} of the whole-text run",
        file=sys.stderr,
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check-only", action="store_true", help="check the committed file, write nothing")
    ap.add_argument("--articles", type=int, default=0, help="clean-news articles to probe (default: all)")
    args = ap.parse_args()
    import harper

    enabled, disabled = enabled_rules()
    news = SHARED / "clean-news"
    sample = (
        [p.read_text(encoding="utf-8") for p in sorted(news.glob("*.txt"))[: args.articles or None]]
        if news.is_dir()
        else probe_texts(args.articles)
    )
    parse = parse_cost(sample[-300:], enabled, disabled)  # first: before Harper has seen them
    if args.check_only:
        data = json.loads(OUT.read_text(encoding="utf-8"))
    else:
        descriptions = harper.Linter(harper.Dialect.AMERICAN).get_lint_descriptions()
        rules = {}
        for name in sorted(enabled):
            spec = derive(name, descriptions.get(name, ""))
            if spec:
                rules[name] = spec
        data = {
            "about": "Built by tools/harper_triggers.py: words (token prefixes) or patterns one of "
            "each Harper rule's findings must contain. Rules not listed see the whole text.",
            "harper_py": _version(),
            "rules": rules,
        }
    missed = check(data, enabled, disabled, args.articles)
    for name in sorted(missed):
        print(f"{name}: a finding outside its triggers; left without triggers", file=sys.stderr)
        data["rules"].pop(name, None)
    if args.check_only:
        return 1 if missed else 0
    choose(data, sample, len(set(enabled) - set(disabled)), parse)
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
