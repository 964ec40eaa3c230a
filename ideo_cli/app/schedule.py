"""`ideo todo` and `ideo ics`: load plans, build the calendar, expand, filter."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import calendar as month_calendar

from ideo_cli.app.inputs import discover, read_source, today_from_env
from ideo_cli.app.result import CommandResult, UsageError
from ideo_cli.diagnostics import FileResult
from ideo_cli.formats.ledger.detect import is_ledger_file
from ideo_cli.formats.plan.load import LoadedPlan
from ideo_cli.formats.plan.people import PersonError, find_person
from ideo_cli.i18n import msg
from ideo_cli.render.diagnostics import RenderOptions, render
from ideo_cli.schedule.expand import DateRange
from ideo_cli.schedule.occurrence import Occurrence
from ideo_cli.workcal.policy import calendar_for
from ideo_cli.year import UnitYear, YearError, YearOptions, compute_years
from ideo_cli.year.rectification_rows import rows_for_span

MIN_YEAR, MAX_YEAR = 1900, 2100


class ScheduleError(Exception):
    """Something the user must fix; either located diagnostics or a plain message."""

    def __init__(self, results: list[FileResult] | None = None, message: str = ""):
        super().__init__(message or "schedule error")
        self.results = results or []
        self.message = message


@dataclass
class ScheduleOptions:
    files: list[tuple[Path, str]]
    span: DateRange
    calendars: list[Path] = field(default_factory=list)
    person: str | None = None
    today: dt.date | None = None  # ledger statuses are derived as of this day (None: read no ledgers)
    rectifications: bool = False  # the to-do list: 整改 items are rows too (their deadline in the span, or still overdue)


@dataclass
class Schedule:
    """The unit years behind a to-do list or calendar, and their occurrences in one list."""

    units: list[UnitYear]
    occurrences: list[Occurrence]

    @property
    def plans(self) -> list[LoadedPlan]:
        return [unit.plan for unit in self.units]

    @property
    def findings(self) -> list[FileResult]:
        """What the unit years found that is not fatal (a ledger naming another unit …): shown on stderr."""
        by_file: dict[str, FileResult] = {}
        for unit in self.units:
            for diag in unit.findings:
                by_file.setdefault(diag.file, FileResult(file=diag.file, source=read_source(diag.file))).diagnostics.append(diag)
        return [by_file[f] for f in sorted(by_file)]

    @property
    def warnings(self) -> list:
        """Messages for dates the working-day move took out of their rule's window (stderr)."""
        return [o.window_problem for o in self.occurrences if o.window_problem is not None]

    def sources(self, span: DateRange) -> tuple:
        """Every calendar the shown dates depend on: the span's years, and a year
        beyond it that a date was moved into or whose holidays decide a date
        (Messages "2026: chinese-calendar …"; renderers translate)."""

        years = set(range(span.first.year, span.last.year + 1))
        for occ in self.occurrences:
            years.update({occ.due.year, occ.nominal_due.year})
            if occ.holiday and occ.period[:4].isdigit():
                years.add(int(occ.period[:4]))
        calendars = [unit.calendar for unit in self.units] or [calendar_for()]
        out = []
        for y in sorted(years):
            if MIN_YEAR <= y <= MAX_YEAR:
                for calendar in calendars:
                    item = msg("schedule.calendar-of-year", year=str(y), source=calendar.source(y))
                    if item not in out:
                        out.append(item)
        return tuple(out)


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def span_from_args(year: int | None, month: int | None, first: str | None, last: str | None, today: dt.date) -> DateRange:
    def bad(message):
        raise ScheduleError(message=message)

    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        bad(msg("schedule.year-out-of-range", year=year, low=MIN_YEAR, high=MAX_YEAR))
    if month is not None and not 1 <= month <= 12:
        bad(msg("schedule.bad-month", month=month))
    if first or last:
        try:
            start = dt.date.fromisoformat(first) if first else dt.date(year or today.year, 1, 1)
            end = dt.date.fromisoformat(last) if last else dt.date(year or today.year, 12, 31)
        except ValueError as exc:
            bad(msg("schedule.bad-from-to", value=first if first and not _is_date(first) else last))
        if end < start:
            bad(msg("schedule.to-before-from"))
        for d in (start, end):
            if not MIN_YEAR <= d.year <= MAX_YEAR:
                bad(msg("schedule.date-out-of-range", date=d, low=MIN_YEAR, high=MAX_YEAR))
        return DateRange(start, end)
    the_year = year or today.year
    if month:
        return DateRange(dt.date(the_year, month, 1), dt.date(the_year, month, month_calendar.monthrange(the_year, month)[1]))
    return DateRange.year(the_year)


