"""The neutral block model a document is made of: no layout, no language.

Text fields hold a ``Message``, ``LocalText`` or a user's ``str``; the writer
translates them (``t(value, lang)``) and numbers the headings.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Text = Any  # Message | LocalText | str


@dataclass(frozen=True)
class Title:
    """The document's title (2号 小标宋, centred)."""

    text: Text


@dataclass(frozen=True)
class Addressee:
    """主送机关: the superior the report goes to, flush left, followed by "："."""

    text: Text


@dataclass(frozen=True)
class Heading:
    """A numbered heading: level 1 "一、" (黑体), level 2 "（一）" (楷体), level 3 "1." (仿宋)."""

    level: int
    text: Text


@dataclass(frozen=True)
class Para:
    """A body paragraph, first line indented two characters.

    ``placeholder``: what only a person can write (【待填写：…】), marked so it is
    found and filled before the document is sent.
    """

    text: Text
    placeholder: bool = False


@dataclass(frozen=True)
class Signature:
    """发文机关署名 and 成文日期 (Arabic numerals), placed as GB/T 9704 7.3.5.2 places them (no seal)."""

    org: Text
    date: Text


Block = Title | Addressee | Heading | Para | Signature
