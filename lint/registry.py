"""Load, validate and compile rule packs. Every error names the file, the line and the key."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import regex
import yaml

from .diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span
from .document import Document


class RuleError(Exception):
    """A rule pack (or a rule in it) that cannot be used."""

    def __init__(self, path: str, line: int | None, message: str):
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


class ParamError(Exception):
    """Raised by a kind's ``compile`` for a bad parameter; the registry adds the location."""

    def __init__(self, key: str, message: str):
        self.key, self.message = key, message
        super().__init__(f"{key}: {message}")


class Check(Protocol):
    def run(self, doc: Document) -> Iterable[Diagnostic]: ...


@dataclass(frozen=True)
class Rule:
    id: str
    title: str  # one line, for listings and SARIF's short description
    kind: str
    category: str
    severity: Severity
    message: str
    description: str
    params: dict[str, Any]
    examples: tuple[dict[str, Any], ...]
    pack: str
    path: str
    line: int
    enabled: bool = True
    timeout: float | None = None
    # Shipped with newslint (reviewed, tested on hostile input) rather than a user's pack.
    builtin: bool = False
    # Line of each key of the rule, so a bad parameter found at compile time is located.
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def report(
        self,
        span: Span,
        *,
        replacement: str | None = None,
        applicability: str | Applicability = Applicability.SAFE,
        edits: tuple[Edit, ...] | None = None,
        suggestions: tuple[str, ...] | None = None,
        **fields: str,
    ) -> Diagnostic:
        """A diagnostic of this rule; ``fields`` fill the message template."""
        fix = None
        if edits is None and replacement is not None:
            edits = (Edit(span, replacement),)
        if edits:
            fix = Fix(Applicability(applicability), edits)
        if suggestions is None:
            suggestions = (replacement,) if replacement is not None else ()
        return Diagnostic(
            rule=self.id,
            category=self.category,
            severity=self.severity,
            message=self.message.format_map(_Fields(fields)),
            span=span,
            suggestions=suggestions,
            fix=fix,
        )


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


BASE_KEYS = frozenset("id title kind category severity message description examples enabled timeout".split())


@dataclass
class Registry:
    """The rules in force for a run, in pack order, each compiled once."""

    rules: list[Rule] = field(default_factory=list)
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
            found = self._checks[rule.id] = compile_rule(rule)
        return found

    def compile_all(self) -> None:
        for rule in self.rules:
            self.check(rule)


def compile_rule(rule: Rule) -> Check:
    from .kinds import load_kind

    try:
        return load_kind(rule.kind).compile(rule)
    except ParamError as err:
        raise RuleError(rule.path, _key_line(rule, err.key), f"rule {rule.id}: {err}") from None


def _key_line(rule: Rule, key: str) -> int:
    return rule.key_lines.get(key, rule.line)


# -- loading ------------------------------------------------------------------------------


def builtin_pack_dir() -> Path:
    """Packs inside the installed wheel, or the repository's rules/ when run from source."""
    shipped = resources.files("lint") / "_rules"
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parent.parent / "rules"


def pack_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if p.is_file())


def load_registry(extra: Iterable[Path] = (), *, builtin: bool = True) -> Registry:
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
                raise RuleError(
                    str(path), rule.line, f"duplicate rule id {rule.id} (first in {first.path}:{first.line})"
                )
            seen[rule.id] = rule
            rules.append(rule)
    return Registry(rules)


def load_pack(path: Path) -> list[Rule]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise RuleError(name, None, f"cannot read rule pack: {err}") from None
    return parse_pack(text, name)


def parse_pack(text: str, name: str) -> list[Rule]:
    try:
        root = yaml.compose(text, Loader=_StrictLoader)
        data = _StrictLoader.construct(root)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise RuleError(name, mark.line + 1 if mark else None, _yaml_problem(err)) from None
    except yaml.YAMLError as err:
        raise RuleError(name, None, str(err)) from None
    if root is None:
        raise RuleError(name, 1, "the rule pack is empty")

    error = _first_schema_error(data)
    if error is not None:
        raise RuleError(name, _error_line(root, error), _error_text(error))

    pack = data["pack"]
    rules = []
    for i, raw in enumerate(data["rules"]):
        node = _node_at(root, ["rules", i])
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


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate keys instead of silently keeping the last."""

    @classmethod
    def construct(cls, node: yaml.Node | None) -> Any:
        if node is None:
            return None
        loader = cls("")
        return loader.construct_document(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _yaml_problem(err: yaml.MarkedYAMLError) -> str:
    return " ".join(p for p in (err.context, err.problem) if p) or "invalid YAML"


@cache
def rule_schema_validator():
    import jsonschema

    schema = json.loads(resources.files("lint.schemas").joinpath("rules.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


def _first_schema_error(data: Any):
    errors = list(rule_schema_validator().iter_errors(data))
    if not errors:
        return None
    # The deepest error says most precisely what is wrong; ties go to document order.
    return max(errors, key=lambda e: (len(e.absolute_path), -_path_key(e)))


def _path_key(error) -> int:
    path = list(error.absolute_path)
    return path[1] if len(path) > 1 and isinstance(path[1], int) else 0


_UNEXPECTED = regex.compile(r"'([^']+)'")


def _unexpected_keys(error) -> list[str]:
    if error.validator in ("unevaluatedProperties", "additionalProperties"):
        return _UNEXPECTED.findall(error.message.split("(")[-1])
    return []


def _error_text(error) -> str:
    where = _describe_path(error.absolute_path)
    keys = _unexpected_keys(error)
    if keys:
        return f"{where}: unknown key {', '.join(repr(k) for k in keys)}"
    if error.validator == "oneOf" and list(error.absolute_path)[-2:-1] == ["examples"]:
        return (
            f"{where}: an example has either 'bad' and 'flagged' "
            "(and optional 'offset', 'fixed') or 'good' alone"
        )
    return f"{where}: {error.message}"


def _describe_path(path) -> str:
    parts = list(path)
    if not parts:
        return "pack"
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else p)
    return out


def _node_at(root: yaml.Node, path) -> yaml.Node:
    node = root
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), node)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
    return node


def _error_line(root: yaml.Node, error) -> int:
    node = _node_at(root, error.absolute_path)
    keys = _unexpected_keys(error)
    if keys and isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if key_node.value == keys[0]:
                return key_node.start_mark.line + 1
    return node.start_mark.line + 1
