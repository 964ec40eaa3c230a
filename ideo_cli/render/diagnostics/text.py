"""``text`` (default): ruff-style full output with a source snippet per diagnostic.

    IDEO201 [错误] 专题研究意识形态工作次数不足：每年至少 2 次，计划中只有 1 次 (topic-study-twice-a-year)
      --> plans/xiaozhaiba.yaml:17:5
       |
    16 |     名称: 专题研究意识形态工作
    17 |     频次: 每年
       |     ^^^^^^^^^^
    18 |     次数: 1
       |
       = 路径: obligations[0].recurrence
       = 建议: 把 频次 改为 每半年，或再增加一个 O1 事项
       = 依据: 002《XX镇意识形态工作责任制实施方案》二(一)4 “…”

Header: ``CODE [severity] message (rule-name)``.  One line of context either
side; carets run from ``col`` to ``end_col`` (exclusive, same line) or to the
end of the line, measured in terminal columns (East Asian wide = 2).
"""
from __future__ import annotations

import re

from ideo_cli.diagnostics.model import Diagnostic, FileResult
from ideo_cli.render.diagnostics import RenderOptions, register, strings
from ideo_cli.render.diagnostics.common import (
    BOLD,
    DIM,
    GUTTER,
    SEVERITY_STYLE,
    count,
    display,
    display_width,
    format_citation,
    location,
    severity_value,
    sorted_diagnostics,
    style,
    summary_line,
    terminal_safe,
)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(source: str) -> list[str]:
    """YAML line breaks only (not str.splitlines()'s \\x0c, \\u2028 ...); BOM dropped."""
    if source.startswith("\ufeff"):
        source = source[1:]
    return _LINE_BREAK.split(source)


def _caret_span(d: Diagnostic, text: str) -> tuple[int, int]:
    """(padding, caret count) in display columns for ``d`` on its own line ``text``."""
    start = min(max(d.col, 1) - 1, len(text))
    same_line = d.end_line is None or d.end_line == d.line
    if d.end_col is not None and same_line:
        end = min(max(d.end_col - 1, start), len(text))  # an empty span still gets one caret
    else:
        end = len(text.rstrip())
    return display_width(text[:start]), max(display_width(text[start:end]), 1)


MAX_SNIPPET_CHARS = 160  # a minified or hostile line is cut around the caret, not printed whole


def _clip(text: str, d: Diagnostic, target: bool) -> tuple[str, Diagnostic]:
    """``text`` cut to MAX_SNIPPET_CHARS around the diagnostic's column, and ``d``
    with its columns shifted to match (the original is never modified)."""
    if len(text) <= MAX_SNIPPET_CHARS:
        return text, d
    if not target:
        return text[:MAX_SNIPPET_CHARS] + "…", d
    from dataclasses import replace

    start = max(0, min(d.col - 1, len(text)) - MAX_SNIPPET_CHARS // 4)
    end = start + MAX_SNIPPET_CHARS
    prefix = "…" if start else ""
    clipped = prefix + text[start:end] + ("…" if end < len(text) else "")
    shift = start - len(prefix)
    end_col = None if d.end_col is None else min(d.end_col - shift, len(prefix) + MAX_SNIPPET_CHARS + 1)
    return clipped, replace(d, col=d.col - shift, end_col=end_col)


def _snippet(d: Diagnostic, lines: list[str] | None, color: bool) -> tuple[int, list[str]]:
    """(gutter width, snippet lines); no lines when there is nothing sensible to show."""
    if not lines or lines == [""] or not 1 <= d.line <= len(lines):
        return len(str(max(d.line, 1))), []
    # a final "" after the last newline is shown only when it is the target line
    last_real = len(lines) - 1 if lines[-1] == "" else len(lines)
    first = max(1, d.line - 1)
    last = min(max(last_real, d.line), d.line + 1)
    width = len(str(last))
    bar = style("|", GUTTER, color)
    blank = f"{' ' * width} {bar}"
    out = [blank]
    for number in range(first, last + 1):
        text, at = _clip(lines[number - 1], d, number == d.line)
        shown = display(text).rstrip()
        gutter = style(f"{number:>{width}} |", GUTTER, color)
        out.append(f"{gutter} {shown}" if shown else gutter)
        if number == d.line:
            pad, carets = _caret_span(at, text)
            out.append(f"{blank} {' ' * pad}{style('^' * carets, SEVERITY_STYLE[severity_value(d)], color)}")
    out.append(blank)
    return width, out


def _note(width: int, label: str, value: str, color: bool) -> list[str]:
    first, *rest = terminal_safe(value).split("\n")
    indent = " " * (width + 3 + display_width(label) + 2)
    head = f"{' ' * width} {style('=', GUTTER, color)} {style(label + ':', BOLD, color)}"
    return [f"{head} {first}"] + [indent + line for line in rest]


def render_diagnostic(
    d: Diagnostic, lines: list[str] | None, options: RenderOptions, file: str = ""
) -> str:
    lang, color = options.lang, options.color
    severity = severity_value(d)
    label = strings.severity_label(lang, severity)
    header = f"{style(d.code, BOLD, color)} {style(f'[{label}]', SEVERITY_STYLE[severity], color)} "
    header += style(terminal_safe(d.message), BOLD, color)
    if d.name:
        header += " " + style(f"({terminal_safe(d.name, one_line=True)})", DIM, color)
    width, snippet = _snippet(d, lines, color)
    where = terminal_safe(location(d, file), one_line=True)
    out = [header, f"{' ' * width}{style('-->', GUTTER, color)} {where}"]
    out += snippet
    for key, value in (
        ("label.path", d.path),
        ("label.help", d.help),
        ("label.citation", format_citation(d.citation, lang) if d.citation else ""),
        ("label.url", d.url),
    ):
        if value:
            out += _note(width, strings.text(lang, key), value, color)
    return "\n".join(out)


@register("text")
def render_text(results: list[FileResult], options: RenderOptions) -> str:
    blocks = []
    for result in results:
        lines = split_lines(result.source) if result.source is not None else None
        blocks += [render_diagnostic(d, lines, options, result.file) for d in sorted_diagnostics(result)]
    blocks.append(style(summary_line(count(results), options.lang), BOLD, options.color))
    return "\n\n".join(blocks) + "\n"
