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
from ideo_cli.rules.registry import load_checks
from ideo_cli.rules.rulebook import Rule, Rulebook
from ideo_cli.schedule.expand import DateRange, ExpansionError

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
    title = rule.documents.get((src.document.split() or [""])[0])  # a user rulebook may leave the document blank
    return Citation(document=src.document, title=local(title) if title else "", section=src.section, quote=src.quote)


def ledger_rules(rulebook: Rulebook, profiles: tuple[str, ...], org_type: str | None) -> list[Rule]:
    active = rulebook.resolve(tuple(n for n in profiles if n in rulebook.profiles))
    return [r for r in active.values() if r.check.startswith(LEDGER_CHECK_PREFIX) and (org_type is None or org_type in r.applies_to)]


def check_ledger(unit, ledger: LoadedLedger, today: dt.date, rulebook: Rulebook | None = None, extra_profiles: tuple[str, ...] = (),
                 plan_problem: Message | None = None, only_checks: frozenset[str] | None = None) -> list[Diagnostic]:
    """Every active ledger rule's findings for one ledger (``unit`` None: its plan is missing).

    ``only_checks``: run just these check functions (the unit year asks only
    "whose ledger is this?" of commands that do not run every rule)."""
    rulebook = rulebook or Rulebook()
    checks = load_checks()
    if unit is None:
        profiles, org_type = ("baseline",) + extra_profiles, None
    else:
        profiles, org_type = tuple(unit.plan.plan.organisation.profiles) + extra_profiles, unit.plan.plan.organisation.type
    found: list[Diagnostic] = []
    for rule in ledger_rules(rulebook, profiles, org_type):
        if only_checks is not None and rule.check not in only_checks:
            continue
        ctx = LedgerContext(ledger=ledger, rule=rule, today=today, unit=unit, plan_problem=plan_problem)
        checks[rule.check](ctx)
        found.extend(ctx.found)
    found.sort(key=lambda d: d.sort_key())
    return found
