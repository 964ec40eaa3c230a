"""Occurrence: one dated instance of a recurring obligation.

The expander (``ideo_cli/schedule/expand.py``) produces them; every exporter
(table, markdown, csv, xlsx, json, ics) consumes them and nothing else.
Identity is (plan_id, obligation_id, period): it never depends on the computed
date, so moving a deadline off a holiday never changes a calendar UID.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    post: str = ""


@dataclass(slots=True)
class Occurrence:
    plan: str  # plan id: the organisation's short name or file stem, stable
    plan_name: str  # organisation's display name, e.g. 中共小寨坝镇委员会
    plan_file: str  # path of the plan file
    obligation: str  # obligation id, stable (calendars and records key on it)
    period: str  # "2027", "2027H1", "2027Q3", "2027-05", or "2027-10-01" for rrule/holiday
    title: str  # e.g. 专题研究意识形态工作
    kind: str  # "O1" … "O13" or a custom kind
    owners: list[Person]
    start: dt.date  # when work should begin (window start)
    due: dt.date  # working-day-adjusted deadline
    nominal_due: dt.date  # the deadline before working-day adjustment
    reminders: list[int] = field(default_factory=list)  # days before due
    evidence: list[str] = field(default_factory=list)  # 纪要, 书面报告, 照片 ...
    recipients: list[str] = field(default_factory=list)  # 上级党委, 县委宣传部 ...
    rule: str = ""  # rule code it serves, e.g. "IDEO201"
    citation: str = ""  # e.g. "000 三(二)2 “每年至少两次专题研究意识形态工作”"
    provisional: bool = False  # date computed without the official calendar
    calendar_source: str = ""  # e.g. "chinese-calendar 1.11.0" or "holidays 0.109 (推算)"
    # --- contract for the second half (ledger, roll-up, pictures); renderers translate
    holiday: str | None = None  # for 节假日前 items: the holiday's Chinese name (renderers add "（春节前）")
    status: str | None = None  # ledger status code, see ideo_cli/ledger/status.py; None = no ledger read
    record: object | None = None  # the ledger record that settled it, if any

    @property
    def uid(self) -> str:
        """Stable across runs and date moves: never derived from ``due``."""
        return f"{self.plan}/{self.obligation}/{self.period}@ideo"
