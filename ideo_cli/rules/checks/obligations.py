"""§3 of the digest: recurring obligations, their frequency, windows and order."""
from __future__ import annotations

import datetime as dt

from ideo_cli.rules.registry import check, optional, required
from ideo_cli.schedule.periods import DUE_RULE_MESSAGES, DueRuleError, is_rrule, nominal_occurrences, rrule_dates

_KIND_NAMES = {
    "O1": ("专题研究意识形态工作", "topic study of ideological work"),
    "O2": ("中心组专题学习", "central-group study"),
    "O3": ("意识形态形势分析研判", "situation analysis"),
    "O4": ("党内通报", "briefing inside the Party"),
    "O5": ("向上级专题汇报", "special report to the superior"),
    "O6": ("专题自查", "self-inspection"),
    "O7": ("专题督查", "special inspection"),
    "O8": ("民主生活会和述职报告", "democratic life meeting and duty report"),
    "O9": ("理论培训/授课", "training / lecture"),
    "O10": ("网信领导小组会议", "cyberspace leading group meeting"),
    "O11": ("听取网络意识形态工作汇报", "hearing network-ideology reports"),
    "O12": ("年度工作计划", "annual work plan"),
    "O13": ("年度考核", "annual assessment"),
}


def kind_name(kind: str, lang: str) -> str:
    zh, en = _KIND_NAMES.get(kind, (kind, kind))
    return f"{kind} {zh}" if lang == "zh" else f"{kind} {en}"


def _matching(ctx, kind: str, tag: str | None):
    return [(i, o) for i, o in enumerate(ctx.plan.obligations) if o.kind == kind and (not tag or tag in o.tags)]


def _year_occurrences(ob, year: int):
    return _resolve(ob, year) or []  # IDEO303/IDEO304 report unresolvable rules


def _resolve(ob, year: int):
    """The year's nominal occurrences, or None when the due rule cannot resolve."""
    try:
        return nominal_occurrences(ob.recurrence, ob.due, year)
    except DueRuleError:
        return None


def _md(date: dt.date, lang: str) -> str:
    return f"{date.month}月{date.day}日" if lang == "zh" else date.strftime("%d %b")


@check("obligation_frequency", kind=required(str), min_per_year=optional(int), tag=optional(str), deadlines=optional(list), due_within_period=optional(bool))
def obligation_frequency(ctx):
    params = ctx.params
    kind = params["kind"]
    tag = params.get("tag")
    minimum = int(params.get("min_per_year", 1))
    year = ctx.reference_year
    matches = _matching(ctx, kind, tag)
    what = kind_name(kind, ctx.lang) + (f"（标签：{tag}）" if tag and ctx.lang == "zh" else f" (tag {tag})" if tag else "")
    if not matches:
        ctx.report(
            ("obligations",) if ctx.plan.obligations else (),
            {"zh": "计划中没有“{what}”事项（每年至少 {min} 次）", "en": "the plan has no '{what}' obligation (at least {min} a year)"},
            key=True, what=what, min=minimum,
        )
        return
    expanded = [(i, ob, _resolve(ob, year)) for i, ob in matches]
    if any(nominals is None for _, _, nominals in expanded):
        return  # IDEO303/IDEO304 explain the broken rule; counting it would mislead
    occurrences = [(i, ob, n) for i, ob, nominals in expanded for n in nominals]
    first_index = matches[0][0]
    if len(occurrences) < minimum:
        ctx.report(
            ("obligations", first_index, "recurrence"),
            {"zh": "“{what}”每年至少 {min} 次，计划中只有 {n} 次", "en": "'{what}' must happen at least {min} times a year; the plan has {n}"},
            what=what, min=minimum, n=len(occurrences),
        )
    if params.get("due_within_period"):
        for i, ob, nominal in occurrences:
            if nominal.period is not None and nominal.due is not None and nominal.due > nominal.period.end:
                ctx.report(
                    ("obligations", i, "due"),
                    {"zh": "“{title}”{label} 的到期日 {due} 晚于该周期末日 {end}", "en": "'{title}' for {label} is due {due}, after its period ends on {end}"},
                    title=ob.title, label=nominal.period.label, due=nominal.due.isoformat(), end=nominal.period.end.isoformat(),
                )
    deadlines = params.get("deadlines") or []
    dated = [n.due for _, _, n in occurrences if n.due is not None]
    if deadlines and len(dated) == len(occurrences):
        window_start = dt.date(year, 1, 1)
        for text in deadlines:
            month, day = (int(x) for x in str(text).split("-"))
            deadline = dt.date(year, month, day)
            if not any(window_start <= d <= deadline for d in dated):
                ctx.report(
                    ("obligations", first_index, "due"),
                    {"zh": "“{what}”在 {start} 至 {end} 之间没有安排（须在 {end} 前完成一次）", "en": "'{what}' has nothing due between {start} and {end} (one is required by {end})"},
                    what=what, start=_md(window_start, ctx.lang), end=_md(deadline, ctx.lang),
                )
            window_start = deadline + dt.timedelta(days=1)


