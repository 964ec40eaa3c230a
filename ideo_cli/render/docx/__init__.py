"""Word documents in the official format (GB/T 9704-2012 党政机关公文格式).

A document module (``plan``, ``report``, ``self_check``) turns a unit's facts into a
neutral list of blocks (``blocks``) holding Messages and user text; ``writer`` lays
them out on the page that ``gbt9704`` sets up, in the chosen language.

    from ideo_cli.render.docx import render_docx
    data = render_docx(blocks, DocxOptions(lang="zh", stamp=stamp))
"""
from __future__ import annotations

from ideo_cli.render.docx.writer import DocxOptions, render_docx

__all__ = ["DocxOptions", "render_docx"]
