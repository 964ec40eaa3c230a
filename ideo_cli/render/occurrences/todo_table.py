"""The terminal to-do table (rich): one table per month, marks for provisional
and overdue, the calendar sources underneath.

* The width is the terminal's (``COLUMNS`` first; see ``app/todo.py``).  The
  title gets the room: optional columns are added in order of value (status,
  unit, owner, period, evidence) only while the title keeps
  :data:`TITLE_MIN` cells; everything else folds.
* User text is never markup: the console is made with ``markup=False`` (the
  one place), colour comes only from ``Text`` styles, so ``[/]`` or
  ``[bold red]`` in a title or name is printed as written.
* No line ends in spaces (rich pads cells to the column width).
"""
from __future__ import annotations

import io
import re
import unicodedata
from itertools import groupby

from ideo_cli.i18n import msg, t
from ideo_cli.render.occurrences.columns import (
    day_text, has_status, marks, month_heading, owners_text, join, several_units, status_text, title_text,
)
from ideo_cli.render.occurrences.todo import TodoOptions
from ideo_cli.schedule.occurrence import Occurrence

TITLE_MIN = 30  # cells the title keeps before an optional column is dropped
GAP = 2  # rich's padding between two columns (SIMPLE_HEAD: one space each side)
_CAPS = {"unit": 14, "owner": 16, "evidence": 24, "status": 10, "period": 12}
_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.M)
_MARK_STYLE = {"provisional": "yellow", "overdue": "red"}


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def export(occurrences: list[Occurrence], options: TodoOptions) -> bytes:
    from rich.console import Console
    from rich.text import Text

    lang = options.lang
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=max(options.width, 40), force_terminal=options.color, no_color=not options.color,
        color_system="standard" if options.color else None, highlight=False, emoji=False, markup=False, soft_wrap=False,
    )
    console.print(Text(options.title, style="bold" if options.color else ""))
    if not occurrences:
        console.print(t(msg("todo.nothing-due"), lang))
    layout = _layout(occurrences, options)
    for (year, month), items in groupby(occurrences, key=lambda o: (o.due.year, o.due.month)):
        console.print()
        console.print(_month_table(list(items), year, month, layout, options))
    console.print()
    provisional = sum(o.provisional for o in occurrences)
    summary = msg("todo.summary-provisional", n=len(occurrences), provisional=provisional) if provisional else msg("todo.summary", n=len(occurrences))
    console.print(t(summary, lang))
    for source in options.sources:
        console.print(t(msg("todo.calendar-source", source=source), lang))
    return _TRAILING.sub(r"\1", buffer.getvalue()).encode("utf-8")


def _column_values(occurrences: list[Occurrence], lang: str) -> dict[str, list[str]]:
    return {
        "status": [status_text(o, lang) for o in occurrences],
        "unit": [o.plan_name for o in occurrences],
        "owner": [owners_text(o, lang) for o in occurrences],
        "period": [o.period for o in occurrences],
        "evidence": [join(o.evidence, lang) for o in occurrences],
    }


def _layout(occurrences: list[Occurrence], options: TodoOptions) -> tuple[str, ...]:
    """Which optional columns fit beside the title, in display order."""
    lang = options.lang
    wanted = ["owner", "period", "evidence"]  # after status and unit, in order of value
    if several_units(occurrences):
        wanted.insert(0, "unit")
    if has_status(occurrences):
        wanted.insert(0, "status")
    values = _column_values(occurrences, lang)
    due_width = max([cells(day_text(o.due, lang)) for o in occurrences] + [cells(t(msg("todo.column.due"), lang))])
    used = due_width + GAP
    chosen: list[str] = []
    for key in wanted:
        header = cells(t(msg(f"todo.column.{key}"), lang))
        width = min(max([header] + [cells(v) for v in values[key]]), _CAPS[key])
        if options.width - (used + width + GAP) >= TITLE_MIN:
            chosen.append(key)
            used += width + GAP
    order = ("unit", "title", "period", "owner", "status", "evidence")
    return tuple(k for k in order if k in chosen or k == "title")


def _month_table(items: list[Occurrence], year: int, month: int, layout: tuple[str, ...], options: TodoOptions):
    from rich import box
    from rich.table import Table
    from rich.text import Text

    lang = options.lang
    table = Table(title=month_heading(year, month, lang), box=box.SIMPLE_HEAD, title_justify="left", show_edge=False, pad_edge=False)
    table.add_column(t(msg("todo.column.due"), lang), no_wrap=True)
    for key in layout:
        if key == "title":
            table.add_column(t(msg("todo.column.title"), lang), overflow="fold", min_width=TITLE_MIN, ratio=1)
        elif key == "period":
            table.add_column(t(msg("todo.column.period"), lang), no_wrap=True)
        else:
            table.add_column(t(msg(f"todo.column.{key}"), lang), overflow="fold", max_width=_CAPS[key])
    values = _column_values(items, lang)
    for index, occ in enumerate(items):
        title = Text()
        name = title_text(occ, lang)
        # "[provisional] 专题…" would wrap at the space and leave the mark alone on a line:
        # glued to a CJK title it folds with it
        glue = "" if name[:1] and cells(name[:1]) == 2 else " "
        for text, kind in marks(occ, options.today, lang):
            title.append(text.strip() + (glue if text != text.rstrip() else ""), style=_MARK_STYLE[kind] if options.color else "")
        title.append(name)
        row = [day_text(occ.due, lang)]
        for key in layout:
            row.append(title if key == "title" else values[key][index])
        table.add_row(*row)
    return table
