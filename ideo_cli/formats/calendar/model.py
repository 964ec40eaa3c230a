"""One year's official dates: a calendar file, or a plan's inline calendar block.

Structure is checked by pydantic; what needs several fields at once (a date
outside the year, overlapping blocks, a make-up working day that is not a
weekend day) is :meth:`CalendarYear.ideo_problems`, run once by the validator
wherever the model sits.  Every message is a catalogue id under ``calendar.``.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from ideo_cli.documents.validate import Problem, problem, shown
from ideo_cli.i18n import msg

MIN_YEAR = 1900
MAX_YEAR = 2100
MAX_BLOCK_DAYS = 31
CODE = "IDEO020"  # calendar-file-invalid: see ideo_cli/documents/errors.py

_DATE_TEXT = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def parse_date(value: Any) -> dt.date | None:
    """A date from YAML: a ``date`` (not a datetime with a time) or text like 2027-10-01 / 2027年10月1日."""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0) and value.tzinfo is None:
            return value.date()
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        m = _DATE_TEXT.match(value)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


def _date(value: Any) -> dt.date:
    day = parse_date(value)
    if day is None:
        raise problem("calendar.bad-date", value=shown(value))
    return day


def _year(value: Any) -> int:
    year = None
    if isinstance(value, int) and not isinstance(value, bool):
        year = value
    elif isinstance(value, str) and re.fullmatch(r"\s*\d{1,4}\s*年?\s*", value):
        year = int(value.strip().rstrip("年"))
    if year is None:
        raise problem("calendar.bad-year", value=shown(value))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise problem("calendar.year-range", year=year, lo=MIN_YEAR, hi=MAX_YEAR)
    return year


def _source(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise problem("calendar.bad-source")
    return " ".join(value.split())


def _name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise problem("calendar.bad-name")
    return value.strip()


_DATE_SCHEMA = {"type": "string", "format": "date"}
CalendarDate = Annotated[dt.date, BeforeValidator(_date), WithJsonSchema(_DATE_SCHEMA)]
Year = Annotated[int, BeforeValidator(_year), WithJsonSchema({"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR})]
Source = Annotated[str, BeforeValidator(_source), WithJsonSchema({"type": "string", "minLength": 1})]
HolidayName = Annotated[str, BeforeValidator(_name), WithJsonSchema({"type": "string", "minLength": 1})]
Workdays = Annotated[list[CalendarDate], BeforeValidator(lambda v: [] if v is None else v), WithJsonSchema({"type": "array", "items": _DATE_SCHEMA})]


class CalendarHoliday(BaseModel):
    """A holiday block as the notice gives it; ``to`` may be omitted for one day."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    name: HolidayName
    from_: CalendarDate = Field(alias="from")
    to: CalendarDate | None = None

    @property
    def last_day(self) -> dt.date:
        return self.to or self.from_


class CalendarYear(BaseModel):
    """Official dates for one year, as in a calendar file (see ``ideo_cli/workcal/FORMAT.md``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    year: Year
    source: Source
    holidays: list[CalendarHoliday]
    workdays: Workdays = []

    def ideo_problems(self) -> list[Problem]:
        """What one field cannot say: dates outside the year, reversed, long or overlapping blocks, odd workdays."""
        out: list[Problem] = []
        good: list[tuple[CalendarHoliday, int]] = []
        for i, block in enumerate(self.holidays):
            found = _block_problem(block, i, self.year)
            if found is None:
                good.append((block, i))
            else:
                out.append(found)
        reach: CalendarHoliday | None = None  # the block reaching furthest so far
        for block, i in sorted(good, key=lambda b: (b[0].from_, b[0].last_day)):
            prev, reach = reach, (block if reach is None or block.last_day > reach.last_day else reach)
            if prev is not None and block.from_ <= prev.last_day:
                out.append(Problem(("holidays", i, "from"), msg(
                    "calendar.holiday-overlap", name=block.name, start=block.from_, end=block.last_day,
                    other=prev.name, ostart=prev.from_, oend=prev.last_day,
                ), CODE))
        for i, day in enumerate(self.workdays):
            at = ("workdays", i)
            if not in_scope(day, self.year):
                out.append(Problem(at, msg("calendar.date-outside-year", day=day, year=self.year), CODE))
            elif day.weekday() < 5:
                out.append(Problem(at, msg("calendar.workday-not-weekend", day=day, weekday=msg(f"calendar.weekday.{day.weekday()}")), CODE))
            else:
                clash = next((b for b, _ in good if b.from_ <= day <= b.last_day), None)
                if clash is not None:
                    out.append(Problem(at, msg("calendar.workday-is-holiday", day=day, name=clash.name), CODE))
        return out


def _block_problem(block: CalendarHoliday, i: int, year: int) -> Problem | None:
    start, end = block.from_, block.last_day
    end_at = ("holidays", i, "to" if block.to is not None else "from")
    if start > end:
        return Problem(end_at, msg("calendar.from-after-to", start=start, end=end), CODE)
    if end.year != year:
        return Problem(end_at, msg("calendar.date-outside-year", day=end, year=year), CODE)
    if not in_scope(start, year):
        return Problem(("holidays", i, "from"), msg("calendar.date-outside-year", day=start, year=year), CODE)
    length = (end - start).days + 1
    if length > MAX_BLOCK_DAYS:
        return Problem(end_at, msg("calendar.block-too-long", start=start, end=end, days=length, limit=MAX_BLOCK_DAYS), CODE)
    return None


def in_scope(day: dt.date, year: int) -> bool:
    """A file for ``year`` may name dates of that year, or of the previous December.

    The notice for year Y fixes Y's 元旦, which sometimes starts (or is made up
    for) in the last days of Y-1: the 2024 notice gave 2023-12-30..2024-01-01,
    the 2012 notice made 2011-12-31 a working day.
    """
    return day.year == year or (day.year == year - 1 and day.month == 12)
