"""``concise``: one line per diagnostic, ``file:line:col: CODE [severity] message``, then the summary."""
from __future__ import annotations

from ideo_cli.diagnostics.model import FileResult
from ideo_cli.render.diagnostics import RenderOptions, register, strings
from ideo_cli.render.diagnostics.common import (
    BOLD,
    SEVERITY_STYLE,
    count,
    location,
    severity_value,
    sorted_diagnostics,
    style,
    summary_line,
    terminal_safe,
)


@register("concise")
def render_concise(results: list[FileResult], options: RenderOptions) -> str:
    lang, color = options.lang, options.color
    out = []
    for result in results:
        for d in sorted_diagnostics(result):
            severity = severity_value(d)
            label = style(f"[{strings.severity_label(lang, severity)}]", SEVERITY_STYLE[severity], color)
            where = terminal_safe(location(d, result.file), one_line=True)
            message = terminal_safe(d.message, one_line=True)
            out.append(f"{style(where, BOLD, color)}: {style(d.code, BOLD, color)} {label} {message}")
    out.append(style(summary_line(count(results), lang), BOLD, color))
    return "\n".join(out) + "\n"
