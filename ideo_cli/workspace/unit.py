"""Unit: a plan, the files that belong to it, and its schedule (lazy, cached)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imports for types only: a Unit is cheap to make
    from ideo_cli.formats.plan.load import LoadedPlan
    from ideo_cli.schedule.expand import DateRange
    from ideo_cli.schedule.occurrence import Occurrence
    from ideo_cli.workcal import WorkCalendar


@dataclass
class Unit:
    plan: "LoadedPlan"
    folder: Path  # the unit's folder: evidence paths are relative to it
    ledgers: list[Any] = field(default_factory=list)  # loaded ledger documents, one per year
    calendar: "WorkCalendar | None" = None  # set by whoever builds the workspace; else built lazily
    _schedules: dict[tuple, list] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, loaded: "LoadedPlan", calendar: "WorkCalendar | None" = None) -> "Unit":
        return cls(plan=loaded, folder=Path(loaded.file).parent, calendar=calendar)

    @property
    def id(self) -> str:
        return self.plan.plan_id

    @property
    def file(self) -> str:
        return self.plan.file

    def work_calendar(self) -> "WorkCalendar":
        """The calendar given, else one from the plan's own 日历 blocks (official dates).

        A broken inline block is reported by ``ideo check`` as IDEO020; here it is
        left out so that the rules still see a schedule.
        """
        if self.calendar is None:
            from ideo_cli.workcal import CalendarFileError, InlineCalendar, build_calendar

            loaded = self.plan
            inline = [InlineCalendar(loaded.doc.data["calendar"][i], loaded.file, loaded.doc.locate, ("calendar", i)) for i in range(len(loaded.plan.calendar))]
            try:
                self.calendar = build_calendar([], inline)
            except CalendarFileError:
                self.calendar = build_calendar([], [])
        return self.calendar

    def occurrences(self, span: "DateRange") -> list["Occurrence"]:
        """The plan's occurrences in ``span`` on working days, computed once per span.

        Raises the expander's errors (``ExpansionError``) to the caller, which
        knows how to report them.
        """
        key = (span.first, span.last)
        cached = self._schedules.get(key)
        if cached is None:
            from ideo_cli.schedule.expand import expand_plan

            cached = expand_plan(self.plan, self.work_calendar(), span)
            self._schedules[key] = cached
        return cached
