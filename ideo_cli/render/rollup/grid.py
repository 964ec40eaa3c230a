"""A borderless text table written line by line: what rich's ``Table`` with
``box.SIMPLE_HEAD``, ``show_edge=False`` and fixed column widths prints, without
its layout engine.

A province's roll-up has 10⁵ rows; rich lays out every cell as a renderable
(measure, pad, split, crop), which made ``rollup --format table`` four times
slower than ``--format json``.  With the widths already fixed (``table.fit_widths``)
the layout is arithmetic: a cell that fits is padded, one that does not is
folded by rich's own wrapping (``Text.wrap``), so the lines are the same.
"""
from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.color import ColorSystem
from rich.style import Style
from rich.text import Text

HEADER_STYLE = "bold"  # rich's table.header
TITLE_STYLE = "italic"  # rich's table.title


@dataclass(frozen=True)
class Cell:
    text: str
    style: str = ""


def _styled(text: str, style: str, color: bool) -> str:
    if not color or not style or not text:
        return text
    return Style.parse(style).render(text, color_system=ColorSystem.STANDARD)


def _fold(text: str, width: int) -> list[str]:
    """The cell's lines at ``width`` cells: as is when it fits, else as rich folds it."""
    if "\n" not in text and cell_len(text) <= width:
        return [text]
    return [line.plain for line in Text(text).wrap(_console(), width, overflow="fold")]


_CONSOLE = None


def _console():
    global _CONSOLE
    if _CONSOLE is None:
        from rich.console import Console  # imported here: only a cell that does not fit needs rich's wrapping

        _CONSOLE = Console(width=10_000, no_color=True, color_system=None, highlight=False, emoji=False, markup=False)
    return _CONSOLE


def _justify(line: str, width: int, justify: str) -> str:
    if justify in ("right", "center"):
        line = line.rstrip()  # as rich's Lines.justify does
    room = width - cell_len(line)
    if room <= 0:
        return line
    if justify == "right":
        return " " * room + line
    if justify == "center":
        left = room // 2
        return " " * left + line + " " * (room - left)
    return line + " " * room


def grid_lines(headers: list[str], justify: list[str], rows: list[list], widths: list[int], pad: int, title: str | None, color: bool) -> list[str]:
    """The table's lines (no newline): title, header, rule, rows.  A row's values are
    ``str`` or :class:`Cell` (text with a rich style, shown only when ``color``)."""
    total = sum(w + 2 * pad for w in widths) + len(widths) - 1
    space = " " * pad
    out: list[str] = []
    if title:
        for line in _fold(title, total):
            out.append(_styled(_justify(line, total, "left"), TITLE_STYLE, color))

    def emit(values: list, style_all: str = "", bottom: bool = False) -> None:
        cells = [v if isinstance(v, Cell) else Cell(v, style_all) for v in values]
        folded = [_fold(c.text, w) for c, w in zip(cells, widths)]
        height = max(len(f) for f in folded)
        if bottom:  # rich sets header cells on the rule, rows from the top
            folded = [[""] * (height - len(f)) + f for f in folded]
        for i in range(height):
            parts = []
            for cell, lines, w, how in zip(cells, folded, widths, justify):
                text = _justify(lines[i], w, how) if i < len(lines) else " " * w
                parts.append(space + _styled(text, cell.style, color) + space)
            out.append(" ".join(parts))

    emit(headers, HEADER_STYLE, bottom=True)
    out.append("─".join("─" * (w + 2 * pad) for w in widths))
    for row in rows:
        emit(row)
    return out
