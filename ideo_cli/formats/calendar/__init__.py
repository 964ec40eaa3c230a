"""Calendar files: the State Council's holiday notice as YAML (``ideo_cli/workcal/FORMAT.md``).

One model, :class:`~ideo_cli.formats.calendar.model.CalendarYear`, for a
calendar file and for a plan's inline ``日历:`` block alike.
"""
