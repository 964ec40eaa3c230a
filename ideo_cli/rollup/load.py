"""A workspace → one summary per unit: from plan files (in parallel, through
the content-keyed cache) or from ``.status.json`` summaries."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ideo_cli import __version__
from ideo_cli.rollup.summary import SUMMARY_VERSION, SummaryError, compact, ledger_files, read_bytes, read_summaries, summary_of
from ideo_cli.schedule.expand import DateRange
from ideo_cli.usercache import SummaryCache, content_key
from ideo_cli.year import YearOptions, compute_years

PARALLEL_FROM = 200  # below this many plans to compute, a process pool costs more than it saves
CHUNK = 64
READ_THREADS = 8
READ_SLICE = 512


@dataclass
class Loaded:
    summaries: list[dict] = field(default_factory=list)
    broken: list = field(default_factory=list)  # FileResult for plans that cannot be read
    summary_errors: list[SummaryError] = field(default_factory=list)


def _key(path: Path, year: int, as_of: dt.date, with_findings: bool, calendars: tuple[Path, ...] = ()) -> str | None:
    """Every byte the unit year reads before its evidence: the plan, the ledgers beside it
    and the calendar files; the evidence files are checked by ``_fresh`` on a hit."""
    try:
        parts = [path.read_bytes()] + [p.read_bytes() for p in ledger_files(path, year)] + [p.read_bytes() for p in calendars]
    except OSError:
        return None  # unreadable: computed (and reported) the normal way
    return content_key(parts, __version__, str(year), as_of.isoformat(), str(with_findings), str(len(calendars)))  # content only: a moved workspace still hits


def _evidence_stamps(unit_year) -> list[list]:
    """(file, size, mtime) of every evidence file the unit year's records name: a hit is
    served only while they are unchanged (a deleted or edited file recomputes the unit)."""
    out = []
    for ledger in unit_year.ledgers:
        for section in ("records", "events", "rectifications", "accountability"):
            for record in getattr(ledger.ledger, section):
                for item in record.evidence:
                    if item.file:
                        out.append([item.file, *_stamp(unit_year.folder / item.file)])
    return out


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
        return (st.st_size, st.st_mtime_ns)
    except (OSError, ValueError):
        return (-1, -1)


def _fresh(entry: dict, folder: Path) -> bool:
    """The evidence files named by the cached unit, in this unit's folder, are as they were."""
    return all(tuple(_stamp(folder / file)) == (size, mtime) for file, size, mtime in entry.get("evidence") or ())


def _summarise(job):
    """Worker: (path, shown, year, as_of, with_findings, calendars) → ("ok", entry) | ("broken", FileResult)."""
    path, shown, year, as_of, with_findings, calendars = job
    result = compute_years(YearOptions(plans=[(path, shown)], as_of=as_of, span=DateRange.year(year), calendars=list(calendars), findings=with_findings))
    if result.broken:
        return "broken", result.broken[0]
    unit_year = result.units[0]
    if unit_year.broken_ledgers:
        return "broken", unit_year.broken_ledgers[0]  # statuses without the 台账 would be wrong: said, not shown
    return "ok", {"summary": summary_of(unit_year), "evidence": _evidence_stamps(unit_year), "base": _base(shown)}


def _base(shown: str) -> str:
    """The folder of the plan as shown: every file a summary names starts with it."""
    return Path(shown).parent.as_posix()


CACHE_REVISION = 2


def _relocate(entry: dict, shown: str) -> dict:
    """A cached summary computed for the same bytes elsewhere, with its files named from here."""
    summary, old, new = entry["summary"], entry.get("base", ""), _base(shown)
    summary["unit"]["file"] = shown
    if old == new:
        return entry

    def moved(name: str) -> str:
        return new + name[len(old):] if old and name.startswith(old + "/") else name

    for finding in summary.get("findings") or ():
        finding["file"] = moved(finding["file"])
    for row in [*(summary.get("occurrences") or ()), *(summary.get("rectifications") or ())]:
        if row.get("record"):
            row["record"]["file"] = moved(row["record"]["file"])
    entry["base"] = new
    return entry


def _summarise_chunk(jobs):
    return [_summarise(job) for job in jobs]


def load_workspace(plans: list[tuple[Path, str]], summary_files: list[tuple[Path, str]], year: int, as_of: dt.date,
                   with_findings: bool = False, progress: Callable[[int, int], None] | None = None, workers: int | None = None,
                   compact_summaries: bool = False, calendars: tuple[Path, ...] = ()) -> Loaded:
    """``compact_summaries``: keep only what the roll-up reads (``ideo rollup`` of 10⁵ units)."""
    shrink = compact if compact_summaries else (lambda s: s)

    out = Loaded()
    total = len(plans) + len(summary_files)
    done = 0

    def tick(n: int = 1) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)

    from concurrent.futures import ThreadPoolExecutor

    # reading is latency-bound on shared disks: threads overlap it while this thread parses
    # (in slices, so that no more than a slice of raw bytes is held at once)
    with ThreadPoolExecutor(max_workers=READ_THREADS) as readers:
        for first in range(0, len(summary_files), READ_SLICE):
            part = summary_files[first:first + READ_SLICE]
            for (path, shown), raw in zip(part, readers.map(read_bytes, [p for p, _ in part])):
                try:
                    out.summaries.extend(shrink(s) for s in read_summaries(path, shown, year, raw))
                except SummaryError as exc:
                    out.summary_errors.append(exc)
                tick()
    # entries: {"summary", "evidence"}; the revision changes whenever what a summary holds does (here: the
    # rectifications' days_late and record), so that an entry of an older build is never served
    cache = SummaryCache(kind=f"summary-{SUMMARY_VERSION}-r{CACHE_REVISION}")
    results: dict[int, tuple] = {}
    todo: list[tuple[int, str | None, tuple]] = []
    for index, (path, shown) in enumerate(plans):
        key = _key(path, year, as_of, with_findings, tuple(calendars))
        hit = cache.get(key) if key else None
        if hit is not None and "base" in hit and _fresh(hit, path.parent):
            results[index] = ("ok", _relocate(hit, shown))
            tick()
        else:
            todo.append((index, key, (path, shown, year, as_of, with_findings, tuple(calendars))))
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if len(todo) >= PARALLEL_FROM and workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
        context = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for chunk, answers in zip(chunks, pool.map(_summarise_chunk, [[job for _, _, job in c] for c in chunks])):
                for (index, key, _), answer in zip(chunk, answers):
                    results[index] = answer
                    if answer[0] == "ok" and key:
                        cache.put(key, answer[1])
                tick(len(chunk))
    else:
        for index, key, job in todo:
            answer = _summarise(job)
            results[index] = answer
            if answer[0] == "ok" and key:
                cache.put(key, answer[1])
            tick()
    for index in range(len(plans)):
        kind, value = results[index]
        if kind == "ok":
            out.summaries.append(shrink(value["summary"]))
        else:
            out.broken.append(value)
        results[index] = None  # let the full summary go as soon as it is shrunk
    return out
