"""The 台账 as Markdown tables, one per kind of work (also the pack's index)."""
from __future__ import annotations

from ideo_cli.i18n import msg, t
from ideo_cli.ledger.view import COLUMNS
from ideo_cli.render.ledger import header, row_texts, title_text


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(views, lang: str) -> str:
    out: list[str] = []
    for view in views:
        out += [f"# {title_text(view, lang)}", ""]
        for section in view.sections:
            out += [f"## {t(msg(f'ledger.section.{section.code}'), lang)}", ""]
            out.append("| " + " | ".join(header(c, lang) for c in COLUMNS) + " |")
            out.append("|" + "---|" * len(COLUMNS))
            for row in section.rows:
                out.append("| " + " | ".join(_cell(x) for x in row_texts(row, lang)) + " |")
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
