"""The to-do list's columns and cell texts, shared by table, markdown, csv and xlsx.

Every text comes from the catalogue (``todo.*`` ids); user data (titles,
names, evidence) is shown as written.  The 状态 column exists only when some
occurrence carries a ledger status.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from ideo_cli.i18n import msg, t
from ideo_cli.ledger import status as statuses
from ideo_cli.render.citations import format_citation
from ideo_cli.schedule.occurrence import RECTIFICATION_KIND, Occurrence, display_title


def title_text(occ: Occurrence, lang: str) -> str:
    """The title as shown, with the holiday it precedes and a mark when the move crossed a year."""
    text = t(display_title(occ), lang)
    if occ.crosses_year and occ.moved_from is not None:
        text += t(msg("todo.crossed-year", nominal=occ.moved_from, due=occ.due), lang)
    return text


def weekday(day: dt.date, lang: str) -> str:
    return t(msg(f"todo.weekday.{day.weekday()}"), lang)


def month_name(month: int, lang: str) -> str:
    return t(msg(f"todo.month.{month}"), lang)


def month_heading(year: int, month: int, lang: str) -> str:
    return t(msg("todo.month-heading", year=year, month=month_name(month, lang)), lang)


def day_text(day: dt.date, lang: str) -> str:
    return t(msg("todo.day-and-weekday", month=month_name(day.month, lang), day=day.day, weekday=weekday(day, lang)), lang)


@lru_cache(maxsize=None)
def _separator(lang: str) -> str:
    return t(msg("value.separator"), lang)


def join(items: Iterable[str], lang: str) -> str:
    return _separator(lang).join(items)


def owners_text(occ: Occurrence, lang: str) -> str:
    return join((p.name or p.id for p in occ.owners), lang)


def citation_text(occ: Occurrence, lang: str) -> str:
    """A ``Citation`` formatted in ``lang``; a plain string (older plans' text) as is."""
    citation = occ.citation
    if not citation:
        return ""
    if isinstance(citation, str):
        return citation

    return format_citation(citation, lang)


def status_text(occ: Occurrence, lang: str) -> str:
    return t(msg(f"status.{occ.status}"), lang) if occ.status else ""


def is_overdue(occ: Occurrence, today: dt.date) -> bool:
    """【已逾期】: the ledger says so; without a ledger, the date has passed."""
    if occ.status is not None:
        return occ.status == statuses.OVERDUE
    return occ.due < today


def effective_status(occ: Occurrence, today: dt.date) -> str:
    """The ledger's status, or (no ledger read) what the dates alone can tell."""
    if occ.status is not None:
        return occ.status
    if occ.due < today:
        return statuses.OVERDUE
    return statuses.IN_PROGRESS if occ.start <= today else statuses.PENDING


def marks(occ: Occurrence, today: dt.date, lang: str) -> list[tuple[str, str]]:
    """(mark text, kind) for 【暂定】 and 【已逾期】, in display order."""
    out = []
    if occ.provisional:
        out.append((t(msg("todo.mark.provisional"), lang), "provisional"))
    if is_overdue(occ, today):
        out.append((t(msg("todo.mark.overdue"), lang), "overdue"))
    return out


def has_status(occurrences: Iterable[Occurrence]) -> bool:
    return any(o.status for o in occurrences)


def several_units(occurrences: Iterable[Occurrence]) -> bool:
    return len({o.plan for o in occurrences}) > 1


@dataclass(frozen=True)
class Column:
    key: str  # catalogue id todo.column.<key>
    width: int  # spreadsheet width in characters (CJK counted double)
    value: Callable[[Occurrence, str], object]
    office: bool = True  # printed on the office sheet (xlsx print area)

    def header(self, lang: str) -> str:
        return t(msg(f"todo.column.{self.key}"), lang)


UNIT = Column("unit", 16, lambda o, l: o.plan_name)
STATUS = Column("status", 10, status_text)
def done_note(occ: Occurrence, lang: str) -> str:
    """完成情况: the ledger's status once there is a record (or a waiver); else left to fill in."""
    if occ.record is None and occ.status != statuses.WAIVED:
        return ""
    return status_text(occ, lang)


def done_on(occ: Occurrence, lang: str):
    """完成日期: the day of the record that settled it."""
    return occ.done_on or ""


def evidence_kept(occ: Occurrence, lang: str) -> str:
    """佐证: what the record holds, one ``类型=文件`` or ``类型=纸质存档:存放位置`` a line (as typed back)."""
    if occ.record is None:
        return ""
    return "\n".join(f"{e.type}={e.file}" if e.file else f"{e.type}=纸质存档:{e.paper}" for e in occ.record.evidence if e.file or e.paper)


def remarks(occ: Occurrence, lang: str) -> str:
    return (occ.record.note or "") if occ.record is not None else ""


def item_id(occ: Occurrence, lang: str) -> str:
    """Which occurrence a row is: ``ideo record --from`` reads the filled rows back by it
    (a 整改 item's row: ``plan/整改/item``, recorded as the item's completion)."""
    if occ.kind == RECTIFICATION_KIND:
        return f"{occ.plan}/{RECTIFICATION_KIND}/{occ.obligation}"
    return f"{occ.plan}/{occ.obligation}/{occ.period}"


# filled from the ledger, or by hand on the printed list (and read back by `ideo record --from`)
DONE_NOTE = Column("done-note", 16, done_note)
DONE_ON = Column("done-on", 11, done_on)
EVIDENCE_KEPT = Column("evidence-kept", 18, evidence_kept)
REMARKS = Column("remarks", 14, remarks)
ITEM_ID = Column("item-id", 30, item_id, office=False)

DUE = Column("due", 11, lambda o, l: o.due)
WEEKDAY = Column("weekday", 6, lambda o, l: weekday(o.due, l))
TITLE = Column("title", 36, title_text)
PERIOD = Column("period", 9, lambda o, l: o.period)
OWNER = Column("owner", 14, owners_text)
START = Column("start", 11, lambda o, l: o.start)
EVIDENCE = Column("evidence", 20, lambda o, l: join(o.evidence, l))
RECIPIENTS = Column("recipients", 16, lambda o, l: join(o.recipients, l))
PROVISIONAL = Column("provisional", 8, lambda o, l: t(msg("todo.yes"), l) if o.provisional else "", office=False)
NOMINAL_DUE = Column("nominal-due", 12, lambda o, l: o.nominal_due if o.nominal_due != o.due else "", office=False)
OBLIGATION = Column("obligation", 20, lambda o, l: o.obligation, office=False)
RULE = Column("rule", 9, lambda o, l: o.rule, office=False)
CITATION = Column("citation", 60, citation_text, office=False)
CALENDAR = Column("calendar", 28, lambda o, l: t(o.calendar_source, l), office=False)

# csv: the data export (unit next to the ids, as before)
COLUMNS: tuple[Column, ...] = (
    DUE, WEEKDAY, TITLE, PERIOD, OWNER, START, EVIDENCE, RECIPIENTS, PROVISIONAL, NOMINAL_DUE,
    UNIT, OBLIGATION, RULE, CITATION, CALENDAR,
)


def csv_columns(occurrences: list[Occurrence]) -> tuple[Column, ...]:
    if not has_status(occurrences):
        return COLUMNS
    return COLUMNS[:5] + (STATUS,) + COLUMNS[5:]


def office_columns(occurrences: list[Occurrence]) -> tuple[Column, ...]:
    """xlsx: what the office prints (unit first, columns to fill in by hand), then the data columns."""
    printed = (UNIT, DUE, WEEKDAY, TITLE, PERIOD, OWNER, START, EVIDENCE, RECIPIENTS)
    if has_status(occurrences):
        printed += (STATUS,)
    printed += (DONE_NOTE, DONE_ON, EVIDENCE_KEPT, REMARKS)
    return printed + (PROVISIONAL, NOMINAL_DUE, OBLIGATION, RULE, CITATION, CALENDAR, ITEM_ID)


def cell_text(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)
