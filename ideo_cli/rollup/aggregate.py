"""The roll-up of a subtree: units × obligation kinds (worst status, counts),
the late list, and per-kind / per-subtree rates.  Pure data; renderers translate."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ideo_cli.ledger.status import DONE, DONE_LATE, EVIDENCE_MISSING, OVERDUE, STATUSES, WAIVED, worst
from ideo_cli.rollup.summary import CompactOccurrence
from ideo_cli.workspace.tree import UnitTree

LATE = (OVERDUE, DONE_LATE)


def unit_name(unit: dict) -> str:
    """The name a unit is shown by: its short name, else its name, else its id."""
    return unit.get("short_name") or unit.get("name") or unit.get("id", "")


def kind_order(kind: str) -> tuple:
    match = re.fullmatch(r"O(\d+)", kind)
    return (0, int(match.group(1)), "") if match else (1, 0, kind)


@dataclass(slots=True)
class Cell:
    worst: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    due: int = 0  # occurrences due on or before as-of

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(slots=True)
class Row:
    unit: dict
    depth: int
    cells: dict[str, Cell]
    has_children: bool = False


@dataclass(slots=True)
class LateItem:
    unit_id: str
    unit_name: str
    title: str
    period: str
    due: dt.date
    days_late: int | None
    status: str
    owners: list[str]
    at_risk: str | None  # the superior's item this one feeds
    at_risk_unit: str | None


@dataclass(slots=True)
class Rate:
    planned: int = 0
    due: int = 0  # due on or before as-of
    on_time: int = 0
    late: int = 0
    missing: int = 0  # overdue (nothing recorded)
    evidence_missing: int = 0

    @classmethod
    def of(cls, cell: "Cell") -> "Rate":
        c = cell.counts.get
        return cls(planned=cell.total, due=cell.due, on_time=c(DONE, 0) + c(WAIVED, 0), late=c(DONE_LATE, 0), missing=c(OVERDUE, 0), evidence_missing=c(EVIDENCE_MISSING, 0))

    @property
    def rate(self) -> float | None:
        return round(self.on_time / self.due, 4) if self.due else None


@dataclass
class Rollup:
    root: str | None  # None: a forest (several roots)
    year: int
    as_of: dt.date
    kinds: list[str]
    rows: list[Row]
    late: list[LateItem]
    per_kind: dict[str, Rate]
    per_subtree: list[tuple[dict, Rate]]  # each child of the root (its whole subtree), then the total
    total: Rate
    parent: dict | None = None  # the root's superior (for links up)
    children: list[dict] = field(default_factory=list)


def _applies(requirement: dict, unit: dict) -> bool:
    targets = requirement.get("applies_to") or []
    return unit.get("type") in targets or unit.get("id") in targets


def at_risk(parent: dict | None, unit: dict, kind: str) -> str | None:
    if not parent:
        return None
    for req in parent.get("requires") or []:
        if req.get("kind") == kind and _applies(req, unit):
            return req.get("feeds_title") or req.get("title")
    return None


@dataclass(slots=True)
class _UnitPart:
    cells: dict[str, Cell]
    rate: Rate
    late: list[LateItem]


class Aggregates:
    """Each unit's cells, rate and late items computed once, and subtree sums once, bottom-up.

    Every roll-up page of a site reads them: a chain of 2,000 units costs what
    a flat tree of 2,000 costs, not the sum of every subtree's size.
    """

    def __init__(self, tree: UnitTree, summaries: dict[str, dict], as_of: dt.date):
        self.tree, self.summaries, self.as_of = tree, summaries, as_of
        self._units: dict[str, _UnitPart] = {}
        self._subtrees: dict[str, tuple[Rate, dict[str, Rate]]] = {}

    def unit(self, uid: str) -> _UnitPart:
        found = self._units.get(uid)
        if found is None:
            found = self._units[uid] = self._compute(uid)
        return found

    def _compute(self, uid: str) -> _UnitPart:
        tree, summaries, as_of = self.tree, self.summaries, self.as_of
        as_of_text = as_of.isoformat()  # ISO dates compare as strings: no parsing per occurrence
        summary = summaries[uid]
        unit = summary["unit"]
        parent_id = tree.parent(uid)
        parent = summaries.get(parent_id) if parent_id else None
        cells: dict[str, Cell] = {}
        late: list[LateItem] = []
        occurrences = summary["occurrences"]
        if occurrences and isinstance(occurrences[0], dict):
            occurrences = [CompactOccurrence(o) for o in occurrences]
        for occ in occurrences:
            status = occ.status
            cell = cells.get(occ.kind)
            if cell is None:
                cell = cells[occ.kind] = Cell()
            cell.counts[status] = cell.counts.get(status, 0) + 1
            if occ.due <= as_of_text:
                cell.due += 1
            if status in LATE:
                due = _date(occ.due)
                end = _date(occ.done_on) if occ.done_on else (as_of if status == OVERDUE else None)
                late.append(LateItem(uid, unit.get("short_name") or unit["name"], occ.title, occ.period, due,
                                     (end - due).days if end else None, status, list(occ.owners),
                                     at_risk(parent, unit, occ.kind), (parent["unit"].get("short_name") or parent["unit"]["name"]) if parent else None))
        rate = Rate()
        for cell in cells.values():
            cell.worst = worst(cell.counts)
            cell.counts = {st: cell.counts[st] for st in STATUSES if st in cell.counts}
            _merge(rate, Rate.of(cell))
        return _UnitPart(cells, rate, late)

    def subtree(self, top: str) -> tuple[Rate, dict[str, Rate]]:
        """(rate, per-kind rates) of ``top`` and everything below it; post-order, no recursion."""
        if top in self._subtrees:
            return self._subtrees[top]
        stack = [(top, False)]
        while stack:
            uid, expanded = stack.pop()
            if uid in self._subtrees:
                continue
            children = self.tree.children.get(uid, [])
            if not expanded:
                stack.append((uid, True))
                stack.extend((c, False) for c in children if c not in self._subtrees)
                continue
            part = self.unit(uid)
            rate = Rate()
            _merge(rate, part.rate)
            per_kind = {kind: Rate.of(cell) for kind, cell in part.cells.items()}
            for child in children:
                child_rate, child_kinds = self._subtrees[child]
                _merge(rate, child_rate)
                for kind, kind_rate in child_kinds.items():
                    _merge(per_kind.setdefault(kind, Rate()), kind_rate)
            self._subtrees[uid] = (rate, per_kind)
        return self._subtrees[top]


def walk_to(tree: UnitTree, top: str, depth_limit: int | None) -> list[tuple[str, int]]:
    if depth_limit is None:
        return tree.walk(top)
    out: list[tuple[str, int]] = []
    stack = [(top, 0)]
    while stack:
        uid, depth = stack.pop()
        out.append((uid, depth))
        if depth < depth_limit:
            stack.extend((c, depth + 1) for c in reversed(tree.children.get(uid, [])))
    return out


def build_rollup(tree: UnitTree, summaries: dict[str, dict], year: int, as_of: dt.date, root: str | None = None,
                 depth_limit: int | None = None, aggregates: Aggregates | None = None) -> Rollup:
    """The roll-up of ``root``'s subtree (a forest: all roots).

    ``depth_limit``: rows and late items only down to that depth below the
    root (a site's inner pages; their children's pages go deeper) — the rates
    still count the whole subtree.  ``aggregates``: shared by the pages of one
    site, so each unit is summed once.
    """
    agg = aggregates if aggregates is not None else Aggregates(tree, summaries, as_of)
    tops = [root] if root else list(tree.roots)
    walk = [(uid, depth) for top in tops for uid, depth in walk_to(tree, top, depth_limit)]
    total = Rate()
    whole_kinds: dict[str, Rate] = {}
    for top in tops:
        rate, kinds_of_top = agg.subtree(top)
        _merge(total, rate)
        for kind, kind_rate in kinds_of_top.items():
            _merge(whole_kinds.setdefault(kind, Rate()), kind_rate)
    kinds = sorted(whole_kinds, key=kind_order)
    per_kind = {k: whole_kinds[k] for k in kinds}
    rows: list[Row] = []
    late: list[LateItem] = []
    for uid, depth in walk:
        part = agg.unit(uid)
        rows.append(Row(summaries[uid]["unit"], depth, part.cells, bool(tree.children.get(uid))))
        late.extend(part.late)
    late.sort(key=lambda item: (-(item.days_late or 0), item.due, item.unit_id, item.title))
    top_children = tree.children.get(root, []) if root else list(tree.roots)
    per_subtree = [(summaries[child]["unit"], agg.subtree(child)[0]) for child in top_children]
    parent_id = tree.parent(root) if root else None
    return Rollup(root, year, as_of, kinds, rows, late, per_kind, per_subtree, total,
                  parent=summaries[parent_id]["unit"] if parent_id else None,
                  children=[summaries[c]["unit"] for c in top_children])


_DATES: dict[str, dt.date] = {}


def _date(text: str) -> dt.date:
    day = _DATES.get(text)
    if day is None:
        day = _DATES[text] = dt.date.fromisoformat(text)
    return day


def _merge(into: Rate, other: Rate) -> None:
    into.planned += other.planned
    into.due += other.due
    into.on_time += other.on_time
    into.late += other.late
    into.missing += other.missing
    into.evidence_missing += other.evidence_missing
