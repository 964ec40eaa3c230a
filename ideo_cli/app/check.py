"""`ideo check`: load every file, run the rules, render one report."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ideo_cli.diagnostics import FileResult, Severity
from ideo_cli.documents import LoadError
from ideo_cli.formats.plan.load import load_plan
from ideo_cli.rules.engine import Checker
from ideo_cli.rules.rulebook import Profile, Rulebook

EXIT_CLEAN, EXIT_FINDINGS, EXIT_FATAL = 0, 1, 2


@dataclass
class CheckOptions:
    paths: list[Path]
    lang: str = "zh"
    profiles: tuple[str, ...] = ()
    user_profiles: dict[str, Profile] = field(default_factory=dict)
    strict: bool = False
    today: dt.date = field(default_factory=dt.date.today)
    excludes: tuple[str, ...] = ()


def check_files(files: list[tuple[Path, str]], options: CheckOptions) -> tuple[list[FileResult], Checker]:
    rulebook = Rulebook(options.user_profiles)
    extra = tuple(options.profiles) + tuple(options.user_profiles)
    checker = Checker(rulebook, options.lang, options.today, extra)
    results = [check_one(path, shown, checker) for path, shown in files]
    return results, checker


def check_one(path: Path, shown: str, checker: Checker) -> FileResult:
    try:
        loaded = load_plan(path, checker.lang, shown)
    except LoadError as exc:
        return FileResult(file=shown, diagnostics=sorted(exc.diagnostics, key=lambda d: d.sort_key()), source=exc.source)
    diagnostics, waived = checker.check(loaded)
    diagnostics.extend(inline_calendar_problems(loaded, checker.lang))
    diagnostics.sort(key=lambda d: d.sort_key())
    return FileResult(file=shown, diagnostics=diagnostics, source=loaded.doc.source, waived=waived)


def exit_code(results: list[FileResult], strict: bool) -> int:
    worst = max((d.severity.rank for r in results for d in r.diagnostics), default=-1)
    if worst >= Severity.FATAL.rank:
        return EXIT_FATAL
    failing = Severity.WARNING.rank if strict else Severity.ERROR.rank
    return EXIT_FINDINGS if worst >= failing else EXIT_CLEAN


def inline_calendar_problems(loaded, lang: str) -> list:
    """Official dates written into the plan are validated like a calendar file (IDEO020)."""
    if not loaded.plan.calendar:
        return []
    from ideo_cli.workcal import CalendarFileError, parse_calendar_data

    found = []
    for index, block in enumerate(loaded.doc.data.get("calendar") or []):
        try:
            parse_calendar_data(block, file=loaded.file, locate=loaded.doc.locate, path_prefix=("calendar", index), lang=lang)
        except CalendarFileError as exc:
            found.extend(exc.diagnostics_for(lang))
    return found
