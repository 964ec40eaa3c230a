"""Official Chinese working days: chinese_calendar, calendar files, holidays.China.

See ``calendar.py`` for the precedence rules and ``FORMAT.md`` for the
calendar-file format (the State Council's 节假日安排 notice as YAML).
"""
from ideo_cli.workcal.calendar import POLICIES, InlineCalendar, WorkCalendar, YearOutOfRangeError, build_calendar
from ideo_cli.workcal.calfile import (
    CODE,
    NAME,
    CalendarFileError,
    load_calendar_file,
    parse_calendar_data,
)
from ideo_cli.workcal.model import CalendarSpec, Holiday
from ideo_cli.workcal.names import STATUTORY

__all__ = [
    "CODE",
    "NAME",
    "POLICIES",
    "STATUTORY",
    "CalendarFileError",
    "CalendarSpec",
    "Holiday",
    "InlineCalendar",
    "WorkCalendar",
    "YearOutOfRangeError",
    "build_calendar",
    "load_calendar_file",
    "parse_calendar_data",
]
