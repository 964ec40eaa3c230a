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


def full_date(day: dt.date, provisional: bool = False):
    """成文日期: "2026年6月30日"."""
    text = msg("docx.full-date", year=day.year, month=day.month, day=day.day)
    return msg("docx.provisional", date=text) if provisional else text


def person(p) -> object:
    """"镇党委书记陈林" (post then name), or the name alone."""
    return msg("docx.person", post=p.post, name=p.name) if getattr(p, "post", "") else p.name


def owner_names(people) -> list:
    """One owner with the post ("镇党委书记陈林"); several by name alone, since a post may itself hold "、"."""
    people = list(people)
    return [person(people[0])] if len(people) == 1 else [p.name for p in people]


# obligation kind → the verb a report puts before its title ("召开党委会专题研究意识形态工作1次")
VERBS = {"O1": "convene", "O3": "convene", "O10": "convene", "O2": "carry-out", "O4": "carry-out", "O6": "carry-out",
         "O7": "carry-out", "O9": "carry-out", "O13": "carry-out", "O12": "complete"}


def verb(kind: str):
    return msg(f"docx.verb.{VERBS[kind]}") if kind in VERBS else ""


def sentence(text):
    """A line the engine words without a full stop, ended as a sentence."""
    return msg("docx.sentence", text=text)


def frequency(recurrence: str):
    return msg(f"docx.freq.{recurrence}") if recurrence in FREQUENCIES else msg("docx.freq.custom")


def half_name(half: int):
    return msg("docx.half.first" if half == 1 else "docx.half.second")
