"""Value types of the working-day calendar."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterator

from ideo_cli.workcal import names as _names


@dataclass(frozen=True)
class Holiday:
    """A statutory holiday block as announced, e.g. 国庆节 2026-10-01..2026-10-07.

    ``name`` is the Chinese name of the notice; when two festivals share one
    block it is combined in date order, as the notice writes it
    ("国庆节、中秋节" in 2025, "中秋节、国庆节" in 2023).  A 元旦 block may
    start in December of the previous year; a block belongs to the year of its
    ``last_day``.
    """

    name: str
    first_day: dt.date
    last_day: dt.date

    @property
    def festivals(self) -> tuple[str, ...]:
        """The festivals of the block: ("国庆节", "中秋节") for a combined block."""
        return tuple(p for p in self.name.split("、") if p)

    @property
    def length(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.first_day <= day <= self.last_day

    def dates(self) -> Iterator[dt.date]:
        d = self.first_day
        while d <= self.last_day:
            yield d
            d += dt.timedelta(days=1)

    @property
    def text(self):
        """The holiday's name for renderers (a catalogue Message for the statutory ones)."""
        return _names.holiday_text(self.name)


@dataclass(frozen=True)
class CalendarSpec:
    """One year's official schedule, from a calendar file or a plan's inline data."""

    year: int
    source: str  # 文号 or URL text, shown in every output
    holidays: tuple[Holiday, ...]
    workdays: frozenset[dt.date]  # 调休上班的周末
    file: str  # where it came from (posix path as given), "<inline>" if unknown
    kind: str = "file"  # "file" | "inline"
    year_location: tuple[int, int] = (1, 1)
    data_path: str = ""  # data path of the calendar inside ``file`` ("" for a calendar file)
    locate: object = field(default=None, compare=False, repr=False)

    def holiday_days(self) -> dict[dt.date, str]:
        out: dict[dt.date, str] = {}
        for h in self.holidays:
            for d in h.dates():
                out[d] = h.name
        return out

    def same_schedule(self, other: "CalendarSpec") -> bool:
        return (
            self.year == other.year
            and set(self.holiday_days()) == set(other.holiday_days())
            and self.workdays == other.workdays
        )
