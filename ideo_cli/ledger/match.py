"""Records → occurrences: the status of every occurrence, derived, never typed.

The key is the occurrence's identity (plan id, obligation id, period label),
the same key as the calendar UID, so a moved deadline never loses its record.
A record dated after the as-of date does not settle anything yet: as of that
day the work has not been done (``ideo check`` reports the record itself).
"""
from __future__ import annotations

import dataclasses
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

    @property
    def day(self) -> dt.date:
        return day_of(self.record.time)

    @property
    def at(self) -> tuple[str, int]:
        return (self.ledger.file, self.ledger.doc.locate(("records", self.index)).line)


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


def settling_record(refs: list[RecordRef] | None, as_of: dt.date) -> RecordRef | None:
    """The record that settles an occurrence as of ``as_of``: the first one written
    whose date is not after that day."""
    for ref in refs or ():
        if ref.day <= as_of:
            return ref
    return None


def derive(occurrence, refs: list[RecordRef] | None, records: UnitRecords, as_of: dt.date):
    """The occurrence with its status and the facts of the record that settled it."""
    ref = settling_record(refs, as_of)
    if ref is not None:
        record = ref.record
        done_on = ref.day
        missing, broken = evidence_gaps(record, occurrence.evidence, records.folder)
        late = (done_on - occurrence.due).days if done_on > occurrence.due else None
        if missing or broken:
            code = status.EVIDENCE_MISSING
        elif late:
            code = status.DONE_LATE
        else:
            code = status.DONE
        return dataclasses.replace(
            occurrence, status=code, record=record, done_on=done_on, days_late=late, record_at=ref.at,
            evidence_files=tuple(item.file for item in record.evidence if item.file),
        )
    if occurrence.obligation in records.waived:
        code = status.WAIVED
    elif as_of > occurrence.due:
        code = status.OVERDUE
    elif as_of >= occurrence.start:
        code = status.IN_PROGRESS
    else:
        code = status.PENDING
    late = (as_of - occurrence.due).days if code == status.OVERDUE else None
    return dataclasses.replace(occurrence, status=code, record=None, done_on=None, days_late=late, record_at=None, evidence_files=())


def settle(occurrences, records: UnitRecords, as_of: dt.date) -> list:
    """Every occurrence of one unit with its derived status (new objects)."""
    return [derive(o, records.by_key.get((o.obligation, o.period)), records, as_of) for o in occurrences]
