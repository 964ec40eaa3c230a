"""Event order and per-person calendars (no icalendar import)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ideo_cli.schedule.occurrence import Occurrence


def as_date(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def occurrence_sort_key(occurrence: Occurrence) -> tuple:
    """Deterministic event order: (due, plan, obligation, period)."""
    return (as_date(occurrence.due), occurrence.plan, occurrence.obligation, occurrence.period)


def split_by_person(occurrences: Iterable[Occurrence]) -> dict[str, list[Occurrence]]:
    """Map person id -> that person's occurrences, sorted like the calendar.

    An occurrence with two owners goes to both; one listing the same person
    twice goes to that person once. Occurrences with no owner appear in no
    list, and a person with nothing due has no entry (so no empty calendar).
    Keys are sorted so per-person files come out in a stable order.
    """
    buckets: dict[str, list[Occurrence]] = {}
    for occ in occurrences:
        for pid in dict.fromkeys(p.id for p in occ.owners):
            buckets.setdefault(pid, []).append(occ)
    return {pid: sorted(buckets[pid], key=occurrence_sort_key) for pid in sorted(buckets)}
