"""Language choice and the small catalogue of messages that are not rule texts.

Rule titles, help and explanations live in the rulebooks (data); messages
produced by code live next to that code as ``{"zh": ..., "en": ...}`` pairs and
go through :func:`pick`.
"""
from __future__ import annotations

import os
from typing import Mapping

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


def resolve_lang(explicit: str | None = None) -> str:
    """--lang beats IDEO_LANG beats the default (Chinese)."""
    for candidate in (explicit, os.environ.get("IDEO_LANG")):
        if candidate:
            value = candidate.strip().lower().replace("_", "-")
            if value.startswith("zh"):
                return "zh"
            if value.startswith("en"):
                return "en"
    return DEFAULT_LANG


def pick(texts: Mapping[str, str], lang: str, **fields: object) -> str:
    """The text in ``lang`` (falling back to Chinese), formatted with ``fields``."""
    template = texts.get(lang) or texts.get(DEFAULT_LANG) or next(iter(texts.values()), "")
    return template.format(**fields) if fields else template
