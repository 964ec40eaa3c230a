"""`ideo rollup`: options only; the work is ``ideo_cli.app.rollup.run``."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ideo_cli.cli.app import app
from ideo_cli.cli.common import AsOfOpt, CalendarOpt, LangOpt, run_command
from ideo_cli.i18n import msg, resolve_lang, t


class RollupFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    html = "html"


def terminal_progress(lang: str):
    """A rich progress bar on stderr when it is a terminal; None (silent) otherwise."""
    if not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(TextColumn(t(msg("rollup.progress"), lang)), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=Console(file=sys.stderr), transient=True)
    task = None

    def update(done: int, total: int) -> None:
        nonlocal task
        if total < 50:
            return
        if task is None:
            progress.start()
            task = progress.add_task("units", total=total)
        progress.update(task, completed=done)
        if done >= total:
            progress.stop()

    return update, progress


@app.command()
def rollup(
    paths: list[Path] = typer.Argument(..., help="工作区（单位计划或汇总文件所在目录） / workspace folders or files"),
    year: Optional[int] = typer.Option(None, "--year", "-y", help="年份（默认今年） / year (default: this year)"),
    as_of: Optional[str] = AsOfOpt,
    root: Optional[str] = typer.Option(None, "--root", help="只汇总此单位及其下级（单位编号） / the subtree under this unit id"),
    output_format: RollupFormat = typer.Option(RollupFormat.table, "--format", "-f", help="table|json|csv|xlsx|html"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件（原子写入） / write to a file"),
    rubric: Optional[Path] = typer.Option(None, "--rubric", help="按考核细则计分排名（文件，或 sample） / rank the units by score against this rubric"),
    calendar: list[Path] = CalendarOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """下级单位完成情况汇总 / roll-up of the units under a superior."""
    # imported here: start-up (typer imports every command module to build the app; app.rollup loads only when the command runs)
    from ideo_cli.app.rollup import RollupOptions, run

    language = resolve_lang(lang)
    update, bar = terminal_progress(language)
    options = RollupOptions(paths=list(paths), year=year, as_of=as_of, root=root, format=output_format.value, output=output, calendars=list(calendar), lang=language, progress=update, rubric=rubric)
    try:
        run_command(run, options, language)
    finally:
        if bar is not None:
            bar.stop()
