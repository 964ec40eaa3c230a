"""``github``: GitHub Actions workflow commands, one annotation per diagnostic.

    ::error file=plans/a.yaml,line=17,col=5,endLine=17,endColumn=15,title=IDEO201 topic-study-twice-a-year::message%0A建议: …

Escaping follows actions/toolkit: data escapes ``%``, ``\\r``, ``\\n``;
properties additionally ``:`` and ``,``.  Levels: error/fatal -> ``error``,
warning -> ``warning``, info -> ``notice``.  Positions that are 0 are left
out (a file-level annotation).  No summary line: every line is a command.
"""
from __future__ import annotations

from ideo_cli.diagnostics.model import Diagnostic, FileResult
from ideo_cli.render.diagnostics import RenderOptions, register, strings
from ideo_cli.render.diagnostics.common import format_citation, severity_value, sorted_diagnostics

_COMMAND = {"fatal": "error", "error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic, lang: str, file: str = "") -> str:
    props = [("file", d.file or file)]
    if d.line >= 1:
        props.append(("line", str(d.line)))
        if d.col >= 1:
            props.append(("col", str(d.col)))
        if d.end_line is not None and d.end_line >= d.line:
            props.append(("endLine", str(d.end_line)))
        elif d.end_col is not None:
            props.append(("endLine", str(d.line)))
        if d.end_col is not None and d.col >= 1:
            props.append(("endColumn", str(d.end_col)))
    props.append(("title", f"{d.code} {d.name}".strip()))
    message = [d.message]
    if d.help:
        message.append(f"{strings.text(lang, 'label.help')}: {d.help}")
    if d.citation:
        message.append(f"{strings.text(lang, 'label.citation')}: {format_citation(d.citation, lang)}")
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{_COMMAND[severity_value(d)]} {rendered}::{escape_data(chr(10).join(message))}"


@register("github")
def render_github(results: list[FileResult], options: RenderOptions) -> str:
    lines = [annotation(d, options.lang, r.file) for r in results for d in sorted_diagnostics(r)]
    return "".join(line + "\n" for line in lines)
