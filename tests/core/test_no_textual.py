"""The core stays free of the UI, and TinyDB stays behind the store."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import oneonone

PACKAGE = Path(oneonone.__file__).parent

IMPORT_ALL_CORE = """
import importlib
import json
import pkgutil
import sys

import oneonone.core

names = ["oneonone.core"]
for info in pkgutil.walk_packages(oneonone.core.__path__, "oneonone.core."):
    importlib.import_module(info.name)
    names.append(info.name)
print(json.dumps({"imported": names, "loaded": sorted(sys.modules)}))
"""


def test_importing_all_of_core_does_not_load_textual() -> None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL_CORE],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    imported = set(report["imported"])
    expected = {
        "oneonone.core.model",
        "oneonone.core.codec",
        "oneonone.core.dates",
        "oneonone.core.roster",
        "oneonone.core.team",
        "oneonone.core.store",
        "oneonone.core.store.files",
        "oneonone.core.store.storage",
        "oneonone.core.store.errors",
    }
    assert expected <= imported
    on_disk = {
        "oneonone." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for p in (PACKAGE / "core").rglob("*.py")
        if p.name != "__init__.py"
    }
    assert on_disk <= imported  # the walk found every module
    ui = [m for m in report["loaded"] if m == "textual" or m.startswith("textual.")]
    assert ui == [], f"importing the core loaded {ui[:5]}"


def _imports_tinydb(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            if any(alias.name.split(".")[0] == "tinydb" for alias in node.names):
                return True
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and (node.module or "").split(".")[0] == "tinydb":
                return True
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and str(node.args[0].value).split(".")[0] == "tinydb"
        ):
            return True
    return False


def test_only_the_store_imports_tinydb() -> None:
    store = PACKAGE / "core" / "store"
    users = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        if _imports_tinydb(tree):
            users.append(path)
    assert users, "the store itself should import tinydb"
    outside = [str(p.relative_to(PACKAGE)) for p in users if store not in p.parents]
    assert outside == [], f"only oneonone.core.store may import tinydb, not {outside}"
