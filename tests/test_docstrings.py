"""Docstrings on every public class, function and method of ``src/oneonone``.

A newcomer reads what a definition is for before how it does it. Public means a name that
does not start with ``_``, in a module, class or package whose own name does not either;
Textual's handlers (``on_*``, ``action_*``, ``compose``, ``watch_*``...) count, as do the
special methods other than ``__init__`` (the class's docstring says how to make one).
Functions nested in functions are left out: they are read with the function around them.
Pure ``ast``: nothing is imported.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import oneonone

PACKAGE = Path(oneonone.__file__).parent

Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def _public(name: str) -> bool:
    if name == "__init__":
        return False
    if name.startswith("__") and name.endswith("__"):
        return True
    return not name.startswith("_")


def _overload(node: Definition) -> bool:
    return any(
        (isinstance(d, ast.Name) and d.id == "overload")
        or (isinstance(d, ast.Attribute) and d.attr == "overload")
        for d in node.decorator_list
    )


def undocumented(tree: ast.Module, where: str) -> Iterator[str]:
    """``where:line name`` of each public definition in ``tree`` without a docstring."""

    def walk(body: list[ast.stmt], prefix: str) -> Iterator[str]:
        for node in body:
            if not isinstance(node, Definition) or not _public(node.name) or _overload(node):
                continue
            if ast.get_docstring(node) is None:
                yield f"{where}:{node.lineno} {prefix}{node.name}"
            if isinstance(node, ast.ClassDef):
                yield from walk(node.body, f"{prefix}{node.name}.")

    yield from walk(tree.body, "")


def modules() -> Iterator[Path]:
    """Every module of the package, but those of a private module or package."""
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if not any(p.startswith("_") and p != "__init__" and p != "__main__" for p in parts):
            yield path


def missing(folder: str = "") -> list[str]:
    """What lacks a docstring, under ``folder`` of the package (all of it by default)."""
    found: list[str] = []
    for path in modules():
        where = path.relative_to(PACKAGE).as_posix()
        if where.startswith(folder):
            found += undocumented(ast.parse(path.read_text(encoding="utf-8")), where)
    return found


def test_every_public_definition_has_a_docstring() -> None:
    gaps = missing()
    assert not gaps, f"{len(gaps)} public definitions without a docstring:\n" + "\n".join(gaps)


def test_the_check_sees_what_it_should() -> None:
    code = '''
class Shown:
    """Said."""

    def __init__(self) -> None: ...
    def on_mount(self) -> None: ...
    def _private(self) -> None: ...
    def __eq__(self, other: object) -> bool: ...

class _Hidden:
    def method(self) -> None: ...

def told() -> None:
    """Said."""
    def nested() -> None: ...

async def untold() -> None: ...
'''
    found = list(undocumented(ast.parse(code), "m.py"))
    assert found == ["m.py:6 Shown.on_mount", "m.py:8 Shown.__eq__", "m.py:17 untold"]
