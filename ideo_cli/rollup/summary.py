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

from ideo_cli.ledger.status import STATUSES
from ideo_cli.rollup.status import status_or_fallback

SUMMARY_VERSION = 1
LEDGER_FOLDERS = ("台账", "ledger")


def ledger_files(plan_path: Path, year: int) -> list[Path]:
    folder = plan_path.parent
    return [p for name in LEDGER_FOLDERS for p in (folder / name / f"{year}.yaml", folder / name / f"{year}.yml") if p.is_file()]


_CALENDAR = None
_RULEBOOK = None


def _calendar():
    global _CALENDAR
    if _CALENDAR is None:
        from ideo_cli.workcal import build_calendar

        _CALENDAR = build_calendar([], [])
    return _CALENDAR


def _rules(loaded):
    global _RULEBOOK
    from ideo_cli.rules.rulebook import Rulebook

    if _RULEBOOK is None:
        _RULEBOOK = Rulebook()
    names = tuple(n for n in loaded.plan.organisation.profiles if n in _RULEBOOK.profiles)
    return _RULEBOOK.resolve(names)


def unit_record(loaded) -> dict:
    org = loaded.plan.organisation
    pos = loaded.doc.locate(("organisation", "superior_id") if org.superior_id else ("organisation",), key=not org.superior_id)
    return {
        "id": loaded.plan_id,
        "name": org.name,
        "short_name": org.short_name or org.name,
        "type": org.type,
        "level": org.level or "",
        "superior": org.superior,
        "superior_id": org.superior_id,
        "file": loaded.file,
        "line": pos.line,
        "col": pos.col,
    }


def requirements(loaded) -> list[dict]:
    """What this unit requires of its subordinates (``下级事项``)."""
    titles = {ob.id: ob.title for ob in loaded.plan.obligations}
    return [
        {"id": r.id, "title": r.title, "kind": r.kind, "applies_to": list(r.applies_to), "recurrence": r.recurrence,
         "feeds": r.feeds, "feeds_title": titles.get(r.feeds or "", "")}
        for r in loaded.plan.subordinate_obligations
    ]


def occurrence_record(occ, as_of: dt.date) -> dict:
    record = occ.record
    evidence_files = [str(p) for p in (getattr(record, "evidence", None) or []) if isinstance(p, (str, Path))]
    done_on = getattr(record, "date", None)
    return {
        "obligation": occ.obligation,
        "period": occ.period,
        "title": occ.title,
        "kind": occ.kind,
        "start": occ.start.isoformat(),
        "due": occ.due.isoformat(),
        "provisional": bool(occ.provisional),
        "status": status_or_fallback(occ.status, occ.start, occ.due, as_of),
        "owners": [p.name or p.id for p in occ.owners],
        "evidence": list(occ.evidence),
        "evidence_files": evidence_files,
        "done_on": done_on.isoformat() if isinstance(done_on, dt.date) else None,
    }


def counts(occurrences: list[dict]) -> dict[str, int]:
    out = {code: 0 for code in STATUSES}
    for occ in occurrences:
        out[occ["status"]] = out.get(occ["status"], 0) + 1
    return out


def findings_of(loaded, today: dt.date) -> list[dict]:
    from ideo_cli.rules.engine import Checker
    from ideo_cli.rules.rulebook import Rulebook

    global _RULEBOOK
    if _RULEBOOK is None:
        _RULEBOOK = Rulebook()
    diagnostics, _ = Checker(_RULEBOOK, today).check(loaded)
    out = []
    for d in sorted(diagnostics, key=lambda d: d.sort_key()):
        cite = d.citation
        out.append({"code": d.code, "name": d.name, "severity": d.severity.value, "file": d.file, "line": d.line, "col": d.col, "path": d.path,
                    "citation": {"document": cite.document, "section": cite.section, "quote": cite.quote} if cite else None})
    return out


def summarise_plan(path: Path, shown: str, year: int, as_of: dt.date, with_findings: bool = False) -> dict:
    """A unit's summary from its plan (and ledger); raises LoadError / ExpansionError."""
    from ideo_cli import __version__
    from ideo_cli.formats.plan.load import load_plan
    from ideo_cli.schedule.expand import DateRange, expand_plan

    loaded = load_plan(path, shown)
    from ideo_cli.rules.serving import annotate as serve

    occurrences = expand_plan(loaded, _calendar(), DateRange.year(year))
    serve(occurrences, loaded.plan, _rules(loaded))
    annotate_from_ledger(loaded, occurrences, path, year, as_of)
    occs = [occurrence_record(o, as_of) for o in occurrences]
    summary = {
        "ideo_status": SUMMARY_VERSION,
        "generator": f"ideo {__version__}",
        "year": year,
        "as_of": as_of.isoformat(),
        "unit": unit_record(loaded),
        "requires": requirements(loaded),
        "occurrences": occs,
        "counts": counts(occs),
    }
    if with_findings:
        summary["findings"] = findings_of(loaded, as_of)
    return summary


def annotate_from_ledger(loaded, occurrences, path: Path, year: int, as_of: dt.date) -> None:
    """Set ``occ.status``/``occ.record`` from the unit's ledgers (``台账/*.yaml`` beside
    the plan), with the ledger's own derivation.  A ledger that cannot be read
    leaves the statuses None (the date-based fallback of ``rollup/status.py``);
    ``ideo check`` is where its problems are reported.  The ledger files' bytes
    are part of the cache key (``load._key``).
    """
    from ideo_cli.ledger.beside import read_ledgers, unit_records
    from ideo_cli.ledger.match import annotate

    by_plan, _failed = read_ledgers([(path, loaded)])
    annotate(occurrences, unit_records([(path, loaded)], by_plan, as_of), as_of)


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
    from ideo_cli.fsutil import read_regular
    from ideo_cli.formats.summary.read import MAX_BYTES

    try:
        return read_regular(path, MAX_BYTES + 1)
    except OSError as exc:
        return exc


def read_summaries(path: Path, shown: str, year: int, raw: bytes | OSError | None = None) -> list[dict]:
    """A ``.status.json`` holds one summary or a list of them (``raw``: its bytes, if already read).

    Raises SummaryError with located diagnostics: bad JSON, a field of the wrong
    type or shape, another format version, another year.
    """
    from ideo_cli.documents.read import os_error_diagnostic
    from ideo_cli.formats.summary.read import parse, wrong_year

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
