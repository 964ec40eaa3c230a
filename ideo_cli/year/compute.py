"""Load → derive → validate: a unit's year, computed once for every command.

1. **Load** the plans; find each one's ledgers (beside it, or named, assigned
   by what each ledger says of itself: ``year/ledgers.py``).
2. **Calendar** by the one policy (``workcal/policy.py``): ``--calendar``
   files, then the plan's ``日历:`` blocks, then official data, then the
   provisional fallback; one calendar per distinct set of inputs.
3. **Derive** the occurrences in the span (the rule each serves, its status
   from the records as of the as-of date, the record's date and evidence
   files, days late), the rectifications' states, the ledgers' events,
   accountability and 评分 records with where each is written.
4. **Validate**: every plan rule and ledger rule, and every ledger that cannot
   be read, into one sorted list of findings.

Nothing else in ideo builds a calendar, matches records or derives a status.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from ideo_cli.diagnostics import Diagnostic, FileResult, Severity
from ideo_cli.documents import LoadError
from ideo_cli.documents.read import read_source
from ideo_cli.fsutil import note_input
from ideo_cli.formats.plan.load import LoadedPlan, load_plan
from ideo_cli.i18n import local, msg
from ideo_cli.ledger.load import LoadedLedger
from ideo_cli.ledger.match import UnitRecords, settle
from ideo_cli.ledger.rectify import rectification_states
from ideo_cli.rules.checks.obligations import due_rule_message
from ideo_cli.rules.checks.waivers import waived_obligations
from ideo_cli.rules.engine import Checker
from ideo_cli.rules.ledger_context import check_ledger
from ideo_cli.rules.rulebook import Rulebook
from ideo_cli.rules.serving import annotate as serve
from ideo_cli.schedule.expand import ExpansionError
from ideo_cli.workcal import CalendarFileError, YearOutOfRangeError
from ideo_cli.workcal.policy import plan_calendar
from ideo_cli.workspace.unit import Unit
from ideo_cli.year.ledgers import assign
from ideo_cli.year.rectification_rows import rectification_rows
from ideo_cli.year.model import LedgerEntry, UnitYear, YearOptions, YearResult


class YearError(Exception):
    """A problem with the whole request (not one unit's file): a Message."""

    def __init__(self, message):
        super().__init__(getattr(message, "id", str(message)))
        self.message = message


_SHIPPED: Rulebook | None = None


def shipped_rulebook() -> Rulebook:
    global _SHIPPED
    if _SHIPPED is None:
        _SHIPPED = Rulebook()
    return _SHIPPED


def compute_years(options: YearOptions) -> YearResult:
    rulebook = options.rulebook or shipped_rulebook()
    result = YearResult(units=[])
    loaded_plans: list[tuple[Path, LoadedPlan]] = []
    for path, shown in options.plans:
        known = options.loaded.get(_resolve(path))
        if known is not None and known.file == shown:
            loaded_plans.append((path, known))
            continue
        try:
            loaded_plans.append((path, load_plan(path, shown)))
        except LoadError as exc:
            result.broken.append(FileResult(file=shown, diagnostics=list(exc.diagnostics), source=exc.source))
    loaded_plans, duplicates = _without_duplicate_ids(loaded_plans)
    result.broken.extend(duplicates)
    assigned = assign([(p, lp.plan_id) for p, lp in loaded_plans], options.ledgers if options.read_ledgers else [], options.loaded)
    checker = Checker(rulebook, options.as_of, tuple(options.profiles)) if options.findings else None
    for path, loaded in loaded_plans:
        key = _resolve(path)
        ledgers = assigned.by_plan.get(key, []) if options.read_ledgers else []
        broken = assigned.broken.get(key, []) if options.read_ledgers else []
        try:
            unit_year = compute_unit(loaded, path, ledgers, broken, options, rulebook, checker)
        except _UnitBroken as exc:
            result.broken.append(exc.result)
            continue
        result.units.append(unit_year)
    for orphan in assigned.orphans if options.read_ledgers else ():
        result.broken.append(_orphan_result(orphan, options, rulebook))
    return result


class _UnitBroken(Exception):
    def __init__(self, result: FileResult):
        super().__init__(result.file)
        self.result = result


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return path


def _without_duplicate_ids(plans: list[tuple[Path, LoadedPlan]]) -> tuple[list[tuple[Path, LoadedPlan]], list[FileResult]]:
    """The plans with distinct ids, and a located fatal finding (IDEO910, at 组织.编号) for
    each later plan that repeats an id: the plan id names the calendar file, starts
    every UID and keys the roll-up, so two plans with one id would merge their deadlines."""
    by_id: dict[str, str] = {}
    kept, problems = [], []
    for path, loaded in plans:
        other = by_id.setdefault(loaded.plan_id, loaded.file)
        if other == loaded.file:
            kept.append((path, loaded))
            continue
        where = ("organisation", "id") if loaded.plan.organisation.id else ("organisation",)
        pos = loaded.doc.locate(where)
        diag = Diagnostic(code="IDEO910", name="unique-unit-id", severity=Severity.FATAL,
                          message=msg("schedule.duplicate-plan-id", first=other, second=loaded.file, plan=loaded.plan_id),
                          file=loaded.file, line=max(pos.line, 1), col=max(pos.col, 1), path="organisation.id")
        problems.append(FileResult(file=loaded.file, diagnostics=[diag], source=loaded.doc.source))
    return kept, problems


def compute_unit(loaded: LoadedPlan, path: Path, ledgers: list[LoadedLedger], broken: list[FileResult],
                 options: YearOptions, rulebook: Rulebook, checker: Checker | None) -> UnitYear:
    as_of = options.as_of
    try:
        calendar = plan_calendar(loaded, options.calendars)
    except CalendarFileError as exc:
        raise _UnitBroken(_calendar_result(loaded, exc)) from None
    unit = Unit(plan=loaded, folder=path.parent, ledgers=list(ledgers), calendar=calendar)
    rules = rulebook.resolve(tuple(n for n in tuple(loaded.plan.organisation.profiles) + tuple(options.profiles) if n in rulebook.profiles))
    try:
        expanded = unit.occurrences(options.span)
    except ExpansionError as exc:
        raise _UnitBroken(FileResult(file=loaded.file, diagnostics=[expansion_diagnostic(loaded, exc, rulebook)], source=loaded.doc.source)) from None
    except YearOutOfRangeError as exc:
        raise YearError(exc.message) from None
    served = serve(expanded, loaded.plan, rules)
    own = [lg for lg in ledgers if lg.ledger.unit == loaded.plan_id]  # another unit's ledger settles nothing here (IDEO700)
    _note_evidence(unit.folder, ledgers)
    records = UnitRecords.build(unit.folder, own, waived_obligations(loaded.plan, as_of))
    occurrences = tuple(settle(served, records, as_of)) if options.read_ledgers else tuple(served)
    findings: list[Diagnostic] = [d for result in broken for d in result.diagnostics]
    waived = 0
    if checker is not None and options.plan_rules:
        plan_findings, waived = checker.check(unit)
        findings.extend(plan_findings)
    if options.read_ledgers:
        only = None if checker is not None else frozenset({"ledger_plan"})  # whose ledger it is: never dropped silently
        for ledger in ledgers:
            findings.extend(check_ledger(unit, ledger, as_of, rulebook, tuple(options.profiles), only_checks=only))
    findings.sort(key=lambda d: d.sort_key())
    inputs = [path, *(lg.path for lg in ledgers), *(Path(r.file) for r in broken), *options.calendars]
    rectifications = rectification_states(loaded, own, as_of)
    return UnitYear(
        plan=loaded, plan_path=path, unit=unit, span=options.span, as_of=as_of, calendar=calendar,
        ledgers=tuple(ledgers), occurrences=occurrences, rectifications=rectifications,
        events=_entries(own, "events"), accountability=_entries(own, "accountability"), scores=_entries(own, "scores"),
        findings=tuple(findings), broken_ledgers=tuple(broken), waived=waived, inputs=tuple(inputs),
        rectification_rows=rectification_rows(loaded, rectifications, rules) if options.read_ledgers else (),
    )


def _note_evidence(folder: Path, ledgers: list[LoadedLedger]) -> None:
    """Every evidence file a unit's ledgers name is one of its inputs: no output may replace it,
    whether or not this computation had to hash it."""
    for ledger in ledgers:
        for section in ("records", "events", "rectifications", "accountability"):
            for record in getattr(ledger.ledger, section):
                for item in record.evidence:
                    if item.file and "\0" not in item.file:
                        note_input(folder / item.file)


def _entries(ledgers: list[LoadedLedger], section: str) -> tuple[LedgerEntry, ...]:
    out = []
    for ledger in ledgers:
        for index, record in enumerate(getattr(ledger.ledger, section)):
            at = ledger.doc.locate((section, index))
            out.append(LedgerEntry(record, ledger.file, at.line, at.col))
    return tuple(out)


def expansion_diagnostic(loaded: LoadedPlan, exc: ExpansionError, rulebook: Rulebook) -> Diagnostic:
    """A due rule or RRULE that cannot be expanded: located in the plan (fatal)."""
    field_name = "recurrence" if exc.error.key == "bad_rrule" else "due"
    path = ("obligations", exc.index, field_name)
    pos = loaded.doc.locate(path)
    code = "IDEO304" if field_name == "recurrence" else "IDEO303"
    rule = rulebook.all_rules()[code]
    return Diagnostic(
        code=code, name=rule.name, severity=Severity.FATAL, message=due_rule_message(exc.error),
        file=loaded.file, line=max(pos.line, 1), col=max(pos.col, 1), end_line=max(pos.line, 1) if pos.end_col else None, end_col=pos.end_col,
        path=f"obligations[{exc.index}].{field_name}", help=rule.local("help"), title=rule.local("title"), citation=rule.cite(),
    )


def _calendar_result(loaded: LoadedPlan, exc: CalendarFileError) -> FileResult:
    diagnostics = list(exc.diagnostics)
    first = diagnostics[0].file if diagnostics else loaded.file
    return FileResult(file=first, diagnostics=diagnostics, source=read_source(first))


def _orphan_result(ledger: LoadedLedger, options: YearOptions, rulebook: Rulebook) -> FileResult:
    """A ledger named on the command line whose plan was not read: the ledger rules say why."""
    found = check_ledger(None, ledger, options.as_of, rulebook, tuple(options.profiles), plan_problem=msg("ledger.plan-missing", unit=ledger.ledger.unit), only_checks=frozenset({"ledger_plan"}))
    return FileResult(file=ledger.file, diagnostics=found, source=ledger.doc.source)


def with_status(occurrence, code: str):
    """``--assume``: the same occurrence with another status (score simulation)."""
    return dataclasses.replace(occurrence, status=code)
