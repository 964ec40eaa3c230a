"""WorkCalendar: is a date an official Chinese working day?

Per year, the first source that covers it wins:

1. a calendar file or a plan's inline calendar for that year (official);
2. ``chinese_calendar`` (official notices, 2004-2026 in 1.11);
3. ``holidays.China`` + weekends (rule-based, provisional).

Years are built lazily, once, into a ``{date: bool}`` dict, so ``is_workday``
is a single dict lookup after the first call for a year.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Sequence

from ideo_cli.i18n import msg
from ideo_cli.usercache import SummaryCache, content_key
from ideo_cli.workcal import names as _names
from ideo_cli.workcal.calfile import (
    MAX_YEAR,
    MIN_YEAR,
    CalendarFileError,
    Locator,
    CalendarProblem,
    load_calendar_file,
    parse_calendar_data,
)
from ideo_cli.workcal.messages import Msg
from ideo_cli.workcal.model import CalendarSpec, Holiday

ONE_DAY = dt.timedelta(days=1)
POLICIES = ("previous", "next", "keep")


class YearOutOfRangeError(ValueError):
    """A date outside 1900-2100 was asked for; ``year`` says which."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(f"year {year} is outside the supported range {MIN_YEAR}-{MAX_YEAR}")  # for logs; users see .message

    @property
    def message(self):
        return msg("schedule.year-out-of-range", year=self.year, low=MIN_YEAR, high=MAX_YEAR)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise YearOutOfRangeError(year)


_VERSIONS: dict[str, str] = {}


def _version(dist: str, module: Any = None) -> str:
    """The installed version of ``dist``, read from package metadata once per process."""
    found = _VERSIONS.get(dist)
    if found is None:
        found = _VERSIONS[dist] = _read_version(dist, module)
    return found


def _read_version(dist: str, module: Any = None) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return str(getattr(module, "__version__", "?"))


# --------------------------------------------------------------------------- backends


class _ChineseCalendar:
    """``chinese_calendar``, whose NotImplementedError never escapes."""

    def __init__(self) -> None:
        try:
            import chinese_calendar
        except ImportError:  # pragma: no cover - a declared dependency
            chinese_calendar = None
        self.mod = chinese_calendar
        self.version = _version("chinesecalendar", chinese_calendar) if chinese_calendar else ""
        self._covers: dict[int, bool] = {}

    def covers(self, year: int) -> bool:
        found = self._covers.get(year)
        if found is None:
            found = False
            if self.mod is not None:
                try:
                    self.mod.is_workday(dt.date(year, 1, 1))
                    self.mod.is_workday(dt.date(year, 12, 31))
                    found = True
                except (NotImplementedError, ValueError, KeyError):
                    found = False
            self._covers[year] = found
        return found

    def is_workday(self, day: dt.date) -> bool:
        # the library's own is_workday re-validates every date against the whole
        # table (min/max over it): the same rule over its dicts, looked up directly
        return day in self.mod.workdays or (day.weekday() <= 4 and day not in self.mod.holidays)

    def named_rest_days(self, first: dt.date, last: dt.date) -> list[tuple[dt.date, str | None]]:
        """Statutory rest days (holiday with a festival name) in [first, last], Chinese names."""
        out = []
        d = first
        while d <= last:
            if self.covers(d.year):
                try:
                    on_holiday, name = self.mod.get_holiday_detail(d)
                except NotImplementedError:
                    on_holiday, name = False, None
                if on_holiday and name is not None:
                    out.append((d, _names.zh_from_cc(getattr(name, "value", name))))
            d += ONE_DAY
        return out


