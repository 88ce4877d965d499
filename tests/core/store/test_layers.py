"""The store's modules form layers: no module imports one that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

import oneonone

STORE = Path(oneonone.__file__).parent / "core" / "store"
PACKAGE = "oneonone.core.store"


def _imports(path: Path) -> set[str]:
    """The store modules ``path`` imports, wherever in the file (a function-level import is
    still a cycle, only hidden)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == PACKAGE:
                found |= {f"{PACKAGE}.{alias.name}" for alias in node.names}
            elif node.module.startswith(PACKAGE + "."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith(PACKAGE + ".")}
    return found


def test_the_store_modules_import_each_other_without_a_cycle() -> None:
    modules = {
        f"{PACKAGE}.{p.stem}": p for p in sorted(STORE.glob("*.py")) if p.name != "__init__.py"
    }
    graph = {name: _imports(path) & set(modules) for name, path in modules.items()}
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        assert name not in trail, "import cycle: " + " -> ".join([*trail, name])
        if name in done:
            return
        for dep in sorted(graph[name]):
            visit(dep, [*trail, name])
        done.add(name)

    for name in graph:
        visit(name, [])
    assert f"{PACKAGE}.tables" in graph and f"{PACKAGE}.files" in graph


def test_the_core_is_a_package() -> None:
    assert (STORE.parent / "__init__.py").is_file()
