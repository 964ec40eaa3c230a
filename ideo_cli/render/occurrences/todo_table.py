"""The terminal to-do table (rich): one table per month, marks for provisional
and overdue, the calendar source underneath."""
from __future__ import annotations

import io
from itertools import groupby

from ideo_cli.render.occurrences.columns import OVERDUE_MARK, PROVISIONAL_MARK, join, owners_text, title_text, weekday
from ideo_cli.render.occurrences.todo import TodoOptions
from ideo_cli.schedule.occurrence import Occurrence


def export(occurrences: list[Occurrence], options: TodoOptions) -> bytes:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    zh = options.lang == "zh"
    buffer = io.StringIO()
    console = Console(file=buffer, width=options.width, force_terminal=options.color, no_color=not options.color, color_system="standard" if options.color else None, highlight=False, emoji=False, soft_wrap=False)
    console.print(f"[bold]{options.title}[/bold]" if options.color else options.title)
    if not occurrences:
        console.print("（没有待办事项）" if zh else "(nothing due)")
    for (year, month), items in groupby(occurrences, key=lambda o: (o.due.year, o.due.month)):
        table = Table(title=f"{year}年{month}月" if zh else f"{year}-{month:02d}", box=box.SIMPLE_HEAD, title_justify="left", show_edge=False, pad_edge=False)
        table.add_column("截止" if zh else "Due", no_wrap=True)
        table.add_column("事项" if zh else "Obligation", overflow="fold", min_width=16)
        table.add_column("周期" if zh else "Period", no_wrap=True)
        table.add_column("负责人" if zh else "Owner", overflow="fold", max_width=24)
        table.add_column("留痕" if zh else "Evidence", overflow="fold", max_width=30)
        for o in items:
            marks = ""
            if o.provisional:
                marks += f"[yellow]{_escape(PROVISIONAL_MARK[options.lang])}[/yellow]" if options.color else _escape(PROVISIONAL_MARK[options.lang])
            if o.due < options.today:
                marks += f"[red]{_escape(OVERDUE_MARK[options.lang])}[/red]" if options.color else _escape(OVERDUE_MARK[options.lang])
            date = f"{o.due.month:>2}月{o.due.day:>2}日 {weekday(o.due, 'zh')}" if zh else f"{o.due.isoformat()} {weekday(o.due, 'en')}"
            table.add_row(date, marks + _escape(title_text(o, options.lang)), o.period, _escape(owners_text(o, options.lang)), _escape(join(o.evidence, options.lang)))
        console.print()
        console.print(table)
    console.print()
    provisional = sum(o.provisional for o in occurrences)
    summary = f"共 {len(occurrences)} 项" + (f"，其中 {provisional} 项日期暂定（官方节假日安排未公布）" if provisional else "") if zh else f"{len(occurrences)} items" + (f", {provisional} with provisional dates (official holiday schedule not yet published)" if provisional else "")
    console.print(summary)
    for source in options.sources:
        console.print(("日历来源：" if zh else "Calendar: ") + _escape(source))
    return buffer.getvalue().encode("utf-8")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
