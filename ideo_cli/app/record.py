"""`ideo record`: add one record (or, with ``--from``, the rows a clerk filled in a
to-do spreadsheet) to the unit's ledger, then say what the record still lacks.

Glue only: the item, the record, its evidence and the ledger text are the
ledger layer's (``ledger/entry.py``, ``ledger/compose.py``); writing the ledger
and the copied evidence is one transaction (``ledger/write.py``), done here
because evidence may be gigabytes and is streamed, never held as bytes.  The
date is never assumed: without ``--on`` the command refuses (the terminal
prompts ask for it first, ``cli/record.py``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ideo_cli.app.inputs import today_from_env
from ideo_cli.app.record_xlsx import run_from_xlsx
from ideo_cli.app.result import CommandResult, UsageError
from ideo_cli.diagnostics import FileResult
from ideo_cli.documents import LoadError
from ideo_cli.formats.plan.load import LoadedPlan, load_plan
from ideo_cli.fsutil import OutputError
from ideo_cli.i18n import DEFAULT_LANG, msg
from ideo_cli.ledger.compose import compose, find_duplicate
from ideo_cli.ledger.entry import (
    NewEntry, RecordError, find_obligation, find_occurrence, ledger_file, ledger_header, other_entry,
    parse_evidence, parse_fields, read_when, record_entry,
)
from ideo_cli.ledger.write import commit_ledgers
from ideo_cli.render.diagnostics import RenderOptions, render
from ideo_cli.schedule.expand import DateRange
from ideo_cli.workspace.unit import Unit
from ideo_cli.year import YearOptions, compute_years


@dataclass
class RecordOptions:
    plan: Path | None
    obligation: str | None = None
    period: str | None = None
    on: str | None = None
    evidence: list[str] = field(default_factory=list)  # FILE, TYPE=FILE or TYPE=纸质存档:WHERE
    fields: list[str] = field(default_factory=list)  # KEY=VALUE, keys in Chinese or English
    event: str | None = None
    rectification: str | None = None
    accountability: bool = False
    lang: str = "zh"
    source: Path | None = None  # --from 待办.xlsx
    paths: list[Path] = field(default_factory=list)  # where the spreadsheet's plans are (default: here)
    yes: bool = False  # --yes: write the spreadsheet's records without asking
    preview: bool = False  # only show what --from would add (the terminal asks next)


def run(options: RecordOptions) -> CommandResult:
    if options.source is not None:
        return run_from_xlsx(options)
    loaded = load_unit_plan(options.plan, options.lang)
    if isinstance(loaded, CommandResult):
        return loaded
    today = today_from_env()
    unit = Unit.of(loaded)
    try:
        new, ledger_path = _new_entry(options, unit, today)
        header = ledger_header(options.plan, ledger_path, loaded.plan_id, new.year)
        data, placed = compose(ledger_path, header, [new], chinese=options.lang == DEFAULT_LANG)
    except RecordError as exc:
        raise UsageError(exc.message) from None
    try:
        commit_ledgers([(ledger_path, data)], new.evidence.copies)
    except OutputError as exc:
        return CommandResult(exit_code=2, errors=[msg("cli.cannot-write", path=exc.path, reason=exc.reason)])
    notes = [msg("record.wrote", ledger=ledger_path.as_posix(), files=len(new.evidence.copies))]
    notes += after_writing(options.plan, ledger_path, new, placed, today)
    return CommandResult(notes=notes)


def load_unit_plan(plan: Path, lang: str) -> LoadedPlan | CommandResult:
    try:
        return load_plan(plan, plan.as_posix())
    except LoadError as exc:
        result = FileResult(file=plan.as_posix(), diagnostics=exc.diagnostics, source=exc.source)
        return CommandResult(exit_code=2, stderr=render("text", [result], RenderOptions(lang=lang)).encode("utf-8"))


def _new_entry(options: RecordOptions, unit: Unit, today: dt.date) -> tuple[NewEntry, Path]:
    plan = unit.plan.plan
    other = "events" if options.event else "rectifications" if options.rectification else "accountability" if options.accountability else None
    if other:
        fields = parse_fields(other, options.fields, plan)
        when = _when(options)
        evidence = parse_evidence(options.evidence, unit.folder, when.year, [])
        new = other_entry(other, options.event or options.rectification, plan, when, fields, evidence, today)
        return new, ledger_file(options.plan, new.year)
    if not options.obligation or not options.period:
        raise RecordError(msg("record.needs-obligation-period"))
    obligation = find_obligation(plan, options.obligation)
    occ = find_occurrence(unit, obligation.id, options.period)
    year = int(occ.period[:4])
    ledger_path = ledger_file(options.plan, year)
    line = find_duplicate(ledger_path, occ.obligation, occ.period)
    if line is not None:
        raise RecordError(msg("record.duplicate-at", obligation=occ.obligation, period=occ.period, file=ledger_path.as_posix(), line=line))
    fields = parse_fields("records", options.fields, plan)
    when = _when(options)
    evidence = parse_evidence(options.evidence, unit.folder, year, list(obligation.evidence))
    return record_entry(occ, when, fields, evidence, today), ledger_path


def _when(options: RecordOptions):
    if options.on is None:
        raise RecordError(msg("record.needs-on"))  # never today's date silently
    return read_when(options.on)


def after_writing(plan_path: Path, ledger_path: Path, new: NewEntry, placed: dict[str, list[int]], today: dt.date) -> list:
    """The ledger checks' findings on the new record, and the item's new status (the unit's year, read back)."""
    result = compute_years(YearOptions(plans=[(plan_path, plan_path.as_posix())], as_of=today, span=DateRange.year(new.year), findings=True))
    if not result.units:
        return []
    year = result.units[0]
    written = ledger_path.resolve()
    out = []
    for index in placed.get(new.kind, []):
        here = f"{new.kind}[{index}]"
        for d in year.findings:
            if d.file and Path(d.file).resolve() == written and (d.path == here or d.path.startswith(here + ".")):
                out.append(msg("record.finding", code=d.code, severity=msg(f"record.severity.{d.severity.value}"), message=d.message, line=d.line))
    occ = new.occurrence
    if occ is not None:
        found = next((o for o in year.occurrences if (o.obligation, o.period) == (occ.obligation, occ.period)), None)
        if found is not None and found.status:
            out.append(msg("record.status-now", title=occ.title, period=occ.period, status=msg(f"status.{found.status}")))
    return out
