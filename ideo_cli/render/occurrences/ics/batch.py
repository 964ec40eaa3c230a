"""Many calendars at once: one plan's events rendered once, shared by its files,
and plans spread over the CPU cores.

``render_batch(jobs, …)`` returns, for every job in order, the files it
produced and the revision of every event (for the next run's manifest).
With ``workers > 1`` the jobs run in a pool of forked processes (the jobs
reach the children by fork, not by pickling; only the bytes come back).
The result is the same, byte for byte, whatever the number of workers.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ideo_cli.schedule.identity import calendar_uid
from ideo_cli.render.occurrences.ics.split import occurrence_sort_key
from ideo_cli.schedule.occurrence import Occurrence

# below this many events a pool costs more than it saves
POOL_MIN_EVENTS = 4000


@dataclass
class CalendarFile:
    name: str  # relative posix path inside the output folder
    calendar_name: str  # X-WR-CALNAME
    occurrences: Sequence[Occurrence]


@dataclass
class PlanJob:
    namespace: str  # UID namespace of the plan's organisation
    files: list[CalendarFile] = field(default_factory=list)


@dataclass(frozen=True)
class Revision:
    digest: str
    sequence: int
    last_modified: str  # UTC DATE-TIME text, e.g. 20270101T000000Z

    def as_json(self) -> list:
        return [self.digest, self.sequence, self.last_modified]

    @classmethod
    def from_json(cls, value) -> "Revision | None":
        if isinstance(value, list) and len(value) == 3 and isinstance(value[0], str) and isinstance(value[1], int) and isinstance(value[2], str):
            return cls(value[0], value[1], value[2])
        return None


def stamp_text(stamp: dt.datetime) -> str:
    return stamp.strftime("%Y%m%dT%H%M%SZ")


@lru_cache(maxsize=1024)
def parse_stamp(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        return None


def next_revision(previous: Revision | None, digest: str, stamp: dt.datetime) -> Revision:
    """Same content: same SEQUENCE and LAST-MODIFIED; changed: one more, now."""
    if previous is not None and previous.digest == digest and parse_stamp(previous.last_modified):
        return previous
    sequence = previous.sequence + 1 if previous is not None else 0
    return Revision(digest, sequence, stamp_text(stamp))


def render_job(job: PlanJob, *, lang: str, alarms: bool, stamp: dt.datetime, previous: Mapping[str, Revision]) -> tuple[list[tuple[str, bytes]], dict[str, Revision]]:
    # imported here: only this output needs icalendar
    from ideo_cli.render.occurrences.ics.writer import event_fields, render_calendar, render_event

    blocks: dict[int, tuple[str, str]] = {}  # id(occurrence) -> (uid, VEVENT text): one render per event
    revisions: dict[str, Revision] = {}
    out: list[tuple[str, bytes]] = []
    for cal in job.files:
        parts = []
        for occ in sorted(cal.occurrences, key=occurrence_sort_key):
            cached = blocks.get(id(occ))
            if cached is None:
                fields = event_fields(occ, lang=lang, alarms=alarms, uid=calendar_uid(occ, job.namespace))
                revision = next_revision(previous.get(fields.uid), fields.digest(), stamp)
                fields.stamp = stamp
                fields.sequence = revision.sequence
                fields.last_modified = parse_stamp(revision.last_modified)
                revisions[fields.uid] = revision
                cached = blocks[id(occ)] = (fields.uid, render_event(fields))
            parts.append(cached[1])
        out.append((cal.name, render_calendar(cal.calendar_name, parts)))
    return out, revisions


# what the forked workers read (set just before the pool starts)
_SHARED: dict = {}


def _run_chunk(bounds: tuple[int, int]):
    shared = _SHARED
    return [render_job(job, lang=shared["lang"], alarms=shared["alarms"], stamp=shared["stamp"], previous=shared["previous"]) for job in shared["jobs"][bounds[0] : bounds[1]]]


def default_workers(events: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 1 if events < POOL_MIN_EVENTS else max(1, min(cores, 8))


def _chunks(jobs: Sequence[PlanJob], pieces: int) -> list[tuple[int, int]]:
    """Contiguous ranges of about equal event counts (order is kept)."""
    sizes = [sum(len(f.occurrences) for f in job.files) + 1 for job in jobs]
    total = sum(sizes)
    bounds, start, acc = [], 0, 0
    for index, size in enumerate(sizes):
        acc += size
        if acc >= total * (len(bounds) + 1) / pieces and index + 1 < len(jobs):
            bounds.append((start, index + 1))
            start = index + 1
    bounds.append((start, len(jobs)))
    return [b for b in bounds if b[0] < b[1]]


def render_batch(jobs: Sequence[PlanJob], *, lang: str, alarms: bool, stamp: dt.datetime, previous: Mapping[str, Revision], workers: int | None = None):
    """[(files, revisions)] for every job, in order (see the module docstring)."""
    # imported here: only this output needs icalendar
    from ideo_cli.render.occurrences.ics import writer  # noqa: F401  (loaded once, before any fork)

    events = sum(len(f.occurrences) for job in jobs for f in job.files)
    workers = default_workers(events) if workers is None else workers
    if workers <= 1 or len(jobs) < 2:
        return [render_job(job, lang=lang, alarms=alarms, stamp=stamp, previous=previous) for job in jobs]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork (Windows): one process is correct, only slower
        return [render_job(job, lang=lang, alarms=alarms, stamp=stamp, previous=previous) for job in jobs]
    _SHARED.update(jobs=jobs, lang=lang, alarms=alarms, stamp=stamp, previous=previous)
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            results = []
            for chunk in pool.map(_run_chunk, _chunks(jobs, workers * 4)):
                results.extend(chunk)
        return results
    finally:
        _SHARED.clear()
