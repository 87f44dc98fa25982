"""Project configuration: ``[tool.newslint]`` in pyproject.toml, or a ``.newslint.toml``."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

import regex

from .diagnostics import Severity
from .registry import Context


class ConfigError(Exception):
    def __init__(self, path: str, line: int | None, message: str):
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")


@dataclass
class Config:
    path: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: str | None = None
    packs: tuple[Path, ...] = ()
    kb: tuple[Path, ...] = ()
    accepted_names: tuple[str, ...] = ()
    grammar_backend: str | None = None
    languagetool_url: str | None = None
    harper_spelling: bool = False

    @property
    def context(self) -> Context:
        return Context(
            kb_files=self.kb,
            accepted_names=self.accepted_names,
            languagetool_url=self.languagetool_url,
            harper_spelling=self.harper_spelling,
        )


@cache
def _validator():
    import jsonschema

    schema = json.loads(resources.files("lint.schemas").joinpath("config.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


def load_config(path: Path) -> Config:
    name = str(path)
    try:
        raw_text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(name, None, f"cannot read the configuration: {err}") from None
    try:
        data = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None) or _line_from_message(str(err))
        raise ConfigError(name, line, f"invalid TOML: {err}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("newslint", {})
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        key = _offending_key(err)
        where = ".".join(str(p) for p in err.absolute_path) or "newslint"
        text = (
            f"unknown key {key!r} in {where}"
            if err.validator == "additionalProperties"
            else (f"{where}: {err.message}")
        )
        raise ConfigError(name, _key_line(raw_text, key), text)
    base = path.parent
    return Config(
        path=name,
        select=tuple(data.get("select", ())),
        ignore=tuple(data.get("ignore", ())),
        severity={k: Severity(v) for k, v in data.get("severity", {}).items()},
        fail_on=data.get("fail-on"),
        packs=tuple((base / p) for p in data.get("rule-packs", ())),
        kb=tuple((base / p) for p in data.get("kb", ())),
        accepted_names=tuple(data.get("accepted-names", ())),
        grammar_backend=data.get("grammar-backend"),
        languagetool_url=data.get("languagetool-url"),
        harper_spelling=data.get("harper-spelling", False),
    )


def _offending_key(err) -> str | None:
    if err.validator == "additionalProperties":
        found = regex.findall(r"'([^']+)'", err.message)
        return found[0] if found else None
    path = list(err.absolute_path)
    return str(path[-1]) if path else None


def _key_line(text: str, key: str | None) -> int | None:
    if not key:
        return None
    m = regex.search(rf"(?m)^\s*\"?{regex.escape(key)}\"?\s*=", text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _line_from_message(message: str) -> int | None:
    m = regex.search(r"line (\d+)", message)
    return int(m.group(1)) if m else None
