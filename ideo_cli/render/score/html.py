"""``--format html``: one self-contained page (no CDN, no script), Jinja2 with
autoescape so everything a user wrote is shown as text; prints on A4 landscape."""
from __future__ import annotations

from ideo_cli.i18n import msg, t
from ideo_cli.render.score import texts


def render(cards, options) -> bytes:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    lang = options.lang
    env = Environment(loader=PackageLoader("ideo_cli.render.score", "templates"), autoescape=select_autoescape(default=True, default_for_string=True), undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    template = env.get_template("scorecard.html.j2")
    view = [_card(c, lang) for c in cards]
    page = template.render(
        lang_attr=t(msg("score.html-lang"), lang), title=t(msg("score.sheet-title"), lang), cards=view,
        headers={c: texts.header(c, lang) for c in ("no", "item", "method", "points", "awarded", "deductions", "evidence", "source")},
        vetoes_label=t(msg("score.sheet-vetoes"), lang),
    )
    return page.encode("utf-8")


def _card(card, lang):
    items = []
    for index, item in enumerate(card.items + card.bonus, start=1):
        lines = [texts.deduction_line(d, lang) for d in item.deductions] + [texts.risk_line(d, lang) for d in item.at_risk] + texts.item_notes(item, lang)
        items.append({
            "no": index, "title": item.title, "method": texts.method_name(item.method, lang), "bonus": item.method == "bonus",
            "points": texts.points(item.points), "awarded": texts.points(item.awarded), "lost": item.lost > 0,
            "lines": lines or [t(msg("score.full-marks" if item.method != "bonus" else "score.no-bonus"), lang)],
            "evidence": item.evidence, "source": texts.citation_text(item.citation, lang),
        })
    vetoes = [{
        "title": v.title, "triggered": v.triggered,
        "state": t(msg("score.veto-triggered" if v.triggered else "score.veto-not-triggered"), lang),
        "causes": [texts.cause_line(c, lang) for c in v.causes], "source": texts.citation_text(v.citation, lang),
    } for v in card.vetoes]
    return {
        "title": texts.title(card, lang), "rows": items, "vetoes": vetoes, "vetoed": card.vetoed,
        "summary": texts.summary(card, lang), "veto_summary": texts.veto_summary(card, lang), "risk": texts.risk_summary(card, lang),
        "score": texts.points(card.score), "grade": card.grade,
    }
