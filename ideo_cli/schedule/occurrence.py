"""Occurrence: one dated instance of a recurring obligation.

The expander (``ideo_cli/schedule/expand.py``) produces them; every exporter
(table, markdown, csv, xlsx, json, ics) consumes them and nothing else.
Identity is (plan_id, obligation_id, period): it never depends on the computed
date, so moving a deadline off a holiday never changes a calendar UID.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ideo_cli.i18n import msg
from ideo_cli.schedule.identity import RECTIFICATION_KIND, calendar_uid
from ideo_cli.workcal.names import holiday_text

if TYPE_CHECKING:
    from ideo_cli.diagnostics import Citation

__all__ = ["RECTIFICATION_KIND", "Occurrence", "Person", "display_title"]  # RECTIFICATION_KIND: see identity.py


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    post: str = ""


@dataclass(frozen=True, slots=True)
class Occurrence:
    plan: str  # plan id: the organisation's short name or file stem, stable
    plan_name: str  # organisation's display name, e.g. 中共小寨坝镇委员会
    plan_file: str  # path of the plan file
    obligation: str  # obligation id, stable (calendars and records key on it)
    period: str  # "2027", "2027H1", "2027Q3", "2027-05", or "2027-10-01" for rrule/holiday
    title: str  # the user's title, e.g. 专题研究意识形态工作 (renderers: display_title)
    kind: str  # "O1" … "O13" or a custom kind
    owners: list[Person]
    start: dt.date  # when work should begin (window start)
    due: dt.date  # working-day-adjusted deadline
    nominal_due: dt.date  # the deadline before working-day adjustment
    reminders: list[int] = field(default_factory=list)  # days before due
    evidence: list[str] = field(default_factory=list)  # 纪要, 书面报告, 照片 ...
    recipients: list[str] = field(default_factory=list)  # 上级党委, 县委宣传部 ...
    rule: str = ""  # code of the rule it serves (rules.serving.annotate), e.g. "IDEO201"
    citation: "Citation | None" = None  # the plan's own 依据, else the served rule's source for this org type
    provisional: bool = False  # whether the date is a working day is not known from an official calendar
    calendar_source: Any = None  # a Message naming the calendar of the due date (renderers translate)
    # --- contract for the second half (ledger, roll-up, pictures); renderers translate
    holiday: str | None = None  # for 节假日前 items: the holiday's Chinese name (renderers add "（春节前）")
    status: str | None = None  # ledger status code, see ideo_cli/ledger/status.py; None = no ledger read
    record: Any = None  # the ledger Record (formats/ledger/model.py) that settled it, if any
    # --- facts of that record, derived once by the unit year (ideo_cli/year/derive.py)
    done_on: dt.date | None = None  # the day the work was done (the record's 时间)
    evidence_files: tuple[str, ...] = ()  # the record's evidence files, relative to the unit's folder
    days_late: int | None = None  # calendar days after ``due`` it was done (done late), or is overdue as of the as-of date
    record_at: tuple[str, int] | None = None  # (ledger file as shown, line) of the record
    # --- where the working-day move took the date (renderers show it)
    moved_from: dt.date | None = None  # the nominal date when the move changed it
    crosses_year: bool = False  # the move took the due date into another year than the nominal one
    sources: tuple = ()  # Messages: every calendar the date depends on (due year, and the next/previous when crossed)
    window_problem: Any = None  # a Message when the adjusted date leaves the window its rule sets
    report_mode: str | None = None  # 书面 / 当面 (O5 reports), as the plan says
    period_start: dt.date | None = None  # the period's first day: work done from then on belongs to it
    period_end: dt.date | None = None  # … and its last day
    namespace: str = ""  # the organisation's uid_namespace (schedule/identity.py), set where plans are read

    @property
    def uid(self) -> str:
        """The calendar UID: stable across runs and date moves, never derived from ``due``."""
        return calendar_uid(self, self.namespace)


def display_title(occurrence: Occurrence):
    """The title as shown: the user's title, with the holiday for 节假日前 items, or marked
    as a 整改 item (a Message)."""
    if occurrence.kind == RECTIFICATION_KIND:
        return msg("todo.rectification-title", problem=occurrence.title)
    if not occurrence.holiday:
        return occurrence.title

    return msg("todo.before-holiday", title=occurrence.title, holiday=holiday_text(occurrence.holiday))
