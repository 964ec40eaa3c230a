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
    calendar: "WorkCalendar | None" = None  # set by whoever builds the workspace
    _schedules: dict[tuple, list] = field(default_factory=dict, repr=False)

    @property
    def id(self) -> str:
        return self.plan.plan_id

    @property
    def file(self) -> str:
        return self.plan.file

    def occurrences(self, span: "DateRange", rules: dict | None = None) -> list["Occurrence"]:
        """The plan's occurrences in ``span`` on working days, computed once per span.

        Raises the expander's errors (``ExpansionError``) to the caller, which
        knows how to report them.
        """
        key = (span.first, span.last)
        cached = self._schedules.get(key)
        if cached is None:
            from ideo_cli.schedule.expand import expand_plan
            from ideo_cli.workcal import build_calendar

            if self.calendar is None:
                self.calendar = build_calendar([], [])
            cached = expand_plan(self.plan, self.calendar, span, rules or {})
            self._schedules[key] = cached
        return cached
