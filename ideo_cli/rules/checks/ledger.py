"""IDEO7xx: the ledger (台账) against its plan, the documents' 留痕 and procedures.

Each function receives a :class:`ideo_cli.rules.ledger_context.LedgerContext`.  The
plan engine also calls every active rule with a plan context; ledger rules
have nothing to say about a plan alone, so they return at once there.
"""
from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
import sys

from ideo_cli.formats.ledger.model import day_of as ledger_day_of
from ideo_cli.i18n import Message, msg
from ideo_cli.ledger import status as ledger_status
from ideo_cli.ledger.evidence import file_problem
from ideo_cli.ledger.rectify import rectification_states
from ideo_cli.rules.checks.waivers import waived_obligations
from ideo_cli.rules.registry import check, optional


def day_of(value):
    # imported here: a plan's check never needs the ledger model (start-up, issue 6)

    return ledger_day_of(value)


def _ledger_ctx(ctx) -> bool:
    # A LedgerContext exists only once ideo_cli.rules.ledger_context is imported; a plan's
    # check never imports it, so it need not be imported just to say "no".
    module = sys.modules.get("ideo_cli.rules.ledger_context")
    return module is not None and isinstance(ctx, module.LedgerContext)


def _with_unit(ctx) -> bool:
    return _ledger_ctx(ctx) and ctx.unit is not None


def _guess(value: str, known) -> Message | None:
    found = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.5)
    return msg("ledger.did-you-mean", guess=found[0]) if found else None


@check("ledger_plan")
def ledger_plan(ctx):
    if not _ledger_ctx(ctx):
        return
    ledger = ctx.ledger.ledger
    if ctx.unit is None:
        ctx.report(("plan",) if ledger.plan else ("unit",), ctx.plan_problem or msg("ledger.plan-missing", unit=ledger.unit))
        return
    if ledger.unit != ctx.unit.id:
        ctx.report(("unit",), msg("ledger.unit-mismatch", unit=ledger.unit, plan=ctx.unit.id, file=ctx.unit.file))


@check("ledger_known_items")
def ledger_known_items(ctx):
    if not _with_unit(ctx):
        return
    plan, ledger = ctx.plan, ctx.ledger.ledger
    obligations = {o.id for o in plan.obligations}
    periods: dict[str, list[str]] = {}
    for occ in ctx.occurrences:
        periods.setdefault(occ.obligation, []).append(occ.period)
    for i, rec in enumerate(ledger.records):
        if rec.obligation not in obligations:
            ctx.report(("records", i, "obligation"), msg("ledger.unknown-obligation", item=rec.obligation), help=_guess(rec.obligation, obligations))
        elif rec.period not in periods.get(rec.obligation, []):
            known = periods.get(rec.obligation, [])
            ctx.report(("records", i, "period"), msg("ledger.unknown-period", period=rec.period, obligation=rec.obligation, year=ledger.year, known=known), help=_guess(rec.period, known))
    events = {e.id for e in plan.events}
    for i, rec in enumerate(ledger.events):
        if rec.event not in events:
            ctx.report(("events", i, "event"), msg("ledger.unknown-event", item=rec.event), help=_guess(rec.event, events))
    items = {r.id for r in plan.rectifications}
    for i, rec in enumerate(ledger.rectifications):
        if rec.rectification not in items:
            ctx.report(("rectifications", i, "rectification"), msg("ledger.unknown-rectification", item=rec.rectification), help=_guess(rec.rectification, items))


@check("ledger_duplicate_record")
def ledger_duplicate_record(ctx):
    if not _ledger_ctx(ctx):
        return
    first: dict[tuple[str, str], int] = {}
    for i, rec in enumerate(ctx.ledger.ledger.records):
        key = (rec.obligation, rec.period)
        if key in first:
            line = ctx.ledger.doc.locate(("records", first[key])).line
            ctx.report(("records", i), msg("ledger.duplicate-record", obligation=rec.obligation, period=rec.period, line=line))
        else:
            first[key] = i


