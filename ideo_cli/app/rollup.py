"""`ideo rollup`: the subtree's units × obligation kinds, the late list, the rates."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ideo_cli.app.inputs import now_from_env, parse_date_option, today_from_env, use_color
from ideo_cli.app.problems import render_problems
from ideo_cli.app.result import EXIT_CLEAN, EXIT_FATAL, EXIT_FINDINGS, CommandResult, OutputFile, UsageError
from ideo_cli.app.score import diagnostics_result, read_rubric
from ideo_cli.app.todo import terminal_width
from ideo_cli.i18n import msg, t
from ideo_cli.render.html.site import render_rollup_page
from ideo_cli.render.rollup import scores as render_scores
from ideo_cli.render.rollup.data import render_csv, render_json, render_xlsx
from ideo_cli.render.rollup.labels import text, unit_name
from ideo_cli.render.rollup.table import render_table
from ideo_cli.rollup.aggregate import build_rollup
from ideo_cli.rollup.prepare import check_year, pick_root, prepare
from ideo_cli.rollup.scores import ranking, score_cards

FORMATS = ("table", "json", "csv", "xlsx", "html")


@dataclass
class RollupOptions:
    paths: list[Path]
    year: int | None = None
    as_of: str | None = None
    root: str | None = None
    format: str = "table"
    output: Path | None = None
    lang: str = "zh"
    color: str = "auto"
    progress: Callable[[int, int], None] | None = None  # set by the CLI on a terminal
    rubric: Path | None = None  # --rubric: rank the subtree's units by score (a file or a shipped name)
    calendars: list[Path] = field(default_factory=list)  # --calendar files (the one calendar policy)


def resolve_dates(year: int | None, as_of_text: str | None) -> tuple[int, dt.date]:
    today = parse_date_option("--as-of", as_of_text) if as_of_text else today_from_env()
    return check_year(year, today), today


def run(options: RollupOptions) -> CommandResult:
    lang = options.lang
    if options.format not in FORMATS:
        raise UsageError(msg("rollup.bad-format", format=options.format, known=list(FORMATS)))
    if options.format == "xlsx" and options.output is None:
        raise UsageError(msg("rollup.xlsx-needs-output"))
    year, as_of = resolve_dates(options.year, options.as_of)
    rubric = None
    if options.rubric is not None:
        rubric, failed = read_rubric(options.rubric, lang)
        if failed is not None:
            return failed
    # only what the roll-up reads is kept per occurrence: 10⁵ units fit in memory
    prepared = prepare(options.paths, year, as_of, progress=options.progress, one_root=options.root is None, compact=True, calendars=tuple(options.calendars))
    stderr = render_problems(prepared, lang)
    if prepared.fatal:
        return CommandResult(exit_code=EXIT_FATAL, stderr=stderr, errors=[msg("rollup.not-written")])
    root = pick_root(prepared.tree, options.root)
    rollup = build_rollup(prepared.tree, prepared.summaries, year, as_of, root)
    unit = unit_name(prepared.summaries[root]["unit"]) if root else text("rollup.all-units", lang)
    title = t(msg("rollup.title", unit=unit, year=year, as_of=as_of), lang)
    ranking = subtree_ranking(prepared, root, rubric, year, as_of, lang) if rubric is not None else None
    if ranking is not None and options.format != "html":
        return _ranking_result(ranking, options, title, year, as_of, root, stderr, prepared)
    if options.format == "table":
        data = render_table(rollup, title, lang, width=terminal_width(), color=options.output is None and use_color(options.color))
    elif options.format == "json":
        data = render_json(rollup)
    elif options.format == "csv":
        data = render_csv(rollup, lang)
    elif options.format == "xlsx":
        data = render_xlsx(rollup, lang, title, now_from_env())
    else:
        data = render_rollup_page(rollup, prepared, title, lang, ranking=ranking)
    code = EXIT_FINDINGS if prepared.findings else EXIT_CLEAN
    if options.output is None:
        return CommandResult(exit_code=code, stdout=data, stderr=stderr)
    return CommandResult(exit_code=code, stderr=stderr, outputs=[OutputFile(options.output, data)])


def subtree_ranking(prepared, root: str | None, rubric, year: int, as_of: dt.date, lang: str):
    """The subtree's units scored against ``rubric`` and ranked (``--rubric``)."""
    tops = [root] if root else list(prepared.tree.roots)
    members = [uid for top in tops for uid, _ in prepared.tree.walk(top)]
    cards = score_cards(prepared.summaries, members, rubric, year, as_of)
    return ranking(cards, prepared.summaries, members, rubric)


def _ranking_result(ranking, options: RollupOptions, title: str, year: int, as_of: dt.date, root, stderr: bytes, prepared) -> CommandResult:
    lang = options.lang
    if options.format == "table":
        data = render_scores.render_table(ranking, title, lang, width=min(terminal_width(), 120))
    elif options.format == "json":
        data = render_scores.render_json(ranking, year, as_of, root)
    elif options.format == "csv":
        data = render_scores.render_csv(ranking, lang)
    else:
        data = render_scores.render_xlsx(ranking, lang, title, now_from_env())
    if ranking.problems:
        stderr += diagnostics_result(ranking.problems, {}, lang, EXIT_FINDINGS).stderr
    code = EXIT_FINDINGS if prepared.findings or ranking.problems else EXIT_CLEAN
    if options.output is None:
        return CommandResult(exit_code=code, stdout=data, stderr=stderr)
    return CommandResult(exit_code=code, stderr=stderr, outputs=[OutputFile(options.output, data)])
