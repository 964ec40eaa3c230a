"""References and identity: every person named exists, every id is unique."""
from __future__ import annotations

from ideo_cli.i18n import msg
from ideo_cli.rules.registry import check


def _references(plan):
    """(path, person id) for every place a person is referenced."""
    group = plan.leading_group
    if group is not None:
        if group.leader:
            yield ("leading_group", "leader"), group.leader
        for j, pid in enumerate(group.deputies):
            yield ("leading_group", "deputies", j), pid
        for j, pid in enumerate(group.members):
            yield ("leading_group", "members", j), pid
        if group.office is not None:
            if group.office.director:
                yield ("leading_group", "office", "director"), group.office.director
            for j, pid in enumerate(group.office.members):
                yield ("leading_group", "office", "members", j), pid
    for i, ob in enumerate(plan.obligations):
        for j, pid in enumerate(ob.owner):
            yield ("obligations", i, "owner") if len(ob.owner) == 1 else ("obligations", i, "owner", j), pid
    for i, ev in enumerate(plan.events):
        for j, pid in enumerate(ev.actors):
            yield ("events", i, "actors", j), pid
    for i, item in enumerate(plan.rectifications):
        if item.owner:
            yield ("rectifications", i, "owner"), item.owner
        for j, pid in enumerate(getattr(item, "co_owners", None) or ()):
            yield ("rectifications", i, "co_owners", j), pid


@check("references_declared")
def references_declared(ctx):
    import difflib

    known = [p.id for p in ctx.plan.people]
    known_set = set(known)
    names = {p.name: p.id for p in ctx.plan.people}
    for path, pid in _references(ctx.plan):
        if pid in known_set:
            continue
        if pid in names:
            hint = msg("rule.references-declared.use-id", guess=names[pid])
        else:
            close = difflib.get_close_matches(pid, known, n=1, cutoff=0.5)
            hint = msg("rule.references-declared.did-you-mean", guess=close[0]) if close else None
        ctx.report(path, msg("rule.references-declared.unknown", pid=pid), help=hint)


@check("unique_ids")
def unique_ids(ctx):
    plan = ctx.plan
    for section, items in (("people", plan.people), ("obligations", plan.obligations), ("events", plan.events), ("rectifications", plan.rectifications)):
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                ctx.report((section, i, "id"), msg("rule.unique-ids.duplicate", item=item.id, n=seen[item.id] + 1))
            else:
                seen[item.id] = i
