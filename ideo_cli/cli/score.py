"""`ideo score`: options only; the work is ``ideo_cli.app.score.run``."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ideo_cli.cli.app import app
from ideo_cli.cli.common import AsOfOpt, CalendarOpt, LangOpt, run_command
from ideo_cli.i18n import resolve_lang


class ScoreFormat(str, Enum):
    table = "table"
    json = "json"
    xlsx = "xlsx"
    html = "html"


@app.command()
def score(
    paths: list[Path] = typer.Argument(..., help="计划文件、单位目录或其上级目录 / plan files, unit folders or a folder of units"),
    rubric: Path = typer.Option(..., "--rubric", "-r", help="考核细则文件 / the rubric file"),
    year: int = typer.Option(..., "--year", "-y", help="考核年度 / the year assessed"),
    as_of: Optional[str] = AsOfOpt,
    assume: list[str] = typer.Option([], "--assume", help="假设某次已完成：事项编号:周期=done（可多次） / what if: OBLIGATION:PERIOD=done (repeatable)"),
    output_format: ScoreFormat = typer.Option(ScoreFormat.table, "--format", "-f", help="table|json|xlsx|html"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件（原子写入） / write to a file"),
    calendar: list[Path] = CalendarOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """按考核细则模拟评分 / score a unit's year against an assessment rubric."""
    # imported here: start-up (typer imports every command module to build the app; app.score loads only when the command runs)
    from ideo_cli.app.score import ScoreOptions, run

    language = resolve_lang(lang)
    options = ScoreOptions(paths=list(paths), rubric=rubric, year=year, as_of_text=as_of, assume=list(assume), format=output_format.value, output=output, calendars=list(calendar), lang=language)
    run_command(run, options, language)
