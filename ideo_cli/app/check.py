"""`ideo check`: load every file, run the rules, render one report."""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from ideo_cli import __version__
from ideo_cli.app.inputs import discover, parse_date_option, read_source, today_from_env, use_color
from ideo_cli.app.result import EXIT_CLEAN, EXIT_FATAL, EXIT_FINDINGS, CommandResult, OutputFile, UsageError
from ideo_cli.diagnostics import FileResult, Severity
from ideo_cli.documents.kinds import ReadResult, read_any
from ideo_cli.i18n import msg
from ideo_cli.render.diagnostics import RenderOptions, render
from ideo_cli.rules.checks.tree import add_tree_findings
from ideo_cli.rules.engine import Checker
from ideo_cli.rules.rulebook import Profile, Rulebook, RulebookError
from ideo_cli.rules.ledger_context import check_ledger
from ideo_cli.documents import LoadError
from ideo_cli.formats.ledger.detect import is_ledger_file
from ideo_cli.formats.plan.load import load_plan
from ideo_cli.ledger.load import load_ledger
from ideo_cli.schedule.expand import DateRange
from ideo_cli.year import YearError, YearOptions, compute_years
from ideo_cli.year.ledgers import display_path, ledgers_beside, plan_of


@dataclass
class CheckOptions:
    paths: list[Path]
    lang: str = "zh"
    profiles: tuple[str, ...] = ()
    user_profiles: dict[str, Profile] = field(default_factory=dict)
    strict: bool = False
    today: dt.date | None = None  # None: SOURCE_DATE_EPOCH, else the real date
    excludes: tuple[str, ...] = ()
    # what the command line adds (run() only)
    format: str | None = None  # None: github under GITHUB_ACTIONS, else text
    rulebook_files: list[Path] = field(default_factory=list)
    statistics: bool = False
    output: Path | None = None
    color: str = "auto"
    today_text: str | None = None  # --today as typed; parsed by run()
    tree: bool = False  # --tree: add the unit-tree findings (ideo_cli/rules/checks/tree.py)


def run(options: CheckOptions) -> CommandResult:
    """Parse what needs parsing, load user rulebooks, check every file, render one report."""
    lang = options.lang
    fmt = options.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    color = use_color(options.color) and options.output is None and fmt in ("text", "concise")
    base = dict(lang=lang, color=color, statistics=options.statistics, tool_version=__version__)
    today = parse_date_option("--today", options.today_text) if options.today_text else (options.today or today_from_env())

    def emit(report: str, code: int) -> CommandResult:
        data = report.encode("utf-8")
        if options.output is None:
            return CommandResult(exit_code=code, stdout=data)
        return CommandResult(exit_code=code, outputs=[OutputFile(options.output, data)])

    user_profiles = dict(options.user_profiles)
    for path in options.rulebook_files:
        # imported here: start-up (the `ideo check` path does not load rules.user_rulebook)
        from ideo_cli.rules.user_rulebook import read_user_rulebook

        try:
            prof = read_user_rulebook(path)
        except RulebookError as exc:
            result = FileResult(file=path.as_posix(), diagnostics=exc.diagnostics, source=read_source(path))
            return emit(render(fmt, [result], RenderOptions(**base)), EXIT_FATAL)
        user_profiles[prof.name] = prof
    known = Rulebook(user_profiles).profiles
    for name in options.profiles:
        if name not in known:
            raise UsageError(msg("check.unknown-profile", name=name, known=sorted(known)))
    files = discover(options.paths, tuple(options.excludes))
    if not files:
        raise UsageError(msg("check.no-files", where=[p.as_posix() for p in options.paths]))
    inner = CheckOptions(paths=options.paths, lang=lang, profiles=options.profiles, user_profiles=user_profiles, strict=options.strict, today=today, excludes=options.excludes)
    explicit = [p for p in options.paths if not p.is_dir()]
    results, checker = check_files(files, inner, ledgers_beside=explicit)
    if options.tree:
        results = add_tree_findings(results, files, checker, today)
    rules = {code: rule.info() for code, rule in checker.rulebook.all_rules().items()}
    return emit(render(fmt, results, RenderOptions(**base, rules=rules)), exit_code(results, options.strict))


