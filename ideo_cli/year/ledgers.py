"""Which ledgers are a unit's: found beside its plan or named, and assigned by
what each ledger says of itself.

A ledger says whose it is (``单位``, and ``计划`` when the plan is not the unit
folder's default).  One that cannot be read, or that names another unit or a
plan that does not exist, is never dropped: the unit beside which it sits gets
a located finding (the ledger rules report the second kind; see
``rules/checks/ledger.py`` ``ledger_plan``).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ideo_cli.diagnostics import FileResult
from ideo_cli.documents import LoadError
from ideo_cli.ledger.load import DEFAULT_PLAN, LoadedLedger, load_ledger
from ideo_cli.workspace.discover import shown_name

LEDGER_FOLDERS = ("台账", "ledger", "ledgers")


def display_path(path: Path) -> str:
    """A ledger is named as every command names a file (``workspace/discover.py``)."""
    return shown_name(path)


def ledgers_beside(plan_path: Path) -> list[Path]:
    """Every ``*.yaml`` in the plan's ``台账/`` (or ``ledger/``) folder, sorted.

    Not only those that say they are ledgers: a 台账 saved as GBK cannot say
    anything, and must be reported, not skipped."""
    out: list[Path] = []
    for name in LEDGER_FOLDERS:
        folder = plan_path.parent / name
        try:
            entries = sorted(folder.iterdir()) if folder.is_dir() else []
        except OSError:
            continue
        out.extend(p for p in entries if p.suffix in (".yaml", ".yml") and not p.name.startswith(".") and p.is_file())
    return out


@dataclass
class Assigned:
    """Ledgers by plan (resolved path), and what could not be used."""

    by_plan: dict[Path, list[LoadedLedger]] = field(default_factory=dict)
    broken: dict[Path, list[FileResult]] = field(default_factory=dict)  # by the plan beside which the file sits
    orphans: list[LoadedLedger] = field(default_factory=list)  # no plan among those read claims them


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return Path(os.path.abspath(path))


def plan_of(loaded: LoadedLedger, plans_by_folder: dict[Path, list[tuple[Path, str]]]) -> Path:
    """The plan a ledger belongs to, as it says: its ``计划:`` path; else the one
    plan in the folder above its ledger folder (the plan whose id is the
    ledger's ``单位`` when there are several); else that folder's ``计划.yaml``."""
    if loaded.ledger.plan:
        return _resolve(Path(os.path.normpath(loaded.path.parent / loaded.ledger.plan)))
    folder = _resolve(loaded.path.parent.parent)
    candidates = plans_by_folder.get(folder, [])
    if len(candidates) == 1:
        return candidates[0][0]
    for plan_key, plan_id in candidates:
        if plan_id == loaded.ledger.unit:
            return plan_key
    return folder / DEFAULT_PLAN


def assign(plans: list[tuple[Path, str]], extra: list[tuple[Path, str]], read_before: dict | None = None) -> Assigned:
    """``plans``: (path, plan id) of every plan read; ``extra``: ledgers named or walked;
    ``read_before``: files this run has read already, by resolved path (a ledger is not parsed twice)."""
    read_before = read_before or {}
    wanted: dict[Path, tuple[Path, Path | None]] = {}  # ledger (resolved) → (path as given, plan it sits beside)
    for plan_path, _ in plans:
        for path in ledgers_beside(plan_path):
            wanted.setdefault(_resolve(path), (path, _resolve(plan_path)))
    for path, _shown in extra:
        wanted.setdefault(_resolve(path), (path, None))
    plans_by_folder: dict[Path, list[tuple[Path, str]]] = {}
    for plan_path, plan_id in plans:
        key = _resolve(plan_path)
        plans_by_folder.setdefault(key.parent, []).append((key, plan_id))
    known = {_resolve(p) for p, _ in plans}
    out = Assigned()
    for key, (path, beside) in sorted(wanted.items()):
        shown = display_path(path)
        read = read_before.get(key)
        try:
            loaded = read if isinstance(read, LoadedLedger) and read.file == shown else load_ledger(path, shown)
        except LoadError as exc:
            owner = beside or _owner_by_folder(path, plans_by_folder)
            out.broken.setdefault(owner, []).append(FileResult(file=shown, diagnostics=list(exc.diagnostics), source=exc.source))
            continue
        target = plan_of(loaded, plans_by_folder)
        if target in known:
            out.by_plan.setdefault(target, []).append(loaded)
        elif beside is not None:
            out.by_plan.setdefault(beside, []).append(loaded)  # claims a plan not read: the ledger rules say so, located
        else:
            out.orphans.append(loaded)
    return out


def _owner_by_folder(path: Path, plans_by_folder: dict[Path, list[tuple[Path, str]]]) -> Path:
    """An unreadable ledger named on its own: the plan in the folder above its ledger folder."""
    candidates = plans_by_folder.get(_resolve(path).parent.parent, [])
    return candidates[0][0] if candidates else _resolve(path)
