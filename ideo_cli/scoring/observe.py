"""What the scoring engine sees of a unit: its year's occurrences and facts.

The engine reads nothing from disk; it takes one :class:`Observations`.  An
adapter builds it — from the plan's schedule and ``ideo check`` today
(``ideo_cli/scoring/adapt.py``), from the ledger once it exists — so the
engine never depends on how the ledger is stored.  Every fact carries where it
was written (``where``: "file:line"), which a deduction cites.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from ideo_cli.ledger import status as st
from ideo_cli.schedule.occurrence import Occurrence


@dataclass(frozen=True, slots=True)
class RecordRef:
    """What a deduction says about the record that settled an occurrence."""

    where: str  # "plans/x/台账/2027.yaml:12", or the record's id
    evidence: tuple[str, ...] = ()  # evidence file paths (relative to the unit) or paper-archive notes


@dataclass(frozen=True, slots=True)
class EventFact:
    """An event record: a 舆情 incident, a lecture, a publication …"""

    event: str  # the plan's event id
    kind: str  # 重大舆情, 讲座论坛审批 … (plan vocabulary)
    on: dt.date | None = None
    conclusion: str | None = None  # e.g. 处置得当 / 处置不力
    where: str = ""


@dataclass(frozen=True, slots=True)
class AccountabilityFact:
    """An accountability (问责) record."""

    person: str
    form: str  # 提醒、批评教育、责令书面检查、通报批评、诫勉、组织处理、纪律处分
    decided_on: dt.date | None = None
    where: str = ""


@dataclass(frozen=True, slots=True)
class ManualScore:
    """A 自评 or 考核组 score for one rubric item, recorded with who and when."""

    item: str  # rubric item or bonus item id
    score: float
    role: str  # "self" (自评) or "assessor" (考核组)
    by: str = ""
    on: dt.date | None = None
    file: str = ""
    line: int = 1
    col: int = 1

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.file else self.by


@dataclass
class Observations:
    unit: str  # plan id
    unit_name: str
    year: int
    as_of: dt.date
    occurrences: list[Occurrence] = field(default_factory=list)
    findings: list = field(default_factory=list)  # Diagnostic from `ideo check`
    events: list[EventFact] = field(default_factory=list)
    accountability: list[AccountabilityFact] = field(default_factory=list)
    manual_scores: list[ManualScore] = field(default_factory=list)
    # the plan's 整改 items as the to-do list shows them (kind 整改): deadline in the year, or still overdue from before
    rectifications: list[Occurrence] = field(default_factory=list)
    assumed: frozenset[str] = frozenset()  # uids whose status came from --assume
    plan_file: str = ""
    org_type: str = ""  # 党委 … 党支部: which rubric items apply (empty: all)


def status_of(occurrence: Occurrence, as_of: dt.date) -> str:
    """The ledger's status, or — no ledger read — what the dates alone say."""
    if occurrence.status:
        return occurrence.status
    if occurrence.due < as_of:
        return st.OVERDUE
    if occurrence.start <= as_of:
        return st.IN_PROGRESS
    return st.PENDING


def describe_record(record: object) -> RecordRef | None:
    """The one seam to the ledger's record type: where it is and its evidence paths."""
    if record is None or isinstance(record, RecordRef):
        return record
    file, line = getattr(record, "file", None), getattr(record, "line", None)
    where = f"{file}:{line}" if file and line else str(getattr(record, "id", "") or file or "")
    evidence = []
    for item in getattr(record, "evidence", None) or ():
        text = getattr(item, "path", None) or getattr(item, "note", None) or (item if isinstance(item, str) else None)
        if text:
            evidence.append(str(text))
    return RecordRef(where, tuple(evidence))


def describe_occurrence(occurrence: Occurrence) -> RecordRef | None:
    """The record that settled an occurrence, as the unit year located it."""
    if occurrence.record_at is not None and occurrence.record is not None and not isinstance(occurrence.record, RecordRef):
        file, line = occurrence.record_at
        evidence = tuple(e.file or (f"{e.type}（纸质：{e.paper}）" if e.paper else e.type) for e in occurrence.record.evidence)
        return RecordRef(f"{file}:{line}", evidence)
    return describe_record(occurrence.record)


class UnknownAssumption(Exception):
    def __init__(self, key: str, known: list[str]):
        super().__init__(key)
        self.key = key
        self.known = known


def assume(observations: Observations, assumptions: dict[tuple[str, str], str]) -> Observations:
    """``--assume OBLIGATION:PERIOD=STATUS``: what if that occurrence had that status?
    A 整改 item is named by its id and its deadline's year (``r2026-1:2026=done``)."""
    if not assumptions:
        return observations
    by_key = {(o.obligation, o.period): o for o in [*observations.occurrences, *observations.rectifications]}
    for key in assumptions:
        if key not in by_key:
            raise UnknownAssumption(f"{key[0]}:{key[1]}", sorted(f"{o}:{p}" for o, p in by_key))

    def assumed(rows: list[Occurrence]) -> list[Occurrence]:
        return [replace(o, status=assumptions[(o.obligation, o.period)]) if (o.obligation, o.period) in assumptions else o for o in rows]

    uids = frozenset(by_key[k].uid for k in assumptions)
    return replace(observations, occurrences=assumed(observations.occurrences), rectifications=assumed(observations.rectifications),
                   assumed=observations.assumed | uids)
