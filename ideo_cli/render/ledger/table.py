"""The 台账 on a terminal: one rich table per kind of work, fitted to the width."""
from __future__ import annotations

import io

from ideo_cli.i18n import msg, t
from ideo_cli.ledger.view import COLUMNS
from ideo_cli.render.ledger import header, row_texts, title_text

# at 80 columns the wide columns wrap; 序号 and 状态 never do
_RATIOS = {"no": 0, "time": 2, "place": 2, "chair": 1, "attendees": 2, "content": 4, "form": 2, "owner": 2, "evidence": 3, "status": 0, "note": 4}


def render_table(views, lang: str, width: int | None = None) -> str:
    import os

    from rich.console import Console
    from rich.table import Table
    from rich import box

    if width is None:  # the terminal's width when it says so; 160 fits an A4 landscape printout
        width = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else 160
    if width < 120:
        return _stacked(views, lang, width)
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


def _stacked(views, lang: str, width: int) -> str:
    """Narrow terminals: one block per row, the 11 columns as labelled lines."""
    out: list[str] = []
    colon = "：" if lang == "zh" else ": "
    for view in views:
        out.append(title_text(view, lang))
        for section in view.sections:
            out += ["", t(msg(f"ledger.section.{section.code}"), lang), "─" * min(width, 40)]
            for row in section.rows:
                texts = dict(zip(COLUMNS, row_texts(row, lang)))
                head = f"{texts['no']:>3}. {texts['time'] or '—'}  {texts['content']}"
                out += _fit(head, f"【{texts['status']}】", width)
                for column in ("place", "chair", "attendees", "form", "owner", "evidence", "note"):
                    if texts[column]:
                        out += _wrap(f"{header(column, lang)}{colon}{texts[column]}", width)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _fit(head: str, status: str, width: int) -> list[str]:
    """A row's heading line with its 【status】; the status moves to the next line
    (and a long title wraps) when the line is wider than the terminal."""
    from rich.cells import cell_len

    line = f"{head}  {status}"
    if cell_len(line) <= width:
        return [line]
    lead = head[: len(head) - len(head.lstrip())]
    wrapped = _wrap(head.lstrip(), width - len(lead) + 5) if cell_len(head) > width else ["     " + head.lstrip()]
    return [lead + wrapped[0].lstrip(), *wrapped[1:], "       " + status]


def _wrap(text: str, width: int) -> list[str]:
    """Wrap by display width (a Chinese character takes two columns), breaking
    after ；、， or a space where possible, so no line starts with a closing mark."""
    import re

    from rich.cells import cell_len

    lines, current, indent = [], "     ", "       "
    # Chinese text breaks after its marks only (a date in "（至 2028-03-09）" stays whole)
    marks = "；、，" if re.search(r"[\u4e00-\u9fff]", text) else " "
    for token in re.findall(f"[^{marks}]+[{marks}]?|[{marks}]", text):
        if cell_len(current + token) > width and current.strip():
            lines.append(current.rstrip())
            current = indent
            token = token.lstrip()
        for char in token:  # a token longer than a line is cut where it must be
            if cell_len(current + char) > width:
                lines.append(current.rstrip())
                current = indent
            current += char
    lines.append(current.rstrip())
    return lines
