"""The roll-up on a terminal: the matrix (one letter per cell), the late list,
and the rates; tables as wide as the terminal.

No cell ever loses a character: each column gets a fixed width computed here
(its widest cell, narrowed when the table would not fit) and long names and
titles fold onto more lines (Chinese has no spaces to wrap at).  Left to itself
rich gives columns their minimum widths even when these overflow the terminal
and then crops the line, which cut "向县委专题汇报意识形态工作" to
"向县委专题 / 意识形态工" at 120 columns.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from rich.cells import cell_len

from ideo_cli.render.rollup.grid import Cell, grid_lines
from ideo_cli.rollup.aggregate import Rollup
from ideo_cli.render.rollup.labels import kind_code, kind_heading, kind_label, legend, percent, status_label, status_short, text, unit_name

MIN_WIDTH = 60  # below this the late list cannot keep a readable title column

STATUS_STYLE = {"done": "green", "waived": "green", "pending": "", "in-progress": "cyan", "done-late": "yellow", "evidence-missing": "magenta", "overdue": "bold red"}


@dataclass(frozen=True)
class Column:
    header: str
    narrowest: int  # the width it may be folded down to
    justify: str = "left"


def fit_widths(natural: list[int], narrowest: list[int], available: int) -> list[int]:
    """Column widths summing to at most ``available``: each column's natural width,
    the widest ones narrowed first, none below its narrowest."""
    widths = list(natural)
    floor = [min(n, w) for n, w in zip(narrowest, widths)]
    while sum(widths) > available:
        room = [w - f for w, f in zip(widths, floor)]
        widest = max(range(len(widths)), key=lambda i: (room[i] > 0, widths[i] if room[i] > 0 else -1))
        if room[widest] <= 0:
            break
        widths[widest] -= 1
    return widths


def _table(columns: list[Column], rows: list[list], width: int, title: str | None = None, color: bool = False) -> str:
    """A borderless table whose columns fit ``width`` terminal cells (rows of plain
    text, or ``Cell`` for coloured ones), as text ending in a newline.  Cells are
    padded by a space either side while that fits, else only the one space between
    columns is kept."""
    def cells(value) -> int:
        return cell_len(value.text if isinstance(value, Cell) else value)

    natural = [max([cell_len(c.header)] + [cells(row[i]) for row in rows]) for i, c in enumerate(columns)]
    narrowest = [max(2, c.narrowest) for c in columns]  # a Chinese character is two cells wide
    n = len(columns)
    pad = 1 if sum(min(a, b) for a, b in zip(natural, narrowest)) + 3 * n - 1 <= width else 0
    available = width - (2 * pad + 1) * n + 1  # the padding, and one space between columns (box.SIMPLE_HEAD, no edge)
    widths = fit_widths(natural, narrowest, available)
    lines = grid_lines([c.header for c in columns], [c.justify for c in columns], rows, widths, pad, title, color)
    return "".join(line + "\n" for line in lines)


def render_table(rollup: Rollup, title: str, lang: str, width: int = 80, color: bool = False) -> bytes:
    from rich.console import Console
    from rich.text import Text

    width = max(width, MIN_WIDTH)
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color, color_system="standard" if color else None, highlight=False, emoji=False, soft_wrap=False, markup=False)
    console.print(Text(title))

    columns = [Column(text("rollup.col-unit", lang), 8)] + [Column(kind_code(kind, lang), 2, "center") for kind in rollup.kinds]
    rows = []
    for row in rollup.rows:
        cells = []
        for kind in rollup.kinds:
            cell = row.cells.get(kind)
            if cell is None:
                cells.append("·")
                continue
            style = STATUS_STYLE.get(cell.worst or "", "")
            cells.append(Cell(status_short(cell.worst, lang), style))
        rows.append(["  " * row.depth + unit_name(row.unit)] + cells)
    console.print()
    buffer.write(_table(columns, rows, width, text("rollup.matrix-title", lang), color))
    console.print(Text(legend(lang) + "  ·=" + text("rollup.no-items", lang)))
    coded = [k for k in rollup.kinds if kind_code(k, lang) == k]
    console.print(Text(text("rollup.kinds-legend", lang, kinds="  ".join(f"{k}={kind_label(k, lang)}" for k in coded))))

    console.print()
    if not rollup.late:
        console.print(Text(text("rollup.no-late", lang)))
    else:
        # the narrowest widths sum to what MIN_WIDTH holds: 6 + 12 + 10 + 4 + 4 + 6 + 3 × 6 − 1
        columns = [Column(text("rollup.col-unit", lang), 6), Column(text("rollup.col-item", lang), 12), Column(text("rollup.col-due", lang), 10),
                   Column(text("rollup.col-days-late", lang), 4, "right"), Column(text("rollup.col-owner", lang), 4), Column(text("rollup.col-at-risk", lang), 6)]
        rows = []
        for item in rollup.late:
            days = "—" if item.days_late is None else str(item.days_late)
            status = status_label(item.status, lang)
            shown = item.title if item.status == "overdue" else (f"{item.title}（{status}）" if lang == "zh" else f"{item.title} ({status})")
            owners = ("、" if lang == "zh" else ", ").join(item.owners)
            rows.append([item.unit_name, shown, item.due.isoformat(), days, owners, item.at_risk or ""])
        buffer.write(_table(columns, rows, width, text("rollup.late-title", lang, n=len(rollup.late)), color))

    console.print()
    heads = ("rollup.col-kind", "rollup.col-planned", "rollup.col-due-so-far", "rollup.col-on-time", "rollup.col-late", "rollup.col-missing", "rollup.col-rate")
    columns = [Column(text(head, lang), 8 if head == "rollup.col-kind" else 4, "left" if head == "rollup.col-kind" else "right") for head in heads]
    rows = [[kind_heading(kind, lang), *_rate_cells(rate)] for kind, rate in rollup.per_kind.items()]
    rows += [[text("rollup.subtree-of", lang, unit=unit_name(unit)), *_rate_cells(rate)] for unit, rate in rollup.per_subtree]
    rows.append([text("rollup.col-total", lang), *_rate_cells(rollup.total)])
    buffer.write(_table(columns, rows, width, text("rollup.rates-title", lang), color))
    return buffer.getvalue().encode("utf-8")


def _rate_cells(rate) -> list[str]:
    return [str(rate.planned), str(rate.due), str(rate.on_time), str(rate.late), str(rate.missing), percent(rate.rate)]
