"""The roll-up's text tables are written line by line (``render/rollup/grid.py``)
instead of through rich's layout engine, for speed at 10⁵ rows.  rich stays the
oracle: for any cells and widths the lines must be what rich's borderless
``Table`` prints (no colour), so the terminal output did not change."""
from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ideo_cli.render.rollup.grid import grid_lines

WORDS = st.sampled_from(["专题研究意识形态工作", "小寨坝镇党委", "O12", "逾", "2026-06-18", "Report to the superior", "on-time", "—", "12", "", "XX社区党支部（逾期完成）", "a", "Superior item at risk"])
CELL = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)


def rich_lines(headers, justify, rows, widths, pad, title) -> list[str]:
    buffer = io.StringIO()
    console = Console(file=buffer, width=sum(w + 2 * pad for w in widths) + len(widths) - 1, no_color=True, color_system=None,
                      highlight=False, emoji=False, soft_wrap=False, markup=False)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, pad), title=title, title_justify="left")
    for header, how, w in zip(headers, justify, widths):
        table.add_column(Text(header), justify=how, overflow="fold", width=w, min_width=w, max_width=w)
    for row in rows:
        table.add_row(*[Text(value) for value in row])
    console.print(table)
    return buffer.getvalue().splitlines()


@st.composite
def tables(draw):
    n = draw(st.integers(min_value=1, max_value=5))
    headers = draw(st.lists(CELL, min_size=n, max_size=n))
    justify = draw(st.lists(st.sampled_from(["left", "right", "center"]), min_size=n, max_size=n))
    widths = draw(st.lists(st.integers(min_value=2, max_value=24), min_size=n, max_size=n))
    rows = draw(st.lists(st.lists(CELL, min_size=n, max_size=n), max_size=6))
    pad = draw(st.sampled_from([0, 1]))
    title = draw(st.one_of(st.none(), CELL.filter(bool)))
    return headers, justify, rows, widths, pad, title


@settings(max_examples=150, deadline=None, derandomize=True)
@given(tables())
def test_grid_lines_are_what_rich_prints(case):
    headers, justify, rows, widths, pad, title = case
    assert grid_lines(headers, justify, rows, widths, pad, title, color=False) == rich_lines(headers, justify, rows, widths, pad, title)
