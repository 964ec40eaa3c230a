"""Unit: a plan, the files that belong to it, and its schedule (lazy, cached).

The rules see a unit through this; the unit year (``ideo_cli/year``) makes it
with the calendar of the one policy.  A bare plan (``Unit.of``) takes the same
policy with no ``--calendar`` files.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ideo_cli.formats.plan.load import LoadedPlan
from ideo_cli.schedule.expand import DateRange, expand_plan
from ideo_cli.schedule.occurrence import Occurrence
from ideo_cli.workcal import CalendarFileError, WorkCalendar
from ideo_cli.workcal.policy import calendar_for, plan_calendar


@dataclass
class Unit:
    plan: LoadedPlan
    folder: Path  # the unit's folder: evidence paths are relative to it
    ledgers: list[Any] = field(default_factory=list)  # loaded ledger documents, one per year
    calendar: WorkCalendar | None = None  # set by the unit year; else the policy's, built lazily
    _schedules: dict[tuple, list] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, loaded: LoadedPlan, calendar: WorkCalendar | None = None) -> "Unit":
        return cls(plan=loaded, folder=Path(loaded.file).parent, calendar=calendar)

    @property
    def id(self) -> str:
        return self.plan.plan_id

    @property
    def file(self) -> str:
        return self.plan.file

    def work_calendar(self) -> WorkCalendar:
        """The calendar given, else the policy's for this plan (its own 日历 blocks, then official dates).

        A broken inline block is reported by ``ideo check`` as IDEO020; here it is
        left out so that the rules still see a schedule.
        """
        if self.calendar is None:
            try:
                self.calendar = plan_calendar(self.plan)
            except CalendarFileError:
                self.calendar = calendar_for()
        return self.calendar

    def occurrences(self, span: DateRange) -> list[Occurrence]:
        """The plan's occurrences in ``span`` on working days, computed once per span.

        Raises the expander's errors (``ExpansionError``) to the caller, which
        knows how to report them.
        """
        key = (span.first, span.last)
        cached = self._schedules.get(key)
        if cached is None:
            cached = expand_plan(self.plan, self.work_calendar(), span)
            self._schedules[key] = cached
        return cached
