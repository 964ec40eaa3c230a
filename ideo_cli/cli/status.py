"""`ideo status`: options only; the work is ``ideo_cli.app.status.run``."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ideo_cli.cli.app import app
from ideo_cli.cli.common import AsOfOpt, CalendarOpt, LangOpt, run_command
from ideo_cli.i18n import resolve_lang


class StatusFormat(str, Enum):
    table = "table"
    json = "json"


@app.command()
def status(
    paths: list[Path] = typer.Argument(..., help="单位文件夹、计划文件或工作区 / unit folders, plan files or a workspace"),
    year: Optional[int] = typer.Option(None, "--year", "-y", help="年份（默认今年） / year (default: this year)"),
    as_of: Optional[str] = AsOfOpt,
    output_format: StatusFormat = typer.Option(StatusFormat.table, "--format", "-f", help="table|json"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="文件或目录（每个单位一个 <编号>.status.json） / a file, or a folder for one summary per unit"),
    calendar: list[Path] = CalendarOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """每个单位的完成情况汇总（可交上级汇总） / each unit's status summary, for the superior's roll-up."""
    # imported here: start-up (typer imports every command module to build the app; app.status loads only when the command runs)
    from ideo_cli.app.status import StatusOptions, run

    language = resolve_lang(lang)
    run_command(run, StatusOptions(paths=list(paths), year=year, as_of=as_of, format=output_format.value, output=output, calendars=list(calendar), lang=language), language)
