"""`ideo ics`: options only; the work is ``ideo_cli.app.ics.run``."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ideo_cli.cli.app import app
from ideo_cli.cli.common import AsOfOpt, LangOpt, run_command
from ideo_cli.cli.todo import CalendarOpt, PathsArg, YearOpt
from ideo_cli.i18n import resolve_lang


class IcsProfile(str, Enum):
    import_ = "import"
    feed = "feed"


@app.command()
def ics(
    paths: list[Path] = PathsArg,
    output_dir: Path = typer.Option(..., "--output", "-o", help="输出目录 / output directory"),
    year: Optional[int] = YearOpt,
    first: Optional[str] = typer.Option(None, "--from", help="起始日期 / first day"),
    last: Optional[str] = typer.Option(None, "--to", help="截止日期 / last day"),
    per_person: bool = typer.Option(False, "--per-person", help="另为每人生成一个文件 / also one file per person"),
    profile: IcsProfile = typer.Option(IcsProfile.import_, "--profile", help="import（带提醒，供导入）或 feed（无提醒，供订阅） / import (with alarms) or feed (subscription)"),
    calendar: list[Path] = CalendarOpt,
    as_of: Optional[str] = AsOfOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """生成 Outlook/WPS/手机可导入的日历文件 / write calendar files for Outlook and others."""
    # imported here: start-up (typer imports every command module to build the app; app.ics loads only when the command runs)
    from ideo_cli.app.ics import IcsCommandOptions, run

    language = resolve_lang(lang)
    options = IcsCommandOptions(paths=list(paths), output_dir=output_dir, year=year, first=first, last=last, per_person=per_person, profile=profile.value, calendars=list(calendar), as_of=as_of, lang=language)
    run_command(run, options, language)
