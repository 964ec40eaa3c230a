"""Markdown checklist (`- [ ]` items) grouped by month; the unit leads each item
when the list covers several units, the status follows it when a ledger was read."""
from __future__ import annotations

from itertools import groupby

from ideo_cli.i18n import msg, t
from ideo_cli.render.occurrences.columns import (
    citation_text, day_text, join, marks, month_heading, owners_text, several_units, status_text, title_text,
)
from ideo_cli.render.occurrences.todo import TodoOptions
from ideo_cli.schedule.occurrence import Occurrence


def export(occurrences: list[Occurrence], options: TodoOptions) -> bytes:
    lang = options.lang
    separator = t(msg("todo.detail-separator"), lang)
    lines = [f"# {options.title}", ""]
    if options.sources:
        lines += [t(msg("todo.calendar-sources", sources=separator.join(options.sources)), lang), ""]
    if not occurrences:
        lines.append(t(msg("todo.nothing-due"), lang))
    with_unit = several_units(occurrences)
    for (year, month), items in groupby(occurrences, key=lambda o: (o.due.year, o.due.month)):
        lines += [f"## {month_heading(year, month, lang)}", ""]
        for o in items:
            mark = "".join(text for text, _ in marks(o, options.today, lang))
            detail = []
            if with_unit:
                detail.append(t(msg("todo.detail.unit", unit=o.plan_name), lang))
            detail.append(t(msg("todo.detail.owner", owners=owners_text(o, lang)), lang))
            detail.append(t(msg("todo.detail.period", period=o.period), lang))
            if o.status:
                detail.append(t(msg("todo.detail.status", status=status_text(o, lang)), lang))
            if o.evidence:
                detail.append(t(msg("todo.detail.evidence", evidence=join(o.evidence, lang)), lang))
            if o.recipients:
                detail.append(t(msg("todo.detail.recipients", recipients=join(o.recipients, lang)), lang))
            lines.append(f"- [ ] {mark}{day_text(o.due, lang)} {title_text(o, lang)} — " + separator.join(detail))
            citation = citation_text(o, lang)
            if citation:
                lines.append("  - " + t(msg("todo.detail.source", rule=o.rule, citation=citation), lang))
        lines.append("")
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")
