"""The status of an occurrence when no ledger has settled it.

The ledger (``ideo_cli/ledger``) derives statuses from records; until it has
annotated an occurrence, its status follows from dates alone: past its due
date it is overdue, inside its window in progress, else pending.  This is the
one place that fallback lives (the ledger's derivation replaces it).
"""
from __future__ import annotations

import datetime as dt

from ideo_cli.ledger.status import IN_PROGRESS, OVERDUE, PENDING


def status_or_fallback(status: str | None, start: dt.date, due: dt.date, as_of: dt.date) -> str:
    if status:
        return status
    if as_of > due:
        return OVERDUE
    if as_of >= start:
        return IN_PROGRESS
    return PENDING
