"""`ideo html`: the static site for a workspace (no server, no CDN)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ideo_cli.app.problems import render_problems
from ideo_cli.app.result import EXIT_CLEAN, EXIT_FATAL, EXIT_FINDINGS, CommandResult, OutputFile
from ideo_cli.app.rollup import resolve_dates
from ideo_cli.app.score import diagnostics_result, read_rubric
from ideo_cli.i18n import msg
from ideo_cli.render.html.site import build_site
from ideo_cli.rollup.prepare import pick_root, prepare
from ideo_cli.rollup.scores import score_cards


@dataclass
class HtmlOptions:
    paths: list[Path]
    output: Path
    year: int | None = None
    as_of: str | None = None
    root: str | None = None
    lang: str = "zh"
    rubric: Path | None = None  # --rubric: each roll-up page also shows its units' scores
    calendars: list[Path] = field(default_factory=list)  # --calendar files (the one calendar policy)


def run(options: HtmlOptions) -> CommandResult:
    year, as_of = resolve_dates(options.year, options.as_of)
    rubric = None
    if options.rubric is not None:
        rubric, failed = read_rubric(options.rubric, options.lang)
        if failed is not None:
            return failed
    prepared = prepare(options.paths, year, as_of, with_findings=True, one_root=options.root is None, calendars=tuple(options.calendars))
    stderr = render_problems(prepared, options.lang)
    if prepared.fatal:
        return CommandResult(exit_code=EXIT_FATAL, stderr=stderr, errors=[msg("rollup.not-written")])
    root = pick_root(prepared.tree, options.root)
    cards = None
    if rubric is not None:
        tops = [root] if root else list(prepared.tree.roots)
        cards = score_cards(prepared.summaries, [uid for top in tops for uid, _ in prepared.tree.walk(top)], rubric, year, as_of)
        if cards.problems:  # robust: a unit whose 台账 cannot be read goes unscored, and that is said (exit 1)

            stderr += diagnostics_result(cards.problems, {}, options.lang, EXIT_FINDINGS).stderr
            prepared.findings = True
    pages = build_site(prepared, year, as_of, options.output, options.lang, root, rubric=rubric, cards=cards)
    outputs = [OutputFile(options.output / name, data) for name, data in pages]
    return CommandResult(exit_code=EXIT_FINDINGS if prepared.findings else EXIT_CLEAN, stderr=stderr, outputs=outputs, output_dir=options.output,
                         notes=[msg("html.wrote", n=len(outputs), dir=options.output.as_posix(), index=(options.output / "index.html").as_posix())])
