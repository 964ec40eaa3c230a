"""The to-do list's columns, shared by csv, xlsx, markdown and the table."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from ideo_cli.i18n import t
from ideo_cli.render.citations import format_citation
from ideo_cli.schedule.occurrence import Occurrence, display_title

WEEKDAYS = {"zh": "一二三四五六日", "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
PROVISIONAL_MARK = {"zh": "【暂定】", "en": "[provisional] "}
OVERDUE_MARK = {"zh": "【已逾期】", "en": "[overdue] "}


def title_text(occ: Occurrence, lang: str) -> str:
    """The title as shown, with the holiday it precedes and a mark when the move crossed a year."""
    text = t(display_title(occ), lang)
    if occ.crosses_year and occ.moved_from is not None:
        from ideo_cli.i18n import msg

        text += t(msg("todo.crossed-year", nominal=occ.moved_from, due=occ.due), lang)
    return text


def weekday(day: dt.date, lang: str) -> str:
    return ("周" + WEEKDAYS["zh"][day.weekday()]) if lang == "zh" else WEEKDAYS["en"][day.weekday()]


def owners_text(occ: Occurrence, lang: str) -> str:
    sep = "、" if lang == "zh" else ", "
    return sep.join(p.name for p in occ.owners)


def join(items: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else "; ").join(items)


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    width: int  # spreadsheet width in characters (CJK counted double)
    value: Callable[[Occurrence, str], object]

    def header(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


COLUMNS: tuple[Column, ...] = (
    Column("due", "截止日期", "Due", 12, lambda o, l: o.due),
    Column("weekday", "星期", "Day", 6, lambda o, l: weekday(o.due, l)),
    Column("title", "事项", "Obligation", 44, lambda o, l: title_text(o, l)),
    Column("period", "周期", "Period", 10, lambda o, l: o.period),
    Column("owner", "负责人", "Owner", 16, owners_text),
    Column("start", "开始准备", "Start", 12, lambda o, l: o.start),
    Column("evidence", "留痕材料", "Evidence", 24, lambda o, l: join(o.evidence, l)),
    Column("recipients", "报送", "Recipients", 20, lambda o, l: join(o.recipients, l)),
    Column("provisional", "暂定", "Provisional", 8, lambda o, l: ("是" if l == "zh" else "yes") if o.provisional else ""),
    Column("nominal_due", "原定日期", "Nominal due", 12, lambda o, l: o.nominal_due if o.nominal_due != o.due else ""),
    Column("plan", "单位", "Unit", 18, lambda o, l: o.plan_name),
    Column("obligation", "事项编号", "Obligation id", 20, lambda o, l: o.obligation),
    Column("rule", "规则", "Rule", 9, lambda o, l: o.rule),
    Column("citation", "依据", "Source", 60, lambda o, l: format_citation(o.citation, l)),
    Column("source", "日历来源", "Calendar", 28, lambda o, l: t(o.calendar_source, l)),
)


def cell_text(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)
