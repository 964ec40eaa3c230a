"""The 台账 on a terminal: one rich table per kind of work, fitted to the width."""
from __future__ import annotations

import io

from ideo_cli.i18n import msg, t
from ideo_cli.ledger.view import COLUMNS
from ideo_cli.render.ledger import header, row_texts, title_text

# at 80 columns the wide columns wrap; 序号 and 状态 never do
_RATIOS = {"no": 0, "time": 2, "place": 2, "chair": 1, "attendees": 2, "content": 4, "form": 2, "owner": 2, "evidence": 3, "status": 0, "note": 4}


def render_table(views, lang: str, width: int = 160) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich import box

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False, emoji=False, markup=False, legacy_windows=False)
    for view in views:
        console.print(title_text(view, lang))
        for section in view.sections:
            console.print()
            table = Table(title=t(msg(f"ledger.section.{section.code}"), lang), title_justify="left", box=box.SIMPLE_HEAD, show_lines=False, pad_edge=False, expand=False)
            for column in COLUMNS:
                table.add_column(header(column, lang), ratio=_RATIOS[column] or None, no_wrap=column in ("no", "status"), overflow="fold")
            for row in section.rows:
                table.add_row(*row_texts(row, lang))
            console.print(table)
        console.print()
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()).rstrip("\n") + "\n"
