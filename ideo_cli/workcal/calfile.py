"""Calendar files → :class:`CalendarSpec`, through the one model and the one validator.

The format is ``ideo_cli/formats/calendar/model.py:CalendarYear`` (documented
in ``ideo_cli/workcal/FORMAT.md``); a plan's inline ``日历:`` block is the same
model, validated once when the plan is read.  What the model finds about a
calendar is IDEO020 ``calendar-file-invalid`` (fatal), located at the
offending key or value; all problems of a file are reported at once.  Messages
are catalogue ids (``calendar.…``); nothing here is in a language.
"""
from __future__ import annotations


from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Sequence

from ideo_cli.diagnostics import Diagnostic
from ideo_cli.documents.convert import format_path
from ideo_cli.documents.document import Position
from ideo_cli.documents.errors import CODES, input_diagnostic
from ideo_cli.documents.kinds import KINDS, read as generic_read, read_any
from ideo_cli.documents.validate import validate
from ideo_cli.formats.calendar.model import MAX_BLOCK_DAYS, MAX_YEAR, MIN_YEAR, CalendarYear, parse_date  # noqa: F401 - re-exported
from ideo_cli.formats.calendar.vocab import VOCABULARY
from ideo_cli.i18n import Message, msg
from ideo_cli.workcal.model import CalendarSpec, Holiday

CODE = "IDEO020"
NAME = "calendar-file-invalid"
# codes a calendar's own content problems are reported under (the loader's stay theirs)
_RECODED = {"IDEO010", "IDEO011", "IDEO012"}

Locator = Callable[..., Any]
DataPath = tuple  # tuple[str | int, ...]


@dataclass(frozen=True)
class CalendarProblem:
    """A calendar problem found outside the model (e.g. two calendars for one year)."""

    msg: Message
    file: str
    line: int
    col: int
    path: str = ""
    end_line: int | None = None
    end_col: int | None = None

    def diagnostic(self) -> Diagnostic:
        d = input_diagnostic(CODE, self.file, self.line, self.col, self.msg, path=self.path, end_col=self.end_col)
        return d


def as_calendar_diagnostic(d: Diagnostic) -> Diagnostic:
    """A schema finding inside a calendar is IDEO020, keeping its message and hint."""
    if d.code not in _RECODED:
        return d
    meta = CODES[CODE]
    return replace(d, code=CODE, name=NAME, title=meta["title"])


class CalendarFileError(Exception):
    """A calendar file (or inline calendar data) is unusable; ``diagnostics`` say why (Messages)."""

    def __init__(self, problems: Sequence[CalendarProblem | Diagnostic]):
        self._problems = list(problems)
        self.diagnostics: list[Diagnostic] = [p.diagnostic() if isinstance(p, CalendarProblem) else p for p in self._problems]
        first = self.diagnostics[0] if self.diagnostics else None
        super().__init__(f"{first.file}:{first.line}:{first.col}: {first.message}" if first else "calendar file error")


def path_text(path: DataPath) -> str:
    """("holidays", 1, "from") -> "holidays[1].from"."""
    return format_path(tuple(path))


def display_path(path: Path | str) -> str:
    return Path(path).as_posix() if not isinstance(path, str) else path.replace("\\", "/")


class _Detached:
    """What the validator needs of a document, for calendar data given with only a locator."""

    def __init__(self, file: str, locate: Locator | None):
        self.file = file
        self._locate = locate
        self.translate_key = VOCABULARY
        self.data = None

    def node_at(self, path: tuple, *, key: bool = False):
        return None, 0

    def locate(self, path: tuple, *, key: bool = False) -> Position:
        if self._locate is None:
            return Position(1, 1, 1, 2)
        try:
            try:
                pos = self._locate(path, key=key)
            except TypeError:  # a locator without the ``key`` keyword
                pos = self._locate(path)
        except Exception:  # noqa: BLE001 - a bad locator must never hide the real problem
            return Position(1, 1, 1, 2)
        if isinstance(pos, tuple):
            return Position(int(pos[0]), int(pos[1]), int(pos[0]), int(pos[1]) + 1)
        return pos


def spec_from_model(model: CalendarYear, *, file: str, kind: str, locate: Locator | None, path_prefix: DataPath = ()) -> CalendarSpec:
    year_pos = _Detached(file, locate).locate(tuple(path_prefix) + ("year",))
    blocks = sorted((Holiday(h.name, h.from_, h.last_day) for h in model.holidays), key=lambda h: (h.first_day, h.last_day))
    return CalendarSpec(
        year=model.year,
        source=model.source,
        holidays=tuple(blocks),
        workdays=frozenset(model.workdays),
        file=file,
        kind=kind,
        year_location=(year_pos.line, year_pos.col),
        data_path=path_text(tuple(path_prefix)),
        locate=locate,
    )


def parse_calendar_data(
    data: Any,
    *,
    file: str = "<inline>",
    locate: Locator | None = None,
    path_prefix: DataPath = (),
    kind: str = "inline",
) -> CalendarSpec:
    """One year's calendar (a ``CalendarYear`` already validated, or plain data to validate).

    ``locate(path)`` maps a data path (including ``path_prefix``) to a position
    in ``file``.  Raises ``CalendarFileError`` with every problem found.
    """
    if not isinstance(data, CalendarYear):
        model, diagnostics = validate(CalendarYear, _Detached(file, locate), data if data is not None else {}, at=tuple(path_prefix))
        if model is None:
            raise CalendarFileError([as_calendar_diagnostic(d) for d in diagnostics])
        data = model
    return spec_from_model(data, file=file, kind=kind, locate=locate, path_prefix=path_prefix)


def read(doc):
    """The registry's reader for calendar files (documents/kinds.py)."""
    model, diagnostics = generic_read(KINDS["calendar"], doc)
    return model, [as_calendar_diagnostic(d) for d in diagnostics]


def load_calendar_file(path: Path | str) -> CalendarSpec:
    """Read and validate one calendar file; raises ``CalendarFileError``."""
    shown = display_path(path)
    p = Path(path)
    if not p.exists():
        raise CalendarFileError([CalendarProblem(msg("calendar.missing-file", file=shown), shown, 1, 1)])
    if not p.is_file():
        raise CalendarFileError([CalendarProblem(msg("calendar.not-a-file", file=shown), shown, 1, 1)])
    found = read_any(p, shown, expect="calendar")
    if found.diagnostics:
        raise CalendarFileError(found.diagnostics)
    return spec_from_model(found.value, file=shown, kind="file", locate=found.doc.locate)


__all__ = [
    "CODE", "NAME", "MIN_YEAR", "MAX_YEAR", "MAX_BLOCK_DAYS", "CalendarFileError", "Locator",
    "load_calendar_file", "parse_calendar_data", "parse_date", "path_text", "display_path", "spec_from_model",
]

