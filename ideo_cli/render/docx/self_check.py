"""自查报告: the score simulation as the report a unit hands in before the assessment.

Items with their points, the score awarded, each deduction with its reason and
the evidence scored, the vetoes; the scorecard is the one ``ideo score`` builds
(``scoring.engine.score_unit``), nothing is scored a second way here.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ideo_cli.i18n import msg
from ideo_cli.render.docx.blocks import Addressee, Heading, Para, Signature, Title
from ideo_cli.render.docx.words import full_date, sentence


@dataclass(frozen=True)
class SelfCheckFacts:
    card: object  # scoring.scorecard.Scorecard
    org_name: str
    superior: str
    dated: dt.date


def blocks(facts: SelfCheckFacts) -> list:
    card = facts.card
    out: list = [
        Title(msg("docx.self.title", org=facts.org_name, year=card.year)),
        Addressee(facts.superior),
        Para(msg("docx.self.opening", rubric=card.rubric_title, as_of=full_date(card.as_of))),
        Heading(1, msg("docx.self.h-summary")),
        Para(msg("docx.self.summary", score=card.score, total=card.total_points, grade=card.grade, lost=round(sum(i.lost for i in card.items), 6))),
    ]
    if card.grade != card.grade_by_score:
        out.append(Para(sentence(msg("score.grade-vetoed", by_score=card.grade_by_score, grade=card.grade))))
    if card.loses_award:
        out.append(Para(sentence(msg("score.loses-award"))))
    if card.at_risk:
        out.append(Para(sentence(msg("score.at-risk", points=card.at_risk, worst=round(card.score - card.at_risk, 6)))))
    out.append(Heading(1, msg("docx.self.h-items")))
    for item in card.items:
        out.append(Heading(2, msg("docx.self.item-heading", title=item.title, points=item.points)))
        out.append(Para(msg("docx.self.item-score", awarded=item.awarded, method=msg(f"score.method.{item.method}"))))
        for d in item.deductions:
            out.append(Para(sentence(msg("score.deduction-line", points=d.points, reason=d.reason))))
        for d in item.at_risk:
            out.append(Para(sentence(msg("score.risk-line", points=d.points, reason=d.reason))))
        if item.evidence:
            out.append(Para(msg("docx.self.evidence", files=list(item.evidence))))
    bonus = [b for b in card.bonus if b.awarded]
    if bonus:
        out.append(Heading(1, msg("docx.self.h-bonus")))
        out += [Para(msg("docx.self.bonus-line", title=b.title, awarded=b.awarded)) for b in bonus]
    out.append(Heading(1, msg("docx.self.h-vetoes")))
    for veto in card.vetoes:
        if veto.triggered:
            if veto.grade:
                out.append(Para(msg("docx.self.veto-grade", title=veto.title, grade=veto.grade)))
            else:
                out.append(Para(msg("docx.self.veto-triggered", title=veto.title)))
            out += [Para(msg("docx.self.veto-cause", reason=c.reason)) for c in veto.causes]
        else:
            out.append(Para(msg("docx.self.veto-clear", title=veto.title)))
    if not card.vetoes:
        out.append(Para(msg("docx.self.no-vetoes")))
    out.append(Heading(1, msg("docx.self.h-measures")))
    out.append(Para(msg("docx.placeholder", what=msg("docx.self.fill-measures")), placeholder=True))
    out.append(Signature(facts.org_name, full_date(facts.dated)))
    return out
