"""Waivers: a documented, approved, time-limited exception to one rule."""
from __future__ import annotations

from ideo_cli.i18n import msg
from ideo_cli.rules.registry import check


def waiver_is_valid(waiver, today) -> bool:
    return bool(waiver.reason and waiver.approved_by and waiver.until and waiver.until >= today)


def waived_obligations(plan, today) -> set[str]:
    """Obligation ids a valid waiver covers (their occurrences are 已豁免, not 已逾期)."""
    return {w.target for w in plan.waivers if w.target and waiver_is_valid(w, today)}


@check("waiver_complete")
def waiver_complete(ctx):
    labels = {"reason": msg("rule.waiver-complete.field-reason"), "approved_by": msg("rule.waiver-complete.field-approver"), "until": msg("rule.waiver-complete.field-until")}
    for i, waiver in enumerate(ctx.plan.waivers):
        missing = [label for name, label in labels.items() if not getattr(waiver, name)]
        if missing:
            ctx.report(("waivers", i), msg("rule.waiver-complete.missing", rule=waiver.rule, missing=missing))


@check("waiver_expired")
def waiver_expired(ctx):
    for i, waiver in enumerate(ctx.plan.waivers):
        if waiver.until and waiver.until < ctx.today:
            ctx.report(("waivers", i, "until"), msg("rule.waiver-expired.expired", rule=waiver.rule, until=waiver.until))


@check("waiver_known_rule")
def waiver_known_rule(ctx):
    known = ctx.known_codes
    for i, waiver in enumerate(ctx.plan.waivers):
        if waiver.rule not in known:
            ctx.report(("waivers", i, "rule"), msg("rule.waiver-known-rule.unknown", rule=waiver.rule))
