"""Rubric + one unit's observations → :class:`Scorecard`.

    from ideo_cli.scoring.engine import score_unit
    card = score_unit(rubric, observations)

Pure: reads no files, needs no language.  Vetoes are judged first, then each
item; every deduction names the occurrence, record or finding it comes from
(or its absence) — the rubric's quote is on the item.
"""
from __future__ import annotations

from ideo_cli.diagnostics import Diagnostic, Severity
from ideo_cli.formats.rubric import vocab
from ideo_cli.formats.rubric.load import Rubric
from ideo_cli.i18n import msg
from ideo_cli.ledger import status as st
from ideo_cli.scoring.observe import Observations, describe_occurrence, status_of
from ideo_cli.scoring.scorecard import Deduction, ItemScore, Scorecard, VetoResult

ACHIEVED = (st.DONE, st.DONE_LATE, st.EVIDENCE_MISSING, st.WAIVED)
OPEN = (st.PENDING, st.IN_PROGRESS)
# manual-score problems: the ledger's score records cannot all be used (exit 1)
PROBLEM_CODES = {"IDEO961": "manual-scored-twice", "IDEO962": "manual-score-out-of-range", "IDEO963": "manual-score-unknown-item"}


def score_unit(rubric: Rubric, observations: Observations) -> Scorecard:
    problems: list[Diagnostic] = []
    manual = _manual_scores(rubric, observations, problems)
    vetoes = [_veto(v, observations) for v in rubric.vetoes]
    items = [_item(item, observations, manual) for item in rubric.items]
    bonus = [_bonus(b, manual) for b in rubric.bonus]
    score = round(sum(i.awarded for i in items) + sum(b.awarded for b in bonus), 6)
    by_score = rubric.grade_for(score)
    grade = by_score
    order = [g.title for g in rubric.grades]  # best first
    for veto in vetoes:
        if veto.triggered and veto.grade:
            imposed = rubric.lowest_grade if veto.grade in vocab.LOWEST_WORDS else veto.grade
            veto.grade = imposed
            if order.index(imposed) > order.index(grade):
                grade = imposed
    return Scorecard(
        unit=observations.unit, unit_name=observations.unit_name, year=observations.year, as_of=observations.as_of,
        rubric_id=rubric.id, rubric_title=rubric.title, total_points=rubric.total,
        items=items, bonus=bonus, vetoes=vetoes, score=score, grade=grade, grade_by_score=by_score,
        loses_award=any(v.triggered and v.loses_award for v in vetoes),
        at_risk=round(sum(i.risk_points for i in items), 6), problems=problems, plan_file=observations.plan_file,
    )


# ---- items

def _item(item, obs: Observations, manual) -> ItemScore:
    card = ItemScore(id=item.id, title=item.title, method=item.method, points=item.points, awarded=item.points, citation=item.source)
    if item.applies_to and obs.org_type and obs.org_type not in item.applies_to:
        card.not_applicable = obs.org_type  # not this unit's work: nothing observed, nothing lost
        return card
    if item.ledger:
        _ledger(item, card, obs)
    elif item.findings:
        _findings(item, card, obs)
    elif item.rectifications:
        _rectifications(item, card, obs)
    else:
        _manual(item, card, manual.get(item.id))
    cap = item.cap if item.cap is not None else item.points
    lost = sum(d.points for d in card.deductions)
    card.capped = lost > cap
    card.awarded = round(max(item.points - min(lost, cap), 0.0), 6)
    return card


def _ledger(item, card: ItemScore, obs: Observations) -> None:
    rule = item.ledger
    occs = [o for o in obs.occurrences if (o.kind == rule.obligation_kind if rule.obligation_kind else o.obligation == rule.obligation)]
    occs.sort(key=lambda o: (o.due, o.obligation, o.period))
    statuses = {o.uid: status_of(o, obs.as_of) for o in occs}
    achieved = [o for o in occs if statuses[o.uid] in ACHIEVED]
    open_ = [o for o in occs if statuses[o.uid] in OPEN]
    missed = [o for o in occs if statuses[o.uid] == st.OVERDUE]
    for o in achieved:
        ref = describe_occurrence(o)
        if ref:
            card.evidence.extend(e for e in ref.evidence if e not in card.evidence)
        status = statuses[o.uid]
        if status == st.DONE_LATE and rule.per_late:
            card.deductions.append(_occ(rule.per_late, "score.deduct.late", o, status, ref, obs))
        elif status == st.EVIDENCE_MISSING and rule.per_missing_evidence:
            card.deductions.append(_occ(rule.per_missing_evidence, "score.deduct.evidence-missing", o, status, ref, obs))
    required = rule.count if rule.count is not None else len(occs)
    shortfall = max(0, required - len(achieved))
    still_possible = min(shortfall, len(open_))
    missing_now = shortfall - still_possible
    for o in missed[:missing_now]:
        card.deductions.append(_occ(rule.per_missing, "score.deduct.missing", o, st.OVERDUE, None, obs))
    unplanned = missing_now - min(missing_now, len(missed))
    # a kind is named by its label (中心组学习), never by its code (O2)
    target = msg(f"rollup.kind.{rule.obligation_kind}") if rule.obligation_kind else rule.obligation
    for _ in range(unplanned):
        card.deductions.append(Deduction(rule.per_missing, msg("score.deduct.not-planned", target=target, required=required, planned=len(occs))))
    for o in open_[:still_possible]:
        card.at_risk.append(_occ(rule.per_missing, "score.risk.open", o, statuses[o.uid], None, obs))


