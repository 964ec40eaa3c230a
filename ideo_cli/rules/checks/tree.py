"""Checks across the unit tree: what a superior requires of its subordinates.

A superior's plan states, under ``下级事项``, obligations of its subordinates
(by organisation type or unit id) and the superior item each one ``汇入``
(feeds).  Two rules, both parametrised by the rulebook:

* IDEO901 ``subordinate-lead-time``: every deadline of the subordinates' work
  falls at least ``lead_working_days`` working days before the deadline of
  the superior item it feeds — checked in the superior's own plan (what it
  asks for) and, with ``ideo check --tree``, in every child's plan (what the
  child actually schedules).  A child due on 30 June feeding a parent due on
  30 June is a finding.
* IDEO902 ``subordinate-requirement-met`` (``--tree`` only): each child has
  an obligation of the required kind, at least as often, due no later than
  the superior asks.

Messages are catalogue Messages; nothing here is in one language.
"""
from __future__ import annotations

import datetime as dt

from ideo_cli.diagnostics import Diagnostic, FileResult, Severity
from ideo_cli.documents import LoadError
from ideo_cli.documents.convert import format_path
from ideo_cli.formats.plan.load import load_plan
from ideo_cli.i18n import msg
from ideo_cli.rules.registry import check, required
from ideo_cli.schedule.expand import DateRange, nominal_dates
from ideo_cli.schedule.periods import DueRuleError
from ideo_cli.workcal.policy import calendar_for

def _calendar():
    """The policy's calendar without calendar files (the tree's dates are the plans' own)."""
    return calendar_for()


def deadlines(item, plan, year: int) -> list[tuple[str, dt.date]]:
    """(period label, working-day deadline) of an obligation or requirement in ``year``."""
    calendar = _calendar()
    span = DateRange.year(year)
    out = []
    try:
        for period, nominal, _note, _holiday, *_years in nominal_dates(item, calendar, span):
            due, _ = calendar.adjust(nominal, getattr(item, "adjust", None) or plan.defaults.adjust)
            if due in span:
                out.append((period.label, due))
    except DueRuleError:
        return []  # IDEO303 reports an unresolvable due rule
    return sorted(out, key=lambda p: p[1])


def latest_allowed(fed_due: dt.date, lead: int) -> dt.date:
    day, _ = _calendar().working_days_before(fed_due, lead)
    return day


def _fed_after(fed: list[tuple[str, dt.date]], due: dt.date) -> tuple[str, dt.date] | None:
    """The superior's first deadline on or after the subordinate's: the one it feeds."""
    return next((item for item in fed if item[1] >= due), None)


def _diagnostic(rule, loaded, path: tuple, message) -> Diagnostic:
    pos = loaded.doc.locate(path)
    return Diagnostic(code=rule.code, name=rule.name, severity=rule.severity, message=message, file=loaded.file, line=pos.line, col=pos.col,
                      end_line=pos.end_line, end_col=pos.end_col, path=format_path(path), help=rule.local("help") or None,
                      title=rule.local("title"), citation=rule.cite_for(loaded.plan.organisation.type))


@check("subordinate_lead_time", lead_working_days=required(int))
def subordinate_lead_time(ctx):
    """In the superior's plan: what it asks of subordinates leaves it time."""
    plan = ctx.plan
    lead = ctx.params["lead_working_days"]
    own = {ob.id: ob for ob in plan.obligations}
    for i, req in enumerate(plan.subordinate_obligations):
        if req.feeds is None:
            continue
        target = own.get(req.feeds)
        if target is None:
            ctx.found.append(_diagnostic(ctx.rule, ctx.loaded, ("subordinate_obligations", i, "feeds"), msg("rollup.check-feeds-unknown", item=req.title, feeds=req.feeds)))
            continue
        fed = deadlines(target, plan, ctx.reference_year)
        for period, due in deadlines(req, plan, ctx.reference_year):
            match = _fed_after(fed, due)
            if match is None or due > latest_allowed(match[1], lead):
                ctx.found.append(_diagnostic(ctx.rule, ctx.loaded, ("subordinate_obligations", i, "due"), msg(
                    "rollup.check-lead-time", item=req.title, period=period, due=due, superior_item=target.title,
                    superior_due=match[1] if match else None, lead=lead)))
                break  # one finding per requirement: the rule is the same each period


@check("subordinate_requirement_met")
def subordinate_requirement_met(ctx):
    """Needs the superior's plan: run by ``ideo check --tree`` (``check_tree``)."""
    return


def applies(req, loaded) -> bool:
    targets = set(req.applies_to)
    return loaded.plan.organisation.type in targets or loaded.plan_id in targets


