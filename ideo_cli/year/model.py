"""A unit's year: everything every command reports about one unit, computed once.

The values here are immutable; the renderers (todo, ics, ledger, status,
roll-up, html, score, check, doc) only read them.  See ``compute.py`` for how
they are made: load → derive → validate.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ideo_cli.diagnostics import Diagnostic, FileResult
from ideo_cli.formats.plan.load import LoadedPlan
from ideo_cli.ledger.load import LoadedLedger
from ideo_cli.ledger.rectify import Rectification  # noqa: F401 (the unit year's view of a 整改 item; derived in ledger/rectify.py)
from ideo_cli.schedule.expand import DateRange
from ideo_cli.schedule.occurrence import Occurrence
from ideo_cli.workcal import WorkCalendar
from ideo_cli.workspace.unit import Unit


@dataclass
class YearOptions:
    """What a command asks for.  ``plans``/``ledgers``: files as (path, name shown)."""

    plans: list[tuple[Path, str]]
    as_of: dt.date
    span: DateRange
    ledgers: list[tuple[Path, str]] = field(default_factory=list)  # ledgers named or walked (besides those beside each plan)
    calendars: list[Path] = field(default_factory=list)  # --calendar files, first in the calendar policy
    profiles: tuple[str, ...] = ()  # extra profiles (check --profile, user rulebooks)
    rulebook: Any = None  # a Rulebook with the user's profiles; None: the shipped one
    findings: bool = False  # run every plan and ledger rule (check, status, html, score, doc)
    loaded: dict = field(default_factory=dict)  # plans already read this run, by resolved path (check reads each file once)
    plan_rules: bool = True  # with findings: the plan's own rules too (`ideo check` has them from the plan file already)
    read_ledgers: bool = True  # False: the plan's schedule alone (ics feeds that must not depend on the 台账)


@dataclass(frozen=True)
class LedgerEntry:
    """An event, accountability or 评分 record with where it is written."""

    record: Any
    file: str
    line: int
    col: int = 1

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class UnitYear:
    plan: LoadedPlan
    plan_path: Path
    unit: Unit  # the rules' view (plan, folder, calendar, ledgers, cached expansions)
    span: DateRange
    as_of: dt.date
    calendar: WorkCalendar
    ledgers: tuple[LoadedLedger, ...]  # every ledger that says it is this unit's (or sits beside its plan)
    occurrences: tuple[Occurrence, ...]  # in the span, with status and record facts
    rectifications: tuple[Rectification, ...]
    events: tuple[LedgerEntry, ...]
    accountability: tuple[LedgerEntry, ...]
    scores: tuple[LedgerEntry, ...]
    findings: tuple[Diagnostic, ...]  # plan, ledger and input findings, sorted; see ``problems``
    broken_ledgers: tuple[FileResult, ...] = ()  # ledgers that cannot be read (their findings are in ``findings`` too)
    waived: int = 0  # plan findings a valid waiver covers
    inputs: tuple[Path, ...] = ()  # every file the computation read (the cache key hashes them)
    rectification_rows: tuple[Occurrence, ...] = ()  # the 整改 items as to-do rows, in their derived state (year/rectification_rows.py)

    @property
    def id(self) -> str:
        return self.unit.id  # the Unit the rules see says it once

    @property
    def file(self) -> str:
        return self.unit.file

    @property
    def folder(self) -> Path:
        return self.unit.folder

    @property
    def year(self) -> int:
        return self.span.first.year

    @property
    def fatal(self) -> bool:
        """A ledger could not be read: its statuses would be wrong."""
        return bool(self.broken_ledgers)


@dataclass
class YearResult:
    units: list[UnitYear]
    broken: list[FileResult] = field(default_factory=list)  # plans (or calendars) that cannot be read: exit 2

    def by_file(self) -> dict[str, list[Diagnostic]]:
        """Every finding of every unit, by the file it is located in."""
        out: dict[str, list[Diagnostic]] = {}
        for unit in self.units:
            for diag in unit.findings:
                out.setdefault(diag.file, []).append(diag)
        return out
