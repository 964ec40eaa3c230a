"""`ideo status`: each unit's small versioned summary (what ``ideo rollup`` reads
in place of the unit's files; shape in ``ideo_cli/rollup/SUMMARY-FORMAT.md``)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ideo_cli.app.problems import render_problems
from ideo_cli.app.result import EXIT_CLEAN, EXIT_FATAL, EXIT_FINDINGS, CommandResult, OutputFile, UsageError
from ideo_cli.app.rollup import resolve_dates
from ideo_cli.i18n import msg
from ideo_cli.render.rollup.labels import status_label, text, unit_name
from ideo_cli.rollup.prepare import prepare

FORMATS = ("table", "json")


@dataclass
class StatusOptions:
    paths: list[Path]
    year: int | None = None
    as_of: str | None = None
    format: str = "table"
    output: Path | None = None  # a file (one unit) or a folder (one <id>.status.json per unit)
    lang: str = "zh"
    calendars: list[Path] = field(default_factory=list)  # --calendar files (the one calendar policy)


def summary_bytes(summary: dict) -> bytes:
    return (json.dumps(summary, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def run(options: StatusOptions) -> CommandResult:
    lang = options.lang
    if options.format not in FORMATS:
        raise UsageError(msg("rollup.bad-format", format=options.format, known=list(FORMATS)))
    year, as_of = resolve_dates(options.year, options.as_of)
    prepared = prepare(options.paths, year, as_of, with_findings=True, one_root=False, whole_tree=False, calendars=tuple(options.calendars))
    stderr = render_problems(prepared, lang)
    if prepared.fatal:
        return CommandResult(exit_code=EXIT_FATAL, stderr=stderr, errors=[msg("rollup.not-written")])
    summaries = [prepared.summaries[uid] for uid in sorted(prepared.summaries)]
    code = EXIT_FINDINGS if prepared.findings else EXIT_CLEAN
    if options.format == "json":
        if options.output is not None and (options.output.is_dir() or len(summaries) > 1):
            outputs = [OutputFile(options.output / f"{s['unit']['id']}.status.json", summary_bytes(s)) for s in summaries]
            return CommandResult(exit_code=code, stderr=stderr, outputs=outputs, output_dir=options.output,
                                 notes=[msg("rollup.status-wrote", n=len(outputs), dir=options.output.as_posix())])
        data = summary_bytes(summaries[0]) if len(summaries) == 1 else (json.dumps(summaries, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        if options.output is not None:
            return CommandResult(exit_code=code, stderr=stderr, outputs=[OutputFile(options.output, data)])
        return CommandResult(exit_code=code, stdout=data, stderr=stderr)
    lines = []
    for s in summaries:
        counts = [msg("rollup.status-count", status=msg(f"status.{k}"), n=v) for k, v in s["counts"].items() if v]
        lines.append(text("rollup.status-line", lang, unit=unit_name(s["unit"]), unit_id=s["unit"]["id"], n=len(s["occurrences"]), counts=counts, findings=len(s.get("findings") or [])))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if options.output is not None:
        return CommandResult(exit_code=code, stderr=stderr, outputs=[OutputFile(options.output, data)])
    return CommandResult(exit_code=code, stdout=data, stderr=stderr)
