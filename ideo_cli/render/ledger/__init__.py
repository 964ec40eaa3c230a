"""Renderers for `ideo ledger`: table, markdown, json, xlsx, and the 迎检 pack."""
from __future__ import annotations

from ideo_cli.i18n import Message, msg, t
from ideo_cli.ledger.view import COLUMNS

FORMATS = ("table", "markdown", "json", "xlsx")


def header(column: str, lang: str) -> str:
    return t(msg(f"ledger.column.{column}"), lang)


def cell_text(value, lang: str, sep: str | None = None) -> str:
    """One cell in ``lang``: lists joined (notes with ；/; ), Messages translated."""
    if value is None:
        return ""
    if isinstance(value, list):
        joiner = sep or ("、" if lang == "zh" else ", ")
        return joiner.join(cell_text(v, lang) for v in value if v not in (None, ""))
    if isinstance(value, (Message,)):
        return t(value, lang)
    return str(value)


def row_texts(row: dict, lang: str) -> list[str]:
    note_sep = "；" if lang == "zh" else "; "
    return [cell_text(row.get(c), lang, note_sep if c == "note" else None) for c in COLUMNS]


def title_text(view, lang: str) -> str:
    return t(msg("ledger.view.title", unit=view.unit, year=view.year, today=view.today), lang)


def render(fmt: str, views: list, lang: str, stamp=None) -> bytes:
    if fmt == "json":
        # imported here: breaks the import cycle render.ledger → render.ledger.json_out → render.ledger (cell_text)
        from ideo_cli.render.ledger.json_out import render_json

        return render_json(views, lang)
    if fmt == "markdown":
        # imported here: breaks the import cycle render.ledger → render.ledger.markdown → render.ledger (cell helpers)
        from ideo_cli.render.ledger.markdown import render_markdown

        return render_markdown(views, lang).encode("utf-8")
    if fmt == "xlsx":
        # imported here: breaks the import cycle render.ledger → render.ledger.xlsx → render.ledger (cell helpers)
        from ideo_cli.render.ledger.xlsx import render_xlsx

        return render_xlsx(views, lang, stamp)
    # imported here: breaks the import cycle render.ledger → render.ledger.table → render.ledger (cell helpers)
    from ideo_cli.render.ledger.table import render_table

    return render_table(views, lang).encode("utf-8")