def check_files(files: list[tuple[Path, str]], options: CheckOptions, ledgers_beside: list[Path] = ()) -> tuple[list[FileResult], Checker]:
    """Check ``files``; a plan among ``ledgers_beside`` (files named on the command line)
    also has the ledgers in its folder's 台账/ checked, right after it, as walking the folder would."""
    rulebook = Rulebook(options.user_profiles)
    extra = tuple(options.profiles) + tuple(options.user_profiles)

    checker = Checker(rulebook, options.today or today_from_env(), extra)
    ledger_cache: dict = {}  # plans and the calendar ledgers need, made once per run
    named = {path.resolve() for path, _ in files}
    wanted = {path.resolve() for path in ledgers_beside}
    results = []
    for path, shown in files:
        results.append(_check_ledger_or_plan(path, shown, checker, ledger_cache))
        if path.resolve() in wanted and path.resolve() in ledger_cache.get("plans", {}):
            results.extend(_check_ledgers_beside(path, named, checker, ledger_cache))
    return results, checker


def _check_ledgers_beside(plan_path: Path, named: set[Path], checker: Checker, ledger_cache: dict) -> list[FileResult]:
    out = []
    for ledger in ledgers_beside(plan_path):
        if ledger.resolve() not in named:
            named.add(ledger.resolve())
            out.append(_check_ledger_or_plan(ledger, display_path(ledger), checker, ledger_cache))
    return out


def _check_ledger_or_plan(path: Path, shown: str, checker: Checker, ledger_cache: dict) -> FileResult:
    """A ledger (台账, told by its kind key) is checked as part of its unit's year.

    The file is parsed once to learn its kind (not peeked at first: that parse
    cost as much again for every plan)."""
    found = read_any(path, shown)
    if found.kind == "ledger":
        return check_ledger_file(path, shown, checker, ledger_cache, found)
    return check_found(found, path, shown, checker, ledger_cache.setdefault("plans", {}))


def check_ledger_file(path: Path, shown: str, checker: Checker, cache: dict, found: ReadResult | None = None) -> FileResult:
    """One ledger's findings: those of its unit's year (computed once per plan and run)
    located in this file; a ledger whose plan cannot be found is checked alone.
    ``found``: the file as ``read_any`` read it (not parsed again)."""
    if found is not None and found.value is None:
        return FileResult(file=shown, diagnostics=sorted(found.diagnostics, key=lambda d: d.sort_key()), source=found.source)
    try:
        # the registry's reader knows only the name shown; the ledger's own path is where it is
        loaded = dataclasses.replace(found.value, path=path) if found is not None else load_ledger(path, shown)
    except LoadError as exc:
        return FileResult(file=shown, diagnostics=sorted(exc.diagnostics, key=lambda d: d.sort_key()), source=exc.source)
    plan_path = _plan_path(loaded, cache.get("plans", {}))
    problem = None
    if not plan_path.is_file():
        problem = msg("ledger.plan-missing-file", unit=loaded.ledger.unit, plan=display_path(plan_path))
    else:
        years = cache.setdefault("years", {})
        key = (plan_path.resolve(), loaded.ledger.year)
        known = years.get(key)
        if known is not None and path.resolve() not in {lg.path.resolve() for lg in known.ledgers}:
            key = (plan_path.resolve(), loaded.ledger.year, path.resolve())  # a ledger kept elsewhere that names this plan
        if key not in years:
            try:
                result = compute_years(YearOptions(
                    plans=[(plan_path, display_path(plan_path))], ledgers=[(path, shown)], as_of=checker.today,
                    span=DateRange.year(loaded.ledger.year), profiles=checker.extra_profiles, rulebook=checker.rulebook, findings=True,
                    plan_rules=False,  # the plan file's own findings come from its own check
                    loaded={**cache.get("plans", {}), path.resolve(): loaded},  # this ledger too: read once
                ))
            except YearError:
                result = None
            years[key] = result.units[0] if result is not None and result.units else None
        unit_year = years[key]
        if unit_year is None:
            problem = msg("ledger.plan-unreadable", plan=display_path(plan_path))
        else:
            mine = {lg.path.resolve() for lg in unit_year.ledgers}
            if path.resolve() in mine:
                found = [d for d in unit_year.findings if d.file == shown or Path(d.file).resolve() == path.resolve()]
                found = [d if d.file == shown else dataclasses.replace(d, file=shown) for d in found]
                return FileResult(file=shown, diagnostics=sorted(found, key=lambda d: d.sort_key()), source=loaded.doc.source)
    found = check_ledger(None, loaded, checker.today, checker.rulebook, checker.extra_profiles, problem)
    return FileResult(file=shown, diagnostics=found, source=loaded.doc.source)


