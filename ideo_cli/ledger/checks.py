"""`ideo check` on a ledger: the active IDEO7xx rules of its unit's plan.

The rule functions live in ``ideo_cli/rules/checks/ledger.py`` and are named
by the rulebook like every other rule; they receive a :class:`LedgerContext`,
which reports findings located in the ledger file, not in the plan.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from ideo_cli.diagnostics import Citation, Diagnostic
from ideo_cli.documents.convert import format_path
from ideo_cli.i18n import Message, local
from ideo_cli.ledger.load import LoadedLedger
from ideo_cli.rules.rulebook import Rule, Rulebook

LEDGER_CHECK_PREFIX = "ledger_"


@dataclass
class LedgerContext:
    ledger: LoadedLedger
    rule: Rule
    today: dt.date
    unit: object | None = None  # ideo_cli.workspace.Unit; None when the plan cannot be found
    plan_problem: Message | None = None  # why there is no unit
    found: list[Diagnostic] = field(default_factory=list)

    @property
    def plan(self):
        return self.unit.plan.plan if self.unit is not None else None

    @property
    def params(self):
        return self.rule.params

    @cached_property
    def occurrences(self) -> list:
        """The plan's occurrences in the ledger's year (empty if the plan cannot expand)."""
        from ideo_cli.schedule.expand import DateRange, ExpansionError

        if self.unit is None:
            return []
        try:
            return self.unit.occurrences(DateRange.year(self.ledger.ledger.year))
        except ExpansionError:
            return []  # the plan's own check reports the broken due rule

    @cached_property
    def occurrence_by_key(self) -> dict:
        return {(o.obligation, o.period): o for o in self.occurrences}

    def report(self, path: tuple, message: Message, *, key: bool = False, help: Message | None = None) -> None:
        rule = self.rule
        pos = self.ledger.doc.locate(path, key=key)
        self.found.append(Diagnostic(
            code=rule.code, name=rule.name, severity=rule.severity, message=message,
            file=self.ledger.file, line=pos.line, col=pos.col, end_line=pos.end_line, end_col=pos.end_col,
            path=format_path(path), help=help or local(rule.texts.get("help")), title=local(rule.texts.get("title")),
            citation=_citation(rule),
        ))


def _citation(rule: Rule) -> Citation:
    src = rule.source
    title = rule.documents.get(src.document.split()[0])
    return Citation(document=src.document, title=local(title) if title else "", section=src.section, quote=src.quote)


def ledger_rules(rulebook: Rulebook, profiles: tuple[str, ...], org_type: str | None) -> list[Rule]:
    active = rulebook.resolve(tuple(n for n in profiles if n in rulebook.profiles))
    return [r for r in active.values() if r.check.startswith(LEDGER_CHECK_PREFIX) and (org_type is None or org_type in r.applies_to)]


def check_ledger(unit, ledger: LoadedLedger, today: dt.date, rulebook: Rulebook | None = None, extra_profiles: tuple[str, ...] = (), plan_problem: Message | None = None) -> list[Diagnostic]:
    """Every active ledger rule's findings for one ledger (``unit`` None: its plan is missing)."""
    from ideo_cli.rules.registry import load_checks

    rulebook = rulebook or Rulebook()
    checks = load_checks()
    if unit is None:
        profiles, org_type = ("baseline",) + extra_profiles, None
    else:
        profiles, org_type = tuple(unit.plan.plan.organisation.profiles) + extra_profiles, unit.plan.plan.organisation.type
    found: list[Diagnostic] = []
    for rule in ledger_rules(rulebook, profiles, org_type):
        ctx = LedgerContext(ledger=ledger, rule=rule, today=today, unit=unit, plan_problem=plan_problem)
        checks[rule.check](ctx)
        found.extend(ctx.found)
    found.sort(key=lambda d: d.sort_key())
    return found


def check_ledger_file(path, shown: str, today: dt.date, rulebook: Rulebook, extra_profiles: tuple[str, ...] = (), cache: dict | None = None):
    """Load one ledger and its plan, run the ledger rules: one FileResult for the ledger.

    ``cache`` (one per `ideo check` run) keeps loaded plans and one working-day
    calendar: building a calendar per unit cost ~90 ms a ledger.
    """
    from pathlib import Path

    from ideo_cli.diagnostics import FileResult
    from ideo_cli.documents import LoadError
    from ideo_cli.formats.plan.load import load_plan
    from ideo_cli.i18n import msg
    from ideo_cli.ledger.load import load_ledger, plan_path_for
    from ideo_cli.workspace.unit import Unit

    try:
        loaded = load_ledger(path, shown)
    except LoadError as exc:
        return FileResult(file=shown, diagnostics=sorted(exc.diagnostics, key=lambda d: d.sort_key()), source=exc.source)
    plan_path = plan_path_for(loaded)
    key = Path(plan_path).resolve()
    cache = {} if cache is None else cache
    plans = cache.setdefault("plans", {})
    unit, problem = None, None
    if key not in plans:
        try:
            plans[key] = load_plan(plan_path, plan_path.as_posix())
        except LoadError as exc:
            plans[key] = None if not plan_path.exists() else exc
    entry = plans[key]
    if entry is None:
        problem = msg("ledger.plan-missing-file", unit=loaded.ledger.unit, plan=plan_path.as_posix())
    elif isinstance(entry, LoadError):
        problem = msg("ledger.plan-unreadable", plan=plan_path.as_posix())
    else:
        if "calendar" not in cache:
            from ideo_cli.workcal import build_calendar

            cache["calendar"] = build_calendar([], [])
        unit = Unit(plan=entry, folder=Path(plan_path).parent, ledgers=[loaded], calendar=cache["calendar"])
    found = check_ledger(unit, loaded, today, rulebook, extra_profiles, problem)
    return FileResult(file=shown, diagnostics=found, source=loaded.doc.source)
