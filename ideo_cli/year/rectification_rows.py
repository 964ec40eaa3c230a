"""整改 items as rows of the to-do list: the same state the 台账 and status show.

A rectification is not a recurring obligation, so the schedule does not expand
it; but an office's to-do list must carry it until it is done (003 篇九: each
problem has an owner and a 整改时限).  Each item with a deadline becomes one
:class:`Occurrence` of kind ``整改`` whose status, completion date and days late
are the item's derived state (``ledger/rectify.py``), never computed again.
"""
from __future__ import annotations

import datetime as dt

from ideo_cli.formats.plan.load import LoadedPlan
from ideo_cli.i18n import msg
from ideo_cli.ledger import status
from ideo_cli.ledger.rectify import Rectification
from ideo_cli.schedule.expand import DateRange
from ideo_cli.schedule.identity import uid_namespace
from ideo_cli.schedule.occurrence import RECTIFICATION_KIND, Occurrence, Person

RECTIFICATION_RULE = "IDEO716"  # the rule such a row serves: the item is completed by its deadline


def rectification_rows(loaded: LoadedPlan, items: tuple[Rectification, ...], rules) -> tuple[Occurrence, ...]:
    """One to-do row per item that has a deadline (a 长期坚持 item without one has no date)."""
    plan = loaded.plan
    org = plan.organisation
    people = {p.id: Person(p.id, p.name, p.post) for p in plan.people}
    by_id = {r.id: r for r in plan.rectifications}
    rule = rules.get(RECTIFICATION_RULE)
    citation = rule.cite_for(org.type) if rule is not None else None
    namespace = uid_namespace(org.name, org.superior)
    reminders = sorted(set(plan.defaults.reminders), reverse=True)
    out = []
    for item in items:
        if item.deadline is None:
            continue
        written = by_id.get(item.id)
        owner_ids = ([written.owner] if written is not None and written.owner else []) + list(getattr(written, "co_owners", None) or [])
        out.append(Occurrence(
            plan=loaded.plan_id, plan_name=org.short_name or org.name, plan_file=loaded.file,
            obligation=item.id, period=str(item.deadline.year), title=item.problem or item.id, kind=RECTIFICATION_KIND,
            owners=[people[o] for o in owner_ids if o in people],
            start=dt.date(item.deadline.year, 1, 1), due=item.deadline, nominal_due=item.deadline,
            evidence=[], rule=rule.code if rule is not None else "", citation=citation,
            calendar_source=msg("todo.rectification-deadline"),
            status=item.status, record=item.record, done_on=item.completed_on, days_late=item.days_late, record_at=item.record_at,
            namespace=namespace,
            reminders=reminders,  # the plan's default 提醒: an office is reminded of a 整改 deadline as of any other
        ))
    return tuple(out)


def rows_for_span(rows: tuple[Occurrence, ...], span: DateRange, as_of: dt.date) -> list[Occurrence]:
    """The rows a to-do list for ``span`` shows: deadlines inside it, and items still
    open whose deadline came before it (an overdue 整改 stays on the list until done)."""
    shown = []
    for row in rows:
        carried = row.status == status.OVERDUE and row.due < span.first <= as_of
        if span.first <= row.due <= span.last or carried:
            shown.append(row)
    return shown
