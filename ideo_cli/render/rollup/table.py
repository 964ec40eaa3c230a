"""The roll-up on a terminal: the matrix (one letter per cell), the late list,
and the rates; rich tables sized for 80 columns."""
from __future__ import annotations

import io

from ideo_cli.rollup.aggregate import Rollup
from ideo_cli.render.rollup.labels import kind_label, legend, percent, status_label, status_short, text, unit_name

STATUS_STYLE = {"done": "green", "waived": "green", "pending": "", "in-progress": "cyan", "done-late": "yellow", "evidence-missing": "magenta", "overdue": "bold red"}


def render_table(rollup: Rollup, title: str, lang: str, width: int = 80, color: bool = False) -> bytes:
    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color, color_system="standard" if color else None, highlight=False, emoji=False, soft_wrap=False)
    console.print(escape(title))
    matrix = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), collapse_padding=True, title=text("rollup.matrix-title", lang), title_justify="left")
    matrix.add_column(text("rollup.col-unit", lang), overflow="ellipsis", no_wrap=True, min_width=10, max_width=22)
    for kind in rollup.kinds:
        matrix.add_column(kind, justify="center", no_wrap=True)
    for row in rollup.rows:
        cells = []
        for kind in rollup.kinds:
            cell = row.cells.get(kind)
            if cell is None:
                cells.append("·")
                continue
            mark = escape(status_short(cell.worst, lang))
            style = STATUS_STYLE.get(cell.worst or "", "")
            cells.append(f"[{style}]{mark}[/{style}]" if color and style else mark)
        matrix.add_row("  " * row.depth + escape(unit_name(row.unit)), *cells)
    console.print()
    console.print(matrix)
    console.print(escape(legend(lang)) + "  ·=" + escape(text("rollup.no-items", lang)))
    console.print(escape(text("rollup.kinds-legend", lang, kinds="  ".join(f"{k}={kind_label(k, lang)}" for k in rollup.kinds))))

    console.print()
    if not rollup.late:
        console.print(escape(text("rollup.no-late", lang)))
    else:
        late = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title=text("rollup.late-title", lang, n=len(rollup.late)), title_justify="left")
        late.add_column(text("rollup.col-unit", lang), overflow="ellipsis", no_wrap=True, max_width=12)
        late.add_column(text("rollup.col-item", lang), overflow="fold", min_width=16)
        late.add_column(text("rollup.col-due", lang), no_wrap=True)
        late.add_column(text("rollup.col-days-late", lang), justify="right", no_wrap=True)
        late.add_column(text("rollup.col-owner", lang), overflow="ellipsis", no_wrap=True, max_width=8)
        late.add_column(text("rollup.col-at-risk", lang), overflow="fold", min_width=10, max_width=16)
        for item in rollup.late:
            days = "—" if item.days_late is None else str(item.days_late)
            title = item.title if item.status == "overdue" else (f"{item.title}（{status_label(item.status, lang)}）" if lang == "zh" else f"{item.title} ({status_label(item.status, lang)})")
            late.add_row(escape(item.unit_name), escape(title), item.due.isoformat(), days, escape("、".join(item.owners) if lang == "zh" else ", ".join(item.owners)), escape(item.at_risk or ""))
        console.print(late)

    console.print()
    rates = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title=text("rollup.rates-title", lang), title_justify="left")
    for head in ("rollup.col-kind", "rollup.col-planned", "rollup.col-due-so-far", "rollup.col-on-time", "rollup.col-late", "rollup.col-missing", "rollup.col-rate"):
        rates.add_column(text(head, lang), justify="left" if head == "rollup.col-kind" else "right", overflow="fold")
    for kind, rate in rollup.per_kind.items():
        rates.add_row(escape(f"{kind} {kind_label(kind, lang)}"), *_rate_cells(rate))
    for unit, rate in rollup.per_subtree:
        rates.add_row(escape(text("rollup.subtree-of", lang, unit=unit_name(unit))), *_rate_cells(rate))
    rates.add_row(escape(text("rollup.col-total", lang)), *_rate_cells(rollup.total))
    console.print(rates)
    return buffer.getvalue().encode("utf-8")


def _rate_cells(rate) -> list[str]:
    return [str(rate.planned), str(rate.due), str(rate.on_time), str(rate.late), str(rate.missing), percent(rate.rate)]
