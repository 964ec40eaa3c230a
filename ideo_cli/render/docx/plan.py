"""实施方案: the plan as the document a unit adopts — 总体要求, 责任分工, 工作安排, 保障措施.

Every sentence comes from the plan and its year's schedule: the obligations in a
clerk's words with the year's working-day deadlines, owners and 留痕 materials,
grouped as the source documents group them; the rule sources cited; what only
a person can write (指导思想, 工作目标) is a marked placeholder.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ideo_cli.i18n import msg
from ideo_cli.render.docx.blocks import Heading, Para, Signature, Title
from ideo_cli.render.docx.words import RESPONSES, frequency, full_date, month_day, owner_names, person

# the documents' grouping of the obligation kinds (O1 … O13), in the order a 实施方案 lists them
GROUPS = (
    ("deploy", ("O1", "O12", "O10", "O11")),
    ("study", ("O2", "O9")),
    ("analysis", ("O3",)),
    ("report", ("O4", "O5")),
    ("inspection", ("O6", "O7", "O8", "O13")),
)


@dataclass(frozen=True)
class PlanFacts:
    plan: object  # formats.plan.model.Plan
    year: int
    occurrences: tuple  # the year's Occurrences of this plan (schedule), any order
    dated: dt.date  # 成文日期


def blocks(facts: PlanFacts) -> list:
    plan = facts.plan
    org = plan.organisation
    unit = org.short_name or org.name
    out: list = [Title(msg("docx.plan.title", org=org.name, year=facts.year))]
    sources = _sources(facts.occurrences)
    out.append(Para(msg("docx.plan.opening", sources=[s[0] for s in sources], unit=unit) if sources else msg("docx.plan.opening-no-source", unit=unit)))
    out += [Heading(1, msg("docx.plan.h-general"))]
    out.append(Para(msg("docx.placeholder", what=msg("docx.plan.fill-aims")), placeholder=True))
    if sources:
        out.append(Heading(2, msg("docx.plan.h-basis")))
        out += [Para(msg("docx.plan.basis-line", document=name, sections=sections)) for name, sections in sources]
    out += _duties(plan)
    out += _schedule(plan, facts.occurrences)
    out += _safeguards(plan)
    out.append(Signature(org.name, full_date(facts.dated)))
    return out


def _sources(occurrences) -> list[tuple[object, list[str]]]:
    """(the cited document "000《…》", the sections cited) in document order."""
    found: dict[str, tuple[object, list[str]]] = {}
    for occ in sorted(occurrences, key=lambda o: (o.citation.document if o.citation else "", o.due)):
        c = occ.citation
        if c is None or not c.document:
            continue
        name = found.setdefault(c.document, (msg("docx.plan.source-name", code=c.document, title=c.title) if c.title else c.document, []))
        if c.section and c.section not in name[1]:
            name[1].append(c.section)
    return list(found.values())


def _duties(plan) -> list:
    people = {p.id: p for p in plan.people}
    owned: dict[str, list[str]] = {}
    for ob in plan.obligations:
        for pid in ob.owner:
            owned.setdefault(pid, []).append(ob.title)
    out: list = [Heading(1, msg("docx.plan.h-duties"))]
    for role, heading, line in (("第一责任人", "docx.plan.h-first", "docx.plan.first-line"), ("直接责任人", "docx.plan.h-direct", "docx.plan.direct-line")):
        chosen = [p for p in plan.people if role in p.roles]
        if not chosen:
            continue
        out.append(Heading(2, msg(heading)))
        for p in chosen:
            out.append(Para(msg(line, person=person(p))))
            if owned.get(p.id):
                out.append(Para(msg("docx.plan.owns", name=p.name, items=owned[p.id])))
    members = [p for p in plan.people if "班子成员" in p.roles and "第一责任人" not in p.roles and "直接责任人" not in p.roles]
    if members:
        out.append(Heading(2, msg("docx.plan.h-members")))
        for p in members:
            portfolio = msg("docx.plan.portfolio", fields=list(p.portfolio)) if p.portfolio else msg("docx.plan.portfolio-unnamed")
            out.append(Para(msg("docx.plan.member-line", person=person(p), portfolio=portfolio)))
            if owned.get(p.id):
                out.append(Para(msg("docx.plan.owns", name=p.name, items=owned[p.id])))
    group = plan.leading_group
    if group is not None:
        out.append(Heading(2, msg("docx.plan.h-group")))
        names = lambda ids: [person(people[i]) for i in ids if i in people]  # noqa: E731
        leader = msg("docx.plan.group-leader", leader=person(people[group.leader])) if group.leader in people else ""
        deputies = msg("docx.plan.group-deputies", deputies=names(group.deputies)) if group.deputies else ""
        members = [people[i].name for i in group.members if i in people] + list(group.member_posts)
        listed = msg("docx.plan.group-members", members=members) if members else ""
        out.append(Para(msg("docx.plan.group-line", name=group.name or msg("docx.plan.group-default-name"), leader=leader, deputies=deputies, members=listed)))
        office = group.office
        if office is not None and (office.located_in or office.director):
            director = msg("docx.plan.office-director", director=person(people[office.director])) if office.director in people else ""
            out.append(Para(msg("docx.plan.office", where=office.located_in or msg("docx.plan.office-somewhere"), director=director)))
    return out


def _schedule(plan, occurrences) -> list:
    by_obligation: dict[str, list] = {}
    for occ in sorted(occurrences, key=lambda o: (o.due, o.period)):
        by_obligation.setdefault(occ.obligation, []).append(occ)
    people = {p.id: p for p in plan.people}
    out: list = [Heading(1, msg("docx.plan.h-schedule"))]
    placed: set[str] = set()
    groups = [(name, [ob for ob in plan.obligations if ob.kind in kinds]) for name, kinds in GROUPS]
    groups.append(("other", [ob for ob in plan.obligations if not any(ob.kind in kinds for _n, kinds in GROUPS)]))
    for name, obligations in groups:
        if not obligations:
            continue
        out.append(Heading(2, msg(f"docx.group.{name}")))
        for ob in obligations:
            placed.add(ob.id)
            out.append(Para(_obligation_line(ob, by_obligation.get(ob.id, []), people)))
    if plan.subordinate_obligations:
        out.append(Heading(2, msg("docx.group.subordinates")))
        for sub in plan.subordinate_obligations:
            out.append(Para(msg("docx.plan.subordinate-line", title=sub.title, who=list(sub.applies_to), frequency=frequency(sub.recurrence), materials=_materials(sub.evidence))))
    if any(o.provisional for o in occurrences):
        out.append(Para(msg("docx.plan.provisional-note")))
    return out


def _obligation_line(ob, occs, people):
    dates = [month_day(o.due, o.provisional) for o in occs]
    if not dates:
        deadlines = msg("docx.plan.no-date-this-year")
    elif len(dates) == 1:
        deadlines = msg("docx.plan.deadline-one", date=dates[0])
    else:
        deadlines = msg("docx.plan.deadlines", dates=dates)
    owners = owner_names([people[i] for i in ob.owner if i in people]) or list(ob.owner)
    return msg("docx.plan.obligation-line", title=ob.title, frequency=frequency(ob.recurrence), deadlines=deadlines, owners=owners, materials=_materials(ob.evidence))


def _materials(evidence) -> object:
    return msg("docx.plan.materials", evidence=list(evidence)) if evidence else ""


def _safeguards(plan) -> list:
    people = {p.id: p for p in plan.people}
    out: list = [Heading(1, msg("docx.plan.h-safeguards"))]
    if plan.events:
        out.append(Heading(2, msg("docx.plan.h-procedures")))
        for ev in plan.events:
            actors = owner_names([people[i] for i in ev.actors if i in people]) or [msg("docx.plan.group-default-name")]
            response = msg(f"docx.response.{RESPONSES.get(ev.response, 'promptly')}")
            days_id = "docx.plan.event-days-before" if ev.response == "事前" else "docx.plan.event-days"
            days = msg(days_id, days=ev.days) if ev.days is not None else ""
            report = msg("docx.plan.event-report-to", to=list(ev.report_to)) if ev.report_to else ""
            out.append(Para(msg("docx.plan.event-line", kind=ev.kind, trigger=ev.trigger or ev.title or ev.kind, actors=actors, response=response, days=days, report=report)))
    out.append(Heading(2, msg("docx.plan.h-accountability")))
    accountable = [p for p in plan.people if "纪检" in p.roles]
    out.append(Para(msg("docx.plan.accountability-line", who=owner_names(accountable)) if accountable else msg("docx.plan.accountability-generic")))
    if plan.rectifications:
        out.append(Heading(2, msg("docx.plan.h-rectifications")))
        for r in plan.rectifications:
            owner = person(people[r.owner]) if r.owner in people else (r.owner or msg("docx.plan.owner-unnamed"))
            when = msg("docx.plan.ongoing") if r.ongoing else (msg("docx.plan.deadline-one", date=full_date(r.deadline)) if r.deadline else msg("docx.plan.no-deadline"))
            measures = msg("docx.plan.measures", measures=list(r.measures)) if r.measures else ""
            out.append(Para(msg("docx.plan.rectification-line", problem=r.problem or r.id, measures=measures, owner=owner, when=when)))
    if plan.waivers:
        out.append(Heading(2, msg("docx.plan.h-waivers")))
        for w in plan.waivers:
            until = msg("docx.plan.waiver-until", date=full_date(w.until)) if w.until else ""
            by = msg("docx.plan.waiver-by", by=w.approved_by) if w.approved_by else ""
            out.append(Para(msg("docx.plan.waiver-line", rule=w.rule, target=w.target or msg("docx.plan.whole-plan"), reason=w.reason or msg("docx.plan.no-reason"), by=by, until=until)))
    out.append(Para(msg("docx.placeholder", what=msg("docx.plan.fill-safeguards")), placeholder=True))
    return out
