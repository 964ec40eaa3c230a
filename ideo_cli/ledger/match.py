"""Records → occurrences: the status of every occurrence, derived, never typed.

The key is the occurrence's identity (plan id, obligation id, period label),
the same key as the calendar UID, so a moved deadline never loses its record.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ideo_cli.formats.ledger.model import Record, day_of
from ideo_cli.ledger import status
from ideo_cli.ledger.evidence import file_problem
from ideo_cli.ledger.load import LoadedLedger


@dataclass
class RecordRef:
    """One record and where it sits (for located findings)."""

    ledger: LoadedLedger
    index: int
    record: Record


@dataclass
class UnitRecords:
    """A unit's ledgers indexed by occurrence key."""

    folder: Path
    waived: frozenset[str] = frozenset()  # obligation ids a valid waiver covers
    by_key: dict[tuple[str, str], list[RecordRef]] = field(default_factory=dict)

    @classmethod
    def build(cls, folder: Path, ledgers: Iterable[LoadedLedger], waived: Iterable[str] = ()) -> "UnitRecords":
        out = cls(folder=folder, waived=frozenset(waived))
        for loaded in ledgers:
            for index, record in enumerate(loaded.ledger.records):
                out.by_key.setdefault((record.obligation, record.period), []).append(RecordRef(loaded, index, record))
        return out


def waived_obligations(plan, today: dt.date) -> set[str]:
    from ideo_cli.rules.checks.waivers import waiver_is_valid

    return {w.target for w in plan.waivers if w.target and waiver_is_valid(w, today)}


def evidence_gaps(record: Record, required: Iterable[str], folder: Path) -> tuple[list[str], list[tuple[int, str]]]:
    """(required evidence types the record lacks, [(evidence index, file problem)])."""
    have = {item.type for item in record.evidence}
    missing = [kind for kind in required if kind not in have]
    broken = []
    for i, item in enumerate(record.evidence):
        if item.file:
            problem = file_problem(folder, item.file, item.sha256)
            if problem:
                broken.append((i, problem))
        elif not item.paper:
            broken.append((i, "no-file"))
    return missing, broken


def derive(occurrence, refs: list[RecordRef] | None, records: UnitRecords, today: dt.date) -> tuple[str, Record | None]:
    if refs:
        record = refs[0].record
        missing, broken = evidence_gaps(record, occurrence.evidence, records.folder)
        if missing or broken:
            return status.EVIDENCE_MISSING, record
        if day_of(record.time) > occurrence.due:
            return status.DONE_LATE, record
        return status.DONE, record
    if occurrence.obligation in records.waived:
        return status.WAIVED, None
    if today > occurrence.due:
        return status.OVERDUE, None
    if today >= occurrence.start:
        return status.IN_PROGRESS, None
    return status.PENDING, None


def annotate(occurrences, units: dict[str, UnitRecords], today: dt.date) -> None:
    """Set ``status`` and ``record`` on every occurrence of a unit in ``units`` (by plan id)."""
    for occurrence in occurrences:
        records = units.get(occurrence.plan)
        if records is None:
            continue
        occurrence.status, occurrence.record = derive(occurrence, records.by_key.get((occurrence.obligation, occurrence.period)), records, today)
