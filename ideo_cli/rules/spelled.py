"""A plan value quoted in a finding, spelled in the output language (issue 17).

Plans may be written with Chinese or English keys and values (重大舆情 or
major-opinion); the model keeps the Chinese spelling.  A finding quoting one
carries both spellings, and the renderer picks the output language's, so an
English run never says "recurrence 每半年" and a Chinese one never says "major-opinion".
"""
from __future__ import annotations

from ideo_cli.i18n import LocalText


def spelled(value: str, spellings: dict[str, list[str]]) -> LocalText | str:
    """``value`` (the model's Chinese spelling) with its English alias from ``spellings``."""
    english = next((alias for alias in spellings.get(value, ()) if alias.isascii()), None)
    return LocalText(value, english) if english else value
