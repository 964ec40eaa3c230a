"""§3 of the digest: recurring obligations, their frequency and windows.

Counting uses the nominal occurrences of the reference year (identity does not
depend on holidays); windows are judged on the unit's schedule on working days
— the dates people will actually meet — for the reference year and the next.
"""
from __future__ import annotations

import datetime as dt

from ideo_cli.i18n import LocalText, msg
from ideo_cli.rules.registry import check, optional, required
from ideo_cli.schedule.expand import DateRange, ExpansionError
from ideo_cli.schedule.periods import DueRuleError, is_rrule, nominal_occurrences, rrule_dates
from ideo_cli.workcal import YearOutOfRangeError

KIND_NAMES = {
    "O1": LocalText("专题研究意识形态工作", "topic study of ideological work"),
    "O2": LocalText("中心组专题学习", "central-group study"),
    "O3": LocalText("意识形态形势分析研判", "situation analysis"),
    "O4": LocalText("党内通报", "briefing inside the Party"),
    "O5": LocalText("向上级专题汇报", "special report to the superior"),
    "O6": LocalText("专题自查", "self-inspection"),
    "O7": LocalText("专题督查", "special inspection"),
    "O8": LocalText("民主生活会和述职报告", "democratic life meeting and duty report"),
    "O9": LocalText("理论培训/授课", "training / lecture"),
    "O10": LocalText("网信领导小组会议", "cyberspace leading group meeting"),
    "O11": LocalText("听取网络意识形态工作汇报", "hearing network-ideology reports"),
    "O12": LocalText("年度工作计划", "annual work plan"),
    "O13": LocalText("年度考核", "annual assessment"),
}
YEARS_CHECKED = 2  # the reference year and the next: a plan is used for both


def kind_text(kind: str, tag: str | None = None):
    name = KIND_NAMES.get(kind, LocalText(kind, kind))
    if tag:
        return msg("rule.obligation-frequency.what-tagged", kind=kind, name=name, tag=tag)
    return msg("rule.obligation-frequency.what", kind=kind, name=name)


def _matching(ctx, kind: str, tag: str | None):
    return [(i, o) for i, o in enumerate(ctx.plan.obligations) if o.kind == kind and (not tag or tag in o.tags)]


def _resolve(ob, year: int):
    """The year's nominal occurrences, or None when the due rule cannot resolve."""
    try:
        return nominal_occurrences(ob.recurrence, ob.due, year)
    except DueRuleError:
        return None


def _windows(deadlines, year: int):
    """(first day, deadline) for each "MM-DD" deadline of ``year``, consecutive."""
    start = dt.date(year, 1, 1)
    for text in deadlines:
        month, day = (int(x) for x in str(text).split("-"))
        end = dt.date(year, month, day)
        yield start, end
        start = end + dt.timedelta(days=1)


def _adjusted(ctx, ids: set[str], year: int):
    """The unit's occurrences of ``ids`` whose nominal date is in ``year`` (None: schedule unavailable)."""
    try:
        first = ctx.reference_year  # one span for every rule and year: the unit computes it once
        found = ctx.unit.occurrences(DateRange(dt.date(first, 1, 1), dt.date(first + YEARS_CHECKED, 1, 31)))
    except (ExpansionError, YearOutOfRangeError, ValueError):
        return None  # IDEO303/IDEO304 explain the broken rule
    return [o for o in found if o.obligation in ids and o.nominal_due.year == year]


