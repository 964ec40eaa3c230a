"""§2 of the digest: who carries which responsibility."""
from __future__ import annotations

from ideo_cli.rules.registry import check, optional, required

FIRST = "第一责任人"
DIRECT = "直接责任人"
SECRETARY = "书记"
MEMBER = "班子成员"


def _person_index(ctx, person_id: str) -> int | None:
    return next((i for i, p in enumerate(ctx.plan.people) if p.id == person_id), None)


@check("single_first_responsible")
def single_first_responsible(ctx):
    holders = [(i, p) for i, p in enumerate(ctx.plan.people) if FIRST in p.roles]
    if not holders:
        ctx.report(("people",), {"zh": "没有人承担“第一责任人”角色", "en": "nobody holds the role 第一责任人 (first responsible person)"}, key=True)
    for i, person in holders[1:]:
        ctx.report(("people", i, "roles"), {"zh": "第一责任人只能有一名：{name} 与 {first} 都标为第一责任人", "en": "only one first responsible person: both {name} and {first} hold it"}, name=person.name, first=holders[0][1].name)


@check("first_responsible_is_secretary")
def first_responsible_is_secretary(ctx):
    for i, person in enumerate(ctx.plan.people):
        if FIRST in person.roles and SECRETARY not in person.roles:
            secretaries = [p.name for p in ctx.plan.with_role(SECRETARY)]
            ctx.report(
                ("people", i, "roles"),
                {"zh": "第一责任人 {name} 不是书记{hint}", "en": "first responsible person {name} is not the secretary{hint}"},
                name=person.name, hint=(f"（书记是 {secretaries[0]}）" if ctx.lang == "zh" else f" (the secretary is {secretaries[0]})") if secretaries else "",
            )


@check("direct_responsible_named")
def direct_responsible_named(ctx):
    holders = [(i, p) for i, p in enumerate(ctx.plan.people) if DIRECT in p.roles]
    if not holders:
        ctx.report(("people",), {"zh": "没有人承担“直接责任人”角色（分管领导）", "en": "nobody holds the role 直接责任人 (the member in charge)"}, key=True)
        return
    for i, person in holders:
        if FIRST in person.roles:
            ctx.report(("people", i, "roles"), {"zh": "{name} 同时是第一责任人和直接责任人；直接责任人应是协助书记的另一名班子成员", "en": "{name} is both first and directly responsible; the direct responsibility belongs to another member who assists the secretary"}, name=person.name)


@check("member_portfolios")
def member_portfolios(ctx):
    for i, person in enumerate(ctx.plan.people):
        # "其他班子成员": the first and the directly responsible persons are not asked for one
        if MEMBER in person.roles and FIRST not in person.roles and DIRECT not in person.roles and not person.portfolio:
            ctx.report(("people", i), {"zh": "班子成员 {name} 没有写明分管领域（一岗双责）", "en": "leading-body member {name} has no portfolio (一岗双责)"}, name=person.name)


@check("leading_group_leader")
def leading_group_leader(ctx):
    group = ctx.plan.leading_group
    if group is None:
        ctx.report((), {"zh": "没有设立意识形态工作领导小组", "en": "no leading group for ideological work is declared"}, key=True)
        return
    if not group.leader:
        ctx.report(("leading_group",), {"zh": "领导小组没有组长", "en": "the leading group has no leader"}, key=True)
        return
    leader = ctx.plan.person(group.leader)
    if leader is not None and SECRETARY not in leader.roles:
        secretaries = [p.name for p in ctx.plan.with_role(SECRETARY)]
        ctx.report(("leading_group", "leader"), {"zh": "领导小组组长 {name} 不是书记{hint}", "en": "the leading group's leader {name} is not the secretary{hint}"}, name=leader.name, hint=(f"（书记是 {secretaries[0]}）" if ctx.lang == "zh" else f" (the secretary is {secretaries[0]})") if secretaries else "")


@check("leading_group_office")
def leading_group_office(ctx):
    group = ctx.plan.leading_group
    if group is None:
        return  # IDEO105 reports the missing group itself
    office = group.office
    if office is None:
        ctx.report(("leading_group", "office"), {"zh": "领导小组没有写明办公室（设在哪里、谁任主任）", "en": "the leading group names no office (where it sits, who directs it)"})
        return
    if not office.located_in:
        ctx.report(("leading_group", "office", "located_in"), {"zh": "领导小组办公室没有写明设在哪个部门", "en": "the leading group's office does not say where it sits"})
    if not office.director:
        ctx.report(("leading_group", "office", "director"), {"zh": "领导小组办公室没有主任", "en": "the leading group's office has no director"})


@check("role_present", role=required(str), min_count=optional(int))
def role_present(ctx):
    role = ctx.params["role"]
    minimum = int(ctx.params.get("min_count", 1))
    holders = ctx.plan.with_role(role)
    if len(holders) < minimum:
        ctx.report(
            ("people",),
            {"zh": "需要至少 {min} 名“{role}”，计划中有 {n} 名", "en": "needs at least {min} person(s) with role {role}; the plan has {n}"},
            key=True, min=minimum, role=role, n=len(holders),
        )
