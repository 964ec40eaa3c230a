"""One unit's summary: its occurrences in a year with status, counts and findings.

This is what ``ideo status --format json`` writes and what ``ideo rollup``
accepts in place of a unit's files, so a unit can report upward without
handing over its evidence.  The shape is versioned (``ideo_status``) and
documented in ``ideo_cli/rollup/SUMMARY-FORMAT.md``.  Everything in it is
data: no translated text, no evidence contents.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ideo_cli import __version__
from ideo_cli.ledger.status import STATUSES
from ideo_cli.workspace.tree import unit_record  # noqa: F401 - the summary's unit record
from ideo_cli.year.ledgers import ledgers_beside

SUMMARY_VERSION = 2  # 2: done_on, evidence_files, days_late, record, rule and nominal_due per occurrence; rectifications; findings always


class SummaryError(Exception):
    """A summary that cannot be used; ``message`` is a catalogue Message, located at file:line:col."""

    def __init__(self, file: str, message, line: int = 1, col: int = 1):
        super().__init__(message.id)
        self.file, self.message, self.line, self.col = file, message, line, col


def ledger_files(plan_path: Path, year: int) -> list[Path]:
    """Ledgers beside a plan (the unit year also reads any that name it elsewhere)."""
    return ledgers_beside(plan_path)


def requirements(loaded) -> list[dict]:
    """What this unit requires of its subordinates (``下级事项``)."""
    titles = {ob.id: ob.title for ob in loaded.plan.obligations}
    return [
        {"id": r.id, "title": r.title, "kind": r.kind, "applies_to": list(r.applies_to), "recurrence": r.recurrence,
         "feeds": r.feeds, "feeds_title": titles.get(r.feeds or "", "")}
        for r in loaded.plan.subordinate_obligations
    ]


def occurrence_record(occ) -> dict:
    """One occurrence of the unit year, as data: the same facts every command shows."""
    return {
        "obligation": occ.obligation,
        "period": occ.period,
        "title": occ.title,
        "kind": occ.kind,
        "rule": occ.rule or "",
        "start": occ.start.isoformat(),
        "due": occ.due.isoformat(),
        "nominal_due": occ.nominal_due.isoformat(),
        "provisional": bool(occ.provisional),
        "status": occ.status,
        "owners": [p.name or p.id for p in occ.owners],
        "evidence": list(occ.evidence),
        "evidence_files": list(occ.evidence_files),
        "done_on": occ.done_on.isoformat() if occ.done_on else None,
        "days_late": occ.days_late,
        "record": {"file": occ.record_at[0], "line": occ.record_at[1]} if occ.record_at else None,
    }


def rectification_record(item) -> dict:
    return {
        "id": item.id, "problem": item.problem, "owner": item.owner,
        "deadline": item.deadline.isoformat() if item.deadline else None, "ongoing": item.ongoing,
        "completed_on": item.completed_on.isoformat() if item.completed_on else None, "status": item.status,
    }


def counts(occurrences: list[dict]) -> dict[str, int]:
    out = {code: 0 for code in STATUSES}
    for occ in occurrences:
        out[occ["status"]] = out.get(occ["status"], 0) + 1
    return out


def finding_record(d) -> dict:
    cite = d.citation
    return {"code": d.code, "name": d.name, "severity": d.severity.value, "file": d.file, "line": d.line, "col": d.col, "path": d.path,
            "citation": {"document": cite.document, "section": cite.section, "quote": cite.quote} if cite else None}


def summary_of(unit_year) -> dict:
    """The unit year, serialised: what ``ideo status`` writes and ``ideo rollup`` reads."""
    occs = [occurrence_record(o) for o in unit_year.occurrences]
    return {
        "ideo_status": SUMMARY_VERSION,
        "generator": f"ideo {__version__}",
        "year": unit_year.year,
        "as_of": unit_year.as_of.isoformat(),
        "unit": unit_record(unit_year.plan),
        "requires": requirements(unit_year.plan),
        "occurrences": occs,
        "rectifications": [rectification_record(r) for r in unit_year.rectifications],
        "counts": counts(occs),
        "findings": [finding_record(d) for d in unit_year.findings],
    }


# ---- reading summaries -------------------------------------------------------

_REQUIRED_UNIT = ("id", "name", "type")


def validate_summary(data, file: str, year: int) -> dict:
    from ideo_cli.i18n import msg

    if not isinstance(data, dict):
        raise SummaryError(file, msg("rollup.summary-not-object"))
    version = data.get("ideo_status")
    if version != SUMMARY_VERSION:
        raise SummaryError(file, msg("rollup.summary-version", found=str(version) if version is not None else None, supported=SUMMARY_VERSION))
    if data.get("year") != year:
        raise SummaryError(file, msg("rollup.summary-year", found=str(data.get("year")), year=year))
    unit = data.get("unit")
    if not isinstance(unit, dict) or any(not isinstance(unit.get(k), str) or not unit.get(k) for k in _REQUIRED_UNIT):
        raise SummaryError(file, msg("rollup.summary-field", field="unit.id/name/type"))
    occs = data.get("occurrences")
    if not isinstance(occs, list):
        raise SummaryError(file, msg("rollup.summary-field", field="occurrences"))
    for i, occ in enumerate(occs):
        if not isinstance(occ, dict) or occ.get("status") not in STATUSES or not isinstance(occ.get("due"), str) or not isinstance(occ.get("kind"), str):
            raise SummaryError(file, msg("rollup.summary-field", field=f"occurrences[{i}]"))
        try:
            dt.date.fromisoformat(occ["due"])
        except ValueError:
            raise SummaryError(file, msg("rollup.summary-field", field=f"occurrences[{i}].due")) from None
    unit["file"] = file  # where this unit is read from: locations and evidence links are relative to it
    unit.setdefault("superior_id", None)
    data.setdefault("requires", [])
    return data


@dataclass
class SummaryFile:
    path: Path
    shown: str


def read_bytes(path: Path) -> bytes | OSError:
    try:
        return path.read_bytes()
    except OSError as exc:
        return exc


def read_summaries(path: Path, shown: str, year: int, raw: bytes | OSError | None = None) -> list[dict]:
    """A ``.status.json`` holds one summary or a list of them (``raw``: its bytes, if already read)."""
    import json

    from ideo_cli.i18n import msg

    raw = read_bytes(path) if raw is None else raw
    if isinstance(raw, OSError):
        raise SummaryError(shown, msg("rollup.summary-unreadable", reason=raw.strerror or str(raw)))
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise SummaryError(shown, msg("rollup.summary-not-json", reason="UTF-8")) from None
    except json.JSONDecodeError as exc:
        raise SummaryError(shown, msg("rollup.summary-not-json", reason=exc.msg), exc.lineno, exc.colno) from None
    items = data if isinstance(data, list) else [data]
    return [validate_summary(item, shown, year) for item in items]


# ---- compact form for large roll-ups ----------------------------------------

class CompactOccurrence:
    """What the roll-up reads of an occurrence, in ~120 bytes instead of a dict's ~700.

    Strings repeat across units made from the same templates (titles, kinds,
    periods, dates), so they are interned: 10⁵ units stay well under 2 GB.
    """

    __slots__ = ("kind", "status", "due", "title", "period", "owners", "done_on")

    def __init__(self, occ: dict):
        from sys import intern

        self.kind = intern(occ["kind"])
        self.status = intern(occ["status"])
        self.due = intern(occ["due"])
        self.title = intern(occ.get("title") or "")
        self.period = intern(occ.get("period") or "")
        self.owners = tuple(intern(o) for o in occ.get("owners") or ())
        self.done_on = occ.get("done_on")

    def __getitem__(self, key: str):
        return getattr(self, key)

    def get(self, key: str, default=None):
        return getattr(self, key, default)


def compact(summary: dict) -> dict:
    return {"ideo_status": summary["ideo_status"], "year": summary["year"], "unit": summary["unit"], "requires": summary.get("requires") or [],
            "counts": summary.get("counts") or {}, "occurrences": [CompactOccurrence(o) for o in summary["occurrences"]]}
