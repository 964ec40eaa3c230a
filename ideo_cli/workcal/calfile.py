"""Calendar files: the State Council's holiday notice, transcribed as YAML.

Format: ``ideo_cli/workcal/FORMAT.md``.  Every problem is an IDEO020
``calendar-file-invalid`` diagnostic (severity fatal) located at the
offending key or value; all problems of a file are reported at once.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from ideo_cli.diagnostics import Diagnostic, Severity
from ideo_cli.documents import LoadError, load_yaml_file
from ideo_cli.documents.convert import format_path
from ideo_cli.workcal.messages import Msg, Weekday, kind_of, norm_lang, render
from ideo_cli.workcal.model import CalendarSpec, Holiday

CODE = "IDEO020"
NAME = "calendar-file-invalid"
MIN_YEAR = 1900
MAX_YEAR = 2100
MAX_BLOCK_DAYS = 31

# canonical (English) key -> Chinese alias
TOP_FIELDS: dict[str, str] = {"year": "年份", "source": "来源", "holidays": "放假", "workdays": "调休上班"}
HOLIDAY_FIELDS: dict[str, str] = {"name": "名称", "from": "起", "to": "止"}

Locator = Callable[[tuple], tuple[int, int]]
DataPath = tuple  # tuple[str | int, ...]


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True)
class _Problem:
    """One IDEO020 finding, rendered per language on demand."""

    msg: Msg
    file: str
    line: int
    col: int
    path: str = ""
    end_line: int | None = None
    end_col: int | None = None

    def diagnostic(self, lang: str) -> Diagnostic:
        return Diagnostic(
            code=CODE,
            name=NAME,
            severity=Severity.FATAL,
            message=self.msg.render(lang),
            file=self.file,
            line=self.line,
            col=self.col,
            end_line=self.end_line,
            end_col=self.end_col,
            path=self.path,
            help=render("help", lang),
            title=render("title", lang),
        )


class _LoaderProblem:
    """Diagnostics raised by the YAML loader (``LoadError``), kept as the loader made them.

    They were produced in one language; another language is obtained by
    loading the file again, which reproduces the same failure.
    """

    def __init__(self, path: Path, lang: str, diagnostics: Sequence[Diagnostic]):
        self.path = path
        self.by_lang: dict[str, list[Diagnostic]] = {norm_lang(lang): list(diagnostics)}

    def diagnostics(self, lang: str) -> list[Diagnostic]:
        lang = norm_lang(lang)
        if lang not in self.by_lang:
            found = None
            try:
                load_yaml_file(self.path, lang=lang)
            except LoadError as exc:
                found = list(exc.diagnostics)
            except Exception:  # noqa: BLE001 - best effort; fall back to the language we have
                found = None
            self.by_lang[lang] = found or next(iter(self.by_lang.values()))
        return self.by_lang[lang]


class CalendarFileError(Exception):
    """A calendar file (or inline calendar data) is unusable.

    ``diagnostics`` are in the language the error was raised with (Chinese by
    default); ``diagnostics_for(lang)`` renders them in another language.
    """

    def __init__(self, problems: Sequence[_Problem | _LoaderProblem], lang: str = "zh"):
        self._problems = list(problems)
        self.lang = norm_lang(lang)
        self.diagnostics: list[Diagnostic] = self.diagnostics_for(self.lang)
        first = self.diagnostics[0] if self.diagnostics else None
        text = f"{first.file}:{first.line}:{first.col}: {first.message}" if first else "calendar file error"
        super().__init__(text)

    def diagnostics_for(self, lang: str = "zh") -> list[Diagnostic]:
        out: list[Diagnostic] = []
        for p in self._problems:
            if isinstance(p, _LoaderProblem):
                out.extend(p.diagnostics(lang))
            else:
                out.append(p.diagnostic(lang))
        return out


# --------------------------------------------------------------------------- helpers


def path_text(path: DataPath) -> str:
    """("holidays", 1, "from") -> "holidays[1].from"."""
    return format_path(tuple(path))


_DATE_TEXT = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def parse_date(value: Any) -> dt.date | None:
    """A date from YAML: a ``date`` (not a datetime with a time) or text like 2027-10-01."""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0) and value.tzinfo is None:
            return value.date()
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        m = _DATE_TEXT.match(value)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


def _show(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


class _Checker:
    def __init__(self, file: str, locate: Locator | None, prefix: DataPath):
        self.file = file
        self._locate = locate
        self.prefix = tuple(prefix)
        self.problems: list[_Problem] = []
        # (mapping path, canonical field) a misspelt key was taken for: no "missing key" then
        self.suggested: set[tuple[DataPath, str]] = set()

    def missing(self, path: DataPath, canon: str, spec: dict[str, str]) -> None:
        if (tuple(path), canon) not in self.suggested:
            self.add(path, "missing-key", key=canon, zh=spec[canon])

    def span(self, path: DataPath, key: bool = False) -> tuple[int, int, int | None, int | None]:
        """(line, col, end_line, end_col) of the value at ``path`` (of its key with ``key``)."""
        if self._locate is None:
            return (1, 1, None, None)
        full = self.prefix + tuple(path)
        try:
            try:
                pos = self._locate(full, key=True) if key else self._locate(full)
            except TypeError:  # a locator without the ``key`` keyword
                pos = self._locate(full)
            if isinstance(pos, tuple):
                return (int(pos[0]), int(pos[1]), None, None)
            return (int(pos.line), int(pos.col), getattr(pos, "end_line", None), getattr(pos, "end_col", None))
        except Exception:  # noqa: BLE001 - a bad locator must never hide the real problem
            return (1, 1, None, None)

    def loc(self, path: DataPath) -> tuple[int, int]:
        return self.span(path)[:2]

    def add(self, path: DataPath, msg_key: str, /, *, at_key: bool = False, **params: Any) -> None:
        line, col, end_line, end_col = self.span(path, key=at_key)
        self.problems.append(
            _Problem(Msg.of(msg_key, **params), self.file, line, col, path_text(self.prefix + tuple(path)), end_line, end_col)
        )

    def fields(self, mapping: dict, spec: dict[str, str], path: DataPath) -> dict[str, tuple[Any, Any]]:
        """Canonical field -> (key as written, value); reports unknown and doubled keys."""
        known: dict[str, str] = {}
        for canon, zh in spec.items():
            known[canon] = canon
            known[zh] = canon
        found: dict[str, tuple[Any, Any]] = {}
        for key, value in mapping.items():
            canon = known.get(key) if isinstance(key, str) else None
            if canon is None:
                hint = self._hint(key, spec)
                if hint.key == "did-you-mean":
                    self.suggested.add((tuple(path), known[dict(hint.params)["suggestion"]]))
                self.add(path + (key,), "unknown-key", at_key=True, key=_show(key), hint=hint)
                continue
            if canon in found:
                self.add(path + (key,), "duplicate-alias", at_key=True, key=key, other=found[canon][0])
                continue
            found[canon] = (key, value)
        return found

    @staticmethod
    def _hint(key: Any, spec: dict[str, str]) -> Msg:
        candidates = list(spec) + list(spec.values())
        text = str(key).strip()
        match = difflib.get_close_matches(text.lower(), candidates, n=1, cutoff=0.6)
        if not match:  # Chinese near-misses: "放假安排" -> "放假"
            match = [c for c in spec.values() if c and (c in text or text in c)][:1]
        if match:
            return Msg.of("did-you-mean", suggestion=match[0])
        keys = "、".join(f"{k}/{v}" for k, v in spec.items())
        return Msg.of("allowed-keys", keys=keys)


def _parse_year(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,4}\s*年?\s*", value):
        return int(value.strip().rstrip("年"))
    return None


def _in_scope(day: dt.date, year: int) -> bool:
    """A file for ``year`` may name dates of that year, or of the previous December.

    The notice for year Y fixes Y's 元旦, which sometimes starts (or is made up
    for) in the last days of Y-1: the 2024 notice gave 2023-12-30..2024-01-01,
    the 2012 notice made 2011-12-31 a working day.
    """
    return day.year == year or (day.year == year - 1 and day.month == 12)


# --------------------------------------------------------------------------- parsing


def parse_calendar_data(
    data: Any,
    *,
    file: str = "<inline>",
    locate: Locator | None = None,
    path_prefix: DataPath = (),
    kind: str = "inline",
    lang: str = "zh",
) -> CalendarSpec:
    """Validate one year's calendar data (a calendar file's document, or a plan's inline block).

    ``locate(path)`` maps a data path (tuple of keys / indexes, including
    ``path_prefix``) to a 1-based (line, col).  Raises ``CalendarFileError``
    with every problem found.
    """
    ck = _Checker(file, locate, path_prefix)
    if not isinstance(data, dict):
        ck.add((), "not-mapping", kind=kind_of(data))
        raise CalendarFileError(ck.problems, lang)

    f = ck.fields(data, TOP_FIELDS, ())
    for canon in ("year", "source", "holidays"):
        if canon not in f:
            ck.missing((), canon, TOP_FIELDS)

    year: int | None = None
    year_loc = ck.loc(())
    if "year" in f:
        key, value = f["year"]
        year_loc = ck.loc((key,))
        year = _parse_year(value)
        if year is None:
            ck.add((key,), "bad-year", value=_show(value))
        elif not MIN_YEAR <= year <= MAX_YEAR:
            ck.add((key,), "year-range", year=year)
            year = None

    source = ""
    if "source" in f:
        key, value = f["source"]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            ck.add((key,), "bad-source")
        else:
            source = " ".join(value.split())

    holidays: list[tuple[Holiday, DataPath]] = []
    if "holidays" in f:
        hkey, items = f["holidays"]
        if not isinstance(items, list):
            ck.add((hkey,), "not-list", key=hkey, kind=kind_of(items))
        else:
            for i, item in enumerate(items):
                block = _parse_holiday(ck, item, (hkey, i), year)
                if block is not None:
                    holidays.append(block)

    # overlapping blocks
    ordered = sorted(holidays, key=lambda b: (b[0].first_day, b[0].last_day))
    reach: Holiday | None = None  # the block reaching furthest so far
    for cur, cur_path in ordered:
        prev, reach = reach, (cur if reach is None or cur.last_day > reach.last_day else reach)
        if prev is not None and cur.first_day <= prev.last_day:
            ck.add(
                _from_path(data, cur_path),
                "holiday-overlap",
                name=cur.name,
                start=cur.first_day.isoformat(),
                end=cur.last_day.isoformat(),
                other=prev.name,
                ostart=prev.first_day.isoformat(),
                oend=prev.last_day.isoformat(),
            )

    workdays: set[dt.date] = set()
    if "workdays" in f:
        wkey, items = f["workdays"]
        if items is None:
            items = []
        if not isinstance(items, list):
            ck.add((wkey,), "not-list", key=wkey, kind=kind_of(items))
            items = []
        for i, item in enumerate(items):
            day = parse_date(item)
            if day is None:
                ck.add((wkey, i), "bad-date", value=_show(item))
                continue
            if year is not None and not _in_scope(day, year):
                ck.add((wkey, i), "date-outside-year", day=day.isoformat(), year=year)
                continue
            if day.weekday() < 5:
                ck.add((wkey, i), "workday-not-weekend", day=day.isoformat(), weekday=Weekday(day))
                continue
            clash = next((h for h, _ in holidays if day in h), None)
            if clash is not None:
                ck.add((wkey, i), "workday-is-holiday", day=day.isoformat(), name=clash.name)
                continue
            workdays.add(day)

    if ck.problems:
        raise CalendarFileError(ck.problems, lang)
    assert year is not None
    return CalendarSpec(
        year=year,
        source=source,
        holidays=tuple(h for h, _ in ordered),
        workdays=frozenset(workdays),
        file=file,
        kind=kind,
        year_location=year_loc,
        data_path=path_text(tuple(path_prefix)),
        locate=locate,
    )


def _from_path(data: dict, block_path: DataPath) -> DataPath:
    """Data path of the ``from`` value of a holiday block (whichever alias was written)."""
    hkey, index = block_path
    try:
        item = data[hkey][index]
    except (KeyError, IndexError, TypeError):
        return block_path
    for key in ("from", HOLIDAY_FIELDS["from"]):
        if isinstance(item, dict) and key in item:
            return block_path + (key,)
    return block_path


def _parse_holiday(ck: _Checker, item: Any, path: DataPath, year: int | None) -> tuple[Holiday, DataPath] | None:
    if not isinstance(item, dict):
        ck.add(path, "holiday-not-mapping", kind=kind_of(item))
        return None
    before = len(ck.problems)
    f = ck.fields(item, HOLIDAY_FIELDS, path)
    name = ""
    if "name" not in f:
        ck.missing(path, "name", HOLIDAY_FIELDS)
    else:
        key, value = f["name"]
        if not isinstance(value, str) or not value.strip():
            ck.add(path + (key,), "bad-name")
        else:
            name = value.strip()
    days: dict[str, tuple[dt.date, DataPath]] = {}
    if "from" not in f:
        ck.missing(path, "from", HOLIDAY_FIELDS)
    for canon in ("from", "to"):
        if canon not in f:
            continue
        key, value = f[canon]
        day = parse_date(value)
        if day is None:
            ck.add(path + (key,), "bad-date", value=_show(value))
            continue
        days[canon] = (day, path + (key,))
    if "from" in days and "to" not in f:
        days["to"] = days["from"]  # a one-day holiday may omit ``to``
    if len(ck.problems) > before or "from" not in days or "to" not in days:
        return None
    (start, start_path), (end, end_path) = days["from"], days["to"]
    if start > end:
        ck.add(end_path, "from-after-to", start=start.isoformat(), end=end.isoformat())
        return None
    if year is not None:
        if end.year != year:
            ck.add(end_path, "date-outside-year", day=end.isoformat(), year=year)
            return None
        if not _in_scope(start, year):
            ck.add(start_path, "date-outside-year", day=start.isoformat(), year=year)
            return None
    length = (end - start).days + 1
    if length > MAX_BLOCK_DAYS:
        ck.add(end_path, "block-too-long", start=start.isoformat(), end=end.isoformat(), days=length)
        return None
    return Holiday(name, start, end), path


# --------------------------------------------------------------------------- files


def display_path(path: Path | str) -> str:
    return Path(path).as_posix() if not isinstance(path, str) else path.replace("\\", "/")


def load_calendar_file(path: Path | str, lang: str = "zh") -> CalendarSpec:
    """Read and validate one calendar file; raises ``CalendarFileError``."""
    shown = display_path(path)
    p = Path(path)
    if not p.exists():
        raise CalendarFileError([_Problem(Msg.of("missing-file", file=shown), shown, 1, 1)], lang)
    if not p.is_file():
        raise CalendarFileError([_Problem(Msg.of("not-a-file", file=shown), shown, 1, 1)], lang)
    try:
        doc = load_yaml_file(path, lang=norm_lang(lang))
    except LoadError as exc:
        raise CalendarFileError([_LoaderProblem(p, lang, exc.diagnostics)], lang) from None
    return parse_calendar_data(doc.data, file=shown, locate=doc.locate, kind="file", lang=lang)
