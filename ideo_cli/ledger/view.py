"""The 台账 as an inspector reads it: per kind of work, one row per item.

Language-neutral: cells hold user text (``str``), dates, lists, or Messages
(status labels, consequences); renderers in ``ideo_cli/render/ledger/``
translate.  Every occurrence of the year has a row, recorded or not, so a gap
is visible where it is.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ideo_cli.i18n import msg
from ideo_cli.ledger import status as st
from ideo_cli.ledger.accountability import consequences

COLUMNS = ("no", "time", "place", "chair", "attendees", "content", "form", "owner", "evidence", "status", "note")
SECTIONS = ("meetings", "study", "analysis", "reports", "inspection", "rectification", "events", "accountability")
_KIND_SECTION = {
    "O1": "meetings", "O8": "meetings", "O10": "meetings", "O11": "meetings", "O12": "meetings",
    "O2": "study", "O9": "study", "O3": "analysis",
    "O4": "reports", "O5": "reports", "O6": "reports", "O7": "inspection", "O13": "inspection",
}


@dataclass
class Section:
    code: str  # catalogue: ledger.section.<code>
    rows: list[dict] = field(default_factory=list)


@dataclass
class UnitLedger:
    unit: str  # the organisation's name
    plan_id: str
    year: int
    today: dt.date
    sections: list[Section]
    evidence: list[tuple[str, str | None]] = field(default_factory=list)  # (path relative to unit folder, sha256)
    ledger_files: list[Path] = field(default_factory=list)
    folder: Path | None = None


def _names(plan, ids) -> list[str]:
    out = []
    for value in ids:
        person = next((p for p in plan.people if value in (p.id, p.name)), None)
        out.append(person.name if person else value)
    return out


def _with_detail(text: str, detail) -> object:
    """``text（detail）`` / ``text (detail)`` as the renderer's language writes it."""
    return msg("ledger.view.with-detail", text=text, detail=detail) if detail else text


def _evidence_cell(items) -> list:
    return [_with_detail(e.type, e.file or e.paper) for e in items]


def _when(value) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat() if value else ""


