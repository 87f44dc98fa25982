"""A report a copy editor can read: one self-contained HTML page.

Each article is shown as its text with the findings highlighted where they are; hovering a
highlight shows its message and fix, clicking it opens the finding's card (rule, severity,
position, message, fix). Above the articles, a summary table counts the findings by rule,
and check boxes filter them by category and severity. Styles and script are inline and a
Content-Security-Policy forbids every fetch, so the page works offline, as an e-mail
attachment or a CI artifact.

Findings may overlap. The text is cut at every finding's start and end; each piece is one
``<mark>`` listing the findings that cover it (``data-f``), so every finding's highlight is
exactly its own text. A finding with an empty span (a file-level notice) is a small flag.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict

from lint import __version__
from lint.diagnostics import Diagnostic
from lint.emit.sarif import _fix_description, owning_rule
from lint.report import FileReport, Report

SEVERITIES = ("error", "warning", "info")

_CSS = """
:root { --error: #c62828; --warning: #b26a00; --info: #1565c0; --bg: #fff; --fg: #1d1d1f; --muted: #666;
  --line: #ddd; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0; background: #f5f5f7; color: var(--fg); }
header, main { max-width: 70rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.25rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 0; word-break: break-all; }
.muted { color: var(--muted); font-size: .9rem; }
section { background: var(--bg); border: 1px solid var(--line); border-radius: 8px; margin: 1rem 0;
  padding: 1rem 1.25rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.off { opacity: .35; }
.filters { display: flex; flex-wrap: wrap; gap: .4rem 1.25rem; align-items: center; font-size: .9rem;
  margin-bottom: .9rem; }
.filters fieldset { border: 0; padding: 0; margin: 0; display: flex; gap: .75rem; flex-wrap: wrap; }
.filters legend { font-weight: 600; padding: 0; margin-right: .5rem; float: left; }
.badge { display: inline-block; border-radius: 4px; padding: 0 .35rem; font-size: .8rem; color: #fff; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); }
.badge.info { background: var(--info); }
.article { white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, "Times New Roman", serif;
  font-size: 1.02rem; line-height: 1.65; margin: .75rem 0 0; }
mark.hl { background: transparent; color: inherit; cursor: pointer; border-bottom: 2px solid;
  border-radius: 2px; padding: 1px 0; }
mark.hl.error { background: rgba(198, 40, 40, .16); border-color: var(--error); }
mark.hl.warning { background: rgba(255, 160, 0, .22); border-color: var(--warning); }
mark.hl.info { background: rgba(21, 101, 192, .13); border-color: var(--info); }
mark.hl.point::before { content: "\\2691"; font-size: .8em; }
mark.hl.off { background: transparent; border-color: transparent; cursor: text; }
mark.hl.point.off::before { content: ""; }
mark.hl.current { outline: 2px solid var(--fg); }
ol.findings { margin: .75rem 0 0; padding-left: 1.5rem; font-size: .9rem; }
ol.findings li { margin: .35rem 0; } ol.findings li.off { display: none; }
ol.findings li.current { background: #fff8c5; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85em; }
#pop { position: absolute; z-index: 10; max-width: 28rem; background: var(--bg);
  border: 1px solid var(--line); border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18);
  padding: .6rem .8rem; font-size: .9rem; }
#pop[hidden] { display: none; }
#pop .card + .card { border-top: 1px solid var(--line); margin-top: .5rem; padding-top: .5rem; }
.fix { color: #1b5e20; }
"""

_JS = """
(function () {
  const filters = document.querySelectorAll('.filters input[type=checkbox]');
  const cards = new Map();
  document.querySelectorAll('ol.findings li[data-id]').forEach(li => cards.set(li.dataset.id, li));
  const pop = document.getElementById('pop');
  function shown(li) {
    const on = name => { const box = document.querySelector('.filters input[value="' + name + '"]');
      return !box || box.checked; };
    return on('category:' + li.dataset.category) && on('severity:' + li.dataset.severity);
  }
  function apply() {
    let visible = 0;
    cards.forEach(li => { const ok = shown(li); li.classList.toggle('off', !ok); visible += ok; });
    document.querySelectorAll('mark.hl').forEach(m => {
      const live = m.dataset.f.split(' ').filter(id => !cards.get(id).classList.contains('off'));
      m.classList.toggle('off', live.length === 0);
      const worst = ['error', 'warning', 'info']
        .find(s => live.some(id => cards.get(id).dataset.severity === s));
      ['error', 'warning', 'info'].forEach(s => m.classList.toggle(s, s === worst));
    });
    document.querySelectorAll('tr[data-category]').forEach(tr => tr.classList.toggle('off', !shown(tr)));
    document.getElementById('shown').textContent = visible;
    pop.hidden = true;
  }
  filters.forEach(box => box.addEventListener('change', apply));
  function open(mark) {
    const ids = mark.dataset.f.split(' ').filter(id => !cards.get(id).classList.contains('off'));
    if (!ids.length) return;
    document.querySelectorAll('.current').forEach(e => e.classList.remove('current'));
    mark.classList.add('current');
    pop.innerHTML = '';
    ids.forEach(id => {
      const card = document.createElement('div');
      card.className = 'card';
      card.innerHTML = cards.get(id).innerHTML;
      pop.appendChild(card);
      cards.get(id).classList.add('current');
    });
    const box = mark.getBoundingClientRect();
    pop.hidden = false;
    const right = window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8;
    pop.style.left = Math.max(8, Math.min(window.scrollX + box.left, right)) + 'px';
    pop.style.top = (window.scrollY + box.bottom + 6) + 'px';
  }
  document.addEventListener('click', e => {
    const mark = e.target.closest('mark.hl');
    if (mark) { open(mark); e.stopPropagation(); }
    else if (!e.target.closest('#pop')) { pop.hidden = true;
      document.querySelectorAll('.current').forEach(el => el.classList.remove('current')); }
  });
  document.addEventListener('keydown', e => {
    if (e.key === 'Escape') pop.hidden = true;
    if ((e.key === 'Enter' || e.key === ' ') && e.target.matches('mark.hl')) {
      e.preventDefault();
      open(e.target);
    }
  });
  apply();
})();
"""


def emit(report: Report, registry=None, options=None) -> str:
    diagnostics = report.diagnostics
    counts = report.severity_counts()
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Nothing may be fetched: the page is complete as it is.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
        f"<title>newslint report: {len(diagnostics)} finding{'s' * (len(diagnostics) != 1)}</title>",
        f"<style>{_CSS}</style></head><body>",
        "<header><h1>newslint report</h1>",
        f'<p class="muted">{len(report.files)} article{"s" * (len(report.files) != 1)}, '
        f'<span id="shown">{len(diagnostics)}</span> of {len(diagnostics)} findings shown '
        f"({counts['error']} errors, {counts['warning']} warnings, {counts['info']} info) "
        f"· newslint {html.escape(__version__)}</p></header>",
        "<main>",
        _summary(report, registry),
    ]
    for i, f in enumerate(report.files):
        parts.append(_article(i, f, registry))
    parts += [
        '<div id="pop" role="dialog" hidden></div>',
        "</main>",
        f"<script>{_JS}</script>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _summary(report: Report, registry) -> str:
    by_rule: dict[str, list[tuple[FileReport, Diagnostic]]] = defaultdict(list)
    for f in report.files:
        for d in f.diagnostics:
            by_rule[d.rule].append((f, d))
    categories = sorted({d.category for d in report.diagnostics})
    severities = [s for s in SEVERITIES if any(d.severity.value == s for d in report.diagnostics)]
    boxes = ['<div class="filters">', "<fieldset><legend>Category</legend>"]
    for c in categories:
        boxes.append(f'<label><input type="checkbox" value="category:{_a(c)}" checked> {_t(c)}</label>')
    boxes.append("</fieldset><fieldset><legend>Severity</legend>")
    for s in severities:
        boxes.append(
            f'<label><input type="checkbox" value="severity:{s}" checked> '
            f'<span class="badge {s}">{s}</span></label>'
        )
    boxes.append("</fieldset></div>")
    rows = []
    order = sorted(by_rule, key=lambda r: (-max(d.severity.rank for _, d in by_rule[r]), -len(by_rule[r]), r))
    for rule_id in order:
        found = by_rule[rule_id]
        d = found[0][1]
        rule = owning_rule(registry, rule_id)
        title = rule.title if rule is not None else ""
        files = len({id(f) for f, _ in found})
        rows.append(
            f'<tr data-rule="{_a(rule_id)}" data-category="{_a(d.category)}" '
            f'data-severity="{d.severity.value}">'
            f"<td><code>{_t(rule_id)}</code></td><td>{_t(title)}</td><td>{_t(d.category)}</td>"
            f'<td><span class="badge {d.severity.value}">{d.severity.value}</span></td>'
            f'<td class="n">{len(found)}</td><td class="n">{files}</td></tr>'
        )
    table = (
        '<table class="summary"><thead><tr><th>Rule</th><th>What</th><th>Category</th><th>Severity</th>'
        '<th class="n">Findings</th><th class="n">Articles</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
        if rows
        else '<p class="muted">No findings.</p>'
    )
    return '<section aria-label="Summary">' + "".join(boxes) + table + "</section>"


def _article(i: int, f: FileReport, registry) -> str:
    n = len(f.diagnostics)
    counts = Counter(d.severity.value for d in f.diagnostics)
    detail = ", ".join(_count(counts[s], s) for s in SEVERITIES if counts[s])
    date = f" · dated {f.date.isoformat()}" if f.date else ""
    head = (
        f'<section class="file" id="file-{i}"><h2>{_t(f.path)}</h2>'
        f'<p class="muted">{n} finding{"s" * (n != 1)}{" (" + detail + ")" if detail else ""}{date}</p>'
    )
    body = _highlighted(i, f) if f.source is not None else ""
    items = []
    source = f.source or ""
    for j, d in enumerate(f.diagnostics):
        pos = f.position(d.span.start)
        fix = ""
        if d.fix is not None:
            fix = f'<div class="fix">Fix: {_t(_fix_description(d, source))}</div>'
        elif d.suggestions:
            fix = f'<div class="fix">Suggestion: {_t(d.suggestions[0])}</div>'
        flagged = f" <q>{_t(_short(d.text))}</q>" if d.text and d.text not in d.message else ""
        items.append(
            f'<li data-id="{i}-{j}" data-rule="{_a(d.rule)}" data-category="{_a(d.category)}" '
            f'data-severity="{d.severity.value}">'
            f'<span class="badge {d.severity.value}">{d.severity.value}</span> '
            f'<code>{_t(d.rule)}</code> <span class="muted">line {pos.line}, column {pos.column}</span>'
            f"<div>{_t(d.message)}{flagged}</div>{fix}</li>"
        )
    findings = f'<ol class="findings">{"".join(items)}</ol>' if items else ""
    return head + body + findings + "</section>"


def _highlighted(i: int, f: FileReport) -> str:
    """The source with one <mark> per piece of text that findings cover."""
    source = f.source
    diags = f.diagnostics
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, list[int]] = defaultdict(list)
    points: dict[int, list[int]] = defaultdict(list)
    for j, d in enumerate(diags):
        if d.span.start == d.span.end:
            points[min(d.span.start, len(source))].append(j)
        else:
            starts[d.span.start].append(j)
            ends[d.span.end].append(j)
    cuts = sorted({0, len(source), *starts, *ends, *points})
    out: list[str] = []
    active: set[int] = set()
    for a, b in zip(cuts, cuts[1:] + [None], strict=False):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        for j in points.get(a, ()):
            out.append(_mark(i, [j], diags, "", point=True))
        if b is None:
            break
        piece = source[a:b]
        out.append(_mark(i, sorted(active), diags, piece) if active else _t(piece))
    return f'<div class="article">{"".join(out)}</div>'


def _mark(i: int, ids: list[int], diags: list[Diagnostic], piece: str, point: bool = False) -> str:
    worst = max((diags[j] for j in ids), key=lambda d: d.severity.rank).severity.value
    tip = "\n".join(_tip(diags[j]) for j in ids)
    refs = " ".join(f"{i}-{j}" for j in ids)
    cls = f"hl {worst}" + (" point" if point else "")
    return f'<mark class="{cls}" data-f="{refs}" title="{_a(tip)}" tabindex="0">{_t(piece)}</mark>'


def _tip(d: Diagnostic) -> str:
    tip = f"{d.rule}: {d.message}"
    if d.fix is not None and len(d.fix.edits) == 1:
        rep = d.fix.edits[0].replacement
        tip += f" — fix: {'delete' if rep == '' else 'replace with ' + repr(rep)}"
    elif d.suggestions:
        tip += f" — suggestion: {d.suggestions[0]!r}"
    return tip


def _count(n: int, severity: str) -> str:
    return f"{n} {severity}" + ("s" if n != 1 and severity != "info" else "")


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _t(text: str) -> str:
    return html.escape(text, quote=False)


def _a(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "&#10;")
