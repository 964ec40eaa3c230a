"""The unit tree: each unit names its superior by id (``上级编号``).

Built without recursion (a tree 50 levels deep, or 10⁵ units, is ordinary
data).  What cannot form a tree is reported as located problems, never raised:
two units with one id, a superior id no unit in the workspace has, a cycle,
and several roots where one is expected.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ideo_cli.i18n import Message, msg

# problem kinds, their codes and whether the roll-up would be wrong with them
DUPLICATE, UNKNOWN_SUPERIOR, CYCLE, SEVERAL_ROOTS = "duplicate-id", "unknown-superior", "cycle", "several-roots"
PROBLEM_CODES = {DUPLICATE: "IDEO910", UNKNOWN_SUPERIOR: "IDEO911", CYCLE: "IDEO912", SEVERAL_ROOTS: "IDEO913"}
FATAL_PROBLEMS = {DUPLICATE, CYCLE}  # the roll-up would count the wrong units


@dataclass
class TreeUnit:
    id: str
    name: str
    type: str
    superior_id: str | None
    file: str
    line: int = 1  # where ``上级编号`` (or the organisation) is written
    col: int = 1


@dataclass
class TreeProblem:
    kind: str
    file: str
    line: int
    col: int
    message: Message

    @property
    def code(self) -> str:
        return PROBLEM_CODES[self.kind]


@dataclass
class UnitTree:
    units: dict[str, TreeUnit] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    roots: list[str] = field(default_factory=list)
    problems: list[TreeProblem] = field(default_factory=list)

    def parent(self, unit_id: str) -> str | None:
        sup = self.units[unit_id].superior_id
        return sup if sup in self.units and unit_id not in self.roots else None

    def walk(self, root: str) -> list[tuple[str, int]]:
        """(unit id, depth) in pre-order below and including ``root``."""
        out: list[tuple[str, int]] = []
        stack = [(root, 0)]
        while stack:
            unit_id, depth = stack.pop()
            out.append((unit_id, depth))
            stack.extend((c, depth + 1) for c in reversed(self.children.get(unit_id, [])))
        return out

    def ancestors(self, unit_id: str) -> list[str]:
        """From the parent up to the root."""
        out: list[str] = []
        current = self.parent(unit_id)
        while current is not None and current not in out:
            out.append(current)
            current = self.parent(current)
        return out

    @property
    def fatal(self) -> bool:
        return any(p.kind in FATAL_PROBLEMS for p in self.problems)


def build_tree(units: list[TreeUnit], one_root: bool = True) -> UnitTree:
    tree = UnitTree()
    for unit in units:
        first = tree.units.get(unit.id)
        if first is not None:
            tree.problems.append(TreeProblem(DUPLICATE, unit.file, 1, 1, msg("rollup.tree-duplicate-id", unit=unit.id, other=first.file)))
            continue
        tree.units[unit.id] = unit
    for unit in tree.units.values():
        sup = unit.superior_id
        if sup is None:
            continue
        if sup not in tree.units:
            guess = difflib.get_close_matches(sup, sorted(tree.units), n=1, cutoff=0.6)
            message = msg("rollup.tree-unknown-superior-guess", unit=unit.id, superior=sup, guess=guess[0]) if guess else msg("rollup.tree-unknown-superior", unit=unit.id, superior=sup)
            tree.problems.append(TreeProblem(UNKNOWN_SUPERIOR, unit.file, unit.line, unit.col, message))
        elif sup == unit.id:
            tree.problems.append(TreeProblem(CYCLE, unit.file, unit.line, unit.col, msg("rollup.tree-cycle", path=[unit.id, unit.id])))
    # cycles: follow superiors; a walk that meets itself closes a cycle
    state: dict[str, int] = {}  # 1 on the current walk, 2 settled
    in_cycle: set[str] = set()
    for start in sorted(tree.units):
        walk: list[str] = []
        current: str | None = start
        while current is not None and current in tree.units and state.get(current) is None:
            state[current] = 1
            walk.append(current)
            current = tree.units[current].superior_id
        if current is not None and state.get(current) == 1 and current != (tree.units[current].superior_id if current in tree.units else None):
            loop = walk[walk.index(current):]
            in_cycle.update(loop)
            first = min(loop)
            rotated = loop[loop.index(first):] + loop[:loop.index(first)]
            unit = tree.units[first]
            tree.problems.append(TreeProblem(CYCLE, unit.file, unit.line, unit.col, msg("rollup.tree-cycle", path=[*rotated, first])))
        elif current is not None and current in tree.units and state.get(current) == 1:
            in_cycle.add(current)  # a unit naming itself, reported above
        for unit_id in walk:
            state[unit_id] = 2
    for unit_id in sorted(tree.units):
        unit = tree.units[unit_id]
        sup = unit.superior_id
        if sup is None or sup not in tree.units or unit_id in in_cycle:
            tree.roots.append(unit_id)
        else:
            tree.children.setdefault(sup, []).append(unit_id)
    if one_root and len(tree.roots) > 1:
        for extra in tree.roots[1:]:
            unit = tree.units[extra]
            # say why it is a top unit: only one without 上级编号 has "no superior id either"
            if unit.superior_id is None:
                key = "rollup.tree-several-roots"
            elif extra in in_cycle:
                key = "rollup.tree-several-roots-cycle"
            else:
                key = "rollup.tree-several-roots-unknown"
            tree.problems.append(TreeProblem(SEVERAL_ROOTS, unit.file, unit.line, unit.col, msg(key, unit=extra, first=tree.roots[0], n=len(tree.roots), superior=unit.superior_id or "")))
    tree.problems.sort(key=lambda p: (p.file, p.line, p.col, p.code))
    return tree


PROBLEM_NAMES = {"IDEO910": "unique-unit-id", "IDEO911": "superior-in-workspace", "IDEO912": "no-superior-cycle", "IDEO913": "one-root"}


def unit_record(loaded) -> dict:
    org = loaded.plan.organisation
    pos = loaded.doc.locate(("organisation", "superior_id") if org.superior_id else ("organisation",), key=not org.superior_id)
    return {
        "id": loaded.plan_id,
        "name": org.name,
        "short_name": org.short_name or org.name,
        "type": org.type,
        "level": org.level or "",
        "superior": org.superior,
        "superior_id": org.superior_id,
        "file": loaded.file,
        "line": pos.line,
        "col": pos.col,
    }
