"""Markdown checklist (`- [ ]` items) grouped by month."""
from __future__ import annotations

from itertools import groupby

from ideo_cli.render.citations import format_citation
from ideo_cli.render.occurrences.columns import OVERDUE_MARK, PROVISIONAL_MARK, join, owners_text, title_text, weekday
from ideo_cli.render.occurrences.todo import TodoOptions
from ideo_cli.schedule.occurrence import Occurrence


def export(occurrences: list[Occurrence], options: TodoOptions) -> bytes:
    zh = options.lang == "zh"
    lines = [f"# {options.title}", ""]
    if options.sources:
        lines += [("日历来源：" if zh else "Calendar: ") + ("；" if zh else "; ").join(options.sources), ""]
    if not occurrences:
        lines.append("（没有待办事项）" if zh else "(nothing due)")
    for (year, month), items in groupby(occurrences, key=lambda o: (o.due.year, o.due.month)):
        lines += [f"## {year}年{month}月" if zh else f"## {year}-{month:02d}", ""]
        for o in items:
            marks = (PROVISIONAL_MARK[options.lang] if o.provisional else "") + (OVERDUE_MARK[options.lang] if o.due < options.today else "")
            date = f"{o.due.month}月{o.due.day}日（{weekday(o.due, 'zh')}）" if zh else f"{o.due.isoformat()} ({weekday(o.due, 'en')})"
            detail = [("负责人：" if zh else "owner: ") + owners_text(o, options.lang), ("周期：" if zh else "period: ") + o.period]
            if o.evidence:
                detail.append(("留痕：" if zh else "evidence: ") + join(o.evidence, options.lang))
            if o.recipients:
                detail.append(("报送：" if zh else "to: ") + join(o.recipients, options.lang))
            lines.append(f"- [ ] {marks}{date} {title_text(o, options.lang)} — " + ("；" if zh else "; ").join(detail))
            if o.citation:
                lines.append(f"  - {'依据' if zh else 'source'}：{o.rule} {format_citation(o.citation, options.lang)}" if zh else f"  - source: {o.rule} {format_citation(o.citation, options.lang)}")
        lines.append("")
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")