class _HolidaysChina:
    """``holidays.China`` (zh_CN names), per year, cached in memory and on disk.

    Importing ``holidays`` costs more than checking a plan (issue 6: start-up),
    and a plan's check reaches two or three years beyond chinese_calendar's
    data.  A year's days are therefore also kept in the user's cache
    (``ideo_cli.usercache``: ``$IDEO_CACHE_DIR`` …, never a tracked file;
    ``IDEO_NO_CACHE=1`` turns it off), keyed by the holidays version, so
    ``holidays`` is imported only when a year is computed for the first time.
    """

    def __init__(self) -> None:
        self.version = _version("holidays")
        self._china = None
        self._years: dict[int, dict[dt.date, str]] = {}
        self._disk = SummaryCache(kind="holidays-china")
        self._key = lambda year: content_key([], "holidays.China", "zh_CN", self.version, str(year))

    def _compute(self, year: int) -> dict[dt.date, str]:
        if self._china is None:
            # the class itself: ``holidays.China`` goes through the registry, which imports every country
            from holidays.countries.china import China

            self._china = China
        try:
            return dict(self._china(years=year, language="zh_CN").items())
        except Exception:  # noqa: BLE001 - unknown language or year: fall back to weekends only
            try:
                return dict(self._china(years=year).items())
            except Exception:  # noqa: BLE001
                return {}

    def year(self, year: int) -> dict[dt.date, str]:
        found = self._years.get(year)
        if found is None:
            found = self._from_disk(year)
            if found is None:
                found = self._compute(year)
                if self.version != "?":
                    self._disk.put(self._key(year), {"year": year, "days": [[d.isoformat(), str(name)] for d, name in found.items()]})
            self._years[year] = found
        return found

    def _from_disk(self, year: int) -> dict[dt.date, str] | None:
        if self.version == "?":
            return None
        entry = self._disk.get(self._key(year))
        try:
            if entry["year"] != year:
                return None
            days = {dt.date.fromisoformat(d): name for d, name in entry["days"]}
        except (TypeError, KeyError, ValueError):  # absent, or not what this code writes: compute again
            return None
        return days if all(isinstance(name, str) for name in days.values()) else None


# --------------------------------------------------------------------------- calendar


