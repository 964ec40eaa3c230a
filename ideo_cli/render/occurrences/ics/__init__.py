"""iCalendar (RFC 5545) export of occurrences, for Outlook / Google / Apple / WPS.

The package is split by concern:

* :mod:`.text` — what people read (SUMMARY, DESCRIPTION, CATEGORIES, the
  calendar's name), in the user's language, through the catalogue;
* :mod:`.identity` — UIDs and the content digest that drives SEQUENCE;
* :mod:`.writer` — the field → property table and the icalendar objects
  built from it, serialised with our own 75-octet folding;
* :mod:`.split` — per-person calendars and the event order (no icalendar
  import, so ``todo --format xlsx`` can use it cheaply).

Importing the package is cheap: the writer (and icalendar) load on first use.
"""
from __future__ import annotations

from ideo_cli.render.occurrences.ics.split import occurrence_sort_key, split_by_person

__all__ = [
    "FOLD_LIMIT",
    "PRODID",
    "EventFields",
    "calendar_uid",
    "dtstamp_from_env",
    "event_fields",
    "fold_line",
    "occurrence_sort_key",
    "render_calendar",
    "render_event",
    "render_ics",
    "split_by_person",
    "uid_namespace",
]

_LAZY = {
    "FOLD_LIMIT": "writer", "PRODID": "writer", "EventFields": "writer", "dtstamp_from_env": "writer",
    "event_fields": "writer", "fold_line": "writer", "render_calendar": "writer", "render_event": "writer",
    "render_ics": "writer", "calendar_uid": "identity", "uid_namespace": "identity",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(name)
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
