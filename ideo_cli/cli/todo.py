"""`ideo todo`: options only; the work is ``ideo_cli.app.todo.run``."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ideo_cli.cli.app import app
from ideo_cli.cli.common import AsOfOpt, LangOpt, run_command
from ideo_cli.i18n import resolve_lang

PathsArg = typer.Argument(..., help="计划文件或目录 / plan files or directories")
YearOpt = typer.Option(None, "--year", "-y", help="年份（默认今年） / year (default: this year)")
CalendarOpt = typer.Option([], "--calendar", help="官方节假日安排文件（可多次） / official holiday calendar file(s)")


class TodoFormat(str, Enum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


@app.command()
def todo(
    paths: list[Path] = PathsArg,
    year: Optional[int] = YearOpt,
    month: Optional[int] = typer.Option(None, "--month", "-m", help="只看某月 / one month only"),
    first: Optional[str] = typer.Option(None, "--from", help="起始日期 YYYY-MM-DD / first day"),
    last: Optional[str] = typer.Option(None, "--to", help="截止日期 YYYY-MM-DD / last day"),
    person: Optional[str] = typer.Option(None, "--person", help="只看此人（人员编号） / one person's items"),
    status: Optional[str] = typer.Option(None, "--status", help="只看此状态：已完成 逾期完成 缺佐证 进行中 待办 已逾期 已豁免（或英文代码） / one status only (done, done-late, evidence-missing, in-progress, pending, overdue, waived)"),
    output_format: TodoFormat = typer.Option(TodoFormat.table, "--format", "-f", help="table|markdown|csv|xlsx|json"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件（原子写入） / write to a file"),
    calendar: list[Path] = CalendarOpt,
    as_of: Optional[str] = AsOfOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """全年待办清单（按官方工作日） / the year's to-do list on official working days."""
    # imported here: start-up (typer imports every command module to build the app; app.todo loads only when the command runs)
    from ideo_cli.app.todo import TodoCommandOptions, run

    language = resolve_lang(lang)
    options = TodoCommandOptions(paths=list(paths), year=year, month=month, first=first, last=last, person=person, status=status, format=output_format.value, output=output, calendars=list(calendar), as_of=as_of, lang=language)
    run_command(run, options, language)
