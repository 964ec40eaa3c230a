"""`ideo check`: options only; the work is ``ideo_cli.app.check.run``."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ideo_cli.cli.app import app
from ideo_cli.cli.common import AsOfOpt, LangOpt, run_command
from ideo_cli.i18n import resolve_lang


class OutputFormat(str, Enum):
    text = "text"
    concise = "concise"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


class ColorChoice(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


@app.command()
def check(
    paths: list[Path] = typer.Argument(..., help="计划、台账、日历、规则集等文件或目录（递归查找 *.yaml/*.yml） / files or directories"),
    output_format: Optional[OutputFormat] = typer.Option(None, "--format", "--output-format", "-f", help="text|concise|json|github|sarif|junit（设置了 GITHUB_ACTIONS 时默认 github）"),
    lang: Optional[str] = LangOpt,
    profile: list[str] = typer.Option([], "--profile", "-p", help="对所有计划追加的规则集 / extra profile applied to every plan"),
    rulebook: list[Path] = typer.Option([], "--rulebook", help="自定义规则集文件（对所有计划生效） / your own rulebook file, applied to every plan"),
    strict: bool = typer.Option(False, "--strict", help="警告也算失败 / warnings fail too"),
    statistics: bool = typer.Option(False, "--statistics", help="按规则统计问题数 / counts per rule"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="把报告写入文件（原子写入） / write the report to a file"),
    color: ColorChoice = typer.Option(ColorChoice.auto, "--color", help="auto|always|never（遵守 NO_COLOR）"),
    today: Optional[str] = AsOfOpt,
    exclude: list[str] = typer.Option([], "--exclude", help="遍历目录时跳过的目录或文件名 / names to skip when walking directories"),
    tree: bool = typer.Option(False, "--tree", help="再按单位树检查：上级编号、下级事项、报送提前量 / also check the unit tree: superior ids, subordinate obligations, lead times"),
) -> None:
    """检查计划、台账、日历与规则集文件 / check plans, ledgers, calendars and rulebooks."""
    # imported here: start-up (typer imports every command module to build the app; app.check loads only when the command runs)
    from ideo_cli.app.check import CheckOptions, run

    language = resolve_lang(lang)
    options = CheckOptions(
        paths=list(paths), lang=language, format=output_format.value if output_format else None,
        profiles=tuple(profile), rulebook_files=list(rulebook), strict=strict, statistics=statistics,
        output=output, color=color.value, today_text=today, excludes=tuple(exclude), tree=tree,
    )
    run_command(run, options, language)
