"""The one working-day calendar policy every command uses.

A unit's dates come from, in order: the ``--calendar`` files, then the plan's
own ``日历:`` blocks, then the official data (chinese-calendar), then the
provisional fallback (``holidays`` plus weekends).  ``build_calendar`` applies
that order; this module decides *which* inputs a unit gets and builds each
distinct combination once per process: the plans of a county that carry no
``日历:`` block all share one calendar (and its per-year day tables).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

from ideo_cli.workcal.calendar import InlineCalendar, WorkCalendar, build_calendar

_BUILT: dict[tuple, WorkCalendar] = {}


def _file_key(path: Path | str) -> tuple:
    path = Path(path)
    try:
        st = path.stat()
        return (str(path.resolve()), st.st_size, st.st_mtime_ns)
    except (OSError, ValueError):
        return (str(path), -1, -1)


def _inline_key(item: InlineCalendar) -> str:
    return item.file + "\0" + json.dumps(item.data, sort_keys=True, ensure_ascii=False, default=str)


def calendar_for(calendar_files: Sequence[Path | str] = (), inline: Sequence[InlineCalendar] = ()) -> WorkCalendar:
    """The calendar for these files and inline blocks (built once per distinct set).

    Raises ``CalendarFileError`` (located) when a file or block is invalid or
    two of them disagree about a year.
    """
    key = (tuple(_file_key(p) for p in calendar_files), tuple(_inline_key(i) for i in inline))
    found = _BUILT.get(key)
    if found is None:
        found = _BUILT[key] = build_calendar(list(calendar_files), list(inline))
    return found


def inline_blocks(loaded: Any) -> list[InlineCalendar]:
    """A loaded plan's ``日历:`` blocks, located in the plan (its validated data)."""
    data = loaded.doc.data.get("calendar") if isinstance(loaded.doc.data, dict) else None
    count = len(loaded.plan.calendar)
    if not isinstance(data, list):
        return []
    return [InlineCalendar(data[i], loaded.file, loaded.doc.locate, ("calendar", i)) for i in range(min(count, len(data)))]


def plan_calendar(loaded: Any, calendar_files: Sequence[Path | str] = ()) -> WorkCalendar:
    """The one policy for a plan: the files given, then the plan's own blocks, then official data."""
    return calendar_for(calendar_files, inline_blocks(loaded))
