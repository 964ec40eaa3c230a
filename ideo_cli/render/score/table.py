"""The terminal scorecard (rich): vetoes first, then one row per item with its
deductions and the rubric's quote, then the total and the grade."""
from __future__ import annotations

import io

from ideo_cli.i18n import msg, t
from ideo_cli.render.score import texts


def render(cards, options) -> bytes:
    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    lang = options.lang
    buffer = io.StringIO()
    console = Console(file=buffer, width=options.width, force_terminal=False, no_color=True, color_system=None, highlight=False, emoji=False, soft_wrap=False)
    for n, card in enumerate(cards):
        if n:
            console.print()
        console.print(escape(texts.title(card, lang)))
        console.print()
        triggered = [v for v in card.vetoes if v.triggered]
        if triggered:
            console.print(escape(t(msg("score.vetoes-triggered", n=len(triggered)), lang)))
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True, width=3, justify="right")
            grid.add_column(overflow="fold")
            for veto in triggered:
                grid.add_row("✗", escape(veto.title))
                for cause in veto.causes:
                    grid.add_row("", escape(texts.cause_line(cause, lang)))
                grid.add_row("", escape(t(msg("score.source"), lang) + texts.citation_text(veto.citation, lang, short=True)))
            console.print(grid)
        else:
            console.print(escape(t(msg("score.no-veto", n=len(card.vetoes)), lang)))
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        table.add_column(texts.header("no", lang), no_wrap=True, justify="right")
        table.add_column(texts.header("item", lang), overflow="fold", min_width=14, max_width=24)
        table.add_column(texts.header("points", lang), no_wrap=True, justify="right")
        table.add_column(texts.header("awarded", lang), no_wrap=True, justify="right")
        table.add_column(texts.header("explanation", lang), overflow="fold", min_width=30)
        for index, item in enumerate(card.items + card.bonus, start=1):
            lines = [texts.deduction_line(d, lang) for d in item.deductions]
            lines += [texts.risk_line(d, lang) for d in item.at_risk]
            lines += texts.item_notes(item, lang)
            if not lines:
                lines.append(t(msg("score.full-marks" if item.method != "bonus" else "score.no-bonus"), lang))
            lines.append(t(msg("score.source"), lang) + texts.citation_text(item.citation, lang, short=True))
            shown = texts.points(item.points) if item.method != "bonus" else "+" + texts.points(item.points)
            awarded = texts.points(item.awarded) if item.method != "bonus" else "+" + texts.points(item.awarded)
            table.add_row(str(index), escape(item.title), shown, awarded, escape("\n".join(lines)))
        console.print(table)
        console.print(escape(texts.summary(card, lang)))
        for line in texts.veto_summary(card, lang):
            console.print(escape(line))
        risk = texts.risk_summary(card, lang)
        if risk:
            console.print(escape(risk))
    # rich pads every cell to the column width; trailing blanks only get in the way of diffs and mail
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()).encode("utf-8")
