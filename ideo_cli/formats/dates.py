"""Dates as people type them: ``2026-6-10``, ``2026/6/10``, ``2026.6.10``, ``2026年6月10日``.

One reader for the command line, the prompts and the spreadsheet cells a clerk
fills in; optionally followed by a time (``15:00``).  Files keep ISO dates: the
ledger model accepts only ``YYYY-MM-DD`` and, when it sees one of these forms,
says how to write it (``写成 2026-06-10``).  A day the month does not have is
named as such ("6 月只有 30 天"), not as an unreadable date.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from ideo_cli.i18n import Message, msg

_HUMAN = re.compile(
    r"^\s*(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)"
    r"(?:\s*[ T]\s*(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?)?\s*$"
)


class DateTextError(ValueError):
    """Text that is not a date; ``message`` says why (catalogue terms)."""

    def __init__(self, message: Message):
        super().__init__(message.id)
        self.message = message


def read_date(text: str, *, allow_time: bool = True) -> dt.date | dt.datetime:
    """The date (or date and time) in ``text``; DateTextError when there is none."""
    plain = unicodedata.normalize("NFKC", str(text)).strip()
    match = _HUMAN.match(plain)
    if not match:
        raise DateTextError(msg("date.unreadable", value=str(text).strip()))
    year = int(match.group(1))
    month = int(match.group(2) or match.group(4))
    day = int(match.group(3) or match.group(5))
    if not 1 <= month <= 12:
        raise DateTextError(msg("date.no-such-month", value=plain, month=month))
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateTextError(msg("date.no-such-day", value=plain, month=month, days=last))
    if match.group(6) is None:
        return dt.date(year, month, day)
    hour, minute, second = int(match.group(6)), int(match.group(7)), int(match.group(8) or 0)
    if not allow_time:
        raise DateTextError(msg("date.no-time", value=plain))
    if hour > 23 or minute > 59 or second > 59:
        raise DateTextError(msg("date.bad-time", value=plain))
    return dt.datetime(year, month, day, hour, minute, second)


def iso_text(value: dt.date | dt.datetime) -> str:
    """How a file writes it: ``2026-06-10`` or ``2026-06-10 15:00``."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if not value.second else value.strftime("%Y-%m-%d %H:%M:%S")
    return value.isoformat()
