"""The roll-up commands' located problems, as the text report on stderr."""
from __future__ import annotations

from ideo_cli.render.diagnostics import RenderOptions, render
from ideo_cli.rollup.prepare import Prepared


def render_problems(prepared: Prepared, lang: str) -> bytes:
    if not prepared.results:
        return b""
    return render("text", prepared.results, RenderOptions(lang=lang)).encode("utf-8")