def _occ(points: float, reason: str, o, status: str, ref, obs: Observations) -> Deduction:
    return Deduction(
        points=points, reason=msg(reason, title=o.title, period=o.period, due=o.due, status=msg(f"status.{status}")),
        occurrence=o.uid, obligation=o.obligation, period=o.period, due=o.due, status=status,
        record=ref.where if ref else None, assumed=o.uid in obs.assumed,
    )


def _findings(item, card: ItemScore, obs: Observations) -> None:
    codes = set(item.findings.codes)
    for d in sorted((d for d in obs.findings if d.code in codes), key=lambda d: d.sort_key()):
        card.deductions.append(Deduction(item.findings.per_finding, msg("score.deduct.finding", code=d.code, finding=d.message), finding=f"{d.file}:{d.line}:{d.col}"))


def _rectifications(item, card: ItemScore, obs: Observations) -> None:
    """Each 整改 item as the to-do list shows it: overdue and open loses ``per_overdue``,
    completed late ``per_done_late``; one still open before its deadline is at risk."""
    rates = item.rectifications
    for o in sorted(obs.rectifications, key=lambda o: (o.due, o.obligation)):
        facts = dict(item=o.obligation, problem=o.title, deadline=o.due)
        common = dict(occurrence=o.uid, obligation=o.obligation, period=o.period, due=o.due, status=o.status,
                      record=f"{o.record_at[0]}:{o.record_at[1]}" if o.record_at else None, assumed=o.uid in obs.assumed)
        if o.status == st.OVERDUE and rates.per_overdue:
            card.deductions.append(Deduction(rates.per_overdue, msg("score.deduct.rectification-overdue", days=o.days_late if o.days_late is not None else "—", **facts), **common))
        elif o.status == st.DONE_LATE and rates.per_done_late:
            card.deductions.append(Deduction(rates.per_done_late, msg("score.deduct.rectification-late", completed=o.done_on or "—", **facts), **common))
        elif o.status == st.IN_PROGRESS and rates.per_overdue:
            card.at_risk.append(Deduction(rates.per_overdue, msg("score.risk.rectification-open", **facts), **common))


def _manual(item, card: ItemScore, record) -> None:
    if record is None:
        card.deductions.append(Deduction(item.points - item.manual.min, msg("score.deduct.unscored", low=item.manual.min, high=item.manual.max)))
        return
    card.scored_by = record.role
    lost = item.points - record.score
    if lost > 0:
        card.deductions.append(Deduction(lost, msg("score.deduct.manual", score=record.score, role=msg(f"score.role.{record.role}"), by=record.by or "-", on=record.on or "-"), record=record.where))


def _bonus(bonus, manual) -> ItemScore:
    card = ItemScore(id=bonus.id, title=bonus.title, method="bonus", points=bonus.points, awarded=0.0, citation=bonus.source)
    record = manual.get(bonus.id)
    if record is not None:
        card.awarded = min(record.score, bonus.points)
        card.scored_by = record.role
    return card


# ---- manual scores: one per role and item, inside the item's range

def _manual_scores(rubric: Rubric, obs: Observations, problems: list[Diagnostic]) -> dict:
    ranges = {i.id: (i.manual.min, i.manual.max) for i in rubric.items if i.manual}
    ranges.update({b.id: b.range for b in rubric.bonus})
    seen: dict[tuple[str, str], object] = {}
    for record in obs.manual_scores:
        if record.item not in ranges:
            problems.append(_problem("IDEO963", record, msg("score.manual-unknown-item", item=record.item, known=sorted(ranges))))
            continue
        low, high = ranges[record.item]
        if not low <= record.score <= high:
            problems.append(_problem("IDEO962", record, msg("score.manual-out-of-range", item=record.item, score=record.score, low=low, high=high)))
            continue
        key = (record.item, record.role)
        if key in seen:
            problems.append(_problem("IDEO961", record, msg("score.manual-twice", item=record.item, role=msg(f"score.role.{record.role}"), first=seen[key].where)))
            continue
        seen[key] = record
    chosen: dict = {}
    for (item, role), record in sorted(seen.items()):
        if role == "assessor" or item not in chosen:  # the 考核组's score outranks the 自评
            chosen[item] = record
    return chosen


def _problem(code: str, record, message) -> Diagnostic:
    return Diagnostic(code=code, name=PROBLEM_CODES[code], severity=Severity.ERROR, message=message, file=record.file or "-", line=record.line, col=record.col)


# ---- vetoes

def _veto(veto, obs: Observations) -> VetoResult:
    trigger = veto.trigger
    causes: list[Deduction] = []
    if trigger.accountability_forms:
        forms = set(trigger.accountability_forms)
        for fact in obs.accountability:
            if fact.form in forms and (fact.decided_on is None or fact.decided_on.year == obs.year):
                causes.append(Deduction(0, msg("score.veto.accountability", person=fact.person, form=fact.form, on=fact.decided_on or "-"), record=fact.where or None))
    elif trigger.event_kind:
        for fact in obs.events:
            in_year = fact.on is None or fact.on.year == obs.year
            if in_year and fact.kind == trigger.event_kind and (trigger.conclusion is None or fact.conclusion == trigger.conclusion):
                causes.append(Deduction(0, msg("score.veto.event", event=fact.event, kind=fact.kind, conclusion=fact.conclusion or "-", on=fact.on or "-"), record=fact.where or None))
    elif trigger.codes:
        codes = set(trigger.codes)
        for d in obs.findings:
            if d.code in codes:
                causes.append(Deduction(0, msg("score.veto.finding", code=d.code, finding=d.message), finding=f"{d.file}:{d.line}:{d.col}"))
    return VetoResult(id=veto.id, title=veto.title, triggered=bool(causes), causes=causes, grade=veto.consequence.grade if causes else None, loses_award=veto.consequence.loses_award, citation=veto.source)
