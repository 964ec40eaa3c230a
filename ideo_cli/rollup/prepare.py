"""Shared by ``ideo rollup``, ``ideo status`` and ``ideo html``: read a
workspace, build the unit tree, report what cannot be used as located
diagnostics, and say whether the result would be wrong (exit 2)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ideo_cli.diagnostics import Diagnostic, FileResult, Severity
from ideo_cli.diagnostics.usage import UsageError
from ideo_cli.documents.read import read_source
from ideo_cli.rollup.load import load_workspace
from ideo_cli.workspace.discover import discover_workspace
from ideo_cli.i18n import msg
from ideo_cli.workspace.tree import PROBLEM_NAMES, SEVERAL_ROOTS, UNKNOWN_SUPERIOR, TreeUnit, UnitTree, build_tree

MIN_YEAR, MAX_YEAR = 1900, 2100


@dataclass
class Prepared:
    tree: UnitTree
    summaries: dict[str, dict]
    results: list[FileResult] = field(default_factory=list)  # located problems to show on stderr
    fatal: bool = False  # the roll-up would be wrong: no output, exit 2
    findings: bool = False  # problems that do not falsify the result (exit 1)


def check_year(year: int | None, today: dt.date) -> int:
    the_year = year or today.year
    if not MIN_YEAR <= the_year <= MAX_YEAR:
        raise UsageError(msg("rollup.bad-year", year=the_year, low=MIN_YEAR, high=MAX_YEAR))
    return the_year


def prepare(paths: list[Path], year: int, as_of: dt.date, with_findings: bool = False, progress: Callable[[int, int], None] | None = None,
            one_root: bool = True, whole_tree: bool = True, compact: bool = False, calendars: tuple[Path, ...] = ()) -> Prepared:
    """``whole_tree=False`` (``ideo status`` of some units): a superior outside the paths is expected."""
    found = discover_workspace(paths)
    if not found.plans and not found.summaries:
        raise UsageError(msg("rollup.no-units", where=[p.as_posix() for p in paths]))
    loaded = load_workspace(found.plans, found.summaries, year, as_of, with_findings, progress, compact_summaries=compact, calendars=tuple(calendars))
    results: dict[str, FileResult] = {}

    def add(diag: Diagnostic) -> None:
        results.setdefault(diag.file, FileResult(file=diag.file, source=read_source(diag.file))).diagnostics.append(diag)

    fatal = bool(loaded.broken or loaded.summary_errors)
    for broken in loaded.broken:
        results[broken.file] = broken
    for err in loaded.summary_errors:
        add(Diagnostic(code="IDEO914", name="valid-summary", severity=Severity.FATAL, message=err.message, file=err.file, line=err.line, col=err.col))
    units = []
    by_id: dict[str, dict] = {}
    for summary in loaded.summaries:
        unit = summary["unit"]
        units.append(TreeUnit(unit["id"], unit.get("name", ""), unit.get("type", ""), unit.get("superior_id"), unit.get("file", ""), unit.get("line", 1), unit.get("col", 1)))
        by_id.setdefault(unit["id"], summary)
    tree = build_tree(units, one_root=one_root)
    findings = False
    for problem in tree.problems:
        if not whole_tree and problem.kind in (UNKNOWN_SUPERIOR, SEVERAL_ROOTS):
            continue
        severity = Severity.WARNING if problem.kind == SEVERAL_ROOTS else Severity.ERROR
        add(Diagnostic(code=problem.code, name=PROBLEM_NAMES[problem.code], severity=severity, message=problem.message, file=problem.file, line=problem.line, col=problem.col))
        findings = findings or problem.kind == UNKNOWN_SUPERIOR
    fatal = fatal or tree.fatal
    for result in results.values():
        result.diagnostics.sort(key=lambda d: d.sort_key())
    return Prepared(tree, by_id, sorted(results.values(), key=lambda r: r.file), fatal, findings)


def pick_root(tree: UnitTree, root: str | None) -> str | None:
    """The subtree to show: ``--root``, else the single root, else None (a forest)."""
    if root is not None:
        if root not in tree.units:
            raise UsageError(msg("rollup.unknown-root", unit=root, known=sorted(tree.units)[:10]))
        return root
    return tree.roots[0] if len(tree.roots) == 1 else None
