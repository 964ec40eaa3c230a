"""Observations from unit years: what the scoring engine sees of each unit.

The unit year (``ideo_cli/year``) has already matched the records, derived the
statuses and located every event, accountability and 评分 record; this module
only changes their shape into the engine's small facts.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ideo_cli.formats.ledger.model import day_of
from ideo_cli.schedule.expand import DateRange
from ideo_cli.scoring.observe import AccountabilityFact, EventFact, ManualScore, Observations
from ideo_cli.documents import LoadError, load_yaml_file
from ideo_cli.documents.kinds import detect
from ideo_cli.workspace.discover import discover, discover_workspace
from ideo_cli.year import UnitYear, YearError, YearOptions, compute_years
from ideo_cli.year.rectification_rows import rows_for_span

PLAN_NAMES = ("计划.yaml", "计划.yml", "plan.yaml", "plan.yml")

# the ledger's 评分方 (自评 / 考核组) → the engine's role codes
SCORE_ROLES = {"自评": "self", "考核组": "assessor"}


class ScoringInputError(Exception):
    """Plans or ledgers that cannot be read (located FileResults), or a plain Message."""

    def __init__(self, results: list, message=None):
        super().__init__("scoring input")
        self.results = results
        self.message = message


def plan_files(paths: list[Path]) -> list[tuple[Path, str]]:
    """Plan files among ``paths``: files given by name, and every plan below a folder,
    whatever its name (``卫生院党支部计划.yaml``), outside ledger and evidence folders."""
    found = []
    for path in paths:
        if not path.is_dir():
            found.append((path, discover([path])[0][1]))
            continue
        for file, shown in discover_workspace([path]).plans:
            if file.name in PLAN_NAMES or _says_plan(file):
                found.append((file, shown))
    return found


def _says_plan(path: Path) -> bool:
    try:
        return detect(load_yaml_file(path, convert=False)) == "plan"
    except LoadError:
        return False


def observations_from_schedule(files: list[tuple[Path, str]], year: int, as_of: dt.date, calendars: list[Path] = ()) -> list[Observations]:
    """One Observations per plan; raises ``ScoringInputError`` for what cannot be read."""
    try:
        result = compute_years(YearOptions(plans=files, as_of=as_of, span=DateRange.year(year), calendars=list(calendars), findings=True))
    except YearError as exc:
        raise ScoringInputError([], exc.message) from None
    broken = list(result.broken) + [r for unit in result.units for r in unit.broken_ledgers]
    if broken:
        raise ScoringInputError(sorted(broken, key=lambda r: r.file))
    return [observations(unit, year) for unit in result.units]


def observations(unit: UnitYear, year: int) -> Observations:
    org = unit.plan.plan.organisation
    kinds = {e.id: e.kind for e in unit.plan.plan.events}
    events = []
    for entry in unit.events:
        event = entry.record
        on = day_of(event.found or event.held or event.published or event.approved)
        events.append(EventFact(event=event.event, kind=kinds.get(event.event, ""), on=on, conclusion=event.conclusion, where=entry.where))
    accountability = [AccountabilityFact(person=e.record.subject, form=e.record.form, decided_on=e.record.decided, where=e.where) for e in unit.accountability]
    manual_scores = [
        ManualScore(item=e.record.item, score=e.record.score, role=SCORE_ROLES[e.record.role], by=e.record.by or "", on=e.record.on, file=e.file, line=e.line, col=e.col)
        for e in unit.scores
    ]
    return Observations(
        unit=unit.id, unit_name=org.short_name or org.name, year=year, as_of=unit.as_of,
        occurrences=list(unit.occurrences), findings=list(unit.findings), plan_file=unit.file, org_type=org.type,
        events=events, accountability=accountability, manual_scores=manual_scores, rectifications=rows_for_span(unit.rectification_rows, DateRange.year(year), unit.as_of),
    )
