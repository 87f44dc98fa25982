"""Output formats: one pure function per format, ``emit(report, registry, options) -> str``."""

from __future__ import annotations

import importlib
from collections.abc import Callable

FORMATS: dict[str, str] = {
    "text": "lint.emit.text",
    "concise": "lint.emit.text",
    "json": "lint.emit.json_format",
    "sarif": "lint.emit.sarif",
    "github": "lint.emit.github",
    "html": "lint.emit.html",
    "junit": "lint.emit.junit",
    "gitlab": "lint.emit.gitlab",
}


def emitter(name: str) -> Callable[..., str]:
    module = importlib.import_module(FORMATS[name])
    return module.emit_concise if name == "concise" else module.emit
