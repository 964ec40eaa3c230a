"""Observations built from what exists today: the plan's schedule and ``ideo check``.

No ledger is read here: every occurrence's status is ``None`` and the engine
derives it from the dates (past due = overdue).  When the ledger is merged,
the lead replaces :func:`observations_from_schedule`'s occurrence statuses by
``annotate(occurrences, ledgers, today)`` and fills events, accountability and
manual scores from the ledger records — one adapter, the engine unchanged.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ideo_cli.scoring.observe import Observations

PLAN_NAMES = ("计划.yaml", "计划.yml", "plan.yaml", "plan.yml")


def plan_files(paths: list[Path]) -> list[tuple[Path, str]]:
    """Plan files among ``paths``: files given by name, and every 计划.yaml/plan.yaml below a folder."""
    from ideo_cli.app.inputs import discover

    found = []
    for path in paths:
        for file, shown in discover([path]):
            if not path.is_dir() or file.name in PLAN_NAMES:
                found.append((file, shown))
    return found


def observations_from_schedule(files: list[tuple[Path, str]], year: int, as_of: dt.date) -> list[Observations]:
    """One Observations per plan; raises ``ScheduleError`` for plans that cannot be read."""
    from ideo_cli.app.check import CheckOptions, check_files
    from ideo_cli.app.schedule import ScheduleOptions, build_schedule
    from ideo_cli.schedule.expand import DateRange

    from ideo_cli.app.todo import settle_identities

    schedule = build_schedule(ScheduleOptions(files=files, span=DateRange.year(year), today=as_of))
    settle_identities(schedule)  # the uids a scorecard cites are the calendar's (and `ideo todo`'s)
    results, _ = check_files(files, CheckOptions(paths=[f for f, _ in files], today=as_of))
    findings = {r.file: r.diagnostics for r in results}
    out = []
    by_file = {shown: path for path, shown in files}
    for loaded in schedule.plans:
        org = loaded.plan.organisation
        path = by_file.get(loaded.file)
        ledgers = schedule.ledgers.get(Path(path).resolve(), []) if path is not None else []
        facts = ledger_facts(loaded, ledgers, year)
        occurrences = [o for o in schedule.occurrences if o.plan == loaded.plan_id]
        for occ in occurrences:  # the record that settled it, as a deduction cites it
            occ.record = facts["records"].get(id(occ.record), occ.record) if occ.record is not None else None
        out.append(Observations(
            unit=loaded.plan_id, unit_name=org.short_name or org.name, year=year, as_of=as_of,
            occurrences=occurrences, findings=list(findings.get(loaded.file, [])), plan_file=loaded.file, org_type=org.type,
            events=facts["events"], accountability=facts["accountability"], manual_scores=facts["manual_scores"],
        ))
    return out


def ledger_facts(loaded_plan, ledgers, year: int) -> dict:
    """What the engine needs from a unit's ledgers: where each record is written,
    its events, its accountability records and its 评分 records (as the engine's small facts)."""
    from ideo_cli.formats.ledger.model import day_of
    from ideo_cli.scoring.observe import AccountabilityFact, EventFact, ManualScore, RecordRef

    kinds = {e.id: e.kind for e in loaded_plan.plan.events}
    records: dict[int, RecordRef] = {}
    events: list[EventFact] = []
    accountability: list[AccountabilityFact] = []
    manual_scores: list[ManualScore] = []
    for ledger in ledgers:
        if ledger.ledger.year != year:
            continue

        def where(section: str, index: int) -> str:
            return f"{ledger.file}:{ledger.doc.locate((section, index)).line}"

        for index, record in enumerate(ledger.ledger.records):
            evidence = tuple(e.file or (f"{e.type}（纸质：{e.paper}）" if e.paper else e.type) for e in record.evidence)
            records[id(record)] = RecordRef(where("records", index), evidence)
        for index, event in enumerate(ledger.ledger.events):
            on = day_of(event.found or event.held or event.published or event.approved)
            events.append(EventFact(event=event.event, kind=kinds.get(event.event, ""), on=on, conclusion=event.conclusion, where=where("events", index)))
        for index, item in enumerate(ledger.ledger.accountability):
            accountability.append(AccountabilityFact(person=item.subject, form=item.form, decided_on=item.decided, where=where("accountability", index)))
        for index, score in enumerate(ledger.ledger.scores):
            # located at the record's line in the ledger, so a score given twice or out of range points there
            at = ledger.doc.locate(("scores", index))
            manual_scores.append(ManualScore(
                item=score.item, score=score.score, role=SCORE_ROLES[score.role], by=score.by or "", on=score.on,
                file=ledger.file, line=at.line, col=at.col,
            ))
    return {"records": records, "events": events, "accountability": accountability, "manual_scores": manual_scores}


# the ledger's 评分方 (自评 / 考核组) → the engine's role codes
SCORE_ROLES = {"自评": "self", "考核组": "assessor"}
