"""Project configuration: ``[tool.newslint]`` in pyproject.toml, or a ``.newslint.toml``.

Without ``--config``, each file gets the nearest configuration from its folder upward
(:func:`find_config`): a ``.newslint.toml``, else a ``pyproject.toml`` with a
``[tool.newslint]`` table; the search stops at a folder holding ``.git`` or at the root.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

import regex

from lint.datafiles import parsed_cache
from lint.datafiles.packaged import schema_file
from lint.datafiles.strict import DataError
from lint.diagnostics import Severity
from lint.engine import glob_match
from lint.rule import Context


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
    # (glob, rule ids or prefixes), globs relative to the configuration file's folder
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    dialect: str | None = None
    json_body_fields: tuple[str, ...] = ()
    json_date_fields: tuple[str, ...] = ()
    json_title_fields: tuple[str, ...] = ()
    json_id_fields: tuple[str, ...] = ()
    cache_dir: Path | None = None
    # parameters of rules by id, over the packs' own: ((rule id, ((key, value), ...)), ...)
    rule_params: tuple[tuple[str, tuple[tuple[str, object], ...]], ...] = ()

    @property
    def reader_options(self) -> dict:
        """Options for the readers: the field names of CMS JSON exports, when configured."""
        options = {}
        if self.json_body_fields:
            options["body_fields"] = self.json_body_fields
        if self.json_date_fields:
            options["date_fields"] = self.json_date_fields
        if self.json_title_fields:
            options["title_fields"] = self.json_title_fields
        if self.json_id_fields:
            options["id_fields"] = self.json_id_fields
        return options

    @property
    def root(self) -> str | None:
        """The folder the configuration's relative paths and globs start from."""
        return str(Path(self.path).resolve().parent) if self.path else None

    def ignores_for(self, path: str) -> dict[str, tuple[str, ...]]:
        """The per-file-ignores entries whose glob matches ``path``."""
        import os

        rel = os.path.relpath(os.path.abspath(path), self.root or os.getcwd()).replace(os.sep, "/")
        return {g: ids for g, ids in self.per_file_ignores if glob_match(g, rel)}

    @property
    def context(self) -> Context:
        return Context(
            kb_files=self.kb,
            accepted_names=self.accepted_names,
            languagetool_url=self.languagetool_url,
            harper_spelling=self.harper_spelling,
            dialect=self.dialect,
            rule_params=self.rule_params,
        )


@cache
def _validator():
    import jsonschema

    schema = json.loads(schema_file("config.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


def _validated_key(data) -> str | None:
    try:
        text = repr(data)  # exact for what TOML gives: tables, arrays, strings, numbers, dates
    except RecursionError:
        return None
    digest = hashlib.sha256(schema_file("config.schema.json").read_bytes())
    digest.update(Path(__file__).read_bytes())
    digest.update(text.encode())
    return f"config-valid-{digest.hexdigest()[:32]}"


def _true(value):
    if value is not True:
        raise ValueError("not a validity mark")
    return True


def load_config(path: Path) -> Config:
    name = str(path)
    try:
        raw_text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(name, None, f"cannot read the configuration: {err}") from None
    try:
        data = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None) or _line_from_message(str(err))
        raise DataError(name, line, f"invalid TOML: {err}") from None
    except RecursionError:
        raise DataError(name, _too_deep(raw_text), _TOO_DEEP) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("newslint", {})
    # A configuration validated before (the same data, schema and code) is not validated
    # again: the schema library's import alone is a tenth of a hook's start.
    known = _validated_key(data)
    try:
        valid = known is not None and parsed_cache.load(known, _true) is True
        errors = [] if valid else sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    except RecursionError:
        raise DataError(name, _too_deep(raw_text), _TOO_DEEP) from None
    if not errors and known is not None and not valid:
        parsed_cache.store(known, True)
    if errors:
        err = errors[0]
        key = _offending_key(err)
        where = ".".join(str(p) for p in err.absolute_path) or "newslint"
        text = (
            f"unknown key {key!r} in {where}{_did_you_mean(key, err.schema.get('properties', {}))}"
            if err.validator == "additionalProperties"
            else (f"{where}: {err.message}")
        )
        raise DataError(name, _key_line(raw_text, key), text)
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
        per_file_ignores=tuple((g, tuple(ids)) for g, ids in data.get("per-file-ignores", {}).items()),
        dialect=data.get("dialect"),
        json_body_fields=tuple(data.get("json-body-fields", ())),
        json_date_fields=tuple(data.get("json-date-fields", ())),
        json_title_fields=tuple(data.get("json-title-fields", ())),
        json_id_fields=tuple(data.get("json-id-fields", ())),
        cache_dir=base / data["cache-dir"] if "cache-dir" in data else None,
        rule_params=tuple(
            (rule, tuple(sorted((k, _frozen(v)) for k, v in params.items())))
            for rule, params in data.get("rule-params", {}).items()
        ),
    )


def _frozen(value):
    """A TOML value as a hashable one (lists as tuples), so the configuration can key the cache."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


CONFIG_NAMES = (".newslint.toml", "pyproject.toml")


@cache
def find_config(folder: Path) -> Path | None:
    """The nearest configuration file for a file in ``folder`` (absolute), searching upward:
    ``.newslint.toml`` wins over a ``pyproject.toml`` in the same folder, which counts only
    with a ``[tool.newslint]`` table. The search stops after a folder holding ``.git``."""
    for here in (folder, *folder.parents):
        candidate = here / ".newslint.toml"
        if candidate.is_file():
            return candidate
        candidate = here / "pyproject.toml"
        if candidate.is_file() and _has_newslint_table(candidate):
            return candidate
        if (here / ".git").exists():
            return None
    return None


def _has_newslint_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "newslint" not in text:
        return False
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return True  # it means to configure newslint: load_config reports the error
    return isinstance(data.get("tool", {}).get("newslint"), dict)


def _offending_key(err) -> str | None:
    if err.validator == "additionalProperties":
        found = regex.findall(r"'([^']+)'", err.message)
        return found[0] if found else None
    path = list(err.absolute_path)
    return str(path[-1]) if path else None


def _did_you_mean(key: str | None, valid) -> str:
    import difflib  # only a misspelt key needs it

    close = difflib.get_close_matches(key or "", list(valid), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _key_line(text: str, key: str | None) -> int | None:
    if not key:
        return None
    # "key = ..." or a table header "[key]", on one line (a \s* would run across blank lines).
    k = regex.escape(key)
    m = regex.search(rf"(?m)^[ \t]*(?:\"?{k}\"?[ \t]*=|\[+[ \t]*\"?{k}\"?[ \t]*\])", text)
    return text.count("\n", 0, m.start()) + 1 if m else None


_TOO_DEEP = "invalid TOML: arrays or tables nested too deeply (no setting nests more than two levels)"


def _too_deep(text: str, limit: int = 32) -> int | None:
    """The line where brackets and braces outside strings first nest ``limit`` deep."""
    depth, quote, comment, line = 0, "", False, 1
    for ch in text:
        if ch == "\n":
            line, comment = line + 1, False
        elif comment:
            continue
        elif quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            comment = True
        elif ch in "[{":
            depth += 1
            if depth >= limit:
                return line
        elif ch in "]}":
            depth -= 1
    return None


def _line_from_message(message: str) -> int | None:
    m = regex.search(r"line (\d+)", message)
    return int(m.group(1)) if m else None