class WorkCalendar:
    """Official Chinese working days, with provenance.

    Build with :func:`build_calendar`.  All methods raise
    :class:`YearOutOfRangeError` (a ``ValueError``) for years outside 1900-2100.
    """

    def __init__(self, specs: dict[int, CalendarSpec] | None = None):
        self._specs: dict[int, CalendarSpec] = dict(specs or {})
        self._cc = _ChineseCalendar()
        self._hc: _HolidaysChina | None = None
        self._days: dict[dt.date, bool] = {}
        self._built: set[int] = set()
        self._official: dict[int, bool] = {}
        self._holidays: dict[int, list[Holiday]] = {}
        self._adjusted: dict[tuple[dt.date, str], tuple[dt.date, bool]] = {}

    # ---------------------------------------------------------------- provenance

    @property
    def specs(self) -> dict[int, CalendarSpec]:
        """Calendar files / inline calendars by year (read-only view)."""
        return dict(self._specs)

    def is_official(self, year: int) -> bool:
        """Official data (a calendar file, inline plan data or chinese_calendar) covers ``year``."""
        found = self._official.get(year)
        if found is None:
            _check_year(year)
            found = year in self._specs or self._cc.covers(year)
            self._official[year] = found
        return found

    def source_kind(self, year: int) -> str:
        """"file" | "inline" | "chinese-calendar" | "holidays"."""
        _check_year(year)
        spec = self._specs.get(year)
        if spec is not None:
            return spec.kind
        return "chinese-calendar" if self._cc.covers(year) else "holidays"

    def source(self, year: int):
        """The calendar used for ``year`` as a Message (renderers translate it)."""
        kind = self.source_kind(year)
        if kind in ("file", "inline"):
            spec = self._specs[year]
            return msg("schedule.source-file" if kind == "file" else "schedule.source-inline", file=str(spec.file), source=spec.source)
        if kind == "chinese-calendar":
            return msg("schedule.source-cc", version=self._cc.version)
        return msg("schedule.source-fallback", version=self._holidays_china().version)

    # ---------------------------------------------------------------- days

    def is_workday(self, d: dt.date) -> bool:
        try:
            return self._days[d]
        except KeyError:
            pass
        if isinstance(d, dt.datetime):
            d = d.date()
        elif not isinstance(d, dt.date):
            raise TypeError(f"expected a datetime.date, got {type(d).__name__}")
        self._build(d.year)
        return self._days[d]

    def is_restday(self, d: dt.date) -> bool:
        return not self.is_workday(d)

    def adjust(self, d: dt.date, policy: str = "previous") -> tuple[dt.date, bool]:
        """Move ``d`` onto a working day.

        ``previous``: the last working day on or before ``d``; ``next``: the
        first on or after; ``keep``: ``d`` itself.  Returns ``(day, provisional)``,
        provisional when a year whose calendar was consulted is not official.
        ``keep`` consults no calendar and is never provisional.
        """
        key = (d, policy)
        found = self._adjusted.get(key)
        if found is not None:
            return found
        if policy not in POLICIES:
            raise ValueError(f"unknown working-day policy {policy!r}; expected one of {', '.join(POLICIES)}")
        if isinstance(d, dt.datetime):
            d = d.date()
        _check_year(d.year)
        if policy == "keep":
            found = (d, False)
        else:
            step = -ONE_DAY if policy == "previous" else ONE_DAY
            cur = d
            provisional = not self.is_official(cur.year)
            while not self.is_workday(cur):
                cur += step
                if cur.year != (cur - step).year:
                    _check_year(cur.year)
                    provisional = provisional or not self.is_official(cur.year)
            found = (cur, provisional)
        self._adjusted[key] = found
        return found

    def working_days_before(self, d: dt.date, n: int) -> tuple[dt.date, bool]:
        """The ``n``-th working day strictly before ``d`` (``n=0``: ``d`` itself, not provisional)."""
        return self._count(d, n, -ONE_DAY)

    def working_days_after(self, d: dt.date, n: int) -> tuple[dt.date, bool]:
        """The ``n``-th working day strictly after ``d`` (``n=0``: ``d`` itself, not provisional)."""
        return self._count(d, n, ONE_DAY)

    def _count(self, d: dt.date, n: int, step: dt.timedelta) -> tuple[dt.date, bool]:
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValueError(f"number of working days must be a non-negative integer, got {n!r}")
        if isinstance(d, dt.datetime):
            d = d.date()
        _check_year(d.year)
        if n == 0:
            return d, False
        cur = d
        provisional = False
        year = None
        while n:
            cur += step
            if cur.year != year:
                year = cur.year
                _check_year(year)
                provisional = provisional or not self.is_official(year)
            if self.is_workday(cur):
                n -= 1
        return cur, provisional

    def workdays_between(self, first: dt.date, last: dt.date) -> int:
        """Number of working days in [first, last]."""
        count, d = 0, first
        while d <= last:
            count += self.is_workday(d)
            d += ONE_DAY
        return count

    # ---------------------------------------------------------------- holidays

    def holidays_in(self, year: int) -> tuple[list[Holiday], bool]:
        """Statutory holiday blocks belonging to ``year`` (a block belongs to the year of
        its last day: 元旦 2024 = 2023-12-30..2024-01-01 is in 2024), and whether
        they are provisional."""
        _check_year(year)
        found = self._holidays.get(year)
        if found is None:
            found = self._build_holidays(year)
            self._holidays[year] = found
        return list(found), not self.is_official(year)

    def holiday_on(self, d: dt.date) -> Holiday | None:
        """The holiday block containing ``d``, if any."""
        for year in (d.year, d.year + 1):
            if MIN_YEAR <= year <= MAX_YEAR:
                for h in self.holidays_in(year)[0]:
                    if d in h:
                        return h
        return None

    # ---------------------------------------------------------------- building

    def _holidays_china(self) -> _HolidaysChina:
        if self._hc is None:
            self._hc = _HolidaysChina()
        return self._hc

    def _build(self, year: int) -> None:
        _check_year(year)
        if year in self._built:
            return
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        days: dict[dt.date, bool] = {}
        spec = self._specs.get(year)
        if spec is not None:
            rest = spec.holiday_days()
            d = first
            while d <= last:
                days[d] = d in spec.workdays or (d.weekday() < 5 and d not in rest)
                d += ONE_DAY
        elif self._cc.covers(year):
            is_wd = self._cc.is_workday
            d = first
            while d <= last:
                days[d] = is_wd(d)
                d += ONE_DAY
        else:
            rest, extra_work = self._fallback_rest_days(year)
            d = first
            while d <= last:
                days[d] = d in extra_work or (d.weekday() < 5 and d not in rest)
                d += ONE_DAY
        # The next year's notice may reach into December (a 元旦 block starting
        # Dec 30, or a make-up Saturday on Dec 31): its explicit dates win.
        nxt = self._specs.get(year + 1)
        if nxt is not None:
            for d in nxt.holiday_days():
                if d.year == year:
                    days[d] = False
            for d in nxt.workdays:
                if d.year == year:
                    days[d] = True
        self._days.update(days)
        self._built.add(year)

    def _fallback_rest_days(self, year: int) -> tuple[dict[dt.date, str | None], set[dt.date]]:
        """holidays.China rest days (date -> name, None for a substituted day) and the
        make-up working days it reveals in its "休息日（由 X 调休）" labels (2001-2026)."""
        rest: dict[dt.date, str | None] = {}
        work: set[dt.date] = set()
        for y in (year - 1, year, year + 1):
            if not MIN_YEAR <= y <= MAX_YEAR:
                continue
            for d, label in self._holidays_china().year(y).items():
                rest[d] = _names.zh_from_holidays(label)
                iso = _names.substituted_workday(label)
                if iso:
                    try:
                        work.add(dt.date.fromisoformat(iso))
                    except ValueError:
                        pass
        return rest, work

    def _build_holidays(self, year: int) -> list[Holiday]:
        spec = self._specs.get(year)
        if spec is not None:
            return sorted(spec.holidays, key=lambda h: h.first_day)
        # Look a month beyond the year on both sides, so blocks crossing New Year
        # are seen whole; keep those whose last day is in ``year``.
        window_first = dt.date(year - 1, 12, 1) if year > MIN_YEAR else dt.date(year, 1, 1)
        window_last = dt.date(year + 1, 1, 31) if year < MAX_YEAR else dt.date(year, 12, 31)
        if self._cc.covers(year):
            named = self._cc.named_rest_days(window_first, window_last)
            blocks = _blocks(named, self._is_rest_quiet)
        else:
            rest, _ = self._fallback_rest_days(year)
            named = sorted((d, n) for d, n in rest.items() if window_first <= d <= window_last)
            blocks = [self._extend(b) for b in _blocks(named, self._is_rest_quiet)]
        return [b for b in blocks if b.last_day.year == year]

    def _is_rest_quiet(self, d: dt.date) -> bool:
        """Rest day? (False outside the supported years instead of raising)."""
        if not MIN_YEAR <= d.year <= MAX_YEAR:
            return d.weekday() >= 5
        return not self.is_workday(d)

    def _extend(self, block: Holiday) -> Holiday:
        """A provisional block plus the adjacent weekend rest days (the rest period)."""
        first, last = block.first_day, block.last_day
        while (first - ONE_DAY).weekday() >= 5 and self._is_rest_quiet(first - ONE_DAY):
            first -= ONE_DAY
        while (last + ONE_DAY).weekday() >= 5 and self._is_rest_quiet(last + ONE_DAY):
            last += ONE_DAY
        return Holiday(block.name, first, last)


