"""Internal imports of ideo_cli: how many sit inside functions (README §9, closing notes).

    python tools/import_stats.py          # totals
    python tools/import_stats.py --list   # every function-local import, file:line
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "ideo_cli"


def internal(node: ast.AST) -> bool:
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").startswith("ideo_cli")
    if isinstance(node, ast.Import):
        return any(a.name.startswith("ideo_cli") for a in node.names)
    return False


def scan():
    top, local = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside: set[int] = set()
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                inside.update(id(n) for n in ast.walk(fn) if internal(n))
        for node in ast.walk(tree):
            if internal(node):
                (local if id(node) in inside else top).append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    return top, local


if __name__ == "__main__":
    top, local = scan()
    total = len(top) + len(local)
    print(f"internal imports: {total}; at module top: {len(top)}; inside functions: {len(local)} ({100 * len(local) / max(total, 1):.0f} %)")
    if "--list" in sys.argv:
        print("\n".join(local))
