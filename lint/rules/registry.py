"""Load, validate and compile rule packs. Every error names the file, the line and the key."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lint.datafiles import parsed_cache, strict
from lint.datafiles.packaged import builtin_pack_dir, schema_file
from lint.datafiles.strict import DataError, load_validated, node_at
from lint.diagnostics import Severity
from lint.rule import Check, Context, ParamError, Rule

BASE_KEYS = frozenset("id title kind category severity message description examples enabled timeout".split())


@dataclass
class Registry:
    """The rules in force for a run, in pack order, each compiled once."""

    rules: list[Rule] = field(default_factory=list)
    context: Context = field(default_factory=Context)
    _checks: dict[str, Check] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.by_id = {r.id: r for r in self.rules}

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        return self.by_id.get(rule_id)

    def check(self, rule: Rule) -> Check:
        """The compiled check of a rule (compiled on first use, then reused)."""
        found = self._checks.get(rule.id)
        if found is None:
            found = self._checks[rule.id] = compile_rule(rule, self.context)
        return found

    def compile_all(self) -> None:
        for rule in self.rules:
            self.check(rule)


def compile_rule(rule: Rule, context: Context | None = None) -> Check:
    from lint.kinds import load_kind

    context = context or Context()
    overrides = dict(context.rule_params).get(rule.id)
    if overrides:
        params = {**rule.params, **{k: list(v) if isinstance(v, tuple) else v for k, v in overrides}}
        rule = dataclasses.replace(rule, params=params)
    try:
        return load_kind(rule.kind).compile(rule, context)
    except ParamError as err:
        raise DataError(rule.path, _key_line(rule, err.key), f"rule {rule.id}: {err}") from None


def _key_line(rule: Rule, key: str) -> int:
    return rule.key_lines.get(key, rule.line)


# -- loading ------------------------------------------------------------------------------


def pack_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if p.is_file())


def load_registry(
    extra: Iterable[Path] = (), *, builtin: bool = True, context: Context | None = None
) -> Registry:
    files = [(p, True) for p in pack_files(builtin_pack_dir())] if builtin else []
    for path in extra:
        files.extend((p, False) for p in (pack_files(path) if path.is_dir() else [path]))
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for path, shipped in files:
        for rule in load_pack(path):
            if shipped:
                rule = dataclasses.replace(rule, builtin=True)
            if rule.id in seen:
                first = seen[rule.id]
                raise DataError(
                    str(path), rule.line, f"duplicate rule id {rule.id} (first in {first.path}:{first.line})"
                )
            seen[rule.id] = rule
            rules.append(rule)
    for rule_id, _ in context.rule_params if context else ():
        if rule_id not in seen:
            raise DataError(
                "configuration", None, f"rule-params: unknown rule {rule_id!r} (see 'newslint rules')"
            )
    return Registry(rules, context or Context())


def load_pack(path: Path) -> list[Rule]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(name, None, f"cannot read rule pack: {err}") from None
    # Parsing YAML with line numbers and validating it is a third of a cold start: a pack
    # that parsed before is read back from the cache, keyed by its name and text and by
    # the code and schema that parse it.
    key = f"pack-{_pack_key(name, text)}"
    rules = parsed_cache.load(key, _rules_from_data)
    if rules is None:
        rules = parse_pack(text, name)
        parsed_cache.store(key, _rules_to_data(rules))
    return rules


_RULE_FIELDS = tuple(f.name for f in dataclasses.fields(Rule))


def _rules_to_data(rules: list[Rule]) -> list[dict]:
    return [
        {
            **{f: getattr(r, f) for f in _RULE_FIELDS},
            "severity": r.severity.value,
            "examples": list(r.examples),
        }
        for r in rules
    ]


def _rules_from_data(data: list[dict]) -> list[Rule]:
    rules = []
    for raw in data:
        if set(raw) != set(_RULE_FIELDS):
            raise ValueError("a cached rule from another version")
        rules.append(
            Rule(**{**raw, "severity": Severity(raw["severity"]), "examples": tuple(raw["examples"])})
        )
    return rules


def _pack_key(name: str, text: str) -> str:
    digest = hashlib.sha256(_parser_digest())
    digest.update(name.encode() + b"\0" + text.encode())
    return digest.hexdigest()[:32]


@cache
def _parser_digest() -> bytes:
    """newslint's version and the schema and code that parse a pack: read once a process."""
    from lint import __version__

    digest = hashlib.sha256(__version__.encode())
    digest.update(schema_file("rules.schema.json").read_bytes())
    for module in (__file__, strict.__file__):
        digest.update(Path(module).read_bytes())
    return digest.digest()


def parse_pack(text: str, name: str) -> list[Rule]:
    try:
        data, root = load_validated(text, name, "rules.schema.json", empty="the rule pack is empty")
    except DataError as err:
        raise DataError(err.path, err.line, err.message) from None

    pack = data["pack"]
    rules = []
    for i, raw in enumerate(data["rules"]):
        node = node_at(root, ["rules", i])
        params = {k: v for k, v in raw.items() if k not in BASE_KEYS}
        rules.append(
            Rule(
                id=raw["id"],
                title=raw["title"],
                kind=raw["kind"],
                category=raw["category"],
                severity=Severity(raw["severity"]),
                message=raw["message"],
                description=raw["description"].strip(),
                params=params,
                examples=tuple(raw["examples"]),
                pack=pack,
                path=name,
                line=node.start_mark.line + 1,
                enabled=raw.get("enabled", True),
                timeout=raw.get("timeout"),
                key_lines={key.value: key.start_mark.line + 1 for key, _ in node.value},
            )
        )
    return rules
