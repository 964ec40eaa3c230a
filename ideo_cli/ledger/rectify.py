"""The state of each 整改 (rectification) item as of a date: one derivation.

The unit year (``ideo_cli/year``) shows it in every output; the ledger rule
IDEO716 (an open item past its deadline) and the rubric's 整改 measure read the
same states, so the 台账, the to-do list, the status summary and the score
cannot disagree about an item.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ideo_cli.formats.ledger.model import day_of
from ideo_cli.formats.plan.load import LoadedPlan
from ideo_cli.ledger import status
from ideo_cli.ledger.load import LoadedLedger


@dataclass(frozen=True)
class Rectification:
    """A plan's 整改 item with its state as of the as-of date."""

    id: str
    problem: str
    owner: str  # the owner's name (or id when unnamed)
    deadline: dt.date | None
    ongoing: bool  # 长期坚持: continues after it is first completed
    completed_on: dt.date | None
    status: str  # ledger status codes (ideo_cli/ledger/status.py)
    days_late: int | None
    index: int  # position in the plan's 整改 list
    record_at: tuple[str, int] | None = None  # (ledger file, line) of the completion record
    record: Any = None  # the ledger's completion record (formats/ledger/model.py RectificationRecord), if any


def rectification_states(loaded: LoadedPlan, ledgers: list[LoadedLedger], as_of: dt.date) -> tuple[Rectification, ...]:
    """Each 整改 item's state: done (on time or late) once a completion not after
    the as-of date is recorded in one of ``ledgers`` (the unit's own); else
    已逾期 past its deadline (a 长期坚持 item without a first deadline is never
    late), else 进行中."""
    completed: dict[str, tuple[dt.date, tuple[str, int], Any]] = {}
    for ledger in ledgers:
        for index, rec in enumerate(ledger.ledger.rectifications):
            day = day_of(rec.completed)
            if day <= as_of and (rec.rectification not in completed or day < completed[rec.rectification][0]):
                completed[rec.rectification] = (day, (ledger.file, ledger.doc.locate(("rectifications", index)).line), rec)
    people = {p.id: p.name or p.id for p in loaded.plan.people}
    out = []
    for index, item in enumerate(loaded.plan.rectifications):
        done = completed.get(item.id)
        late, record = None, None
        if done is not None:
            day, at, record = done
            late = (day - item.deadline).days if item.deadline and day > item.deadline else None
            code = status.DONE_LATE if late else status.DONE
        elif item.deadline is not None and as_of > item.deadline:
            day, at, code, late = None, None, status.OVERDUE, (as_of - item.deadline).days
        else:
            day, at, code = None, None, status.IN_PROGRESS
        owner = people.get(item.owner, item.owner or "") if item.owner else ""
        out.append(Rectification(item.id, item.problem or "", owner, item.deadline, bool(item.ongoing), day, code, late, index, at, record))
    return tuple(out)
