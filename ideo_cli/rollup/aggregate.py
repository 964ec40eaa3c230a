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


def build_rollup(tree: UnitTree, summaries: dict[str, dict], year: int, as_of: dt.date, root: str | None = None) -> Rollup:
    tops = [root] if root else list(tree.roots)
    walk = [(uid, depth) for top in tops for uid, depth in tree.walk(top)]
    kinds = sorted({o["kind"] for uid, _ in walk for o in summaries[uid]["occurrences"]}, key=kind_order)
    rows: list[Row] = []
    late: list[LateItem] = []
    per_kind = {k: Rate() for k in kinds}
    per_unit_rate: dict[str, Rate] = {}
    as_of_text = as_of.isoformat()  # ISO dates compare as strings: no parsing per occurrence
    for uid, depth in walk:
        summary = summaries[uid]
        unit = summary["unit"]
        parent_id = tree.parent(uid)
        parent = summaries.get(parent_id) if parent_id else None
        cells: dict[str, Cell] = {}
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
        rate = per_unit_rate[uid] = Rate()
        for kind, cell in cells.items():
            cell.worst = worst(cell.counts)
            cell.counts = {s: cell.counts[s] for s in STATUSES if s in cell.counts}
            cell_rate = Rate.of(cell)
            _merge(rate, cell_rate)
            _merge(per_kind[kind], cell_rate)
        rows.append(Row(unit, depth, cells, bool(tree.children.get(uid))))
    late.sort(key=lambda item: (-(item.days_late or 0), item.due, item.unit_id, item.title))
    total = Rate()
    for r in per_unit_rate.values():
        _merge(total, r)
    per_subtree = []
    top_children = tree.children.get(root, []) if root else list(tree.roots)
    for child in top_children:
        rate = Rate()
        for uid, _ in tree.walk(child):
            _merge(rate, per_unit_rate[uid])
        per_subtree.append((summaries[child]["unit"], rate))
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
