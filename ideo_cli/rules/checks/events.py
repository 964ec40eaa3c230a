"""§4 of the digest: procedures triggered by events, not by the calendar."""
from __future__ import annotations

from ideo_cli.rules.registry import check, optional, required


@check("event_declared", kind=required(str), responses=optional(list))
def event_declared(ctx):
    kind = ctx.params["kind"]
    responses = list(ctx.params.get("responses") or ())
    matches = [(i, ev) for i, ev in enumerate(ctx.plan.events) if ev.kind == kind]
    if not matches:
        ctx.report(
            ("events",) if ctx.plan.events else (),
            {"zh": "没有声明“{kind}”的处置程序", "en": "no procedure declared for '{kind}'"},
            key=True, kind=kind,
        )
        return
    for i, ev in matches:
        if responses and ev.response not in responses:
            ctx.report(("events", i, "response"), {"zh": "“{kind}”应{want}响应，计划写的是“{got}”", "en": "'{kind}' calls for a '{want}' response; the plan says '{got}'"}, kind=kind, want="/".join(responses), got=ev.response)
        if ev.response == "限期" and ev.days is None:
            ctx.report(("events", i), {"zh": "“限期”响应要写明 天数", "en": "a '限期' (within) response needs days"}, key=False)
        if not ev.actors:
            ctx.report(("events", i), {"zh": "“{kind}”没有写明责任人", "en": "'{kind}' names nobody to act"}, kind=kind)