def _plan_path(loaded, known: dict) -> Path:
    """The plan the ledger says it belongs to (see ``year/ledgers.py``)."""
    folder = loaded.path.parent.parent
    plans = []
    try:
        for candidate in [] if loaded.ledger.plan else sorted(folder.iterdir()):  # 计划: says which
            if candidate.suffix in (".yaml", ".yml") and candidate.is_file() and not is_ledger_file(candidate):
                plans.append(candidate)
    except OSError:
        pass
    by_folder = {}
    for candidate in plans:
        read = known.get(candidate.resolve())  # a plan this run has read already
        try:
            plan_id = read.plan_id if read is not None else load_plan(candidate, display_path(candidate)).plan_id
            by_folder.setdefault(candidate.resolve().parent, []).append((candidate.resolve(), plan_id))
        except LoadError:
            continue
    target = plan_of(loaded, by_folder)
    return Path(os.path.relpath(target)) if not os.path.isabs(str(loaded.path)) and target.is_absolute() and _inside_cwd(target) else target


def _inside_cwd(path: Path) -> bool:
    try:
        path.relative_to(Path.cwd())
        return True
    except ValueError:
        return False


def check_one(path: Path, shown: str, checker: Checker, loaded_plans: dict | None = None) -> FileResult:
    """Whatever kind the file is, its located diagnostics; a plan's also run the rules."""
    return check_found(read_any(path, shown), path, shown, checker, loaded_plans)


def check_found(found, path: Path, shown: str, checker: Checker, loaded_plans: dict | None = None) -> FileResult:
    """The located diagnostics of a file already read (``read_any``); a plan's also run the rules."""
    diagnostics = list(found.diagnostics)
    waived = 0
    if found.kind == "plan" and found.value is not None:
        if loaded_plans is not None:  # its ledgers (台账/, walked next) reuse the loaded plan
            loaded_plans[path.resolve()] = found.value
        diagnostics, waived = checker.check(found.value)
    elif found.kind == "rulebook" and found.value is not None and not diagnostics:
        # the checks and parameters it names, as --rulebook would refuse them (issue 17)
        # imported here: start-up (the `ideo check` path does not load rules.user_rulebook)
        from ideo_cli.rules.user_rulebook import rulebook_diagnostics

        diagnostics = rulebook_diagnostics(found)
    diagnostics.sort(key=lambda d: d.sort_key())
    return FileResult(file=shown, diagnostics=diagnostics, source=found.source, waived=waived)


def exit_code(results: list[FileResult], strict: bool) -> int:
    worst = max((d.severity.rank for r in results for d in r.diagnostics), default=-1)
    if worst >= Severity.FATAL.rank:
        return EXIT_FATAL
    failing = Severity.WARNING.rank if strict else Severity.ERROR.rank
    return EXIT_FINDINGS if worst >= failing else EXIT_CLEAN
