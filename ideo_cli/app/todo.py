"""`ideo todo`: the schedule for a span, in one of the to-do formats."""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ideo_cli.app.ics import IdentityProblems, check_identities
from ideo_cli.app.result import CommandResult, OutputFile, UsageError
from ideo_cli.app.inputs import now_from_env, parse_date_option, use_color
from ideo_cli.app.schedule import findings_report, load_schedule
from ideo_cli.i18n import msg, t
from ideo_cli.ledger.status import STATUSES
from ideo_cli.render.occurrences.columns import effective_status
from ideo_cli.render.occurrences.todo import TodoOptions, export_todo
from ideo_cli.schedule.identity import calendar_uid, uid_namespace

TABLE_WIDTH_FALLBACK = 100  # not a terminal and no COLUMNS


@dataclass
class TodoCommandOptions:
    paths: list[Path]
    year: int | None = None
    month: int | None = None
    first: str | None = None
    last: str | None = None
    person: str | None = None
    status: str | None = None
    format: str = "table"
    output: Path | None = None
    calendars: list[Path] = field(default_factory=list)
    lang: str = "zh"
    as_of: str | None = None  # --as-of / --today: statuses as of this day
    width: int | None = None  # terminal columns; None: COLUMNS, the terminal, else the fallback


def status_choices() -> dict[str, str]:
    """Every accepted spelling of a status (code, Chinese name, English name) -> code."""
    out: dict[str, str] = {}
    for code in STATUSES:
        out[code] = code
        for language in ("zh", "en"):
            out[t(msg(f"status.{code}"), language).casefold()] = code
    return out


def parse_status(value: str) -> str:
    code = status_choices().get(value.strip().casefold())
    if code is None:
        # the Chinese spelling is accepted in either language: it is vocabulary, shown as written
        shown = [msg("todo.status-choice", code=c, spelling=t(msg(f"status.{c}"), "zh")) for c in STATUSES]
        raise UsageError(msg("todo.unknown-status", value=value, choices=shown))
    return code


def terminal_width(explicit: int | None = None) -> int:
    if explicit:
        return explicit
    raw = os.environ.get("COLUMNS", "").strip()
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return shutil.get_terminal_size((TABLE_WIDTH_FALLBACK, 24)).columns


def settle_identities(schedule):
    """Give each occurrence its calendar UID's namespace, so ``uid`` in every output is the
    calendar's; two obligations (or 整改 items) with one id (one UID for two things) are
    IDEO302 problems."""
    problems = IdentityProblems()
    by_plan: dict[str, list] = {}
    for occ in schedule.occurrences:
        by_plan.setdefault(occ.plan_file, []).append(occ)
    for loaded_plan in schedule.plans:
        org = loaded_plan.plan.organisation
        namespace = uid_namespace(org.name, org.superior)
        mine = by_plan.get(loaded_plan.file, [])  # their namespace is set by the expander
        check_identities(loaded_plan, mine, namespace, calendar_uid, problems)
    return problems


def run(options: TodoCommandOptions) -> CommandResult:
    lang = options.lang
    if options.format == "xlsx" and options.output is None:
        raise UsageError(msg("todo.xlsx-needs-output"))
    wanted_status = parse_status(options.status) if options.status else None
    as_of = parse_date_option("--as-of", options.as_of) if options.as_of else None
    loaded = load_schedule(options.paths, options.year, options.month, options.first, options.last, options.calendars, options.person, lang, as_of, rectifications=True)
    if isinstance(loaded, CommandResult):
        return loaded
    schedule, span, today = loaded
    problems = settle_identities(schedule)
    if problems.results:
        return problems.result(lang)
    occurrences = schedule.occurrences
    if wanted_status:
        occurrences = [o for o in occurrences if effective_status(o, today) == wanted_status]
    names = [p.plan.organisation.short_name or p.plan.organisation.name for p in schedule.plans]
    unit = names[0] if len(names) == 1 else t(msg("todo.n-units", n=len(names)), lang)
    whole_year = (span.first.month, span.first.day, span.last.month, span.last.day) == (1, 1, 12, 31) and span.first.year == span.last.year
    period = msg("todo.period-year", year=str(span.first.year)) if whole_year else msg("todo.period-span", first=span.first, last=span.last)
    title = t(msg("todo.title", unit=unit, period=period), lang)
    todo_options = TodoOptions(
        lang=lang, today=today, title=title, sources=tuple(t(source, lang) for source in schedule.sources(span)),
        color=options.output is None and use_color("auto"), stamp=now_from_env(), width=terminal_width(options.width),
    )
    data = export_todo(options.format, occurrences, todo_options)
    stderr = findings_report(schedule, lang)
    if options.output is None:
        return CommandResult(stdout=data, errors=schedule.warnings, stderr=stderr)
    return CommandResult(outputs=[OutputFile(options.output, data)], errors=schedule.warnings, stderr=stderr)
