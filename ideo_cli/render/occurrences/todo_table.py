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
GAP = 3  # between two columns: one space of padding each side and SIMPLE_HEAD's blank vertical
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


def _layout(occurrences: list[Occurrence], options: TodoOptions) -> dict[str, int]:
    """Column -> width (cells), in display order: the same for every month's table,
    so the months line up.  Optional columns join only while the title keeps
    TITLE_MIN cells; the title gets what is left (or what its longest entry needs)."""
    lang = options.lang
    wanted = ["owner", "period", "evidence"]  # after status and unit, in order of value
    if several_units(occurrences):
        wanted.insert(0, "unit")
    if has_status(occurrences):
        wanted.insert(0, "status")
    values = _column_values(occurrences, lang)
    widths = {"due": max([cells(day_text(o.due, lang)) for o in occurrences] + [cells(t(msg("todo.column.due"), lang))])}
    used = widths["due"] + GAP
    for key in wanted:
        header = cells(t(msg(f"todo.column.{key}"), lang))
        width = min(max([header] + [cells(v) for v in values[key]]), _CAPS[key])
        room = options.width - used - GAP - TITLE_MIN
        if width > room and key != "period":  # names fold: narrower rather than gone
            width = max(room, header)
        if width <= room:
            widths[key] = width
            used += width + GAP
    longest = max([cells(t(msg("todo.column.title"), lang))] + [cells(_title(o, options, plain=True).plain) for o in occurrences])
    widths["title"] = max(min(longest, options.width - used), TITLE_MIN)
    order = ("due", "unit", "title", "period", "owner", "status", "evidence")
    return {k: widths[k] for k in order if k in widths}


def _title(occ: Occurrence, options: TodoOptions, plain: bool = False):
    """Marks (coloured on a terminal) and the title, as one rich Text."""
    from rich.text import Text

    lang = options.lang
    title = Text()
    name = title_text(occ, lang)
    # "[provisional] 专题…" would wrap at the space and leave the mark alone on a line:
    # glued to a CJK title it folds with it
    glue = "" if name[:1] and cells(name[:1]) == 2 else " "
    for text, kind in marks(occ, options.today, lang):
        style = _MARK_STYLE[kind] if options.color and not plain else ""
        title.append(text.strip() + (glue if text != text.rstrip() else ""), style=style)
    title.append(name)
    return title


def _month_table(items: list[Occurrence], year: int, month: int, layout: dict[str, int], options: TodoOptions):
    from rich import box
    from rich.table import Table

    lang = options.lang
    table = Table(title=month_heading(year, month, lang), box=box.SIMPLE_HEAD, title_justify="left", show_edge=False, pad_edge=False)
    for key, width in layout.items():
        table.add_column(t(msg(f"todo.column.{key}"), lang), width=width, no_wrap=key in ("due", "period"), overflow="fold")
    values = _column_values(items, lang)
    for index, occ in enumerate(items):
        row = []
        for key in layout:
            if key == "due":
                row.append(day_text(occ.due, lang))
            elif key == "title":
                row.append(_title(occ, options))
            else:
                row.append(values[key][index])
        table.add_row(*row)
    return table