def _blocks(named: Iterable[tuple[dt.date, str | None]], is_rest) -> list[Holiday]:
    """Group festival rest days into blocks.

    Days of the same festival join across rest days (2015 端午: 6-20 and 6-22
    around a Sunday); different festivals join only when directly adjacent
    (2023 中秋节 9-29 + 国庆节 9-30..10-06).  Unnamed (substituted) days join
    their neighbours.
    """
    out: list[list[Any]] = []  # [first, last, [names]]
    for d, name in sorted(named, key=lambda x: x[0]):
        if out:
            cur = out[-1]
            gap = (d - cur[1]).days - 1
            if gap < 0:
                continue
            names = cur[2]
            same = name is None or not names or name in names
            gap_rest = gap <= 3 and all(is_rest(cur[1] + ONE_DAY * (i + 1)) for i in range(gap))
            if (gap == 0) or (same and gap_rest):
                cur[1] = d
                if name is not None and name not in names:
                    names.append(name)
                continue
        out.append([d, d, [name] if name is not None else []])
    # a block made only of unnamed days has no festival: drop it (it is still a rest day)
    return [Holiday("、".join(n), a, b) for a, b, n in out if n]


# --------------------------------------------------------------------------- construction


@dataclass(frozen=True)
class InlineCalendar:
    """A plan's inline calendar with its location, so errors point into the plan.

    ``locate`` is the plan document's ``locate``; ``path`` the data path of the
    calendar inside the plan, e.g. ``("calendars", 0)``.
    """

    data: Any
    file: str = "<inline>"
    locate: Locator | None = None
    path: tuple = ()


