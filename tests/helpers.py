"""Small helpers shared by the tests."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from lint.engine import Engine, Selection
from lint.fix import fix_until_stable
from lint.readers import document_from_source
from lint.rules.registry import load_registry

# A rule pack of one valid rule, for tests that load, break or cache packs.
GOOD_RULE = """\
pack: house
rules:
  - id: house.no-alot
    title: Alot for a lot
    kind: substitution
    category: spelling
    severity: warning
    message: "Write '{right}', not '{text}'"
    description: A lot is two words.
    swap: {alot: a lot}
    examples:
      - bad: "We saw alot."
        flagged: "alot"
        fixed: "We saw a lot."
      - good: "We saw a lot."
"""

_REGISTRY = None


def _day(date: str | None) -> dt.date | None:
    return dt.date.fromisoformat(date) if date else None


def registry():
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = load_registry()
    return _REGISTRY


def lint(text: str, select: tuple[str, ...] = (), reg=None, date: str | None = None):
    engine = Engine(reg or registry(), Selection(select=select))
    return engine.lint(document_from_source(text, "<test>", _day(date)))


def fix(
    text: str, select: tuple[str, ...] = (), unsafe: bool = True, reg=None, date: str | None = None
) -> str:
    engine = Engine(reg or registry(), Selection(select=select))
    outcome = fix_until_stable(
        document_from_source(text, "<test>", _day(date)),
        engine.lint,
        lambda s: document_from_source(s, "<test>", _day(date)),
        unsafe,
    )
    assert outcome.converged
    return outcome.source


def newslint(*args, cwd=None) -> subprocess.CompletedProcess:
    """Run the command line in a fresh process, as a user would, with text output."""
    root = Path(__file__).resolve().parent.parent
    return subprocess.run(
        [sys.executable, "-m", "lint", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(root)},
    )
