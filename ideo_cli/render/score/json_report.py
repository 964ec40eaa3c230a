"""``--format json``: the scorecards in a versioned shape (see JSON-FORMAT.md).

Reasons are given as translated text (``reason``) and as their catalogue id
(``reason_id``), so scripts can match on the id in either language.
"""
from __future__ import annotations

import json

from ideo_cli.i18n import t

FORMAT = "ideo-scorecards"
VERSION = 1


def render(cards, options) -> bytes:
    lang = options.lang
    data = {"format": FORMAT, "version": VERSION, "scorecards": [_card(c, lang) for c in cards]}
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def _citation(c):
    return None if c is None else {"document": c.document, "section": c.section, "quote": c.quote}


def _deduction(d, lang):
    return {
        "points": d.points, "reason": t(d.reason, lang), "reason_id": d.reason.id,
        "occurrence": d.occurrence, "obligation": d.obligation, "period": d.period,
        "due": d.due.isoformat() if d.due else None, "status": d.status,
        "record": d.record, "finding": d.finding, "assumed": d.assumed,
    }


def _item(i, lang):
    return {
        "id": i.id, "title": i.title, "method": i.method, "points": i.points, "awarded": i.awarded,
        "lost": i.lost, "capped": i.capped, "not_applicable": i.not_applicable, "scored_by": i.scored_by, "evidence": i.evidence,
        "deductions": [_deduction(d, lang) for d in i.deductions],
        "at_risk": [_deduction(d, lang) for d in i.at_risk],
        "citation": _citation(i.citation),
    }


def _card(c, lang):
    return {
        "unit": c.unit, "unit_name": c.unit_name, "plan_file": c.plan_file, "year": c.year, "as_of": c.as_of.isoformat(),
        "rubric": {"id": c.rubric_id, "title": c.rubric_title, "total": c.total_points},
        "score": c.score, "grade": c.grade, "grade_by_score": c.grade_by_score,
        "vetoed": c.vetoed, "loses_award": c.loses_award, "at_risk": c.at_risk,
        "vetoes": [
            {"id": v.id, "title": v.title, "triggered": v.triggered, "grade": v.grade, "loses_award": v.loses_award,
             "causes": [_deduction(d, lang) for d in v.causes], "citation": _citation(v.citation)}
            for v in c.vetoes
        ],
        "items": [_item(i, lang) for i in c.items],
        "bonus": [_item(i, lang) for i in c.bonus],
        "problems": [{"code": d.code, "file": d.file, "line": d.line, "col": d.col, "message": t(d.message, lang)} for d in c.problems],
    }
