"""``--statistics``: how many findings each rule produced, most frequent first (like ruff's)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from lint.report import Report
from lint.rules.catalog import lookup


@dataclass(frozen=True)
class StatisticsOptions:
    summary: bool = True  # a closing line with the totals


def rows(report: Report, registry=None) -> list[tuple[int, str, str]]:
    """(count, rule id, title), by count (highest first), then rule id."""
    counts = Counter(d.rule for d in report.diagnostics)
    out = []
    for rule_id, n in counts.items():
        entry = lookup(registry, rule_id)
        out.append((n, rule_id, entry.title if entry is not None else ""))
    return sorted(out, key=lambda r: (-r[0], r[1]))


def emit(report: Report, registry=None, options: StatisticsOptions | None = None) -> str:
    opt = options or StatisticsOptions()
    table = rows(report, registry)
    lines = []
    if table:
        count_w = max(len(str(n)) for n, _, _ in table)
        rule_w = max(len(rule_id) for _, rule_id, _ in table)
        for n, rule_id, title in table:
            lines.append(f"{n:>{count_w}}  {rule_id:<{rule_w}}  {title}".rstrip())
    if opt.summary:
        total, files = sum(n for n, _, _ in table), len(report.files)
        where = f"{files} file" + ("" if files == 1 else "s")
        if total:
            lines.append(f"Found {total} problem{'' if total == 1 else 's'} in {where}.")
        else:
            lines.append(f"No problems found in {where}.")
    return "".join(line + "\n" for line in lines)


def emit_json(report: Report, registry=None, options: StatisticsOptions | None = None) -> str:
    table = [{"count": n, "rule": rule_id, "title": title} for n, rule_id, title in rows(report, registry)]
    return json.dumps(table, ensure_ascii=False, indent=2) + "\n"
