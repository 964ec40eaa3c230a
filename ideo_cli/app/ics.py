"""`ideo ics`: one calendar per plan (and per person), written as one set."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ideo_cli.app.result import CommandResult, OutputFile
from ideo_cli.app.schedule import load_schedule
from ideo_cli.i18n import msg, t


@dataclass
class IcsCommandOptions:
    paths: list[Path]
    output_dir: Path
    year: int | None = None
    first: str | None = None
    last: str | None = None
    per_person: bool = False
    profile: str = "import"
    calendars: list[Path] = field(default_factory=list)
    lang: str = "zh"


def run(options: IcsCommandOptions) -> CommandResult:
    from ideo_cli.app.inputs import now_from_env
    from ideo_cli.render.occurrences.ics import render_ics, split_by_person

    lang = options.lang
    loaded = load_schedule(options.paths, options.year, None, options.first, options.last, options.calendars, None, lang)
    if isinstance(loaded, CommandResult):
        return loaded
    schedule, span, _ = loaded
    stamp = now_from_env()
    alarms = options.profile == "import"
    label = str(span.first.year) if span.first.year == span.last.year else f"{span.first.year}–{span.last.year}"
    files: dict[str, bytes] = {}
    by_file: dict[str, list] = {}  # one pass, not one scan of all occurrences per plan
    for occ in schedule.occurrences:
        by_file.setdefault(occ.plan_file, []).append(occ)
    for loaded_plan in schedule.plans:
        plan_occ = by_file.get(loaded_plan.file, [])
        unit = loaded_plan.plan.organisation.short_name or loaded_plan.plan.organisation.name
        suffix = "" if alarms else "-feed"
        files[f"{loaded_plan.plan_id}{suffix}.ics"] = render_ics(plan_occ, calendar_name=t(msg("ics.calendar-name", unit=unit, label=label), lang), lang=lang, alarms=alarms, dtstamp=stamp)
        if options.per_person:
            for person_id, items in split_by_person(plan_occ).items():
                person = loaded_plan.plan.person(person_id)
                name = person.name if person else person_id
                files[f"{loaded_plan.plan_id}-{person_id}{suffix}.ics"] = render_ics(items, calendar_name=t(msg("ics.person-calendar-name", person=name, unit=unit, label=label), lang), lang=lang, alarms=alarms, dtstamp=stamp)
    outputs = [OutputFile(options.output_dir / name, data) for name, data in sorted(files.items())]
    note = msg("ics.wrote", files=len(files), events=len(schedule.occurrences), dir=options.output_dir, sources=list(schedule.sources(span, lang)))
    return CommandResult(outputs=outputs, output_dir=options.output_dir, notes=[note], errors=schedule.warnings)