def build_schedule(options: ScheduleOptions) -> Schedule:
    """The unit years of the plans among ``options.files`` (ledgers among them are read
    with their plans), as the flat list of occurrences todo, ics and ledger show."""
    plan_files = [(p, shown) for p, shown in options.files if not is_ledger_file(p)]
    ledger_files = [(p, shown) for p, shown in options.files if is_ledger_file(p)]
    as_of = options.today or today_from_env()
    try:
        result = compute_years(YearOptions(
            plans=plan_files, ledgers=ledger_files, as_of=as_of, span=options.span, calendars=list(options.calendars),
            read_ledgers=options.today is not None,
        ))
    except YearError as exc:
        raise ScheduleError(message=exc.message) from None
    broken = list(result.broken) + [r for unit in result.units for r in unit.broken_ledgers]
    if broken:
        raise ScheduleError(sorted(broken, key=lambda r: r.file))
    units = result.units
    occurrences = [o for unit in units for o in unit.occurrences]
    if options.rectifications:
        occurrences += [row for unit in units for row in rows_for_span(unit.rectification_rows, options.span, as_of)]
    if options.person:
        wanted_text = "".join(options.person.split())
        try:  # by id or name (issue 15): the same person in every plan that has them
            wanted = {find_person(unit.plan.plan.people, options.person).id for unit in units
                      if any(wanted_text in (p.id, "".join(p.name.split())) for p in unit.plan.plan.people)}
        except PersonError as exc:
            raise ScheduleError(message=exc.message) from None
        if not wanted:
            raise ScheduleError(message=msg("schedule.unknown-person", person=options.person))
        occurrences = [o for o in occurrences if any(p.id in wanted for p in o.owners)]
    occurrences.sort(key=lambda o: (o.due, o.plan, o.obligation, o.period))
    return Schedule(units, occurrences)


def load_schedule(paths, year, month, first, last, calendars, person, lang, as_of: dt.date | None = None, rectifications: bool = False):
    """(schedule, span, as-of date) for todo/ics/ledger, or a CommandResult carrying exit 2.

    Located problems (a broken plan, calendar or ledger file) are rendered as the
    text report on stderr; plain ones become a UsageError.
    """
    today = as_of or today_from_env()
    try:
        span = span_from_args(year, month, first, last, today)
        files = discover(paths)
        if not files:
            raise UsageError(msg("todo.no-files"))
        schedule = build_schedule(ScheduleOptions(files=files, span=span, calendars=list(calendars), person=person, today=today, rectifications=rectifications))
    except ScheduleError as exc:
        if exc.results:
            return CommandResult(exit_code=2, stderr=render("text", exc.results, RenderOptions(lang=lang)).encode("utf-8"))
        return CommandResult(exit_code=2, errors=[exc.message])
    return schedule, span, today


def findings_report(schedule: Schedule, lang: str) -> bytes:
    """The unit years' findings that todo/ics/ledger show on stderr (never dropped silently)."""
    results = schedule.findings
    if not results:
        return b""
    return render("text", results, RenderOptions(lang=lang)).encode("utf-8")
