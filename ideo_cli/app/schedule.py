"""`ideo todo` and `ideo ics`: load plans, build the calendar, expand, filter."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ideo_cli.app.inputs import read_source
from ideo_cli.diagnostics import FileResult
from ideo_cli.i18n import msg
from ideo_cli.documents import LoadError
from ideo_cli.documents.errors import input_diagnostic
from ideo_cli.formats.plan.load import LoadedPlan, load_plan
from ideo_cli.rules.rulebook import Rulebook
from ideo_cli.rules.serving import annotate
from ideo_cli.schedule.expand import DateRange, ExpansionError, expand_plan
from ideo_cli.schedule.occurrence import Occurrence
from ideo_cli.workcal import CalendarFileError, InlineCalendar, WorkCalendar, YearOutOfRangeError, build_calendar

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


@dataclass
class Schedule:
    plans: list[LoadedPlan]
    calendar: WorkCalendar
    occurrences: list[Occurrence]
    ledgers: dict = field(default_factory=dict)  # plan path (resolved) → its LoadedLedgers

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
        return tuple(msg("schedule.calendar-of-year", year=str(y), source=self.calendar.source(y)) for y in sorted(years) if MIN_YEAR <= y <= MAX_YEAR)


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
        import calendar

        return DateRange(dt.date(the_year, month, 1), dt.date(the_year, month, calendar.monthrange(the_year, month)[1]))
    return DateRange.year(the_year)


def build_schedule(options: ScheduleOptions) -> Schedule:
    plans: list[LoadedPlan] = []
    failed: list[FileResult] = []
    plan_paths: list[Path] = []
    ledger_files: list[Path] = []  # ledgers named or found by the walk: read with their plans
    for path, shown in options.files:
        if _is_ledger(path):
            ledger_files.append(path)
            continue
        try:
            plans.append(load_plan(path, shown))
            plan_paths.append(path)
        except LoadError as exc:
            failed.append(FileResult(file=shown, diagnostics=exc.diagnostics, source=exc.source))
    if failed:
        raise ScheduleError(failed)
    # the plan id names the calendar file and starts every UID: two plans with one id
    # would overwrite each other's calendar and merge their deadlines
    by_id: dict[str, str] = {}
    for loaded in plans:
        other = by_id.setdefault(loaded.plan_id, loaded.file)
        if other != loaded.file:  # robust: located at the second plan's 组织.编号
            from ideo_cli.diagnostics import Diagnostic, Severity

            pos = loaded.doc.locate(("organisation", "id"))
            found = Diagnostic(code="IDEO910", name="unique-unit-id", severity=Severity.FATAL, file=loaded.file, line=pos.line, col=pos.col, end_col=pos.end_col,
                               message=msg("schedule.duplicate-plan-id", first=other, second=loaded.file, plan=loaded.plan_id))
            raise ScheduleError([FileResult(file=loaded.file, diagnostics=[found], source=loaded.doc.source)])
    inline = [
        InlineCalendar(loaded.plan.calendar[i], loaded.file, loaded.doc.locate, ("calendar", i))  # validated with the plan
        for loaded in plans for i in range(len(loaded.plan.calendar))
    ]
    try:
        calendar = build_calendar(options.calendars, inline)
    except CalendarFileError as exc:
        by_file: dict[str, FileResult] = {}
        for diag in exc.diagnostics:  # Messages: the renderer translates
            by_file.setdefault(diag.file, FileResult(file=diag.file, source=read_source(diag.file))).diagnostics.append(diag)
        raise ScheduleError(list(by_file.values())) from None
    rulebook = Rulebook()
    occurrences: list[Occurrence] = []
    problems: list[FileResult] = []
    for loaded in plans:
        rules = rulebook.resolve(tuple(n for n in loaded.plan.organisation.profiles if n in rulebook.profiles))
        try:
            found = expand_plan(loaded, calendar, options.span)
            annotate(found, loaded.plan, rules)
            occurrences.extend(found)
        except ExpansionError as exc:
            problems.append(FileResult(file=loaded.file, diagnostics=[_expansion_diagnostic(loaded, exc)], source=loaded.doc.source))
        except YearOutOfRangeError as exc:
            raise ScheduleError(message=exc.message) from None
    if problems:
        raise ScheduleError(problems)
    if options.person:
        known = {p.id for loaded in plans for p in loaded.plan.people}
        if options.person not in known:
            raise ScheduleError(message=msg("schedule.unknown-person", person=options.person))
        occurrences = [o for o in occurrences if any(p.id == options.person for p in o.owners)]
    occurrences.sort(key=lambda o: (o.due, o.plan, o.obligation, o.period))
    ledgers = _annotate_from_ledgers(list(zip(plan_paths, plans)), ledger_files, occurrences, options.today)
    return Schedule(plans, calendar, occurrences, ledgers)


# ---- ledger reading (helper "ledger"): statuses from the 台账 beside each plan
def _is_ledger(path: Path) -> bool:
    from ideo_cli.formats.ledger import is_ledger_file

    return is_ledger_file(path)


def _annotate_from_ledgers(plans: list[tuple[Path, LoadedPlan]], ledger_files: list[Path], occurrences: list[Occurrence], today: dt.date | None) -> dict:
    if today is None:
        return {}
    from ideo_cli.ledger.beside import read_ledgers, unit_records
    from ideo_cli.ledger.match import annotate

    by_plan, failed = read_ledgers(plans, ledger_files)
    if failed:
        raise ScheduleError(failed)
    annotate(occurrences, unit_records(plans, by_plan, today), today)
    return by_plan


def _expansion_diagnostic(loaded: LoadedPlan, exc: ExpansionError):
    from ideo_cli.diagnostics import Diagnostic, Severity
    from ideo_cli.i18n import local
    from ideo_cli.rules.checks.obligations import due_rule_message
    from ideo_cli.rules.rulebook import Rulebook as _Rulebook

    field_name = "recurrence" if exc.error.key == "bad_rrule" else "due"
    path = ("obligations", exc.index, field_name)
    pos = loaded.doc.locate(path)
    code = "IDEO304" if field_name == "recurrence" else "IDEO303"
    rule = _Rulebook().all_rules()[code]
    return Diagnostic(
        code=code, name=rule.name, severity=Severity.FATAL, message=due_rule_message(exc.error),
        file=loaded.file, line=max(pos.line, 1), col=max(pos.col, 1), end_line=max(pos.line, 1) if pos.end_col else None, end_col=pos.end_col,
        path=f"obligations[{exc.index}].{field_name}", help=rule.local("help"), title=rule.local("title"), citation=rule.cite(),
    )


def load_schedule(paths, year, month, first, last, calendars, person, lang):
    """(schedule, span, today) for todo/ics, or a CommandResult carrying exit 2.

    Located problems (a broken plan or calendar file) are rendered as the text
    report on stderr; plain ones become a UsageError.
    """
    from ideo_cli.app.inputs import discover, today_from_env
    from ideo_cli.app.result import CommandResult, UsageError
    from ideo_cli.i18n import msg
    from ideo_cli.render.diagnostics import RenderOptions, render

    today = today_from_env()
    try:
        span = span_from_args(year, month, first, last, today)
        files = discover(paths)
        if not files:
            raise UsageError(msg("todo.no-files"))
        schedule = build_schedule(ScheduleOptions(files=files, span=span, calendars=list(calendars), person=person, today=today))
    except ScheduleError as exc:
        if exc.results:
            return CommandResult(exit_code=2, stderr=render("text", exc.results, RenderOptions(lang=lang)).encode("utf-8"))
        return CommandResult(exit_code=2, errors=[exc.message])
    return schedule, span, today