@check("ledger_overdue")
def ledger_overdue(ctx):
    if not _with_unit(ctx):
        return

    recorded = {(r.obligation, r.period) for r in ctx.ledger.ledger.records}
    waived = waived_obligations(ctx.plan, ctx.today)
    where = ("records",) if "records" in ctx.ledger.doc.data else ()
    for occ in ctx.occurrences:
        if occ.due < ctx.today and (occ.obligation, occ.period) not in recorded and occ.obligation not in waived:
            ctx.report(where, msg("ledger.overdue", title=occ.title, period=occ.period, due=occ.due), key=bool(where), help=msg("ledger.overdue-help", obligation=occ.obligation, period=occ.period))


def _missing_evidence(ctx, past_due: bool):
    """Records lacking a type of evidence the plan requires, split at the due date:
    ``past_due`` True gives those whose occurrence's deadline is before ``ctx.today``
    (IDEO714, error), False the others (IDEO704, warning: there is still time)."""
    required = {o.id: list(o.evidence) for o in ctx.plan.obligations}
    for i, rec in enumerate(ctx.ledger.ledger.records):
        occ = ctx.occurrence_by_key.get((rec.obligation, rec.period))
        if (occ is not None and occ.due < ctx.today) != past_due:
            continue
        have = {e.type for e in rec.evidence}
        missing = [kind for kind in required.get(rec.obligation, []) if kind not in have]
        if missing:
            path = ("records", i, "evidence") if rec.evidence else ("records", i)
            if past_due:
                message = msg("ledger.evidence-type-missing-past-due", obligation=rec.obligation, period=rec.period, types=missing, due=occ.due)
            else:
                message = msg("ledger.evidence-type-missing", obligation=rec.obligation, period=rec.period, types=missing)
            ctx.report(path, message, key=bool(rec.evidence))


@check("ledger_evidence_types")
def ledger_evidence_types(ctx):
    if _with_unit(ctx):
        _missing_evidence(ctx, past_due=False)


@check("ledger_evidence_past_due")
def ledger_evidence_past_due(ctx):
    if _with_unit(ctx):
        _missing_evidence(ctx, past_due=True)


_SECTIONS = ("records", "events", "rectifications", "accountability")


@check("ledger_evidence_files")
def ledger_evidence_files(ctx):
    if not _with_unit(ctx):
        return
    folder = ctx.unit.folder
    for section in _SECTIONS:
        for i, rec in enumerate(getattr(ctx.ledger.ledger, section)):
            for j, item in enumerate(rec.evidence):
                if item.file:
                    problem = file_problem(folder, item.file, item.sha256)
                    if problem:
                        target = "sha256" if problem == "mismatch" else "file"
                        ctx.report((section, i, "evidence", j, target), msg(f"ledger.evidence-{problem}", file=item.file, folder=folder.as_posix()))
                elif not item.paper:
                    ctx.report((section, i, "evidence", j), msg("ledger.evidence-nothing", type=item.type))


@check("ledger_time_window")
def ledger_time_window(ctx):
    if not _with_unit(ctx):
        return
    for i, rec in enumerate(ctx.ledger.ledger.records):
        occ = ctx.occurrence_by_key.get((rec.obligation, rec.period))
        if occ is None:
            continue  # IDEO701 reports the unknown key
        day = day_of(rec.time)
        if day > ctx.today:
            continue  # IDEO715 reports a date after the check's
        bounds = period_bounds(rec.period)
        if bounds is None:  # a dated period (rrule, 节假日前): its window is all there is
            if day < occ.start:
                ctx.report(("records", i, "time"), msg("ledger.time-before-window", time=day, start=occ.start, period=rec.period))
                continue
        elif day < min(bounds[0], occ.start):
            # work done early inside its period is work done (issue 17): only a date
            # before the period (and before a window that opens ahead of it) is wrong
            ctx.report(("records", i, "time"), msg("ledger.time-before-period", time=day, start=min(bounds[0], occ.start), period=rec.period))
            continue
        if day > occ.due:
            ctx.report(("records", i, "time"), msg("ledger.time-after-due", time=day, due=occ.due, period=rec.period))


