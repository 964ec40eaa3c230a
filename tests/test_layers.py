"""The architecture holds: layers as an import-linter contract, no borrowed private names,
and function-local imports only where start-up needs them (README §9)."""
from __future__ import annotations

import ast
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

PACKAGE = REPO / "ideo_cli"


def test_the_layer_contract_is_kept():
    """`lint-imports` over `.importlinter`: no module imports from a layer above it
    (function-local imports included: grimp sees them all)."""
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(exe).exists():
        pytest.fail("import-linter is a test dependency: pip install -e '.[test]'")
    run = subprocess.run([exe, "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "Contracts: 1 kept, 0 broken." in run.stdout


def _imports(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node


def test_no_module_imports_another_modules_private_name():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if not node.module.startswith("ideo_cli") or node.module == module:
                continue
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.module}.{alias.name}")
    assert not found, "\n".join(found)


def _import_stats():
    """tools/import_stats.py, the scan that counts function-local imports (README §9)."""
    spec = importlib.util.spec_from_file_location("import_stats", REPO / "tools" / "import_stats.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_function_local_import_says_why_it_is_not_at_the_top():
    """An ``ideo_cli`` import inside a function carries "imported here: <reason>" (start-up,
    an import cycle, a heavy library one output needs) on its line or the line above."""
    _, local = _import_stats().scan()
    assert local, "the scan found no function-local import at all: is it still looking?"
    bare = []
    for place in local:
        file, _, line = place.rpartition(":")
        lines = (REPO / file).read_text(encoding="utf-8").splitlines()
        number = int(line)
        if not any("imported here:" in text for text in lines[max(number - 2, 0):number]):
            bare.append(f"{place}: {lines[number - 1].strip()}")
    assert not bare, "function-local imports without an '# imported here: <why>' comment:\n" + "\n".join(bare)