def build_view(unit_year, year: int) -> UnitLedger:
    """The 台账 of a unit year (``ideo_cli/year``) for ``year``, every row from its facts."""
    loaded_plan, occurrences, today, folder = unit_year.plan, unit_year.occurrences, unit_year.as_of, unit_year.folder
    ledgers = [lg for lg in unit_year.ledgers if lg.ledger.year == year and lg.ledger.unit == loaded_plan.plan_id]
    plan = loaded_plan.plan
    sections = {code: Section(code) for code in SECTIONS}
    kinds = {o.id: o for o in plan.obligations}
    evidence: dict[str, str | None] = {}

    def note_evidence(items):
        for e in items:
            if e.file:
                evidence.setdefault(e.file, e.sha256)

    for occ in occurrences:
        if occ.plan != loaded_plan.plan_id or occ.due.year != year:
            continue
        ob = kinds.get(occ.obligation)
        section = sections[_KIND_SECTION.get(ob.kind if ob else "", "meetings")]
        rec = occ.record
        row = {"time": "", "place": "", "chair": "", "attendees": [], "content": occ.title, "form": "", "owner": [p.name for p in occ.owners],
               "evidence": [], "status": msg(f"status.{occ.status}") if occ.status else "", "note": msg("ledger.view.due", period=occ.period, due=occ.due)}
        if rec is not None:
            notes = [msg("ledger.view.due", period=occ.period, due=occ.due)]
            if rec.registered and rec.registered.date:
                notes.append(msg("ledger.view.registered", date=rec.registered.date, by=_names(plan, [rec.registered.by])[0] if rec.registered.by else ""))
            if rec.absent:
                notes.append(msg("ledger.view.absent", who=[_with_detail(n, a.reason) for n, a in zip(_names(plan, [a.person for a in rec.absent]), rec.absent)]))
            if rec.sent_to:
                notes.append(msg("ledger.view.sent", to=list(rec.sent_to), number=rec.doc_number or "", on=rec.sent_on))
            if rec.note:
                notes.append(rec.note)
            row.update(time=_when(rec.time), place=rec.place or "", chair=_names(plan, [rec.chair])[0] if rec.chair else "", attendees=_names(plan, rec.attendees),
                       content=rec.content or occ.title, form=rec.form or "", evidence=_evidence_cell(rec.evidence), note=notes)
            note_evidence(rec.evidence)
        section.rows.append(row)
    events = {e.id: e for e in plan.events}
    for ledger in ledgers:
        for rec in ledger.ledger.events:
            event = events.get(rec.event)
            when = rec.held or rec.published or rec.found or rec.approved
            notes = []
            if rec.found:
                notes.append(msg("ledger.view.found-reported", found=_when(rec.found), reported=_when(rec.reported) if rec.reported else None, to=list(rec.report_to)))
            if rec.approved:
                notes.append(msg("ledger.view.approved", on=_when(rec.approved), by=rec.approved_by or ""))
            if rec.first_reviewer or rec.approver:
                notes.append(msg("ledger.view.reviewed", first=rec.first_reviewer or "", approver=rec.approver or ""))
            if rec.handling:
                notes.append(rec.handling)
            if rec.conclusion:
                notes.append(msg("ledger.view.conclusion", conclusion=rec.conclusion))
            sections["events"].rows.append({"time": _when(when), "place": "", "chair": "", "attendees": [], "content": rec.title or (event.title if event else rec.event) or rec.event,
                                            "form": event.kind if event else "", "owner": _names(plan, event.actors) if event else [], "evidence": _evidence_cell(rec.evidence),
                                            "status": msg("status.done"), "note": notes})
            note_evidence(rec.evidence)
        for rec in ledger.ledger.accountability:
            form = [_with_detail(rec.form, rec.measure)] + ([rec.discipline] if rec.discipline else [])
            notes: list = [msg(f"ledger.consequence.{c.code}", end=c.end) for c in consequences(rec)]
            notes.append(msg("ledger.view.citation-19"))
            if rec.filed and rec.filed.date:
                notes.append(msg("ledger.view.filed", date=rec.filed.date, to=rec.filed.filed_with or ""))
            else:
                notes.append(msg("ledger.view.not-filed"))
            sections["accountability"].rows.append({"time": rec.decided.isoformat(), "place": "", "chair": "", "attendees": [], "content": rec.cause or "", "form": form,
                                                    "owner": [rec.subject], "evidence": _evidence_cell(rec.evidence), "status": msg("status.done"), "note": notes})
            note_evidence(rec.evidence)
    completions = {(lg.file, lg.doc.locate(("rectifications", i)).line): rec for lg in unit_year.ledgers for i, rec in enumerate(lg.ledger.rectifications)}
    for item in unit_year.rectifications:  # every 整改 item of the plan: done, late, or still open
        planned = plan.rectifications[item.index]
        rec = completions.get(item.record_at) if item.record_at else None
        if rec is None and item.completed_on is None and item.deadline is not None and item.deadline.year > year:
            continue  # open and not due this year: another year's 台账
        notes = [msg("ledger.view.deadline", deadline=item.deadline)] if item.deadline else []
        if rec is not None:
            notes += [msg("ledger.view.followup", date=f.date, finding=f.finding or "") for f in rec.followups]
            note_evidence(rec.evidence)
        sections["rectification"].rows.append({"time": item.completed_on.isoformat() if item.completed_on else "", "place": "", "chair": "", "attendees": [],
                                               "content": item.problem or item.id, "form": list(planned.measures), "owner": _names(plan, [planned.owner]) if planned.owner else [],
                                               "evidence": _evidence_cell(rec.evidence) if rec is not None else [], "status": msg(f"status.{item.status}"), "note": notes})
    for section in sections.values():
        if section.code in ("events", "rectification", "accountability"):
            section.rows.sort(key=lambda r: r["time"])  # obligation rows stay in deadline order
        for i, row in enumerate(section.rows, 1):
            row["no"] = i
    return UnitLedger(unit=plan.organisation.short_name or plan.organisation.name, plan_id=loaded_plan.plan_id, year=year, today=today,
                      sections=[s for s in sections.values() if s.rows], evidence=sorted(evidence.items()),
                      ledger_files=sorted(lg.path for lg in ledgers), folder=folder)

