"""Small phrases every document shares: dates in Arabic numerals, people, frequencies."""
from __future__ import annotations

import datetime as dt

from ideo_cli.i18n import msg

# the plan's 频次 → the clerk's phrase ("每半年至少1次")
FREQUENCIES = ("yearly", "half-yearly", "quarterly", "monthly", "holidays")
# the plan's 响应 (canonical Chinese) → catalogue id
RESPONSES = {"第一时间": "immediately", "事前": "before", "及时": "promptly", "限期": "within"}


def month_day(day: dt.date, provisional: bool = False):
    """"6月12日" (with "（暂定）" when the working-day calendar for the year is not official)."""
    text = msg("docx.month-day", month=day.month, day=day.day)
    return msg("docx.provisional", date=text) if provisional else text


def full_date(day: dt.date):
    """成文日期: "2026年6月30日"."""
    return msg("docx.full-date", year=day.year, month=day.month, day=day.day)


def person(p) -> object:
    """"镇党委书记陈林" (post then name), or the name alone."""
    return msg("docx.person", post=p.post, name=p.name) if getattr(p, "post", "") else p.name


def frequency(recurrence: str):
    return msg(f"docx.freq.{recurrence}") if recurrence in FREQUENCIES else msg("docx.freq.custom")


def half_name(half: int):
    return msg("docx.half.first" if half == 1 else "docx.half.second")
