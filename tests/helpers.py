"""Small helpers shared by the tests."""

from __future__ import annotations

from lint.document import Document
from lint.engine import Engine, Selection
from lint.fixer import fix_until_stable
from lint.readers import document_from_source
from lint.registry import load_registry

_REGISTRY = None


def registry():
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = load_registry()
    return _REGISTRY


def lint(text: str, select: tuple[str, ...] = (), reg=None):
    engine = Engine(reg or registry(), Selection(select=select))
    return engine.lint(Document.from_text(text))


def fix(text: str, select: tuple[str, ...] = (), unsafe: bool = True, reg=None) -> str:
    engine = Engine(reg or registry(), Selection(select=select))
    outcome = fix_until_stable(
        document_from_source(text, "<test>"),
        engine.lint,
        lambda s: document_from_source(s, "<test>"),
        unsafe,
    )
    assert outcome.converged
    return outcome.source
