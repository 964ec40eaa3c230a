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
from ideo_cli.documents.read import os_error_diagnostic
from ideo_cli.formats.summary.read import MAX_BYTES, parse, wrong_year
from ideo_cli.fsutil import read_regular
from ideo_cli.ledger.status import STATUSES
from ideo_cli.workspace.tree import unit_record  # noqa: F401 - the summary's unit record
from ideo_cli.year.ledgers import ledgers_beside

SUMMARY_VERSION = 2  # 2: done_on, evidence_files, days_late, record, rule and nominal_due per occurrence; rectifications; findings always


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
        "days_late": item.days_late, "record": {"file": item.record_at[0], "line": item.record_at[1]} if item.record_at else None,
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
# The format is a file kind (``ideo_cli/formats/summary``): its model validates,
# its reader locates.  A file that fails is reported and left out of the roll-up.


class SummaryError(Exception):
    """A summary file that cannot be used: ``diagnostics`` say where and why (file:line:col)."""

    def __init__(self, diagnostics: list):
        super().__init__(str(diagnostics[0].message) if diagnostics else "")
        self.diagnostics = list(diagnostics)
        first = self.diagnostics[0]
        self.file, self.message, self.line, self.col = first.file, first.message, first.line, first.col


def read_bytes(path: Path) -> bytes | OSError:
    """The file's bytes; a FIFO, device or folder is refused without blocking (fsutil)."""
    try:
        return read_regular(path, MAX_BYTES + 1)
    except OSError as exc:
        return exc


def read_summaries(path: Path, shown: str, year: int, raw: bytes | OSError | None = None) -> list[dict]:
    """A ``.status.json`` holds one summary or a list of them (``raw``: its bytes, if already read).

    Raises SummaryError with located diagnostics: bad JSON, a field of the wrong
    type or shape, another format version, another year.
    """
    raw = read_bytes(path) if raw is None else raw
    if isinstance(raw, OSError):
        raise SummaryError([os_error_diagnostic(shown, raw)])
    summaries, problems = parse(raw, shown)
    problems = problems or wrong_year(raw, shown, summaries, year)
    if problems:
        raise SummaryError(problems)
    out = []
    for summary in summaries:
        data = summary.model_dump()
        data["unit"]["file"] = shown  # where this unit is read from: locations and evidence links are relative to it
        out.append(data)
    return out


def validate_summary(data, file: str, year: int) -> dict:
    """One summary already parsed as JSON data (tests, in-process callers): validated by the model."""
    import json

    return read_summaries(Path(file), file, year, json.dumps(data, ensure_ascii=False).encode("utf-8"))[0]


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
