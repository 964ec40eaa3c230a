"""``--statistics``: how often each rule fired, most frequent first (then by code).

      12 IDEO201 [错误] topic-study-twice-a-year
       3 IDEO105 [警告] owner-is-listed-person

    发现 15 个问题（错误 12，警告 3）；检查了 5 个文件

A code's severity is the most severe one seen for it (severity overrides can differ per file).
"""
from __future__ import annotations

from dataclasses import dataclass

from ideo_cli.diagnostics.model import FileResult, Severity
from ideo_cli.render.diagnostics import RenderOptions, register, strings
from ideo_cli.render.diagnostics.common import (
    BOLD,
    SEVERITY_STYLE,
    count,
    display_width,
    style,
    summary_line,
    terminal_safe,
)


@dataclass(frozen=True, slots=True)
class Stat:
    code: str
    name: str
    severity: str
    count: int

    def as_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "severity": self.severity, "count": self.count}


def collect(results: list[FileResult]) -> list[Stat]:
    seen: dict[str, list] = {}  # code -> [name, Severity, count]
    for result in results:
        for d in result.diagnostics:
            severity = Severity(d.severity)
            entry = seen.setdefault(d.code, [d.name, severity, 0])
            entry[0] = entry[0] or d.name
            if severity.rank > entry[1].rank:
                entry[1] = severity
            entry[2] += 1
    stats = [Stat(code, name, severity.value, n) for code, (name, severity, n) in seen.items()]
    return sorted(stats, key=lambda s: (-s.count, s.code))


@register("statistics")
def render_statistics(results: list[FileResult], options: RenderOptions) -> str:
    lang, color = options.lang, options.color
    stats = collect(results)
    out = []
    if stats:
        number_width = max(len(str(s.count)) for s in stats)
        code_width = max(len(s.code) for s in stats)
        labels = [f"[{strings.severity_label(lang, s.severity)}]" for s in stats]
        label_width = max(display_width(label) for label in labels)
        for stat, label in zip(stats, labels):
            padded = style(label, SEVERITY_STYLE[stat.severity], color)
            padded += " " * (label_width - display_width(label))
            line = f"  {stat.count:>{number_width}} {style(stat.code.ljust(code_width), BOLD, color)} {padded}"
            line += f" {terminal_safe(stat.name, one_line=True)}"
            out.append(line.rstrip())
        out.append("")
    out.append(style(summary_line(count(results), lang), BOLD, color))
    return "\n".join(out) + "\n"
