"""To-do list exporters: one function per format, one registry.

Each exporter takes the occurrences and a :class:`TodoOptions` and returns
bytes, so the CLI writes every format the same (atomically) way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
import datetime as dt
from typing import Callable

from ideo_cli.schedule.occurrence import Occurrence


@dataclass(frozen=True)
class TodoOptions:
    lang: str = "zh"
    today: dt.date = dt.date(1970, 1, 1)  # for "overdue" marks
    title: str = ""
    sources: tuple[str, ...] = ()  # calendar sources used, shown in every output
    color: bool = False
    width: int = 120
    stamp: dt.datetime = field(default=dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc))


Exporter = Callable[[list[Occurrence], TodoOptions], bytes]
TODO_FORMATS = ("table", "markdown", "csv", "xlsx", "json")
_MODULES = {"table": "todo_table", "markdown": "todo_markdown", "csv": "todo_csv", "xlsx": "todo_xlsx", "json": "todo_json"}


def export_todo(format_name: str, occurrences: list[Occurrence], options: TodoOptions) -> bytes:
    import importlib

    module = importlib.import_module(f"ideo_cli.render.occurrences.{_MODULES[format_name]}")
    return module.export(occurrences, options)
