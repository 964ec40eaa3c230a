"""`ideo todo` and `ideo ics`: options only; work happens in ``commands.schedule``."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ideo_cli.cli.app import LangOpt, _fail, _write_output, app
from ideo_cli.i18n import resolve_lang


class TodoFormat(str, Enum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


class IcsProfile(str, Enum):
    import_ = "import"
    feed = "feed"


_PathsArg = typer.Argument(..., help="计划文件或目录 / plan files or directories")
_YearOpt = typer.Option(None, "--year", "-y", help="年份（默认今年） / year (default: this year)")
_CalendarOpt = typer.Option([], "--calendar", help="官方节假日安排文件（可多次） / official holiday calendar file(s)")


def _schedule(paths, year, month, first, last, calendar, person, lang):
    from ideo_cli.app.common import discover, today_from_env
    from ideo_cli.app.schedule import ScheduleError, ScheduleOptions, build_schedule, span_from_args
    from ideo_cli.render.diagnostics import RenderOptions, render

    today = today_from_env()
    try:
        span = span_from_args(year, month, first, last, today, lang)
        files = discover(paths)
        if not files:
            _fail("没有找到 *.yaml / *.yml 计划文件" if lang == "zh" else "no *.yaml / *.yml plan files found")
        return build_schedule(ScheduleOptions(files=files, span=span, lang=lang, calendars=list(calendar), person=person)), span, today
    except ScheduleError as exc:
        if exc.results:
            sys.stderr.write(render("text", exc.results, RenderOptions(lang=lang)))
            raise typer.Exit(2)
        _fail(exc.message)


@app.command()
def todo(
    paths: list[Path] = _PathsArg,
    year: Optional[int] = _YearOpt,
    month: Optional[int] = typer.Option(None, "--month", "-m", help="只看某月 / one month only"),
    first: Optional[str] = typer.Option(None, "--from", help="起始日期 YYYY-MM-DD / first day"),
    last: Optional[str] = typer.Option(None, "--to", help="截止日期 YYYY-MM-DD / last day"),
    person: Optional[str] = typer.Option(None, "--person", help="只看此人（人员编号） / one person's items"),
    output_format: TodoFormat = typer.Option(TodoFormat.table, "--format", "-f", help="table|markdown|csv|xlsx|json"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件（原子写入） / write to a file"),
    calendar: list[Path] = _CalendarOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """全年待办清单（按官方工作日） / the year's to-do list on official working days."""
    from ideo_cli.app.common import now_from_env, use_color
    from ideo_cli.render.occurrences.todo import TodoOptions, export_todo

    language = resolve_lang(lang)
    schedule, span, today = _schedule(paths, year, month, first, last, calendar, person, language)
    fmt = output_format.value
    if fmt == "xlsx" and output is None:
        _fail("xlsx 需要用 -o 指定输出文件" if language == "zh" else "xlsx needs an output file: -o FILE")
    names = [p.plan.organisation.short_name or p.plan.organisation.name for p in schedule.plans]
    unit = names[0] if len(names) == 1 else (f"{len(names)} 个单位" if language == "zh" else f"{len(names)} units")
    period = str(span.first.year) if (span.first.month, span.first.day, span.last.month, span.last.day) == (1, 1, 12, 31) and span.first.year == span.last.year else f"{span.first.isoformat()}–{span.last.isoformat()}"
    title = f"{unit} {period} 意识形态工作待办" if language == "zh" else f"{unit}: ideological work to-do, {period}"
    options = TodoOptions(lang=language, today=today, title=title, sources=schedule.sources(span, language), color=output is None and use_color("auto"), stamp=now_from_env())
    _write_output(export_todo(fmt, schedule.occurrences, options), output, language)


@app.command()
def ics(
    paths: list[Path] = _PathsArg,
    output_dir: Path = typer.Option(..., "--output", "-o", help="输出目录 / output directory"),
    year: Optional[int] = _YearOpt,
    first: Optional[str] = typer.Option(None, "--from", help="起始日期 / first day"),
    last: Optional[str] = typer.Option(None, "--to", help="截止日期 / last day"),
    per_person: bool = typer.Option(False, "--per-person", help="另为每人生成一个文件 / also one file per person"),
    profile: IcsProfile = typer.Option(IcsProfile.import_, "--profile", help="import（带提醒，供导入）或 feed（无提醒，供订阅） / import (with alarms) or feed (subscription)"),
    calendar: list[Path] = _CalendarOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """生成 Outlook/WPS/手机可导入的日历文件 / write calendar files for Outlook and others."""
    from ideo_cli.app.common import now_from_env
    from ideo_cli.render.occurrences.ics import render_ics, split_by_person
    from ideo_cli.fsutil import OutputError, atomic_write_bytes

    language = resolve_lang(lang)
    schedule, span, _ = _schedule(paths, year, None, first, last, calendar, None, language)
    stamp = now_from_env()
    alarms = profile is IcsProfile.import_
    label = str(span.first.year) if span.first.year == span.last.year else f"{span.first.year}–{span.last.year}"
    files: dict[str, bytes] = {}
    by_file: dict[str, list] = {}  # one pass, not one scan of all occurrences per plan
    for occ in schedule.occurrences:
        by_file.setdefault(occ.plan_file, []).append(occ)
    for loaded in schedule.plans:
        plan_occ = by_file.get(loaded.file, [])
        unit = loaded.plan.organisation.short_name or loaded.plan.organisation.name
        suffix = "" if alarms else "-feed"
        files[f"{loaded.plan_id}{suffix}.ics"] = render_ics(plan_occ, calendar_name=f"{unit} 意识形态工作 {label}" if language == "zh" else f"{unit} ideological work {label}", lang=language, alarms=alarms, dtstamp=stamp)
        if per_person:
            for person_id, items in split_by_person(plan_occ).items():
                person = loaded.plan.person(person_id)
                name = person.name if person else person_id
                files[f"{loaded.plan_id}-{person_id}{suffix}.ics"] = render_ics(items, calendar_name=f"{name}（{unit}）意识形态工作 {label}" if language == "zh" else f"{name} ({unit}) ideological work {label}", lang=language, alarms=alarms, dtstamp=stamp)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        for name, data in sorted(files.items()):
            atomic_write_bytes(output_dir / name, data)
    except OutputError as exc:
        _fail(("无法写入 {p}：{r}" if language == "zh" else "cannot write {p}: {r}").format(p=exc.path, r=exc.reason))
    except OSError as exc:
        _fail(("无法创建目录 {p}：{r}" if language == "zh" else "cannot create directory {p}: {r}").format(p=output_dir, r=exc.strerror or exc))
    total = len(schedule.occurrences)
    sources = "；".join(schedule.sources(span, language)) if language == "zh" else "; ".join(schedule.sources(span, language))
    sys.stdout.write((f"已写入 {len(files)} 个日历文件（{total} 个事件）到 {output_dir}；日历来源：{sources}\n") if language == "zh" else f"wrote {len(files)} calendar file(s) ({total} events) to {output_dir}; calendar: {sources}\n")
