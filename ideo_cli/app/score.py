"""`ideo score`: a unit's year scored against a rubric (考核细则), before the inspectors come."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ideo_cli.app.inputs import now_from_env, parse_date_option, read_source, today_from_env
from ideo_cli.app.result import EXIT_CLEAN, EXIT_FATAL, EXIT_FINDINGS, CommandResult, OutputFile, UsageError
from ideo_cli.app.schedule import MAX_YEAR, MIN_YEAR, ScheduleError
from ideo_cli.diagnostics import FileResult
from ideo_cli.formats.rubric import RubricError, load_rubric
from ideo_cli.formats.rubric.load import builtin_rubric
from ideo_cli.fsutil import exists
from ideo_cli.i18n import msg, t
from ideo_cli.ledger import status as st
from ideo_cli.render.diagnostics import RenderOptions, render
from ideo_cli.render.score import ScoreRenderOptions, render_scorecards
from ideo_cli.scoring.adapt import ScoringInputError, observations_from_schedule, plan_files
from ideo_cli.scoring.engine import score_unit
from ideo_cli.scoring.observe import assume

FORMATS = ("table", "json", "xlsx", "html")


@dataclass
class ScoreOptions:
    paths: list[Path]
    rubric: Path
    year: int
    as_of_text: str | None = None
    assume: list[str] = field(default_factory=list)  # OBLIGATION:PERIOD=STATUS
    format: str = "table"
    output: Path | None = None
    lang: str = "zh"
    calendars: list[Path] = field(default_factory=list)  # --calendar files (the one calendar policy)


def run(options: ScoreOptions) -> CommandResult:
    lang = options.lang
    if options.format not in FORMATS:
        raise UsageError(msg("score.unknown-format", format=options.format, known=list(FORMATS)))
    if options.format == "xlsx" and options.output is None:
        raise UsageError(msg("score.xlsx-needs-output"))
    if not MIN_YEAR <= options.year <= MAX_YEAR:
        raise UsageError(msg("score.bad-year", year=options.year, low=MIN_YEAR, high=MAX_YEAR))
    as_of = parse_date_option("--as-of", options.as_of_text) if options.as_of_text else today_from_env()
    assumptions = parse_assumptions(options.assume)
    rubric, failed = read_rubric(options.rubric, lang)
    if failed is not None:
        return failed
    files = plan_files(options.paths)
    if not files:
        raise UsageError(msg("score.no-plans", where=[p.as_posix() for p in options.paths]))
    try:
        units = observations_from_schedule(files, options.year, as_of, options.calendars)
    except ScoringInputError as exc:
        if exc.results:
            return CommandResult(exit_code=EXIT_FATAL, stderr=render("text", exc.results, RenderOptions(lang=lang)).encode("utf-8"))
        return CommandResult(exit_code=EXIT_FATAL, errors=[exc.message])
    units = apply_assumptions(units, assumptions)
    cards = [score_unit(rubric, unit) for unit in units]
    data = render_scorecards(options.format, cards, ScoreRenderOptions(lang=lang, stamp=now_from_env(), rubric_files=rubric.files, width=_width()))
    problems = [d for card in cards for d in card.problems]
    result = CommandResult(exit_code=EXIT_FINDINGS if problems else EXIT_CLEAN)
    if problems:
        result.stderr = diagnostics_result(problems, {}, lang, EXIT_FINDINGS).stderr
    if options.output is None:
        result.stdout = data
    else:
        result.outputs = [OutputFile(options.output, data)]
        result.notes = [msg("score.wrote", path=options.output, units=len(cards))]
    return result


def read_rubric(option: Path, lang: str):
    """``--rubric FILE`` or the name of a shipped rubric (``sample``): (rubric, None), or
    (None, the exit-2 result with the rubric's located problems)."""
    path, shown = option, None
    shipped = builtin_rubric(str(option)) if not exists(option) and "/" not in str(option) else None  # robust: never raises (NUL, long names)
    if shipped is not None:  # `--rubric sample`: a rubric shipped with ideo
        path, shown = shipped, f"<ideo>/rubrics/{shipped.name}"
    try:
        return load_rubric(path, shown), None
    except RubricError as exc:
        return None, diagnostics_result(exc.diagnostics, exc.sources, lang, EXIT_FATAL)


def _width() -> int:
    """The table's width: $COLUMNS when set (a terminal, or a test at 80), else 100 — never the pipe's guess."""
    import os

    value = os.environ.get("COLUMNS", "")
    return max(60, min(int(value), 400)) if value.isdigit() else 100


def parse_assumptions(values: list[str]) -> dict[tuple[str, str], str]:
    """``topic-study:2027H2=done`` (a status code or its Chinese name) → {(obligation, period): status}."""
    names = {code: code for code in st.STATUSES}
    names.update({t(msg(f"status.{code}"), "zh"): code for code in st.STATUSES})
    out: dict[tuple[str, str], str] = {}
    for value in values:
        target, _, status = value.partition("=")
        obligation, _, period = target.partition(":")
        status = status.strip() if "=" in value else st.DONE  # "topic-study:2027H2" alone means done
        if not obligation.strip() or not period.strip() or status not in names:
            raise UsageError(msg("score.bad-assume", value=value, statuses=list(st.STATUSES)))
        out[(obligation.strip(), period.strip())] = names[status]
    return out


def apply_assumptions(units, assumptions):
    """Each assumption applies to the units whose plan has that occurrence; one that none has is an error."""
    if not assumptions:
        return units
    used: set = set()
    out = []
    def rows(unit):  # the occurrences and the 整改 items (ITEM:YEAR)
        return [*unit.occurrences, *unit.rectifications]

    for unit in units:
        keys = {(o.obligation, o.period) for o in rows(unit)}
        mine = {k: v for k, v in assumptions.items() if k in keys}
        used |= set(mine)
        out.append(assume(unit, mine))
    for key in assumptions:
        if key not in used:
            known = sorted({f"{o.obligation}:{o.period}" for u in units for o in rows(u) if o.obligation == key[0]}) or sorted({o.obligation for u in units for o in rows(u)})
            raise UsageError(msg("score.unknown-assumption", value=f"{key[0]}:{key[1]}", known=known))
    return out


def diagnostics_result(diagnostics, sources: dict[str, str], lang: str, code: int) -> CommandResult:
    by_file: dict[str, FileResult] = {}
    for d in sorted(diagnostics, key=lambda d: d.sort_key()):
        if d.file not in by_file:
            by_file[d.file] = FileResult(file=d.file, source=sources.get(d.file) or read_source(d.file))
        by_file[d.file].diagnostics.append(d)
    return CommandResult(exit_code=code, stderr=render("text", list(by_file.values()), RenderOptions(lang=lang)).encode("utf-8"))
