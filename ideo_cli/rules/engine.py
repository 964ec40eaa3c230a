"""Run the active rules on one unit (plan + files + lazy schedule) and apply its waivers."""
from __future__ import annotations

import datetime as dt

from ideo_cli.diagnostics import Diagnostic, Severity
from ideo_cli.documents.errors import INPUT_CODES
from ideo_cli.formats.plan.load import LoadedPlan
from ideo_cli.i18n import local, msg
from ideo_cli.rules.checks.waivers import waiver_is_valid
from ideo_cli.rules.context import CheckContext
from ideo_cli.rules.registry import load_checks
from ideo_cli.rules.rulebook import Rule, Rulebook
from ideo_cli.workspace.unit import Unit

UNWAIVABLE_PREFIX = "IDEO6"  # a waiver cannot switch off the rules about waivers


class Checker:
    """Holds everything shared across files: rulebook, checks, options."""

    def __init__(self, rulebook: Rulebook, today: dt.date, extra_profiles: tuple[str, ...] = ()):
        self.rulebook = rulebook
        self.today = today
        self.extra_profiles = extra_profiles
        self.checks = load_checks()
        self.known_codes = frozenset(rulebook.all_rules()) | frozenset(INPUT_CODES)

    def active_rules(self, loaded: LoadedPlan) -> dict[str, Rule]:
        names = tuple(loaded.plan.organisation.profiles) + self.extra_profiles
        return self.rulebook.resolve(names)

    def check(self, target: Unit | LoadedPlan) -> tuple[list[Diagnostic], int]:
        """Diagnostics for one unit (or a bare plan), and how many were waived."""
        unit = target if isinstance(target, Unit) else Unit.of(target)
        loaded = unit.plan
        found: list[Diagnostic] = []
        unknown = self.rulebook.unknown(loaded.plan.organisation.profiles)
        for name in unknown:
            index = list(loaded.plan.organisation.profiles).index(name)
            found.append(_unknown_profile(loaded, index, name, sorted(self.rulebook.profiles)))
        if unknown:
            return found, 0
        org_type = loaded.plan.organisation.type
        for rule in self.active_rules(loaded).values():
            if org_type not in rule.applies_to:
                continue
            ctx = CheckContext(unit=unit, rule=rule, today=self.today, known_codes=self.known_codes)
            self.checks[rule.check](ctx)
            found.extend(ctx.found)
        return self._apply_waivers(loaded, found)

    def _apply_waivers(self, loaded: LoadedPlan, found: list[Diagnostic]) -> tuple[list[Diagnostic], int]:
        waivers = [w for w in loaded.plan.waivers if waiver_is_valid(w, self.today)]
        if not waivers:
            return found, 0
        kept, waived = [], 0
        for diag in found:
            if not diag.code.startswith(UNWAIVABLE_PREFIX) and any(_covers(w, diag, loaded) for w in waivers):
                waived += 1
            else:
                kept.append(diag)
        return kept, waived


def _covers(waiver, diag: Diagnostic, loaded: LoadedPlan) -> bool:
    if waiver.rule != diag.code:
        return False
    if not waiver.target:
        return True
    # target names an id; the diagnostic's path points into the item with that id
    plan = loaded.plan
    for section in ("obligations", "events", "people", "rectifications"):
        for i, item in enumerate(getattr(plan, section)):
            if item.id == waiver.target and diag.path.startswith(f"{section}[{i}]"):
                return True
    return False


def _unknown_profile(loaded: LoadedPlan, index: int, name: str, known: list[str]) -> Diagnostic:
    pos = loaded.doc.locate(("organisation", "profiles", index))
    meta = INPUT_CODES["IDEO011"]
    return Diagnostic(
        code="IDEO011", name=meta["name"], severity=Severity.FATAL,
        message=msg("check.unknown-profile", name=name, known=known),
        file=loaded.file, line=max(pos.line, 1), col=max(pos.col, 1),
        end_line=max(pos.line, 1) if pos.end_col else None, end_col=pos.end_col,
        path=f"organisation.profiles[{index}]", help=local(meta["help"]), title=local(meta["title"]),
    )