@check("obligation_frequency", kind=required(str), min_per_year=optional(int), tag=optional(str), deadlines=optional(list), due_within_period=optional(bool))
def obligation_frequency(ctx):
    params = ctx.params
    kind = params["kind"]
    tag = params.get("tag")
    minimum = int(params.get("min_per_year", 1))
    year = ctx.reference_year
    matches = _matching(ctx, kind, tag)
    what = kind_text(kind, tag)
    if not matches:
        ctx.report(("obligations",) if ctx.plan.obligations else (), msg("rule.obligation-frequency.missing", what=what, min=minimum), key=True)
        return
    expanded = [(i, ob, _resolve(ob, year)) for i, ob in matches]
    if any(nominals is None for _, _, nominals in expanded):
        return  # IDEO303/IDEO304 explain the broken rule; counting it would mislead
    occurrences = [(i, ob, n) for i, ob, nominals in expanded for n in nominals]
    first_index = matches[0][0]
    too_few = len(occurrences) < minimum
    if too_few:
        ctx.report(("obligations", first_index, "recurrence"), msg("rule.obligation-frequency.too-few", what=what, min=minimum, n=len(occurrences)))
    # one finding per cause: an obligation whose due rule puts it after its period
    # is reported once, at its due rule; its windows are then not judged again
    late_rule: set[int] = set()
    if params.get("due_within_period"):
        for i, ob, _ in expanded:
            late = [
                msg("rule.obligation-frequency.late-period", label=n.period.label, due=n.due, end=n.period.end)
                for _, other, n in occurrences
                if other is ob and n.period is not None and n.due is not None and n.due > n.period.end
            ]
            if late:
                late_rule.add(i)
                ctx.report(("obligations", i, "due"), msg("rule.obligation-frequency.after-period", title=ob.title, late=late), help=msg("rule.obligation-frequency.fix-due"))
    deadlines = params.get("deadlines") or []
    if not deadlines or too_few or late_rule or any(n.due is None for _, _, n in occurrences):
        # too rare or due after its period: that is the cause, and its one finding is made
        return
    ids = {ob.id for _, ob in matches}
    by_id = {ob.id: (i, ob) for i, ob in matches}
    for probe in range(year, year + YEARS_CHECKED):
        scheduled = _adjusted(ctx, ids, probe)
        if scheduled is None:
            return
        missed = [(start, end) for start, end in _windows(deadlines, probe) if not any(start <= o.due <= end for o in scheduled)]
        if not missed:
            continue
        # the cause: a date the working-day move took out of its window, else nothing planned there
        moved = [o for o in scheduled if o.moved_from is not None and any(s <= o.nominal_due <= e for s, e in missed)]
        if moved:
            for occ in moved:
                i, ob = by_id[occ.obligation]
                window = next((s, e) for s, e in missed if s <= occ.nominal_due <= e)
                ctx.report(("obligations", i, "adjust") if ob.adjust else ("obligations", i, "due"), msg("rule.obligation-frequency.moved-out", title=ob.title, label=occ.period, nominal=occ.nominal_due, due=occ.due, start=window[0], end=window[1]), help=msg("rule.obligation-frequency.fix-adjust"))
        else:
            start, end = missed[0]
            ctx.report(("obligations", first_index, "due"), msg("rule.obligation-frequency.window-empty", what=what, start=start, end=end, windows=[msg("rule.obligation-frequency.window", start=s, end=e) for s, e in missed]), help=msg("rule.obligation-frequency.fix-due"))
        return  # one finding per cause: the next year repeats the same rule


@check("evidence_declared")
def evidence_declared(ctx):
    for i, ob in enumerate(ctx.plan.obligations):
        if not ob.evidence:
            ctx.report(("obligations", i, "id"), msg("rule.evidence-declared.none", title=ob.title), key=True)


@check("recipients_declared", kinds=optional(list))
def recipients_declared(ctx):
    kinds = set(ctx.params.get("kinds") or ())
    for i, ob in enumerate(ctx.plan.obligations):
        if ob.kind in kinds and not ob.recipients:
            ctx.report(("obligations", i, "id"), msg("rule.recipients-declared.none", title=ob.title), key=True)


def due_rule_message(error: DueRuleError):
    """The message for a due rule that cannot resolve (also used by the scheduler's callers)."""
    fields = error.fields
    if error.key == "month_outside_period":
        return msg("rule.valid-due-rules.month-outside-period", month=fields.get("month"), months=fields.get("months"))
    if error.key == "no_such_day":
        return msg("rule.valid-due-rules.no-such-day", month=fields.get("month"), day=fields.get("day"))
    if error.key == "too_many":
        return msg("fuzz.rrule-too-many", limit=fields.get("limit"), year=fields.get("year"))
    return msg("rule.valid-recurrence.bad-rrule", reason=str(fields.get("reason", "")))


@check("valid_due_rules")
def valid_due_rules(ctx):
    year = ctx.reference_year
    for i, ob in enumerate(ctx.plan.obligations):
        if is_rrule(ob.recurrence):
            continue
        due = ob.due
        if ob.recurrence == "holidays":
            if due.working_days_before is None:
                ctx.report(("obligations", i, "due"), msg("rule.valid-due-rules.holidays-need-lead"))
            continue
        if due.working_days_before is not None:
            ctx.report(("obligations", i, "due", "working_days_before"), msg("rule.valid-due-rules.lead-only-holidays"), key=True)
        # check a leap and a common year so that 29 Feb rules are judged fairly
        for probe in sorted({year, 2028}):
            try:
                nominal_occurrences(ob.recurrence, due, probe)
            except DueRuleError as err:
                ctx.report(("obligations", i, "due"), due_rule_message(err))
                break


@check("valid_recurrence")
def valid_recurrence(ctx):
    year = ctx.reference_year
    for i, ob in enumerate(ctx.plan.obligations):
        if not is_rrule(ob.recurrence):
            continue
        try:
            dates = rrule_dates(ob.recurrence, year)
        except DueRuleError as err:
            ctx.report(("obligations", i, "recurrence"), due_rule_message(err))
            continue
        if not dates:
            ctx.report(("obligations", i, "recurrence"), msg("rule.valid-recurrence.no-dates", year=year))
