"""§4 of the digest: procedures triggered by events, not by the calendar."""
from __future__ import annotations

from ideo_cli.formats.plan.vocab import EVENT_KINDS, RESPONSES
from ideo_cli.i18n import msg
from ideo_cli.rules.registry import check, optional, required
from ideo_cli.rules.spelled import spelled as _value


@check("event_declared", kind=required(str), responses=optional(list))
def event_declared(ctx):
    kind = ctx.params["kind"]
    responses = list(ctx.params.get("responses") or ())
    matches = [(i, ev) for i, ev in enumerate(ctx.plan.events) if ev.kind == kind]
    if not matches:
        ctx.report(("events",) if ctx.plan.events else (), msg("rule.event-declared.missing", kind=_value(kind, EVENT_KINDS)), key=True)
        return
    for i, ev in matches:
        if responses and ev.response not in responses:
            ctx.report(("events", i, "response"), msg("rule.event-declared.wrong-response", kind=_value(kind, EVENT_KINDS), want=[_value(r, RESPONSES) for r in responses], got=_value(ev.response, RESPONSES)))
        if ev.response == "限期" and ev.days is None:
            ctx.report(("events", i), msg("rule.event-declared.no-days"))
        if not ev.actors:
            ctx.report(("events", i), msg("rule.event-declared.no-actors", kind=_value(kind, EVENT_KINDS)))
