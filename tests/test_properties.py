"""Properties that hold for any input: on arbitrary Unicode and on mutated real articles.

Linting never raises (no rule fails); every span lies inside the source and its line and column agree with
its offset; two runs agree; fixes remove what they fix, settle, and touch nothing outside
their edits; every offset a reader produces maps back inside the file.

CI runs the ``ci`` profile (tests/conftest.py); a long run by hand:
``HYPOTHESIS_PROFILE=long .venv/bin/pytest -q tests/test_properties.py``. The same
invariants drive the fuzzer (bench/fuzz.py), and the inputs it found to break them are
replayed from tests/fuzz_regressions/.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.emit import FORMATS, emitter
from lint.engine import Engine, Selection
from lint.fix import MAX_PASSES, apply_fixes, fix_until_stable, fixable
from lint.readers import document_from_source
from lint.report import FileReport, Report

from conftest import ROOT
from helpers import registry

DATE = dt.date(2024, 6, 1)
NAMES = ("story.txt", "story.md", "story.html", "story.json")
REGRESSIONS = ROOT / "tests" / "fuzz_regressions"


@cache
def engine(harper: bool = False) -> Engine:
    """The default rules; the grammar backend (Harper) only when asked, as it is slow."""
    return Engine(registry(), Selection(ignore=("languagetool",) if harper else ("harper", "languagetool")))


def read(source: str, name: str, date: dt.date = DATE):
    return document_from_source(source, name, date)


def _position(source: str, offset: int) -> tuple[int, int]:
    line_start = source.rfind("\n", 0, offset) + 1
    return source.count("\n", 0, offset) + 1, offset - line_start + 1


def _key(d) -> tuple:
    return (d.rule, d.span, d.severity, d.message, d.suggestions, d.fix, d.text)


# -- the invariants, shared with bench/fuzz.py --------------------------------------------------


def check_reader(source: str, name: str) -> None:
    """Every offset of the lint text maps back inside the source, in order."""
    doc = read(source, name)
    smap, n = doc.source_map, len(source)
    previous = 0
    for i in range(len(doc.text) + 1):
        start, end = smap.start(i), smap.end(i)
        assert 0 <= start <= n and 0 <= end <= n, f"text offset {i} maps to {start}..{end} of {n}"
        assert start >= previous, f"text offset {i} maps back before offset {i - 1}"
        previous = start
    for p in doc.placeholders:
        assert 0 <= p.start <= p.end <= len(doc.text)


def check_lint(source: str, name: str, harper: bool = False, date: dt.date = DATE) -> list:
    """Diagnostics lie inside the source, carry its text, and are the same on a second run."""
    eng = engine(harper)
    diagnostics = eng.lint(read(source, name, date))
    doc = read(source, name, date)
    for d in diagnostics:
        s = d.span
        assert 0 <= s.start <= s.end <= len(source), f"{d.rule} span {s} outside {len(source)}"
        assert d.text == source[s.start : s.end], d.rule
        for offset in (s.start, s.end):
            pos = doc.position(offset)
            assert (pos.line, pos.column) == _position(source, offset), (d.rule, offset)
        if d.fix is not None:
            for e in d.fix.edits:
                assert 0 <= e.span.start <= e.span.end <= len(source), f"{d.rule} edit {e.span}"
    assert not [d for d in diagnostics if d.rule == "engine.rule-error"], "a rule failed"
    again = eng.lint(read(source, name, date))
    assert [_key(d) for d in again] == [_key(d) for d in diagnostics], "two runs disagree"
    return diagnostics


def check_report(source: str, name: str) -> None:
    """Every output format renders; JSON and SARIF parse and place each finding where the
    diagnostic is; one GitHub annotation a finding, each on one line."""
    doc = read(source, name)
    diagnostics = engine().lint(doc)
    report = Report([FileReport.of(name, doc, diagnostics)])
    out = {f: emitter(f)(report, registry()) for f in FORMATS}
    [file] = json.loads(out["json"])["files"]
    for d, j in zip(diagnostics, file["diagnostics"], strict=True):
        start = j["start"]
        assert (start["offset"], start["line"], start["column"]) == (
            d.span.start,
            *_position(source, d.span.start),
        )
    results = json.loads(out["sarif"])["runs"][0]["results"]
    assert len(results) == len(diagnostics)
    annotations = out["github"].splitlines()
    assert len(annotations) == len(diagnostics) and all(a.startswith("::") for a in annotations)


def _outside(source: str, spans) -> list[str]:
    """The pieces of ``source`` that no span touches, in order."""
    pieces, at = [], 0
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        if s.start > at:
            pieces.append(source[at : s.start])
        at = max(at, s.end)
    pieces.append(source[at:])
    return [p for p in pieces if p]


def _keeps_in_order(new: str, pieces: list[str], edits) -> bool:
    """Whether ``new`` is ``pieces`` joined by the replacement texts."""
    at = 0
    for piece in pieces:
        found = new.find(piece, at)
        if found < 0:
            return False
        at = found + len(piece)
    return True


def _json_ok(source: str, name: str) -> bool:
    try:
        if name.endswith(".json"):
            json.loads(source)
        else:
            for line in source.splitlines():
                if line.strip():
                    json.loads(line)
    except ValueError:
        return False
    return True


# What an HTML parser takes for markup: "<" then a name, "/", "!" or "?" ("< 5" is text).
_TAG = re.compile(r"<[A-Za-z/!?][^<>]*>")


def check_fix(source: str, name: str, unsafe: bool = True, harper: bool = False, date: dt.date = DATE) -> str:
    """One pass changes nothing outside the fix edits; fixes settle, leave no fixable finding,
    re-fixing changes nothing; HTML keeps its tags (safe fixes) and valid JSON stays valid."""
    eng = engine(harper)
    doc = read(source, name, date)
    diagnostics = eng.lint(doc)
    edits = [e for d in diagnostics if fixable(d, unsafe) for e in d.fix.edits]
    once, _ = apply_fixes(source, diagnostics, unsafe)
    assert _keeps_in_order(once, _outside(source, [e.span for e in edits]), edits), (
        "a fix changed text outside its edits"
    )

    def reread(text: str):
        return read(text, name, date)

    outcome = fix_until_stable(doc, eng.lint, reread, unsafe)
    assert outcome.converged, f"fixes did not settle in {MAX_PASSES} passes"
    fixed = outcome.source
    # The report is the fixed text's findings; a fix refused (its result had a new
    # finding) is reported without its fix, so none that is offered is left undone.
    assert [(d.rule, d.span) for d in outcome.diagnostics] == [
        (d.rule, d.span) for d in eng.lint(reread(fixed))
    ], "the report is not the fixed text's"
    left = [d for d in outcome.diagnostics if fixable(d, unsafe)]
    assert apply_fixes(fixed, left, unsafe)[0] == fixed, f"fixable findings remain: {left}"
    again = fix_until_stable(reread(fixed), eng.lint, reread, unsafe)
    assert (again.source, again.fixed) == (fixed, 0), "re-fixing changed the text"
    if name.endswith(".html") and not unsafe:
        assert _TAG.findall(fixed) == _TAG.findall(source), "a fix changed the markup"
    if name.endswith((".json", ".jsonl")) and _json_ok(source, name):
        assert _json_ok(fixed, name), "a fix broke the JSON"
    return fixed


def check_all(source: str, name: str, harper: bool = False) -> None:
    check_reader(source, name)
    check_lint(source, name, harper)
    check_report(source, name)
    check_fix(source, name, unsafe=False, harper=harper)
    check_fix(source, name, unsafe=True, harper=harper)


# -- inputs ------------------------------------------------------------------------------------


def _bases() -> list[tuple[str, str]]:
    out = [(p.read_text(encoding="utf-8"), p.name) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for p in sorted((ROOT / "tests" / "data").glob("*")):
        if p.suffix in (".md", ".html"):
            out.append((p.read_text(encoding="utf-8"), p.name))
    body = out[0][0]
    out.append((json.dumps({"date": "2024-06-01", "body": body}, ensure_ascii=False, indent=1), "a.json"))
    out.append(
        ("\n".join(json.dumps({"text": t}) for t, _ in out[1:3]), "b.jsonl"),
    )
    # A WordPress REST answer: HTML in JSON strings, written with \u escapes and "\/".
    paras = [p for p in body.splitlines() if p.strip()][:8]
    rendered = "".join(f"<p>{html.escape(p, quote=False)}</p>\n" for p in paras)
    posts = [
        {"id": 1, "date": "2024-06-01", "content": {"rendered": rendered}},
        {"id": 2, "date": "2023-01-02", "title": {"rendered": "A &#8211; B"}},
    ]
    posts[1]["content"] = {"rendered": rendered[:400]}
    out.append((json.dumps({"items": posts}, indent=1).replace("/", "\\/"), "c.json"))
    return out


BASES = _bases()

# What copy goes wrong with: marks, quotes, breaks, markup of every reader, odd characters.
PIECES = [
    ".", ",", ";", ":", "!", "?", "..", ". .", " ", "  ", "\n", "\n\n", "\r\n", "\t",
    '"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "(", ")", "[", "]", "\u2026", "-", "\u2014",
    "<p>", "</p>", "<em>", "</em>", "<div>", "<br>", "<!--", "-->", "&amp;", "&#8217;", "&nbsp;",
    "<script>", "</script>", "*", "**", "_", "`", "```\n", "# ", "> ", "- ", "1. ", "](", "---\n",
    "\\", '\\"', "\\n", "\\u201c", "{", "}", "the", "the the", "U.S.", "US", "Share this",
    "Kier Starmer", "President", "\u00e9", "\u0301", "\ufeff", "\u200b", "\U0001f600", "\x00",
    "\ud800", "\u2028",
]  # fmt: skip

mutation = st.tuples(
    st.sampled_from(("insert", "delete", "duplicate")),
    st.floats(0, 1),
    st.integers(1, 40),
    st.one_of(st.sampled_from(PIECES), st.text(max_size=4)),
)


def mutate(source: str, ops) -> str:
    for op, where, width, piece in ops:
        at = int(where * len(source))
        if op == "insert":
            source = source[:at] + piece + source[at:]
        elif op == "delete":
            source = source[:at] + source[at + width :]
        else:
            source = source[:at] + source[at : at + width] * 2 + source[at + width :]
    return source


def _clean(source: str) -> str:
    # A file on disk cannot hold a lone surrogate: it arrives as io.decode, never as text.
    return source.encode("utf-8", "replace").decode("utf-8")


mutated = st.builds(
    lambda base, ops: (_clean(mutate(base[0], ops)), base[1]),
    st.sampled_from(BASES),
    st.lists(mutation, min_size=1, max_size=12),
)
arbitrary = st.tuples(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
    | st.lists(st.sampled_from(PIECES), max_size=60).map("".join).map(_clean),
    st.sampled_from(NAMES + ("story.jsonl",)),
)

# -- articles of several paragraphs that open on officials the knowledge base knows ------------


@cache
def _officials() -> list[tuple[str, str, str]]:
    """(title, full name, surname) for a spread of the knowledge base's office-holders."""
    from lint.kb.in_document import knowledge_base
    from lint.rules.registry import Context

    people = sorted(knowledge_base(Context()).people, key=lambda p: p.name)
    out = []
    for person in people[:: max(1, len(people) // 150)]:
        for pos in person.positions[:2]:
            out.append((pos.title, person.name, person.name.split()[-1]))
    return out


# What stands before a title at the start of a paragraph, and what follows the name.
_OPENERS = ("", "Former ", "former ", "Then-", "Outgoing ", "The ", "US ", "French ", '"', "(")
_TAILS = (
    " said the talks went well.",
    ", who met reporters, left.",
    " and the the delegation arrived . .",
    " spoke in the U.S. and the US on Monday.",
    "",
)
_MD_BLOCKS = ("{}", "**{}**", "> {}", "- {}", "# {}", "1. {}", "*{}*", "[{}](https://example.com)")
_HTML_BLOCKS = (
    "<p>{}</p>",
    "<li>{}</li>",
    "<h2>{}</h2>",
    "<p><em>{}</em></p>",
    "<blockquote>{}</blockquote>",
    "<p>{}<br>{}</p>",
)


@st.composite
def kb_article(draw):
    """Markdown or HTML whose paragraphs open on "<title> <name>", dated in any year the KB covers."""
    html = draw(st.booleans())
    paragraphs = []
    for _ in range(draw(st.integers(2, 5))):
        title, name, surname = draw(st.sampled_from(_officials()))
        title = draw(st.sampled_from((title, title.lower(), title.title())))
        who = draw(st.sampled_from((name, surname)))
        prose = draw(st.sampled_from(_OPENERS)) + f"{title} {who}" + draw(st.sampled_from(_TAILS))
        block = draw(st.sampled_from(_HTML_BLOCKS if html else _MD_BLOCKS))
        paragraphs.append(block.replace("{}", prose))
    source = ("\n" if html else "\n\n").join(paragraphs) + draw(st.sampled_from(("", "\n", "\r\n")))
    date = dt.date(draw(st.integers(1995, 2026)), draw(st.integers(1, 12)), 1)
    return source, "story.html" if html else "story.md", date


SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# -- the properties ----------------------------------------------------------------------------


@SLOW
@given(arbitrary)
def test_arbitrary_text_in_every_reader(case):
    source, name = case
    check_reader(source, name)
    check_lint(source, name)


@SLOW
@given(mutated)
def test_mutated_articles_lint_within_their_source(case):
    source, name = case
    check_reader(source, name)
    check_lint(source, name)


@SLOW
@given(arbitrary | mutated)
def test_every_output_format_renders_any_input(case):
    check_report(*case)


@SLOW
@given(mutated, st.booleans())
def test_fixes_on_mutated_articles_settle_and_touch_only_their_edits(case, unsafe):
    source, name = case
    check_fix(source, name, unsafe=unsafe)


@SLOW
@given(arbitrary, st.booleans())
def test_fixes_on_arbitrary_text(case, unsafe):
    source, name = case
    check_fix(source, name, unsafe=unsafe)


@settings(SLOW, max_examples=40)
@given(kb_article(), st.booleans())
def test_paragraphs_opening_on_kb_titles_lint_and_fix(case, unsafe):
    source, name, date = case
    check_lint(source, name, date=date)
    check_fix(source, name, unsafe=unsafe, date=date)


@settings(SLOW, max_examples=8)
@given(mutated)
def test_with_the_grammar_backend(case):
    pytest.importorskip("harper")
    source, name = case
    check_lint(source, name, harper=True)
    check_fix(source, name, unsafe=True, harper=True)


def _regressions():
    if not REGRESSIONS.is_dir():
        return []
    return sorted(p for p in REGRESSIONS.iterdir() if p.is_file() and p.name != "README.md")


@pytest.mark.parametrize("path", _regressions(), ids=lambda p: p.name)
def test_fuzz_regressions(path):
    """Inputs the fuzzer found to break an invariant; the file name picks the reader."""
    source = path.read_bytes().decode("utf-8", "replace")
    check_all(source, path.name)
