"""Words every scorecard renderer shares, from the catalogue."""
from __future__ import annotations

from functools import lru_cache

from ideo_cli.diagnostics import Citation as DiagCitation
from ideo_cli.i18n import local, msg, t
from ideo_cli.render.citations import format_citation
from ideo_cli.render.rules import org_type_label
from ideo_cli.rules.rulebook import documents


def citation_text(citation, lang: str, short: bool = False) -> str:
    """The rubric's source as one line; ``short`` leaves out the document's (long) title."""
    if citation is None:
        return ""
    if short:
        return format_citation(DiagCitation(citation.document, "", citation.section, citation.quote), lang)

    known = _documents().get(citation.document)
    title = local(known) if known else ""
    return format_citation(DiagCitation(citation.document, title, citation.section, citation.quote), lang)


@lru_cache(maxsize=1)
def _documents():
    return documents()


def points(value: float) -> str:
    return f"{value:g}"


def deduction_line(d, lang: str, located: bool = True) -> str:
    """One deduction; ``located`` adds the file:line it rests on (on screen, not on paper)."""
    text = t(d.reason, lang)
    if d.assumed:
        text += t(msg("score.assumed-mark"), lang)
    where = d.record or d.finding
    if where and located:
        text += t(msg("score.where", where=where), lang)
    return t(msg("score.deduction-line", points=d.points, reason=text), lang)


def risk_line(d, lang: str) -> str:
    return t(msg("score.risk-line", points=d.points, reason=t(d.reason, lang)), lang)


def cause_line(d, lang: str, located: bool = True) -> str:
    text = t(d.reason, lang)
    where = d.record or d.finding
    return text + (t(msg("score.where", where=where), lang) if where and located else "")


def office_title(card, lang: str) -> str:
    """The printed sheet's title: unit, year and 自查评分表, then the rubric and the day."""
    return t(msg("score.office-title", unit=card.unit_name, year=card.year, rubric=card.rubric_title, as_of=card.as_of), lang)


def title(card, lang: str) -> str:
    return t(msg("score.title", unit=card.unit_name, year=card.year, rubric=card.rubric_title, as_of=card.as_of), lang)


def summary(card, lang: str) -> str:
    bonus = sum(b.awarded for b in card.bonus)
    return t(msg("score.summary", score=card.score, total=card.total_points, bonus=bonus, grade=card.grade), lang)


def veto_summary(card, lang: str) -> list[str]:
    lines = []
    if card.grade != card.grade_by_score:
        lines.append(t(msg("score.grade-vetoed", by_score=card.grade_by_score, grade=card.grade), lang))
    if card.loses_award:
        lines.append(t(msg("score.loses-award"), lang))
    return lines


def risk_summary(card, lang: str) -> str:
    return t(msg("score.at-risk", points=card.at_risk, worst=round(card.score - card.at_risk, 6)), lang) if card.at_risk else ""


def method_name(method: str, lang: str) -> str:
    return t(msg(f"score.method.{method}"), lang)


def header(name: str, lang: str) -> str:
    return t(msg(f"score.column.{name}"), lang)


def item_notes(item, lang: str) -> list[str]:
    notes = []
    if getattr(item, "not_applicable", None):
        notes.append(t(msg("score.not-applicable", type=org_type_label(item.not_applicable, lang)), lang))
    if item.capped:
        notes.append(t(msg("score.capped", lost=item.points - item.awarded), lang))
    return notes
