"""半年专题汇报 (draft): to the superior named in the plan, for one half year.

主要工作 counts what the ledger holds (done items with their dates, events and
their handling); 存在问题 lists what the same facts show (late, missing
evidence, overdue, open rectifications); 下步打算 is the next half's schedule.
What only a person can write is a marked 【待填写：…】, never invented.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ideo_cli.i18n import msg
from ideo_cli.ledger import status as st
from ideo_cli.render.docx.blocks import Addressee, Heading, Para, Signature, Title
from ideo_cli.render.docx.words import full_date, half_name, month_day, owner_names, person, verb

ACHIEVED = (st.DONE, st.DONE_LATE, st.EVIDENCE_MISSING)


@dataclass(frozen=True)
class OccurrenceFact:
    """One occurrence as the unit year states it."""

    obligation: str
    period: str
    title: str
    kind: str  # O1 … O13
    owners: tuple  # Person-like (name, post)
    due: dt.date
    provisional: bool
    status: str | None
    done_on: dt.date | None = None
    days_late: int | None = None
    evidence_expected: tuple[str, ...] = ()  # the plan's 留痕
    evidence_recorded: tuple[str, ...] = ()  # the evidence types the record names


@dataclass(frozen=True)
class EventFact:
    kind: str
    title: str
    on: dt.date | None
    handling: str | None
    conclusion: str | None


@dataclass(frozen=True)
class AccountabilityFact:
    subject: str
    form: str  # 提醒、批评教育 … 组织处理、纪律处分
    decided: dt.date


@dataclass(frozen=True)
class RectificationFact:
    problem: str
    owner: object  # Person-like or str
    deadline: dt.date | None
    ongoing: bool
    completed_on: dt.date | None
    status: str = ""  # the unit year's state (ledger/rectify.py): overdue is said as such
    days_late: int | None = None


@dataclass(frozen=True)
class ReportFacts:
    org_name: str
    unit: str  # short name
    superior: str
    year: int
    half: int  # 1 or 2
    as_of: dt.date
    occurrences: tuple[OccurrenceFact, ...]  # due or done in the half
    upcoming: tuple[OccurrenceFact, ...]  # the next half's schedule
    events: tuple[EventFact, ...] = ()  # in the half
    accountability: tuple[AccountabilityFact, ...] = ()  # decided in the half
    rectifications: tuple[RectificationFact, ...] = ()


def blocks(facts: ReportFacts) -> list:
    half = half_name(facts.half)
    out: list = [
        Title(msg("docx.report.title", org=facts.org_name, year=facts.year, half=half)),
        Addressee(facts.superior),
        Para(msg("docx.report.opening", unit=facts.unit, year=facts.year, half=half)),
        Heading(1, msg("docx.report.h-work")),
    ]
    out += _work(facts, half)
    out.append(Heading(1, msg("docx.report.h-problems")))
    out += _problems(facts)
    out.append(Heading(1, msg("docx.report.h-next")))
    out += _next(facts)
    out.append(Para(msg("docx.report.closing")))
    out.append(Signature(facts.org_name, full_date(facts.as_of)))
    return out


def _work(facts: ReportFacts, half) -> list:
    done: dict[str, list[OccurrenceFact]] = {}
    for occ in facts.occurrences:
        if occ.status in ACHIEVED and occ.done_on is not None:
            done.setdefault(occ.title, []).append(occ)
    out: list = []
    for title, occs in done.items():
        dates = [month_day(o.done_on) for o in sorted(occs, key=lambda o: o.done_on)]
        out.append(Para(msg("docx.report.done-line", half=half, verb=verb(occs[0].kind), title=title, n=len(occs), dates=dates)))
    if not done:
        out.append(Para(msg("docx.report.nothing-done", half=half)))
    for ev in facts.events:
        when = month_day(ev.on) if ev.on else msg("docx.report.undated")
        handling = msg("docx.report.event-handling", handling=ev.handling) if ev.handling else msg("docx.placeholder", what=msg("docx.report.fill-handling"))
        out.append(Para(msg("docx.report.event-line", kind=ev.kind, title=ev.title, date=when, handling=handling)))
    for item in facts.accountability:
        out.append(Para(msg("docx.report.accountability-line", subject=item.subject, form=item.form, date=month_day(item.decided))))
    out.append(Para(msg("docx.placeholder", what=msg("docx.report.fill-work")), placeholder=True))
    return out


def _problems(facts: ReportFacts) -> list:
    lines = []
    for occ in facts.occurrences:
        if occ.status == st.DONE_LATE and occ.done_on is not None:
            lines.append(msg("docx.report.late-line", title=occ.title, due=month_day(occ.due), done=month_day(occ.done_on), days=occ.days_late or (occ.done_on - occ.due).days))
        elif occ.status == st.EVIDENCE_MISSING:
            missing = [e for e in occ.evidence_expected if e not in occ.evidence_recorded]
            lines.append(msg("docx.report.evidence-line", title=occ.title, missing=missing) if missing else msg("docx.report.evidence-unmatched-line", title=occ.title))
        elif occ.status == st.OVERDUE:
            lines.append(msg("docx.report.overdue-line", title=occ.title, due=month_day(occ.due), as_of=month_day(facts.as_of)))
    for ev in facts.events:
        if ev.conclusion:
            lines.append(msg("docx.report.event-conclusion-line", title=ev.title, conclusion=ev.conclusion))
    for r in facts.rectifications:
        if r.status == st.OVERDUE and r.deadline is not None:
            owner = person(r.owner) if hasattr(r.owner, "name") else r.owner
            lines.append(msg("docx.report.rectification-overdue-line", problem=r.problem, owner=owner, date=full_date(r.deadline), days=r.days_late))
        elif r.completed_on is None:
            when = msg("docx.report.ongoing") if r.ongoing else (msg("docx.report.deadline", date=full_date(r.deadline)) if r.deadline else msg("docx.report.no-deadline"))
            owner = person(r.owner) if hasattr(r.owner, "name") else r.owner
            lines.append(msg("docx.report.rectification-line", problem=r.problem, owner=owner, when=when))
    out = [Para(line) for line in lines]
    if not lines:
        out.append(Para(msg("docx.report.no-problems")))
    out.append(Para(msg("docx.placeholder", what=msg("docx.report.fill-problems")), placeholder=True))
    return out


def _next(facts: ReportFacts) -> list:
    out: list = []
    for occ in sorted(facts.upcoming, key=lambda o: (o.due, o.title)):
        day = month_day(occ.due, occ.provisional) if occ.due.year == facts.year else full_date(occ.due, occ.provisional)  # next year's: with its year
        out.append(Para(msg("docx.report.next-line", title=occ.title, date=day, owners=[p.name for p in occ.owners])))
    if not facts.upcoming:
        out.append(Para(msg("docx.report.nothing-next")))
    out.append(Para(msg("docx.placeholder", what=msg("docx.report.fill-next")), placeholder=True))
    return out
