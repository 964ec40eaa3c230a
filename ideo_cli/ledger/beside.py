"""Reading the ledgers that belong to a set of plans (for todo, ics and ledger).

A plan's ledgers are ``台账/*.yaml`` in its folder, plus any ledger named on the
command line whose plan is that plan.  A ledger that cannot be read is a
located, fatal problem of its own file.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ideo_cli.diagnostics import FileResult
from ideo_cli.documents import LoadError
from ideo_cli.ledger.load import LoadedLedger, ledger_paths_beside, load_ledger, plan_path_for
from ideo_cli.ledger.match import UnitRecords, waived_obligations


def display_path(path: Path) -> str:
    shown = path.as_posix()
    return shown[2:] if shown.startswith("./") else shown


def read_ledgers(plans: list[tuple[Path, object]], extra: list[Path] = ()) -> tuple[dict[Path, list[LoadedLedger]], list[FileResult]]:
    """{plan path (resolved): its ledgers}, and the ledgers that failed to load."""
    wanted: dict[Path, Path] = {}  # ledger (resolved) → path as given
    for plan_path, _loaded in plans:
        for path in ledger_paths_beside(plan_path):
            wanted.setdefault(path.resolve(), path)
    for path in extra:
        wanted.setdefault(path.resolve(), path)
    by_plan: dict[Path, list[LoadedLedger]] = {}
    failed: list[FileResult] = []
    for _key, path in sorted(wanted.items()):
        try:
            loaded = load_ledger(path, display_path(path))
        except LoadError as exc:
            failed.append(FileResult(file=display_path(path), diagnostics=exc.diagnostics, source=exc.source))
            continue
        by_plan.setdefault(plan_path_for(loaded).resolve(), []).append(loaded)
    return by_plan, failed


def unit_records(plans: list[tuple[Path, object]], by_plan: dict[Path, list[LoadedLedger]], today: dt.date) -> dict[str, UnitRecords]:
    """{plan id: its records}; a ledger naming another unit id is left to `ideo check` (IDEO700)."""
    out: dict[str, UnitRecords] = {}
    for plan_path, loaded in plans:
        ledgers = [lg for lg in by_plan.get(plan_path.resolve(), []) if lg.ledger.unit == loaded.plan_id]
        out[loaded.plan_id] = UnitRecords.build(plan_path.parent, ledgers, waived_obligations(loaded.plan, today))
    return out
