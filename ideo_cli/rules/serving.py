"""Which rule an occurrence serves, and what it cites (for the to-do list and calendars).

The choice belongs to the rules, not to the scheduler: a frequency rule serves an
obligation of its kind only if it applies to the plan's organisation type under
the plan's profiles; the citation is the plan's own 依据 for that obligation when
it declares one, else the rule's source that fits the organisation type.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Iterable, Mapping

from ideo_cli.diagnostics import Citation
from ideo_cli.i18n import msg
from ideo_cli.rules.rulebook import Rule

FREQUENCY_CHECK = "obligation_frequency"


def served_rule(obligation, org_type: str, rules: Mapping[str, Rule]) -> Rule | None:
    """The frequency rule this obligation satisfies (a tag-specific one first), if any applies."""
    candidates = [
        r for r in rules.values()
        if r.check == FREQUENCY_CHECK and r.params.get("kind") == obligation.kind and org_type in r.applies_to
    ]
    tagged = [r for r in candidates if r.params.get("tag") and r.params["tag"] in obligation.tags]
    untagged = [r for r in candidates if not r.params.get("tag")]
    return (tagged or untagged or [None])[0]


def basis_citation(obligation) -> Citation | None:
    """The plan's own source for an obligation (依据: document, section, quote)."""
    basis = getattr(obligation, "basis", None)
    if basis is None:
        return None
    return Citation(document=basis.document, title="", section=basis.section or "", quote=basis.quote or "")


def annotate(occurrences: Iterable, plan, rules: Mapping[str, Rule]) -> list:
    """Each occurrence of ``plan`` with its ``rule``, ``citation`` and window problem (new objects)."""
    org_type = plan.organisation.type
    by_id = {ob.id: ob for ob in plan.obligations}
    chosen: dict[str, tuple[str, Citation | None]] = {}
    out = []
    for occ in occurrences:
        found = chosen.get(occ.obligation)
        if found is None:
            ob = by_id.get(occ.obligation)
            rule = served_rule(ob, org_type, rules) if ob is not None else None
            own = basis_citation(ob) if ob is not None else None
            found = (rule.code if rule else "", own or (rule.cite_for(org_type) if rule else None))
            chosen[occ.obligation] = found
        code, citation = found
        rule = rules.get(code) if code else None
        problem = _window_left(occ, rule) if rule is not None and occ.moved_from is not None else None
        out.append(dataclasses.replace(occ, rule=code, citation=citation, window_problem=problem))
    return out


def _window_left(occ, rule: Rule):
    """A Message when the working-day move took the date out of the window its rule sets."""
    start = dt.date(occ.nominal_due.year, 1, 1)
    for text in rule.params.get("deadlines") or ():
        month, day = (int(x) for x in str(text).split("-"))
        end = dt.date(occ.nominal_due.year, month, day)
        if start <= occ.nominal_due <= end:
            if not start <= occ.due <= end:
                return msg("schedule.window-left", title=occ.title, period=occ.period, nominal=occ.nominal_due, due=occ.due, end=end, rule=rule.code)
            return None
        start = end + dt.timedelta(days=1)
    return None
