"""Traditional (lunar) festivals and a plan's own dated 时间节点, for 节假日前 items.

003 篇十二 asks for analysis before 传统节日、宗教节日、重大节庆活动, beyond the
seven statutory holidays.  Lunar dates are converted with ``lunardate``.
"""
from __future__ import annotations

import datetime as dt

# (lunar month, lunar day); 除夕 is the day before 春节
LUNAR_DATES: dict[str, tuple[int, int]] = {
    "春节": (1, 1), "元宵节": (1, 15), "端午节": (5, 5), "七夕节": (7, 7), "中元节": (7, 15),
    "中秋节": (8, 15), "重阳节": (9, 9), "腊八节": (12, 8), "小年": (12, 23),
}


def festival_date(name: str, year: int) -> dt.date | None:
    """The solar date of ``name`` in solar ``year`` (None outside the converter's range)."""
    from lunardate import LunarDate

    if name == "除夕":
        for spring in (festival_date("春节", year), festival_date("春节", year + 1)):
            if spring is not None and (spring - dt.timedelta(days=1)).year == year:
                return spring - dt.timedelta(days=1)
        return None
    month, day = LUNAR_DATES[name]
    for lunar_year in (year - 1, year):  # 腊八 and 小年 of lunar year Y-1 fall in January/February of Y
        try:
            solar = LunarDate(lunar_year, month, day).to_solar_date()
        except (ValueError, IndexError):
            continue
        if solar.year == year:
            return solar
    return None


def milestone_date(value, year: int) -> dt.date | None:
    """A 时间节点 in ``year``: "MM-DD" every year, a full date only in its own year."""
    if isinstance(value, dt.date):
        return value if value.year == year else None
    month, day = (int(x) for x in str(value).split("-"))
    try:
        return dt.date(year, month, day)
    except ValueError:  # 02-29 in a common year
        return None
