"""`ideo todo`: the schedule for a span, in one of the to-do formats."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ideo_cli.app.result import CommandResult, OutputFile, UsageError
from ideo_cli.app.schedule import load_schedule
from ideo_cli.i18n import msg, t


@dataclass
class TodoCommandOptions:
    paths: list[Path]
    year: int | None = None
    month: int | None = None
    first: str | None = None
    last: str | None = None
    person: str | None = None
    format: str = "table"
    output: Path | None = None
    calendars: list[Path] = field(default_factory=list)
    lang: str = "zh"


def run(options: TodoCommandOptions) -> CommandResult:
    from ideo_cli.app.inputs import now_from_env, use_color
    from ideo_cli.render.occurrences.todo import TodoOptions, export_todo

    lang = options.lang
    if options.format == "xlsx" and options.output is None:
        raise UsageError(msg("todo.xlsx-needs-output"))
    loaded = load_schedule(options.paths, options.year, options.month, options.first, options.last, options.calendars, options.person, lang)
    if isinstance(loaded, CommandResult):
        return loaded
    schedule, span, today = loaded
    names = [p.plan.organisation.short_name or p.plan.organisation.name for p in schedule.plans]
    unit = names[0] if len(names) == 1 else t(msg("todo.n-units", n=len(names)), lang)
    whole_year = (span.first.month, span.first.day, span.last.month, span.last.day) == (1, 1, 12, 31) and span.first.year == span.last.year
    period = str(span.first.year) if whole_year else f"{span.first.isoformat()}–{span.last.isoformat()}"
    title = t(msg("todo.title", unit=unit, period=period), lang)
    todo_options = TodoOptions(lang=lang, today=today, title=title, sources=schedule.sources(span, lang), color=options.output is None and use_color("auto"), stamp=now_from_env())
    data = export_todo(options.format, schedule.occurrences, todo_options)
    if options.output is None:
        return CommandResult(stdout=data, errors=schedule.warnings)
    return CommandResult(outputs=[OutputFile(options.output, data)], errors=schedule.warnings)