_PERIOD_LABEL = re.compile(r"^(\d{4})(?:H([12])|Q([1-4])|-(\d{2}))?$")


def period_bounds(label: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of a period label (2026, 2026H1, 2026Q3, 2026-05);
    None for a dated period (2026-10-01: rrule and 节假日前 items)."""
    found = _PERIOD_LABEL.match(label)
    if found is None:
        return None
    year, half, quarter, month = found.groups()
    year = int(year)
    if half:
        first, months = 6 * int(half) - 5, 6
    elif quarter:
        first, months = 3 * int(quarter) - 2, 3
    elif month:
        if not 1 <= int(month) <= 12:
            return None
        first, months = int(month), 1
    else:
        first, months = 1, 12
    last = first + months - 1
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


@check("ledger_future_record")
def ledger_future_record(ctx):
    """A record dated after the as-of date attests work that has not happened yet."""
    if not _ledger_ctx(ctx):
        return
    ledger = ctx.ledger.ledger
    for i, rec in enumerate(ledger.records):
        day = day_of(rec.time)
        if day > ctx.today:
            ctx.report(("records", i, "time"), msg("ledger.record-in-future", obligation=rec.obligation, period=rec.period, time=day, today=ctx.today))
    for i, rec in enumerate(ledger.rectifications):
        if rec.completed is not None and rec.completed > ctx.today:
            ctx.report(("rectifications", i, "completed"), msg("ledger.rectification-in-future", item=rec.rectification, completed=rec.completed, today=ctx.today))


def _person_ok(plan, value: str) -> bool:
    return any(value in (p.id, p.name) for p in plan.people)


@check("ledger_people")
def ledger_people(ctx):
    if not _with_unit(ctx):
        return
    plan = ctx.plan
    for i, rec in enumerate(ctx.ledger.ledger.records):
        for field_name in ("chair", "recorder"):
            value = getattr(rec, field_name)
            if value and not _person_ok(plan, value):
                ctx.report(("records", i, field_name), msg("ledger.undeclared-person", name=value), help=_guess(value, [p.name for p in plan.people] + [p.id for p in plan.people]))
        for j, value in enumerate(rec.attendees):
            if not _person_ok(plan, value):
                ctx.report(("records", i, "attendees", j), msg("ledger.undeclared-person", name=value), help=_guess(value, [p.name for p in plan.people] + [p.id for p in plan.people]))
        for j, absence in enumerate(rec.absent):
            if not _person_ok(plan, absence.person):
                ctx.report(("records", i, "absent", j, "person"), msg("ledger.undeclared-person", name=absence.person))


@check("ledger_chair_role", kinds=optional(list), chair_role=optional(str))
def ledger_chair_role(ctx):
    if not _with_unit(ctx):
        return
    kinds = set(ctx.params.get("kinds", ["O1"]))
    role = ctx.params.get("chair_role", "书记")
    plan = ctx.plan
    kind_of = {o.id: o.kind for o in plan.obligations}
    for i, rec in enumerate(ctx.ledger.ledger.records):
        if kind_of.get(rec.obligation) not in kinds:
            continue
        if not rec.chair:
            ctx.report(("records", i), msg("ledger.chair-missing", role=role))
            continue
        person = next((p for p in plan.people if rec.chair in (p.id, p.name)), None)
        if person is not None and role not in person.roles:
            ctx.report(("records", i, "chair"), msg("ledger.chair-role", name=person.name, role=role))


def _events_of_kind(ctx, kinds: set[str]):
    by_id = {e.id: e for e in ctx.plan.events}
    for i, rec in enumerate(ctx.ledger.ledger.events):
        event = by_id.get(rec.event)
        if event is not None and event.kind in kinds:
            yield i, rec, event


@check("ledger_lecture_approval")
def ledger_lecture_approval(ctx):
    if not _with_unit(ctx):
        return
    for i, rec, _event in _events_of_kind(ctx, {"讲座论坛审批"}):
        if rec.approved is None or not rec.approved_by:
            ctx.report(("events", i), msg("ledger.lecture-not-approved", event=rec.event))
        elif rec.held is not None and day_of(rec.held) < day_of(rec.approved):
            ctx.report(("events", i, "held"), msg("ledger.lecture-before-approval", held=day_of(rec.held), approved=day_of(rec.approved)))


@check("ledger_publication_review")
def ledger_publication_review(ctx):
    if not _with_unit(ctx):
        return
    for i, rec, _event in _events_of_kind(ctx, {"信息发布审核"}):
        missing = [label for label, value in (("初审人", rec.first_reviewer), ("审批人", rec.approver)) if not value]
        if missing:
            ctx.report(("events", i), msg("ledger.publication-review-missing", event=rec.event, missing=missing))


@check("ledger_opinion_timing")
def ledger_opinion_timing(ctx):
    if not _with_unit(ctx):
        return
    for i, rec, event in _events_of_kind(ctx, {"重大舆情", "网络舆情应急"}):
        if rec.found is None:
            continue
        if rec.reported is None:
            ctx.report(("events", i), msg("ledger.opinion-not-reported", event=rec.event, found=day_of(rec.found)))
            continue
        allowed = 0 if event.response in ("第一时间", "及时") else (event.days or 0)
        late = (day_of(rec.reported) - day_of(rec.found)).days
        if late > allowed:
            ctx.report(("events", i, "reported"), msg("ledger.opinion-late", found=day_of(rec.found), reported=day_of(rec.reported), response=event.response, days=late))


@check("ledger_rectification_late")
def ledger_rectification_late(ctx):
    if not _with_unit(ctx):
        return
    deadlines = {r.id: r.deadline for r in ctx.plan.rectifications}
    for i, rec in enumerate(ctx.ledger.ledger.rectifications):
        deadline = deadlines.get(rec.rectification)
        if deadline is not None and rec.completed > deadline:
            ctx.report(("rectifications", i, "completed"), msg("ledger.rectification-late", item=rec.rectification, completed=rec.completed, deadline=deadline))


@check("ledger_rectification_overdue")
def ledger_rectification_overdue(ctx):
    """An open 整改 item past its deadline (已逾期), reported in the ledger of its deadline's
    year, from the same states every output shows (``ledger/rectify.py``)."""
    if not _with_unit(ctx) or ctx.ledger.ledger.unit != ctx.unit.id:
        return  # another unit's ledger: IDEO700 says so, and it settles nothing here
    own = [lg for lg in ctx.unit.ledgers if lg.ledger.unit == ctx.unit.id] or [ctx.ledger]
    where = ("rectifications",) if "rectifications" in ctx.ledger.doc.data else ()
    for item in rectification_states(ctx.unit.plan, own, ctx.today):
        if item.status == ledger_status.OVERDUE and item.deadline.year == ctx.ledger.ledger.year:
            ctx.report(where, msg("ledger.rectification-overdue", item=item.id, problem=item.problem or item.id, deadline=item.deadline, today=ctx.today, days=item.days_late),
                       key=bool(where), help=msg("ledger.rectification-overdue-help", item=item.id))


@check("ledger_accountability_filed")
def ledger_accountability_filed(ctx):
    if not _with_unit(ctx):
        return
    for i, rec in enumerate(ctx.ledger.ledger.accountability):
        if rec.filed is None or rec.filed.date is None or not rec.filed.filed_with:
            ctx.report(("accountability", i), msg("ledger.accountability-not-filed", subject=rec.subject, decided=rec.decided))

