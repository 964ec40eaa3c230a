"""§2 of the digest: who carries which responsibility."""
from __future__ import annotations

from functools import lru_cache

from ideo_cli.formats.plan.vocab import ROLES
from ideo_cli.i18n import msg
from ideo_cli.rules.registry import check, optional, required
from ideo_cli.rules.spelled import spelled

FIRST = "第一责任人"
DIRECT = "直接责任人"
SECRETARY = "书记"
MEMBER = "班子成员"
# roles that make someone a member of the leading body (班子成员) by definition:
# a deputy secretary, a branch committee's propaganda member
LEADING_BODY = (MEMBER, "副书记", "宣传委员")


def _secretary_hint(ctx):
    secretaries = [p.name for p in ctx.plan.with_role(SECRETARY)]
    return msg("rule.roles.secretary-is", name=secretaries[0]) if secretaries else ""


@check("single_first_responsible")
def single_first_responsible(ctx):
    holders = [(i, p) for i, p in enumerate(ctx.plan.people) if FIRST in p.roles]
    if not holders:
        ctx.report(("people",), msg("rule.single-first-responsible.none"), key=True)
    for i, person in holders[1:]:
        ctx.report(("people", i, "roles"), msg("rule.single-first-responsible.several", name=person.name, first=holders[0][1].name))


@check("first_responsible_is_secretary")
def first_responsible_is_secretary(ctx):
    for i, person in enumerate(ctx.plan.people):
        if FIRST in person.roles and SECRETARY not in person.roles:
            ctx.report(("people", i, "roles"), msg("rule.first-responsible-is-secretary.not-secretary", name=person.name, hint=_secretary_hint(ctx)))


@check("direct_responsible_named")
def direct_responsible_named(ctx):
    """A leading-body member other than the secretary (000 第五条, 003 篇六 第三条 “协助党委书记”)."""
    holders = [(i, p) for i, p in enumerate(ctx.plan.people) if DIRECT in p.roles]
    if not holders:
        ctx.report(("people",), msg("rule.direct-responsible-named.none"), key=True)
        return
    for i, person in holders:
        if FIRST in person.roles or SECRETARY in person.roles:
            ctx.report(("people", i, "roles"), msg("rule.direct-responsible-named.is-secretary", name=person.name))
        elif not any(role in person.roles for role in LEADING_BODY):
            ctx.report(("people", i, "roles"), msg("rule.direct-responsible-named.not-member", name=person.name), help=msg("rule.direct-responsible-named.not-member-help", name=person.name))


@check("member_portfolios")
def member_portfolios(ctx):
    for i, person in enumerate(ctx.plan.people):
        # "其他班子成员": the first and the directly responsible persons are not asked for one
        if MEMBER in person.roles and FIRST not in person.roles and DIRECT not in person.roles and not person.portfolio:
            ctx.report(("people", i), msg("rule.member-portfolios.none", name=person.name))


@check("leading_group_leader", required_for=optional(list))
def leading_group_leader(ctx):
    """Required where the sources require one; checked wherever a plan declares one (004 “党支部书记…任组长”)."""
    group = ctx.plan.leading_group
    required_for = ctx.params.get("required_for")
    needed = required_for is None or ctx.plan.organisation.type in required_for
    if group is None:
        if needed:
            ctx.report((), msg("rule.leading-group-leader.none"), key=True)
        return
    if not group.leader:
        ctx.report(("leading_group",), msg("rule.leading-group-leader.no-leader"), key=True)
        return
    leader = ctx.plan.person(group.leader)
    if leader is not None and SECRETARY not in leader.roles:
        ctx.report(("leading_group", "leader"), msg("rule.leading-group-leader.not-secretary", name=leader.name, hint=_secretary_hint(ctx)))


@check("leading_group_office")
def leading_group_office(ctx):
    """The sources set up an office with a director (003 篇二 names no department): require that."""
    group = ctx.plan.leading_group
    if group is None:
        return  # IDEO105 reports the missing group itself
    office = group.office
    if office is None:
        ctx.report(("leading_group", "office"), msg("rule.leading-group-office.none"))
        return
    if not office.director:
        ctx.report(("leading_group", "office", "director"), msg("rule.leading-group-office.no-director"))


@check("role_present", role=required(str), min_count=optional(int))
def role_present(ctx):
    role = ctx.params["role"]
    minimum = int(ctx.params.get("min_count", 1))
    holders = ctx.plan.with_role(role)
    if len(holders) < minimum:
        ctx.report(("people",), msg("rule.role-present.too-few", min=minimum, role=spelled(role, ROLES), n=len(holders)), key=True)


# what `ideo init` writes as placeholders (data/templates): the unit's id and the default names
PLACEHOLDER_ID = "my-unit"
PLACEHOLDER_MARKS = ("XX", "××")  # 张XX: a person not yet named


@lru_cache(maxsize=1)
def _starter_names() -> frozenset[str]:
    from importlib import resources

    import yaml  # read once, on the first plan checked: `ideo --help` does not pay for it

    types = yaml.safe_load(resources.files("ideo_cli.data.templates").joinpath("types.yaml").read_text(encoding="utf-8"))
    return frozenset(entry["name"] for by_type in types.values() for entry in by_type.values())


@check("placeholders_replaced")
def placeholders_replaced(ctx):
    """Values `ideo init` leaves for the unit to fill in (001 四(一) “明确责任人”)."""
    org = ctx.plan.organisation
    if org.id == PLACEHOLDER_ID:
        ctx.report(("organisation", "id"), msg("rule.placeholders-replaced.id", value=org.id))
    if org.name in _starter_names():
        ctx.report(("organisation", "name"), msg("rule.placeholders-replaced.name", value=org.name))
    for i, person in enumerate(ctx.plan.people):
        if any(mark in person.name for mark in PLACEHOLDER_MARKS):
            ctx.report(("people", i, "name"), msg("rule.placeholders-replaced.person", value=person.name))
