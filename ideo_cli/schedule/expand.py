"""Expand a plan's obligations into dated occurrences on working days.

Order of work per occurrence: period (from recurrence and year only) →
nominal due (due rule) → working-day move (plan's policy) → window start.
The identity (plan, obligation, period) is fixed before any date moves.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ideo_cli.formats.plan.load import LoadedPlan
from ideo_cli.formats.plan.model import Obligation
from ideo_cli.schedule.identity import uid_namespace
from ideo_cli.schedule.occurrence import Occurrence, Person
from ideo_cli.schedule.periods import DueRuleError, Period, default_start_before, is_rrule, nominal_due, periods, rrule_dates
from ideo_cli.workcal import WorkCalendar
from ideo_cli.workcal.calfile import MAX_YEAR, MIN_YEAR
from ideo_cli.schedule.festivals import festival_date, milestone_date
from ideo_cli.workcal.names import HOLIDAY_SLUGS

DEFAULT_HOLIDAY_LEAD = 1  # working days before a holiday when the plan does not say


@dataclass(frozen=True)
class DateRange:
    first: dt.date
    last: dt.date

    @classmethod
    def year(cls, year: int) -> "DateRange":
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def __contains__(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


class ExpansionError(Exception):
    """An obligation whose due rule cannot resolve; carries where and why."""

    def __init__(self, obligation_index: int, error: DueRuleError):
        super().__init__(error.key)
        self.index = obligation_index
        self.error = error


def expand_plan(loaded: LoadedPlan, calendar: WorkCalendar, span: DateRange) -> list[Occurrence]:
    """Every occurrence of the plan's obligations in ``span``, on working days.

    An occurrence is in the span when its moved date is; one whose move crossed
    a year boundary (31 December 顺延 to 2 January) is also kept in the span of
    its nominal date, marked ``crosses_year``, so it never silently leaves its
    own year's list.  Which rule it serves is not decided here (rules.serving).
    """
    plan = loaded.plan
    people = {p.id: Person(p.id, p.name, p.post) for p in plan.people}
    namespace = uid_namespace(plan.organisation.name, plan.organisation.superior)  # every UID of this organisation
    out: list[Occurrence] = []
    for index, ob in enumerate(plan.obligations):
        policy = ob.adjust or plan.defaults.adjust
        try:
            for period, nominal, note, holiday, years in nominal_dates(ob, calendar, span):
                if ob.skip_holidays and calendar.holiday_on(nominal) is not None:
                    continue  # 节假日跳过: e.g. a weekly study that does not meet during 春节 or 国庆
                due, provisional = calendar.adjust(nominal, policy)
                crosses = due.year != nominal.year
                if due not in span and not (crosses and nominal in span):
                    continue
                if policy == "keep" and not calendar.is_official(due.year):
                    provisional = True  # whether the kept date is a working day is unknown
                if note is not None:  # holiday-driven: counted in working days already
                    provisional = provisional or note
                lead = ob.start_before_days if ob.start_before_days is not None else plan.defaults.start_before_days
                lead = default_start_before(ob.recurrence) if lead is None else lead
                start = min(calendar.adjust(max(due - dt.timedelta(days=lead), dt.date(MIN_YEAR, 1, 1)), "next")[0], due)
                depends = sorted({due.year, nominal.year, *years})
                out.append(
                    Occurrence(
                        plan=loaded.plan_id,
                        plan_name=plan.organisation.short_name or plan.organisation.name,
                        plan_file=loaded.file,
                        obligation=ob.id,
                        period=period.label,
                        title=ob.title,
                        kind=ob.kind,
                        owners=[people[o] for o in ob.owner if o in people],
                        start=start,
                        due=due,
                        nominal_due=nominal,
                        reminders=sorted(set(ob.reminders if ob.reminders is not None else plan.defaults.reminders), reverse=True),
                        evidence=list(ob.evidence),
                        recipients=list(ob.recipients) + [c for c in ob.copy_to if c not in ob.recipients],
                        provisional=provisional,
                        calendar_source=calendar.source(due.year),
                        holiday=holiday,
                        moved_from=nominal if due != nominal else None,
                        crosses_year=crosses,
                        sources=tuple(calendar.source(y) for y in depends if MIN_YEAR <= y <= MAX_YEAR),
                        report_mode=ob.report_mode,
                        namespace=namespace,
                        period_start=period.start,
                        period_end=period.end,
                    )
                )
        except DueRuleError as err:
            raise ExpansionError(index, err) from None
    out.sort(key=lambda o: (o.due, o.plan, o.obligation, o.period))
    return out


def nominal_dates(ob: Obligation, calendar: WorkCalendar, span: DateRange):
    """(period, nominal due, provisional-or-None, holiday name-or-None) for every
    period that may land in ``span``."""
    # a period of the year before can fall due inside the span (after_period_end_days),
    # and one of the year after can be moved back into it (due 1 January, or the
    # working day before 元旦, lands in December); stay inside the supported years
    for year in range(max(span.first.year - 1, MIN_YEAR), min(span.last.year + 1, MAX_YEAR) + 1):
        if is_rrule(ob.recurrence):
            for day in rrule_dates(ob.recurrence, year):
                yield Period(day.isoformat(), day, day), day, None, None, ()
        elif ob.recurrence == "holidays":
            holidays, provisional = calendar.holidays_in(year)
            lead = ob.due.working_days_before if ob.due.working_days_before is not None else DEFAULT_HOLIDAY_LEAD
            for holiday in holidays:
                name = holiday.festivals[0] if getattr(holiday, "festivals", None) else holiday.name
                slug = HOLIDAY_SLUGS.get(name, name)
                day, moved_provisional = calendar.working_days_before(holiday.first_day, lead)
                # the date depends on the holiday's own year's notice as well as the due date's
                yield Period(f"{year}-{slug}", holiday.first_day, holiday.last_day), day, provisional or moved_provisional, name, (holiday.first_day.year, year)
            yield from _occasions(ob, calendar, year, lead, {h.festivals[0] if getattr(h, "festivals", None) else h.name for h in holidays})
        else:
            for period in periods(ob.recurrence, year):
                yield period, nominal_due(period, ob.due), None, None, ()


def _occasions(ob: Obligation, calendar: WorkCalendar, year: int, lead: int, statutory: set[str]):
    """Traditional festivals (lunar, computed) and the plan's 时间节点 in ``year``."""
    for name in ob.festivals:
        if name in statutory:
            continue  # 春节, 端午节, 中秋节 are statutory holidays already
        day = festival_date(name, year)
        if day is not None:
            due, provisional = calendar.working_days_before(day, lead)
            yield Period(f"{year}-{HOLIDAY_SLUGS.get(name, name)}", day, day), due, provisional, name, (year,)
    for node in ob.milestones:
        day = milestone_date(node.date, year)
        if day is not None:
            due, provisional = calendar.working_days_before(day, lead)
            yield Period(f"{day.isoformat()}-node", day, day), due, provisional, node.name, (year,)