def check_tree(plans: list, rulebook, today: dt.date) -> list[Diagnostic]:
    """Findings in children's plans against their superior's ``下级事项``."""
    by_id = {}
    for loaded in plans:
        by_id.setdefault(loaded.plan_id, loaded)
    found: list[Diagnostic] = []
    year = today.year
    for child in plans:
        sup_id = child.plan.organisation.superior_id
        parent = by_id.get(sup_id) if sup_id else None
        if parent is None or parent is child:
            continue
        rules = rulebook.resolve(tuple(child.plan.organisation.profiles))
        lead_rule, met_rule = rules.get("IDEO901"), rules.get("IDEO902")
        own = {ob.id: ob for ob in parent.plan.obligations}
        for req in parent.plan.subordinate_obligations:
            if not applies(req, child):
                continue
            required = deadlines(req, parent.plan, year)
            mine = [(i, ob) for i, ob in enumerate(child.plan.obligations) if ob.kind == req.kind]
            child_dues = [(i, period, due) for i, ob in mine for period, due in deadlines(ob, child.plan, year)]
            if met_rule is not None:
                if not mine:
                    found.append(_diagnostic(met_rule, child, ("obligations",) if child.plan.obligations else ("organisation",), msg(
                        "rollup.check-requirement-missing", superior=parent.plan.organisation.short_name or parent.plan.organisation.name, item=req.title, kind=req.kind)))
                    continue
                if len(child_dues) < len(required):
                    index = mine[0][0]
                    found.append(_diagnostic(met_rule, child, ("obligations", index, "recurrence"), msg(
                        "rollup.check-requirement-too-few", item=req.title, required=len(required), planned=len(child_dues))))
                else:
                    previous = dt.date.min
                    for period, due in required:  # some child deadline in each window (previous, due]
                        if not any(previous < d <= due for _, _, d in child_dues):
                            later = min((d for _, _, d in child_dues if d > due), default=None)
                            found.append(_diagnostic(met_rule, child, ("obligations", mine[0][0], "due"), msg(
                                "rollup.check-requirement-late", item=req.title, period=period, due=due, planned=later)))
                            break
                        previous = due
            target = own.get(req.feeds or "")
            if lead_rule is not None and target is not None:
                lead = lead_rule.params["lead_working_days"]
                fed = deadlines(target, parent.plan, year)
                for index, period, due in child_dues:
                    match = _fed_after(fed, due)
                    if match is not None and due > latest_allowed(match[1], lead):
                        found.append(_diagnostic(lead_rule, child, ("obligations", index, "due"), msg(
                            "rollup.check-child-lead-time", item=child.plan.obligations[index].title, period=period, due=due,
                            superior=parent.plan.organisation.short_name or parent.plan.organisation.name, superior_item=target.title, superior_due=match[1], lead=lead)))
                        break
    return found


def add_tree_findings(results: list, files: list, checker, today: dt.date) -> list:
    """``ideo check --tree``: the tree's structure and the subordinates' obligations,
    merged into the per-file results (plans that failed to load are left out)."""
    # imported here: start-up (the `ideo check` path does not load workspace.tree)
    from ideo_cli.workspace.tree import PROBLEM_NAMES, SEVERAL_ROOTS, TreeUnit, build_tree, unit_record

    by_file = {r.file: r for r in results}
    plans = []
    for path, shown in files:
        result = by_file.get(shown)
        if result is None or result.fatal:
            continue
        try:
            loaded = load_plan(path, shown)
        except LoadError:
            continue
        if "organisation" not in (loaded.doc.data or {}):
            continue
        plans.append(loaded)
    units = []
    for loaded in plans:
        rec = unit_record(loaded)
        units.append(TreeUnit(rec["id"], rec["name"], rec["type"], rec["superior_id"], rec["file"], rec["line"], rec["col"]))
    tree = build_tree(units)
    extra: list[Diagnostic] = []
    for problem in tree.problems:
        extra.append(Diagnostic(code=problem.code, name=PROBLEM_NAMES[problem.code], severity=Severity.WARNING if problem.kind == SEVERAL_ROOTS else Severity.ERROR,
                                message=problem.message, file=problem.file, line=problem.line, col=problem.col))
    unique = [p for p in plans if tree.units.get(p.plan_id) is not None and tree.units[p.plan_id].file == p.file]
    extra.extend(check_tree(unique, checker.rulebook, today))
    for diag in extra:
        result = by_file.get(diag.file)
        if result is None:
            result = by_file[diag.file] = FileResult(file=diag.file)
            results.append(result)
        result.diagnostics.append(diag)
        result.diagnostics.sort(key=lambda d: d.sort_key())
    return results
