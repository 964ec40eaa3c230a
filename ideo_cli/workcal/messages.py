"""Calendar messages live in the catalogue under ``calendar.…``; this is the shim for
callers that name them by their short key (``source-file`` → ``calendar.source-file``).
"""
from __future__ import annotations

from ideo_cli.i18n import Message, msg


class Msg:
    """``Msg.of("duplicate-year", year=2027)`` → the catalogue Message ``calendar.duplicate-year``."""

    @staticmethod
    def of(msg_key: str, /, **params: object) -> Message:
        return msg("calendar." + msg_key, **params)

