"""Calendar messages live in the catalogue under ``calendar.…``; this is the shim for
callers that name them by their short key (``source-file`` → ``calendar.source-file``).
"""
from __future__ import annotations

from ideo_cli.i18n import Message, msg, t


def norm_lang(lang: str | None) -> str:
    return "en" if (lang or "zh").lower().startswith("en") else "zh"


class Msg:
    """``Msg.of("duplicate-year", year=2027)`` → the catalogue Message ``calendar.duplicate-year``."""

    @staticmethod
    def of(msg_key: str, /, **params: object) -> Message:
        return msg("calendar." + msg_key, **params)


def render(msg_key: str, lang: str = "zh", /, **params: object) -> str:
    """A calendar message in ``lang`` — for renderers only (e.g. a calendar's source line)."""
    return t(msg("calendar." + msg_key, **params), norm_lang(lang))
