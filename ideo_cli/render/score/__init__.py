"""Scorecard renderers: ``table`` (rich), ``json`` (versioned, see JSON-FORMAT.md),
``xlsx`` (the 自查评分表, print-ready), ``html`` (Jinja2, autoescaped).

    from ideo_cli.render.score import ScoreRenderOptions, render_scorecards
    data = render_scorecards("table", cards, ScoreRenderOptions(lang="zh"))
"""
from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ScoreRenderOptions:
    lang: str = "zh"
    stamp: dt.datetime = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)  # SOURCE_DATE_EPOCH for xlsx
    rubric_files: list[str] = field(default_factory=list)
    width: int = 100  # table columns


_MODULES = {"table": "table", "json": "json_report", "xlsx": "xlsx", "html": "html"}


def render_scorecards(fmt: str, cards, options: ScoreRenderOptions) -> bytes:
    module = importlib.import_module(f"ideo_cli.render.score.{_MODULES[fmt]}")
    return module.render(cards, options)
