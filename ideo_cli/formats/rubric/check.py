"""Checks on a merged rubric: what makes it unusable is a located error (exit 2).

Items add up to the total; caps and manual ranges stay inside an item's
points; codes, forms and grades referred to exist; every veto has one trigger
ideo can observe and a consequence; grade bands are ordered and reachable.
"""
from __future__ import annotations

from functools import lru_cache

from ideo_cli.diagnostics import Diagnostic
from ideo_cli.documents.errors import INPUT_CODES
from ideo_cli.formats.rubric import vocab
from ideo_cli.formats.rubric.load import Origin, Rubric, diagnostic
from ideo_cli.data import shipped_rule_codes
from ideo_cli.i18n import msg

EPSILON = 1e-9


@lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    return frozenset(shipped_rule_codes()) | frozenset(INPUT_CODES)


def check_rubric(rubric: Rubric) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    out += _check_total(rubric)
    out += _check_grades(rubric)
    for item in rubric.items:
        out += _check_item(item, rubric.origins[item.id])
    for bonus in rubric.bonus:
        origin = rubric.origins[bonus.id]
        low, high = bonus.range
        if not 0 <= low <= high <= bonus.points + EPSILON:
            out.append(diagnostic("IDEO954", origin, ("manual",), msg("rubric.range-outside-points", low=low, high=high, points=bonus.points)))
    for veto in rubric.vetoes:
        out += _check_veto(veto, rubric.origins[veto.id], rubric)
    return out


def _check_total(rubric: Rubric) -> list[Diagnostic]:
    added = sum(item.points for item in rubric.items)
    if abs(added - rubric.total) > EPSILON:
        return [diagnostic("IDEO953", rubric.origins["@total"], ("total",), msg("rubric.total-mismatch", total=rubric.total, sum=added, items=len(rubric.items)))]
    return []


def _check_grades(rubric: Rubric) -> list[Diagnostic]:
    origin = rubric.origins["@grades"]
    out = []
    titles = [g.title for g in rubric.grades]
    mins = [g.min for g in rubric.grades]
    if not rubric.grades:
        return [diagnostic("IDEO958", origin, ("grades",), msg("rubric.missing-grades"))]
    if len(set(titles)) != len(titles) or len(set(mins)) != len(mins):
        out.append(diagnostic("IDEO958", origin, ("grades",), msg("rubric.grades-not-distinct")))
    if min(mins) != 0:
        out.append(diagnostic("IDEO958", origin, ("grades",), msg("rubric.grades-no-floor", lowest=min(mins))))
    if max(mins) > rubric.total:
        out.append(diagnostic("IDEO958", origin, ("grades",), msg("rubric.grade-unreachable", min=max(mins), total=rubric.total)))
    return out


def _check_item(item, origin: Origin) -> list[Diagnostic]:
    methods = [k for k in ("ledger", "findings", "rectifications", "manual") if getattr(item, k) is not None]
    if len(methods) != 1:
        return [diagnostic("IDEO959", origin, ("id",), msg("rubric.one-method", entry=item.id, given=methods))]
    if item.ledger is not None and (item.ledger.obligation_kind is None) == (item.ledger.obligation is None):
        return [diagnostic("IDEO959", origin, ("ledger",), msg("rubric.one-target", entry=item.id))]
    out = []
    if item.cap is not None and item.cap > item.points + EPSILON:
        out.append(diagnostic("IDEO954", origin, ("cap",), msg("rubric.cap-over-points", cap=item.cap, points=item.points)))
    if item.manual is not None:
        low, high = item.manual.min, item.manual.max
        if not 0 <= low <= high <= item.points + EPSILON:
            out.append(diagnostic("IDEO954", origin, ("manual",), msg("rubric.range-outside-points", low=low, high=high, points=item.points)))
    if item.ledger is not None:
        rates = (item.ledger.per_missing, item.ledger.per_late, item.ledger.per_missing_evidence)
        if not any(rates):
            out.append(diagnostic("IDEO954", origin, ("ledger",), msg("rubric.no-deduction-rate")))
    if item.rectifications is not None and not (item.rectifications.per_overdue or item.rectifications.per_done_late):
        out.append(diagnostic("IDEO954", origin, ("rectifications",), msg("rubric.no-rectification-rate")))
    if item.findings is not None:
        for index, code in enumerate(item.findings.codes):
            if code not in known_codes():
                out.append(diagnostic("IDEO955", origin, ("findings", "codes", index), msg("rubric.unknown-code", code=code)))
    return out


def _check_veto(veto, origin: Origin, rubric: Rubric) -> list[Diagnostic]:
    out = []
    trigger = veto.trigger
    kinds = [] if trigger is None else [k for k, v in (("accountability", trigger.accountability_forms), ("event", trigger.event_kind), ("finding", trigger.codes)) if v]
    if len(kinds) != 1:
        out.append(diagnostic("IDEO956", origin, ("trigger",), msg("rubric.veto-no-trigger" if not kinds else "rubric.veto-two-triggers", entry=veto.id)))
    elif trigger.conclusion and kinds != ["event"]:
        out.append(diagnostic("IDEO956", origin, ("trigger", "conclusion"), msg("rubric.conclusion-without-event")))
    if trigger is not None:
        for index, form in enumerate(trigger.accountability_forms or []):
            if form not in vocab.ACCOUNTABILITY_FORMS:
                out.append(diagnostic("IDEO955", origin, ("trigger", "accountability_forms", index), msg("rubric.unknown-form", form=form, known=list(vocab.ACCOUNTABILITY_FORMS))))
        for index, code in enumerate(trigger.codes or []):
            if code not in known_codes():
                out.append(diagnostic("IDEO955", origin, ("trigger", "codes", index), msg("rubric.unknown-code", code=code)))
    consequence = veto.consequence
    if consequence.grade is None and not consequence.loses_award:
        out.append(diagnostic("IDEO956", origin, ("consequence",), msg("rubric.veto-no-consequence", entry=veto.id)))
    if consequence.grade is not None and consequence.grade not in vocab.LOWEST_WORDS and consequence.grade not in {g.title for g in rubric.grades}:
        out.append(diagnostic("IDEO955", origin, ("consequence", "grade"), msg("rubric.unknown-grade", grade=consequence.grade, known=[g.title for g in rubric.grades])))
    return out
