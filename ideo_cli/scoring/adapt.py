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


def observations_from_schedule(files: list[tuple[Path, str]], year: int, as_of: dt.date, lang: str) -> list[Observations]:
    """One Observations per plan; raises ``ScheduleError`` for plans that cannot be read."""
    from ideo_cli.app.check import CheckOptions, check_files
    from ideo_cli.app.schedule import ScheduleOptions, build_schedule
    from ideo_cli.schedule.expand import DateRange

    schedule = build_schedule(ScheduleOptions(files=files, span=DateRange.year(year), lang=lang))
    results, _ = check_files(files, CheckOptions(paths=[f for f, _ in files], lang=lang, today=as_of))
    findings = {r.file: r.diagnostics for r in results}
    out = []
    for loaded in schedule.plans:
        org = loaded.plan.organisation
        out.append(Observations(
            unit=loaded.plan_id, unit_name=org.short_name or org.name, year=year, as_of=as_of,
            occurrences=[o for o in schedule.occurrences if o.plan == loaded.plan_id],
            findings=list(findings.get(loaded.file, [])), plan_file=loaded.file,
        ))
    return out
