"""`ideo record`: options only; prompts for what is missing, but only on a terminal."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ideo_cli.cli.app import app
from ideo_cli.cli.common import LangOpt, run_command
from ideo_cli.i18n import msg, resolve_lang, t


@app.command()
def record(
    plan: Path = typer.Argument(..., help="计划文件 / the plan file"),
    obligation: Optional[str] = typer.Argument(None, help="事项编号 / obligation id"),
    period: Optional[str] = typer.Argument(None, help="周期，如 2026H1 / period, e.g. 2026H1"),
    on: Optional[str] = typer.Option(None, "--on", help="开展日期 YYYY-MM-DD[ HH:MM]（默认今天） / when it happened (default today)"),
    evidence: list[str] = typer.Option([], "--evidence", help="佐证文件，可写 类型=文件（可多次） / evidence file, or TYPE=FILE (repeatable)"),
    fields: list[str] = typer.Option([], "--field", help="键=值，如 地点=会议室、参加人员=a,b（可多次） / KEY=VALUE (repeatable)"),
    event: Optional[str] = typer.Option(None, "--event", help="记录一次事件（事件编号） / record an event (event id)"),
    rectification: Optional[str] = typer.Option(None, "--rectification", help="记录整改完成（整改编号） / record a rectification's completion"),
    accountability: bool = typer.Option(False, "--accountability", help="记录一次问责（用 --field 填 对象、形式 …） / record an accountability decision"),
    lang: Optional[str] = LangOpt,
) -> None:
    """登记一条台账记录（附佐证） / add a record, with its evidence, to the unit's ledger."""
    from ideo_cli.app.record import RecordOptions, run

    language = resolve_lang(lang)
    options = RecordOptions(plan=plan, obligation=obligation, period=period, on=on, evidence=list(evidence), fields=list(fields),
                            event=event, rectification=rectification, accountability=accountability, lang=language)
    if not (event or rectification or accountability) and (obligation is None or period is None) and sys.stdin.isatty() and sys.stdout.isatty():
        _ask(options, language)  # scripts never get here: a missing argument is a usage error there
    run_command(run, options, language)


def _ask(options, lang: str) -> None:
    """Fill obligation, period, date and attendees from the plan's own choices."""
    from ideo_cli.app.inputs import today_from_env
    from ideo_cli.app.record import periods_of
    from ideo_cli.documents import LoadError
    from ideo_cli.formats.plan.load import load_plan

    try:
        loaded = load_plan(options.plan, options.plan.as_posix())
    except LoadError:
        return  # run() reports the plan's problems, located
    plan = loaded.plan
    today = today_from_env()
    if options.obligation is None:
        ids = [o.id for o in plan.obligations]
        for o in plan.obligations:
            typer.echo(f"  {o.id}  {o.title}")
        options.obligation = _choose(t(msg("record.ask-obligation"), lang), ids, None)
    if options.period is None:
        choices = periods_of(loaded, options.obligation, today.year) or [str(today.year)]
        options.period = _choose(t(msg("record.ask-period", choices=choices), lang), choices, choices[0])
    if options.on is None:
        options.on = typer.prompt(t(msg("record.ask-date"), lang), default=today.isoformat())
    if not any(f.split("=", 1)[0] in ("参加人员", "attendees") for f in options.fields):
        people = ", ".join(f"{p.id}={p.name}" for p in plan.people)
        answer = typer.prompt(t(msg("record.ask-attendees", people=people), lang), default="", show_default=False)
        if answer.strip():
            options.fields.append(f"attendees={answer}")


def _choose(question: str, choices: list[str], default: str | None) -> str:
    """Ask until the answer is one of ``choices`` (the plan's own ids or periods)."""
    while True:
        answer = typer.prompt(question, default=default) if default is not None else typer.prompt(question)
        if answer.strip() in choices:
            return answer.strip()
