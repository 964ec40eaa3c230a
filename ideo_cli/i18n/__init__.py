"""Language: the one message catalogue, and the types that carry text to it.

Everything above the renderers is language-neutral.  Code that has something
to say builds a :class:`Message` — a message id plus typed arguments — and
renderers turn it into text with :func:`t` in the user's language::

    from ideo_cli.i18n import msg, t
    m = msg("plan.unknown-key", key="名称x", guess="名称")
    t(m, "en")   # "unknown key '名称x'"

Ids and texts live in gettext catalogues, ``locale/{zh,en}/LC_MESSAGES/ideo.po``
(compiled to ``.mo`` by ``make catalog``; a test keeps them in step).  Texts
that arrive as data — rule titles in rulebooks, document titles — are
:class:`LocalText` (both languages side by side); user-written text (names,
titles) is a plain ``str`` and is never translated.
"""
from __future__ import annotations

import os

from ideo_cli.i18n.message import LocalText, Message, local, msg
from ideo_cli.i18n.catalog import format_value, has_message, t

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

__all__ = ["LANGS", "DEFAULT_LANG", "LocalText", "Message", "format_value", "has_message", "local", "msg", "normalize_lang", "resolve_lang", "t"]


def normalize_lang(lang: str | None) -> str:
    """``en``, ``en-US``, ``EN_gb`` -> ``en``; anything else -> Chinese (the default)."""
    if lang and lang.strip().lower().startswith("en"):
        return "en"
    return DEFAULT_LANG


def resolve_lang(explicit: str | None = None) -> str:
    """--lang beats IDEO_LANG beats the default (Chinese)."""
    for candidate in (explicit, os.environ.get("IDEO_LANG")):
        if candidate and candidate.strip():
            return normalize_lang(candidate)
    return DEFAULT_LANG
