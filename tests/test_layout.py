"""The package layout is the flow: each layer imports only from layers below it, and no
two modules import each other (directly or round a loop). Read from the source's imports,
including those inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "lint"

# Lowest first. A module belongs to the longest prefix that names it.
LAYERS: list[tuple[str, ...]] = [
    ("lint.diagnostics", "lint.datafiles", "lint.schemas", "lint.atomic"),
    ("lint.text",),
    ("lint.readers",),
    ("lint.rule",),
    ("lint.kb",),
    ("lint.models",),
    ("lint.kinds",),
    ("lint.rules",),
    ("lint.suppressions",),
    ("lint.engine",),
    ("lint.fix",),
    ("lint.config",),
    ("lint.report",),
    ("lint.emit",),
    ("lint.run",),
    ("lint.api",),
    ("lint.lsp", "lint.serve"),
    ("lint.cli", "lint.__main__"),
]
# The package itself is a facade: it holds the version every layer reads and lends the
# library API (lint.api) lazily, so it stands outside the layers.
FACADE = "lint"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """Modules of this package that ``path`` imports, resolved to module names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "lint")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(up + ([base] if base else []))
            if base.split(".")[0] != "lint":
                continue
            for alias in node.names:  # "from lint.kb import names" imports lint.kb.names
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
    return {m for m in found if m not in (name, FACADE)}


MODULES = {module_name(p): p for p in ROOT.rglob("*.py") if module_name(p) != FACADE}


def layer(module: str) -> int:
    best, where = -1, None
    for i, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, where = len(prefix), i
    assert where is not None, f"{module} is in no layer: add it to LAYERS"
    return where


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_only_from_lower_layers(module):
    upward = [
        (m, LAYERS[layer(m)][0])
        for m in sorted(imports(MODULES[module]))
        if m in MODULES and layer(m) > layer(module)
    ]
    assert not upward, f"{module} (layer {LAYERS[layer(module)][0]}) imports from above: {upward}"


def test_no_import_loops():
    graph = {m: {i for i in imports(p) if i in MODULES} for m, p in MODULES.items()}
    # A package's __init__ runs before its modules: importing lint.x.y imports lint.x too.
    for m in list(graph):
        for dep in list(graph[m]):
            parent = dep.rpartition(".")[0]
            while parent and parent != m and not m.startswith(parent + "."):
                graph[m].add(parent)
                parent = parent.rpartition(".")[0]
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt) :] + [nxt]
                pytest.fail("import loop: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def test_every_module_has_a_layer():
    for module in MODULES:
        layer(module)


def test_architecture_names_every_package_and_module_of_the_top_level():
    text = (ROOT.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for path in sorted(ROOT.iterdir()):
        if path.name.startswith(("_", ".")):
            continue
        if path.is_dir() and (path / "__init__.py").exists():
            assert f"`lint/{path.name}/`" in text, f"ARCHITECTURE.md does not say what lint/{path.name}/ owns"
        elif path.suffix == ".py":
            assert f"`lint/{path.name}`" in text, f"ARCHITECTURE.md does not say what lint/{path.name} owns"
