"""UsageError: a request that cannot run as asked (one translated line, exit 2).

It lives on the ground floor so that any layer can refuse a request; the
commands (``app/result.py``) re-export it.
"""
from __future__ import annotations

from ideo_cli.i18n import Message

EXIT_USAGE = 2


class UsageError(Exception):
    """A command cannot run as asked: one translated line on stderr, exit 2."""

    def __init__(self, message: Message, exit_code: int = EXIT_USAGE):
        super().__init__(message.id)
        self.message = message
        self.exit_code = exit_code
