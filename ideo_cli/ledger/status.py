"""Status codes an occurrence can have, derived from the ledger — never typed by a user.

Ordered from best to worst for roll-ups ("the worst status of a cell").
Renderers show ``msg(f"status.{code}")``: 已完成, 逾期完成, 缺佐证, 进行中, 待办, 已逾期, 已豁免.
"""
from __future__ import annotations

DONE = "done"  # 已完成: a record inside the window, evidence complete
DONE_LATE = "done-late"  # 逾期完成: a record after the due date
EVIDENCE_MISSING = "evidence-missing"  # 缺佐证: done, but evidence missing or not matching
IN_PROGRESS = "in-progress"  # 进行中: no record yet, inside its window
PENDING = "pending"  # 待办: no record, window not started
OVERDUE = "overdue"  # 已逾期: no record, past its due date
WAIVED = "waived"  # 已豁免: a valid waiver covers it

STATUSES = (DONE, WAIVED, PENDING, IN_PROGRESS, DONE_LATE, EVIDENCE_MISSING, OVERDUE)
# worst first for a roll-up cell: what needs action outranks what is merely late
SEVERITY_ORDER = {DONE: 0, WAIVED: 0, PENDING: 1, IN_PROGRESS: 2, DONE_LATE: 3, EVIDENCE_MISSING: 4, OVERDUE: 5}


def worst(statuses) -> str | None:
    items = [s for s in statuses if s]
    return max(items, key=lambda s: SEVERITY_ORDER[s]) if items else None