def _as_inline(item: Any) -> InlineCalendar:
    """Accepts an InlineCalendar, a plain calendar dict, or a dict
    ``{"data": {...}, "file": "plan.yaml", "locate": doc.locate, "path": (...)}``."""
    if isinstance(item, InlineCalendar):
        return item
    if isinstance(item, dict) and "data" in item and ("locate" in item or "file" in item):
        return InlineCalendar(item["data"], str(item.get("file", "<inline>")), item.get("locate"), tuple(item.get("path", ())))
    return InlineCalendar(item)


def build_calendar(
    calendar_files: Sequence[Path | str] = (),
    inline: Sequence[Any] = (),
) -> WorkCalendar:
    """A WorkCalendar using the given calendar files and inline plan calendars.

    Raises ``CalendarFileError`` with every problem of every file (IDEO020, or
    the loader's own diagnostics for unreadable YAML).  Two calendars for the
    same year are an error, except an inline calendar identical to a file's.
    """
    problems: list[Any] = []
    specs: dict[int, CalendarSpec] = {}
    seen_files: set[Path] = set()

    def add(spec: CalendarSpec) -> None:
        other = specs.get(spec.year)
        if other is None:
            specs[spec.year] = spec
            return
        if spec.kind == "inline" and other.kind == "file" and spec.same_schedule(other):
            return  # the plan repeats the county's file: fine, the file is the source
        where = other.file + (f" ({other.data_path})" if other.data_path else "")
        key = "duplicate-year" if spec.same_schedule(other) else "conflicting-year"
        line, col = spec.year_location
        problems.append(
            CalendarProblem(Msg.of(key, year=spec.year, other=where), spec.file, line, col, spec.data_path)
        )

    for path in calendar_files:
        try:
            resolved = Path(path).resolve()
        except OSError:
            resolved = Path(path)
        if resolved in seen_files:
            continue
        seen_files.add(resolved)
        try:
            add(load_calendar_file(path))
        except CalendarFileError as exc:
            problems.extend(exc._problems)
    for item in inline:
        if isinstance(item, CalendarSpec):
            add(item)
            continue
        il = _as_inline(item)
        try:
            add(parse_calendar_data(il.data, file=il.file, locate=il.locate, path_prefix=il.path, kind="inline"))
        except CalendarFileError as exc:
            problems.extend(exc._problems)
    if problems:
        raise CalendarFileError(problems)
    return WorkCalendar(specs)
