"""Things every command needs: today's date, input discovery, output."""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from ideo_cli.app.result import UsageError
from ideo_cli.i18n import msg
from ideo_cli.workspace.discover import DEFAULT_EXCLUDES, discover  # noqa: F401 - the commands' one import place


def today_from_env(explicit: dt.date | None = None) -> dt.date:
    """--today, else SOURCE_DATE_EPOCH (reproducible builds), else the real date."""
    if explicit is not None:
        return explicit
    moment = _epoch()
    return moment.date() if moment is not None else dt.date.today()


def _epoch() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a moment, if it is set to one inside 1900–2100 (else it is not used)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not (epoch and epoch.strip().isdigit() and len(epoch.strip()) <= 12):
        return None
    try:
        moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    except (OverflowError, ValueError, OSError):
        return None
    return moment if MIN_YEAR <= moment.year <= MAX_YEAR else None


def now_from_env() -> dt.datetime:
    moment = _epoch()
    if moment is not None:
        return moment
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


from ideo_cli.documents.read import read_source  # noqa: E402 - re-exported: the commands' one import place


def parse_date_option(option: str, value: str) -> dt.date:
    """``--today 2027-06-30`` → a date; anything else is a usage error naming the option."""
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(msg("cli.bad-date-option", option=option, value=value)) from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise UsageError(msg("cli.year-out-of-range", option=option, value=value.strip(), low=MIN_YEAR, high=MAX_YEAR))
    return day


MIN_YEAR, MAX_YEAR = 1900, 2100  # README §2d: every year and date an option or a file gives
_YEAR_OPTIONS = (("year", "--year"),)
_DATE_OPTIONS = (("today_text", "--today"), ("as_of_text", "--as-of"), ("as_of", "--as-of"), ("today", "--today"))


def check_year_options(options: object) -> None:
    """Every command's ``--year``, ``--today`` and ``--as-of`` within 1900–2100 (UsageError, exit 2).

    Run once for every command (``cli/common.py: run_command``) before the
    command's own code: ``--year 0`` must not fall back to this year, 9999-12-31
    must not reach date arithmetic that overflows.
    """
    for attribute, option in _YEAR_OPTIONS:
        year = getattr(options, attribute, None)
        if isinstance(year, int) and not isinstance(year, bool) and not MIN_YEAR <= year <= MAX_YEAR:
            raise UsageError(msg("schedule.year-out-of-range", year=year, low=MIN_YEAR, high=MAX_YEAR))
    for attribute, option in _DATE_OPTIONS:
        value = getattr(options, attribute, None)
        if isinstance(value, str) and value.strip():
            parse_date_option(option, value)
        elif isinstance(value, dt.date) and not MIN_YEAR <= value.year <= MAX_YEAR:
            raise UsageError(msg("cli.year-out-of-range", option=option, value=value.isoformat(), low=MIN_YEAR, high=MAX_YEAR))
