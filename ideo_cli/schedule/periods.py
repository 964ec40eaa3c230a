"""Periods and nominal due dates: pure calendar arithmetic, no working days.

A period is what an occurrence is *for* (2027H1, 2027Q3 …).  Its label comes
from the recurrence and the year only, so identities never depend on a date
that was moved for a holiday.  The checker and the scheduler share this code.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from dateutil.rrule import rrulestr

from ideo_cli.formats.plan.model import Due

MONTHS_IN_PERIOD = {"yearly": 12, "half-yearly": 6, "quarterly": 3, "monthly": 1}
DEFAULT_START_BEFORE_DAYS = {"yearly": 30, "half-yearly": 30, "quarterly": 15, "monthly": 7, "holidays": 7, "rrule": 7}


@dataclass(frozen=True, slots=True)
class Period:
    label: str
    start: dt.date
    end: dt.date  # inclusive

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


class DueRuleError(ValueError):
    """A due rule that cannot resolve; ``key`` says why (rules.checks.obligations.due_rule_message words it)."""

    def __init__(self, key: str, **fields: object):
        super().__init__(key)
        self.key = key
        self.fields = fields


def is_rrule(recurrence: str) -> bool:
    return recurrence.upper().startswith(("FREQ=", "RRULE:", "DTSTART"))


def periods(recurrence: str, year: int) -> list[Period]:
    """The periods of ``year`` for a calendar-based recurrence (not rrule/holidays)."""
    months = MONTHS_IN_PERIOD[recurrence]
    out = []
    for index, first_month in enumerate(range(1, 13, months), start=1):
        last_month = first_month + months - 1
        start = dt.date(year, first_month, 1)
        end = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
        if recurrence == "yearly":
            label = f"{year}"
        elif recurrence == "half-yearly":
            label = f"{year}H{index}"
        elif recurrence == "quarterly":
            label = f"{year}Q{index}"
        else:
            label = f"{year}-{first_month:02d}"
        out.append(Period(label, start, end))
    return out


def nominal_due(period: Period, due: Due) -> dt.date:
    """The deadline inside (or after) ``period`` before any working-day move."""
    if due.after_period_end_days is not None:
        return period.end + dt.timedelta(days=due.after_period_end_days)
    months = period.months
    month_index = months if due.month == "last" else due.month
    if month_index > months:
        raise DueRuleError("month_outside_period", month=month_index, months=months)
    month = period.start.month + month_index - 1
    year = period.start.year
    last_day = calendar.monthrange(year, month)[1]
    if due.day == "last" or due.day == 31:
        day = last_day  # "31" is how people write "the last day of the month"
    elif month == 2 and due.day == 30:
        raise DueRuleError("no_such_day", month=month, day=due.day)
    else:
        day = min(due.day, last_day)  # 29 Feb in a common year: the 28th
    return dt.date(year, month, day)


# One plan may not make ideo enumerate without end: an obligation recurs at most this
# often in a year (weekly is 53; a working-day rule ~250).  ideo schedules whole days,
# so FREQ=HOURLY/MINUTELY/SECONDLY only ever multiplies instances of the same day.
MAX_OCCURRENCES_PER_YEAR = 400


def rrule_dates(rule: str, year: int) -> list[dt.date]:
    """Days of ``year`` on which an RFC 5545 RRULE falls (DTSTART defaults to 1 Jan).

    The rule is walked lazily and refused (``too_many``) as soon as it yields more
    than MAX_OCCURRENCES_PER_YEAR instances per year on average since its start —
    in the year itself or before it — so no rule costs more than that to judge.
    """
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    start = dt.datetime(year, 1, 1)
    end = dt.datetime(year, 12, 31, 23, 59, 59)
    try:
        rule_obj = rrulestr(text, dtstart=start, ignoretz=True) if not text.upper().startswith("DTSTART") else rrulestr(text, ignoretz=True)
        first = getattr(rule_obj, "_dtstart", None) or start
        budget = MAX_OCCURRENCES_PER_YEAR * max(1, year - first.year + 1)
        days: list[dt.date] = []
        in_year = 0
        for steps, instance in enumerate(rule_obj, start=1):
            if instance > end:
                break
            if steps > budget:
                raise DueRuleError("too_many", limit=MAX_OCCURRENCES_PER_YEAR, year=year)
            if instance >= start:
                in_year += 1
                if in_year > MAX_OCCURRENCES_PER_YEAR:
                    raise DueRuleError("too_many", limit=MAX_OCCURRENCES_PER_YEAR, year=year)
                if not days or days[-1] != instance.date():
                    days.append(instance.date())
        return days
    except (ValueError, TypeError, OverflowError) as exc:
        if isinstance(exc, DueRuleError):
            raise
        raise DueRuleError("bad_rrule", reason=str(exc)) from None


def first_day_of_period(label: str, window_start: dt.date) -> dt.date:
    """The first day work for a period counts: the period's own first day (2026H2 → 07-01),
    or the window's start when that is earlier or the period is one date (rrule, holidays).

    A record belongs to its period: work done early in it, before the reminder
    window opens, is good work, not an error (issue 15)."""
    first = None
    if re.fullmatch(r"\d{4}", label):
        first = dt.date(int(label), 1, 1)
    elif m := re.fullmatch(r"(\d{4})H([12])", label):
        first = dt.date(int(m.group(1)), 1 + MONTHS_IN_PERIOD["half-yearly"] * (int(m.group(2)) - 1), 1)
    elif m := re.fullmatch(r"(\d{4})Q([1-4])", label):
        first = dt.date(int(m.group(1)), 1 + MONTHS_IN_PERIOD["quarterly"] * (int(m.group(2)) - 1), 1)
    elif m := re.fullmatch(r"(\d{4})-(\d{2})", label):
        first = dt.date(int(m.group(1)), int(m.group(2)), 1)
    return min(first, window_start) if first else window_start


def default_start_before(recurrence: str) -> int:
    return DEFAULT_START_BEFORE_DAYS["rrule" if is_rrule(recurrence) else recurrence]


STATUTORY_HOLIDAYS_PER_YEAR = 7  # 元旦 春节 清明 劳动 端午 中秋 国庆


@dataclass(frozen=True, slots=True)
class Nominal:
    """An occurrence before working days: period and unadjusted due date."""

    period: Period | None  # None for rrule instances and holiday-driven ones
    due: dt.date | None  # None when it needs the holiday calendar (``holidays``)


def nominal_occurrences(recurrence: str, due: Due, year: int) -> list[Nominal]:
    """All occurrences whose period belongs to ``year`` (raises DueRuleError)."""
    if is_rrule(recurrence):
        return [Nominal(Period(d.isoformat(), d, d), d) for d in rrule_dates(recurrence, year)]
    if recurrence == "holidays":
        return [Nominal(None, None) for _ in range(STATUTORY_HOLIDAYS_PER_YEAR)]
    return [Nominal(p, nominal_due(p, due)) for p in periods(recurrence, year)]
