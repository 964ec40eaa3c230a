"""`ideo doc`: options only; the work is ``ideo_cli.app.doc.run``."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ideo_cli.cli.app import app
from ideo_cli.cli.common import LangOpt, run_command
from ideo_cli.i18n import resolve_lang


class DocKind(str, Enum):
    plan = "plan"
    report = "report"
    self_check = "self-check"


@app.command()
def doc(
    kind: DocKind = typer.Argument(..., help="plan（实施方案）| report（半年专题汇报）| self-check（自查报告）"),
    path: Path = typer.Argument(..., help="单位目录或计划文件 / a unit folder or its plan file"),
    year: int = typer.Option(..., "--year", "-y", help="年度 / the year"),
    output: Path = typer.Option(..., "--output", "-o", help="写入的 .docx 文件（原子写入） / the .docx file to write"),
    period: Optional[str] = typer.Option(None, "--period", help="汇报的半年，如 2026H1（默认：--as-of 所在半年） / the half year reported, e.g. 2026H1"),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="按此日期统计台账、落款 YYYY-MM-DD（默认今天） / facts and date as of this day (default: today)"),
    calendar: list[Path] = typer.Option([], "--calendar", help="工作日日历文件（可多次） / working-day calendar file (repeatable)"),
    rubric: Optional[Path] = typer.Option(None, "--rubric", "-r", help="考核细则（self-check；默认 sample） / the rubric for self-check (default: sample)"),
    lang: Optional[str] = LangOpt,
) -> None:
    """按公文格式生成 Word 文档：实施方案、半年专题汇报、自查报告 / Word documents in the official format."""
    # imported here: start-up (typer imports every command module to build the app; app.doc loads only when the command runs)
    from ideo_cli.app.doc import DocOptions, run

    language = resolve_lang(lang)
    options = DocOptions(kind=kind.value, path=path, year=year, output=output, period=period, as_of_text=as_of, calendars=list(calendar), rubric=rubric, lang=language)
    run_command(run, options, language)
