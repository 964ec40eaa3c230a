"""JSON to-do list: a list of occurrences (documented in the README).

Each item: plan, plan_name, plan_file (as every command names it: relative to
the working directory when the file is below it, posix), obligation, period, uid,
title (as written), holiday (the holiday of a 节假日前 item, else null), kind,
owner (list of person ids), owners (id, name, post), start, due, nominal_due
(ISO dates), reminders (days before due), evidence, recipients, rule,
citation (one line, in the output language), provisional (bool), source (the
calendar source for the due date), status (the ledger status code, null when
no ledger was read), done_on (the date of the record that settled it, else
null), evidence_files (that record's evidence files, relative to the unit's
folder), days_late (days after due it was done, or is overdue; else null).
A plan's 整改 item is a row of kind 整改 (year/rectification_rows.py).
"""
from __future__ import annotations

import json

from ideo_cli.i18n import t
from ideo_cli.render.occurrences.columns import citation_text
from ideo_cli.render.occurrences.todo import TodoOptions
from ideo_cli.schedule.occurrence import Occurrence


def record(o: Occurrence, lang: str = "zh") -> dict:
    return {
        "plan": o.plan,
        "plan_name": o.plan_name,
        "plan_file": o.plan_file,
        "obligation": o.obligation,
        "period": o.period,
        "uid": o.uid,
        "title": o.title,
        "holiday": o.holiday,
        "kind": o.kind,
        "owner": [p.id for p in o.owners],
        "owners": [{"id": p.id, "name": p.name, "post": p.post} for p in o.owners],
        "start": o.start.isoformat(),
        "due": o.due.isoformat(),
        "nominal_due": o.nominal_due.isoformat(),
        "reminders": list(o.reminders),
        "evidence": list(o.evidence),
        "recipients": list(o.recipients),
        "rule": o.rule,
        "citation": citation_text(o, lang),
        "provisional": o.provisional,
        "source": t(o.calendar_source, lang),
        "status": o.status,
        "done_on": o.done_on.isoformat() if o.done_on else None,
        "evidence_files": list(o.evidence_files),
        "days_late": o.days_late,
        "moved_from": o.moved_from.isoformat() if o.moved_from else None,
        "crosses_year": o.crosses_year,
    }


def export(occurrences: list[Occurrence], options: TodoOptions) -> bytes:
    return (json.dumps([record(o, options.lang) for o in occurrences], ensure_ascii=False, indent=2) + "\n").encode("utf-8")
