"""`ideo ledger`: the 台账 of each unit for a year, as an inspector reads it."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ideo_cli.app.inputs import discover, now_from_env, parse_date_option, today_from_env
from ideo_cli.app.result import EXIT_CLEAN, EXIT_FINDINGS, CommandResult, OutputFile, UsageError
from ideo_cli.app.schedule import ScheduleError, ScheduleOptions, build_schedule, findings_report, span_from_args
from ideo_cli.i18n import msg
from ideo_cli.ledger.view import build_view
from ideo_cli.render.diagnostics import RenderOptions, render as render_report
from ideo_cli.render.ledger import render
from ideo_cli.render.ledger.pack import build_pack


@dataclass
class LedgerOptions:
    paths: list[Path]
    year: int | None = None
    format: str = "table"
    output: Path | None = None
    pack: Path | None = None
    today_text: str | None = None
    calendars: list[Path] = field(default_factory=list)
    lang: str = "zh"


def run(options: LedgerOptions) -> CommandResult:
    lang = options.lang
    if options.format == "xlsx" and options.output is None:
        raise UsageError(msg("ledger.xlsx-needs-output"))
    today = parse_date_option("--today", options.today_text) if options.today_text else today_from_env()
    files = discover(options.paths)
    if not files:
        raise UsageError(msg("todo.no-files"))
    try:
        span = span_from_args(options.year, None, None, None, today)
        schedule = build_schedule(ScheduleOptions(files=files, span=span, calendars=list(options.calendars), today=today))
    except ScheduleError as exc:
        if exc.results:
            return CommandResult(exit_code=2, stderr=render_report("text", exc.results, RenderOptions(lang=lang)).encode("utf-8"))
        return CommandResult(exit_code=2, errors=[exc.message])
    year = span.first.year
    views = [build_view(unit, year) for unit in schedule.units]
    # fixed entry times: SOURCE_DATE_EPOCH when set, else 1980-01-01 (never the wall clock)
    stamp = now_from_env() if os.environ.get("SOURCE_DATE_EPOCH") else None
    outputs, problems = [], []
    if options.pack is not None:
        pack = build_pack(views, lang, stamp)  # missing or changed evidence: printed, exit 1, the pack still written
        outputs.append(OutputFile(options.pack, pack.data))
        problems = pack.problems
    data = render(options.format, views, lang, stamp)
    code = EXIT_FINDINGS if problems else EXIT_CLEAN
    if options.output is not None:
        outputs.append(OutputFile(options.output, data))
        return CommandResult(exit_code=code, outputs=outputs, stderr=findings_report(schedule, lang), errors=problems)
    return CommandResult(exit_code=code, stdout=data, outputs=outputs, stderr=findings_report(schedule, lang), errors=problems)
