"""`ideo ledger` and `ideo record`: options only; the work is in ``ideo_cli.app``."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ideo_cli.cli.app import app
from ideo_cli.cli.common import AsOfOpt, LangOpt, run_command
from ideo_cli.cli.todo import CalendarOpt, PathsArg, YearOpt
from ideo_cli.i18n import resolve_lang


class LedgerFormat(str, Enum):
    table = "table"
    markdown = "markdown"
    json = "json"
    xlsx = "xlsx"


@app.command()
def ledger(
    paths: list[Path] = PathsArg,
    year: Optional[int] = YearOpt,
    output_format: LedgerFormat = typer.Option(LedgerFormat.table, "--format", "-f", help="table|xlsx|markdown|json"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件（原子写入） / write to a file"),
    pack: Optional[Path] = typer.Option(None, "--pack", help="把台账、佐证和目录打包为 zip（迎检） / bundle ledger, evidence and an index into a zip"),
    today: Optional[str] = AsOfOpt,
    calendar: list[Path] = CalendarOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """台账：按工作类别列出全年记录、佐证和状态 / the ledger as an inspector reads it."""
    # imported here: start-up (typer imports every command module to build the app; app.ledger loads only when the command runs)
    from ideo_cli.app.ledger import LedgerOptions, run

    language = resolve_lang(lang)
    options = LedgerOptions(paths=list(paths), year=year, format=output_format.value, output=output, pack=pack, today_text=today, calendars=list(calendar), lang=language)
    run_command(run, options, language)


from ideo_cli.cli import record  # noqa: E402,F401  (`ideo record` lives beside it)
