"""Waivers: a documented, approved, time-limited exception to one rule."""
from __future__ import annotations

from ideo_cli.rules.registry import check


def waiver_is_valid(waiver, today) -> bool:
    return bool(waiver.reason and waiver.approved_by and waiver.until and waiver.until >= today)


@check("waiver_complete")
def waiver_complete(ctx):
    labels = {"reason": ("理由", "reason"), "approved_by": ("批准人", "approver"), "until": ("有效期至", "expiry")}
    for i, waiver in enumerate(ctx.plan.waivers):
        missing = [labels[f][0 if ctx.lang == "zh" else 1] for f in labels if not getattr(waiver, f)]
        if missing:
            sep = "、" if ctx.lang == "zh" else ", "
            ctx.report(("waivers", i), {"zh": "对 {rule} 的豁免缺少：{missing}，因此不生效", "en": "the waiver of {rule} lacks: {missing}, so it has no effect"}, rule=waiver.rule, missing=sep.join(missing))


@check("waiver_expired")
def waiver_expired(ctx):
    for i, waiver in enumerate(ctx.plan.waivers):
        if waiver.until and waiver.until < ctx.today:
            ctx.report(("waivers", i, "until"), {"zh": "对 {rule} 的豁免已于 {until} 到期", "en": "the waiver of {rule} expired on {until}"}, rule=waiver.rule, until=waiver.until.isoformat())


@check("waiver_known_rule")
def waiver_known_rule(ctx):
    known = ctx.known_codes
    for i, waiver in enumerate(ctx.plan.waivers):
        if waiver.rule not in known:
            ctx.report(("waivers", i, "rule"), {"zh": "没有编号为 {rule} 的规则", "en": "there is no rule {rule}"}, rule=waiver.rule)