@check("obligation_order", before=required(str), after=required(str))
def obligation_order(ctx):
    before, after = ctx.params["before"], ctx.params["after"]
    year = ctx.reference_year
    firsts = _matching(ctx, before, None)
    laters = _matching(ctx, after, None)
    if not firsts or not laters:
        return
    last_after = max((n.due for _, ob in laters for n in _year_occurrences(ob, year) if n.due), default=None)
    if last_after is None:
        return
    for i, ob in firsts:
        dues = [n.due for n in _year_occurrences(ob, year) if n.due]
        if dues and max(dues) > last_after:
            ctx.report(
                ("obligations", i, "due"),
                {"zh": "“{title}”（{due}）应在它所服务的“{other}”（{other_due}）之前完成", "en": "'{title}' ({due}) should be done before the '{other}' it feeds ({other_due})"},
                title=ob.title, due=max(dues).isoformat(), other=kind_name(after, ctx.lang), other_due=last_after.isoformat(),
            )


@check("evidence_declared")
def evidence_declared(ctx):
    for i, ob in enumerate(ctx.plan.obligations):
        if not ob.evidence:
            ctx.report(("obligations", i, "id"), {"zh": "“{title}”没有写明留痕材料（纪要、报告、照片等）", "en": "'{title}' names no evidence it leaves (minutes, report, photos …)"}, key=True, title=ob.title)


@check("recipients_declared", kinds=optional(list))
def recipients_declared(ctx):
    kinds = set(ctx.params.get("kinds") or ())
    for i, ob in enumerate(ctx.plan.obligations):
        if ob.kind in kinds and not ob.recipients:
            ctx.report(("obligations", i, "id"), {"zh": "“{title}”没有写明报送对象（如上级党委）", "en": "'{title}' does not say who receives it (e.g. the superior committee)"}, key=True, title=ob.title)


@check("valid_due_rules")
def valid_due_rules(ctx):
    year = ctx.reference_year
    for i, ob in enumerate(ctx.plan.obligations):
        if is_rrule(ob.recurrence):
            continue
        due = ob.due
        if ob.recurrence == "holidays":
            if due.working_days_before is None:
                ctx.report(("obligations", i, "due"), {"zh": "“节假日前”的事项要写明 节前工作日（提前几个工作日）", "en": "a 'holidays' obligation needs working_days_before"}, title=ob.title)
            continue
        if due.working_days_before is not None:
            ctx.report(("obligations", i, "due", "working_days_before"), {"zh": "节前工作日 只用于“节假日前”频次", "en": "working_days_before only applies to the 'holidays' recurrence"}, key=True)
        # check a leap and a common year so that 29 Feb rules are judged fairly
        for probe in sorted({year, 2028}):
            try:
                nominal_occurrences(ob.recurrence, due, probe)
            except DueRuleError as err:
                ctx.report(("obligations", i, "due"), DUE_RULE_MESSAGES[err.key], **err.fields)
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
            ctx.report(("obligations", i, "recurrence"), DUE_RULE_MESSAGES["bad_rrule"], **err.fields)
            continue
        if not dates:
            ctx.report(("obligations", i, "recurrence"), {"zh": "这条 RRULE 在 {year} 年一次也不会发生", "en": "this RRULE yields no date in {year}"}, year=year)
