"""`ideo html`: options only; the work is ``ideo_cli.app.html.run``."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ideo_cli.cli.app import app
from ideo_cli.cli.common import AsOfOpt, CalendarOpt, LangOpt, run_command
from ideo_cli.i18n import resolve_lang


@app.command()
def html(
    paths: list[Path] = typer.Argument(..., help="工作区（单位计划或汇总文件所在目录） / workspace folders or files"),
    output: Path = typer.Option(..., "--output", "-o", help="输出目录 / output folder"),
    year: Optional[int] = typer.Option(None, "--year", "-y", help="年份（默认今年） / year (default: this year)"),
    as_of: Optional[str] = AsOfOpt,
    root: Optional[str] = typer.Option(None, "--root", help="只生成此单位及其下级 / only this unit's subtree"),
    rubric: Optional[Path] = typer.Option(None, "--rubric", help="汇总页加上按考核细则的得分排名与分布 / add the units' scores against this rubric to the roll-up pages"),
    calendar: list[Path] = CalendarOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """静态网页：全年一览、台账、检查结果、下级汇总 / a static site: the year at a glance, ledgers, findings, roll-ups."""
    # imported here: start-up (typer imports every command module to build the app; app.html loads only when the command runs)
    from ideo_cli.app.html import HtmlOptions, run

    language = resolve_lang(lang)
    run_command(run, HtmlOptions(paths=list(paths), output=output, year=year, as_of=as_of, root=root, lang=language, rubric=rubric), language)
