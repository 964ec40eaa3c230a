"""Things every command needs: today's date, input discovery, output."""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from ideo_cli.workspace.discover import DEFAULT_EXCLUDES, discover  # noqa: F401 - the commands' one import place



def today_from_env(explicit: dt.date | None = None) -> dt.date:
    """--today, else SOURCE_DATE_EPOCH (reproducible builds), else the real date."""
    if explicit is not None:
        return explicit
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def now_from_env() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
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
    from ideo_cli.app.result import UsageError
    from ideo_cli.i18n import msg

    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(msg("cli.bad-date-option", option=option, value=value)) from None
