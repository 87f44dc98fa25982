"""Data files (rule packs, the knowledge base) read strictly: YAML without duplicate keys,
validated against a JSON Schema, every error located at a file, a line and a key."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lint.datafiles import compiled_regex
from lint.datafiles.packaged import schema_file

if TYPE_CHECKING:
    import yaml

# PyYAML and jsonschema are imported when a file is parsed or checked:
# a warm start reads every table back from the parsed cache and needs none of them.


class DataError(Exception):
    """A data file that cannot be used (a rule pack or a rule in it, the knowledge base, a
    configuration), located at its file and, where known, its line."""

    def __init__(self, path: str, line: int | None, message: str):
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")


def load_validated(text: str, name: str, schema: str, *, empty: str = "the file is empty"):
    """Parse YAML and validate it; return the data and the node tree (for line numbers)."""
    import yaml

    loader = _strict_loader()
    try:
        root = yaml.compose(text, Loader=loader)
        data = loader.construct(root)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise DataError(name, mark.line + 1 if mark else None, _yaml_problem(err)) from None
    except yaml.YAMLError as err:
        raise DataError(name, None, str(err)) from None
    if root is None:
        raise DataError(name, 1, empty)
    error = _first_schema_error(validator(schema), data)
    if error is not None:
        raise DataError(name, _error_line(root, error), _error_text(error))
    return data, root


def validated_data(text: str, name: str, schema: str):
    """``load_validated``'s data alone, read back from the parsed cache when this text was
    validated before (by this code, against this schema): a table read on every run then
    costs a JSON read, not a YAML parse and a schema check."""
    from lint.datafiles import parsed_cache

    digest = hashlib.sha256(schema_file(schema).read_bytes())
    digest.update(Path(__file__).read_bytes())
    digest.update(name.encode() + b"\0" + text.encode())
    key = f"data-{digest.hexdigest()[:32]}"
    data = parsed_cache.load(key, lambda d: d)
    if data is None:
        data, _ = load_validated(text, name, schema)
        parsed_cache.store(key, data)
    return data


def line_of(root: yaml.Node, path) -> int:
    return node_at(root, path).start_mark.line + 1


@cache
def _strict_loader():
    import yaml

    class StrictLoader(yaml.SafeLoader):
        """SafeLoader that rejects duplicate keys instead of silently keeping the last, and
        keeps dates as the text written (2021-12-08 stays a string, as the schemas expect)."""

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

    StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)
    return StrictLoader


def _yaml_problem(err: yaml.MarkedYAMLError) -> str:
    return " ".join(p for p in (err.context, err.problem) if p) or "invalid YAML"


@cache
def validator(schema: str):
    import jsonschema

    return jsonschema.Draft202012Validator(json.loads(schema_file(schema).read_text()))


def _first_schema_error(checker, data: Any):
    errors = list(checker.iter_errors(data))
    if not errors:
        return None
    # A key with a bad value is also reported as "unevaluated" by the schema: keep the
    # error about its value, which says what is wrong.
    paths = [list(e.absolute_path) for e in errors]
    errors = [
        e
        for e in errors
        if not any(
            p[: len(e.absolute_path) + 1] in ([*e.absolute_path, k] for k in _unexpected_keys(e))
            for p in paths
            if len(p) > len(e.absolute_path)
        )
    ]
    # An unknown key (a typo) first; else the deepest error says most precisely what is
    # wrong; ties go to document order.
    return max(errors, key=lambda e: (bool(_unexpected_keys(e)), len(e.absolute_path), -_path_key(e)))


def _path_key(error) -> int:
    path = list(error.absolute_path)
    return path[1] if len(path) > 1 and isinstance(path[1], int) else 0


_UNEXPECTED = compiled_regex.compile(r"'([^']+)'")


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


def node_at(root: yaml.Node, path) -> yaml.Node:
    import yaml

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
    import yaml

    node = node_at(root, error.absolute_path)
    keys = _unexpected_keys(error)
    if keys and isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if key_node.value == keys[0]:
                return key_node.start_mark.line + 1
    return node.start_mark.line + 1
