"""Events built through icalendar from a field → property table.

An occurrence becomes :class:`EventFields` (plain values, already in the
user's language), and :data:`FIELD_MAP` says which iCalendar property each
field is and how its value is typed — the shape of todoman's ``VtodoWriter``.
:func:`build_event` turns the fields into an ``icalendar.Event``;
icalendar's ``content_lines()`` serialise it; the lines are folded by
:func:`fold_line` (75 octets on UTF-8 character boundaries, never inside a
backslash escape) and joined with CRLF.

The Outlook profile (README §5):

* one ``VCALENDAR``: ``VERSION:2.0``, ``PRODID``, ``CALSCALE:GREGORIAN``,
  ``METHOD:PUBLISH``, ``X-WR-CALNAME``, an ``X-WR-TIMEZONE`` hint; never
  empty (the caller writes no file for a calendar with nothing in it);
* one ``VEVENT`` per occurrence, written out (no ``RRULE``), never ``VTODO``;
* all-day: ``DTSTART;VALUE=DATE`` on the adjusted due date, an exclusive
  ``DTEND;VALUE=DATE`` the day after, hence no ``TZID`` and no ``VTIMEZONE``;
* ``SEQUENCE`` and ``LAST-MODIFIED`` from the caller (they rise when the
  content changes, see ``ideo_cli/app/ics.py``), ``DTSTAMP`` the run's time;
* ``TRANSP:TRANSPARENT`` + ``X-MICROSOFT-CDO-BUSYSTATUS:FREE`` (a deadline
  never blocks the day), ``X-MICROSOFT-CDO-ALLDAYEVENT:TRUE``;
* at most one ``VALARM`` (Outlook keeps one), for the earliest reminder;
  none in the feed profile.

Text values are escaped by :func:`escape_text` rather than icalendar 7's
``_escape_char``, which turns a literal ``\\N`` (as in ``C:\\Net``) into a
line break.  Independent consumers (icalendar, ``ical``, recurring-ical-events,
Radicale) and an independent direct writer (tests/support/ics_reference.py)
check the output.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from icalendar import Alarm, Calendar, Event
from icalendar.prop import vCategory, vDate, vDatetime, vDuration, vInt, vText

from ideo_cli import __version__
from ideo_cli.render.occurrences.ics import text as texts
from ideo_cli.schedule.identity import calendar_uid
from ideo_cli.render.occurrences.ics.split import as_date, occurrence_sort_key
from ideo_cli.schedule.occurrence import Occurrence

PRODID = f"-//ideo//ideo {__version__}//ZH"
TIMEZONE_HINT = "Asia/Shanghai"
FOLD_LIMIT = 75  # octets per physical line, CRLF excluded (RFC 5545 §3.1)
LANGS = ("zh", "en")
CRLF = "\r\n"


# --------------------------------------------------------------------------- text values


def escape_text(text: str) -> str:
    """RFC 5545 §3.3.11 TEXT escaping: ``\\`` ``;`` ``,`` escaped, line breaks as ``\\n``."""
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if ";" in text:
        text = text.replace(";", "\\;")
    if "," in text:
        text = text.replace(",", "\\,")
    if "\n" in text or "\r" in text:
        text = text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return text


class _Text(vText):
    """icalendar's TEXT value with :func:`escape_text` (keeps a literal ``\\N``)."""

    __slots__ = ()

    def to_ical(self) -> bytes:
        return escape_text(str(self)).encode("utf-8")


def _text(value: str) -> _Text:
    return _Text(value)


def _categories(values: Sequence[str]) -> vCategory:
    prop = vCategory([])
    prop.cats = [_Text(v) for v in values]
    return prop


# Values many events share (dates, the run's stamp, small integers, alarm
# leads) are built once: icalendar values are not changed by serialising.
@lru_cache(maxsize=8192)
def _date(value: dt.date) -> vDate:
    return vDate(value, params={"VALUE": "DATE"})


@lru_cache(maxsize=1024)
def _datetime(value: dt.datetime) -> vDatetime:
    return vDatetime(value)


@lru_cache(maxsize=1024)
def _int(value: int) -> vInt:
    return vInt(value)


@lru_cache(maxsize=1024)
def _duration(value: dt.timedelta) -> vDuration:
    return vDuration(value)


def _unknown(value: str) -> vText:
    """An X- property written verbatim (icalendar 7 types them UNKNOWN)."""
    from icalendar.prop import vUnknown

    return vUnknown(value)


# --------------------------------------------------------------------------- the table


@dataclass(slots=True)
class EventFields:
    """One event's content in plain values; ``stamp``/``sequence``/``last_modified`` per run."""

    uid: str
    summary: str
    start: dt.date
    end: dt.date
    description: str
    categories: tuple[str, ...]
    alarm_lead_days: int | None  # None: no VALARM
    alarm_description: str
    stamp: dt.datetime | None = None
    sequence: int = 0
    last_modified: dt.datetime | None = None
    transparency: str = "TRANSPARENT"
    all_day: str = "TRUE"
    busy_status: str = "FREE"

    def digest(self) -> str:
        """Hash of everything a person sees (not the run's stamp or revision)."""
        parts = (
            self.uid, self.summary, self.start.isoformat(), self.end.isoformat(), self.description,
            "\x1e".join(self.categories), "" if self.alarm_lead_days is None else str(self.alarm_lead_days),
            self.alarm_description, self.transparency, self.all_day, self.busy_status,
        )
        return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


# field -> (iCalendar property, value type); None values and empty lists are left out.
FIELD_MAP: tuple[tuple[str, str, Callable], ...] = (
    ("uid", "UID", _text),
    ("stamp", "DTSTAMP", _datetime),
    ("start", "DTSTART", _date),
    ("end", "DTEND", _date),
    ("sequence", "SEQUENCE", _int),
    ("last_modified", "LAST-MODIFIED", _datetime),
    ("summary", "SUMMARY", _text),
    ("description", "DESCRIPTION", _text),
    ("categories", "CATEGORIES", _categories),
    ("transparency", "TRANSP", _text),
    ("busy_status", "X-MICROSOFT-CDO-BUSYSTATUS", _unknown),
    ("all_day", "X-MICROSOFT-CDO-ALLDAYEVENT", _unknown),
)

ALARM_FIELD_MAP: tuple[tuple[str, str, Callable], ...] = (
    ("action", "ACTION", _text),
    ("description", "DESCRIPTION", _text),
    ("trigger", "TRIGGER", _duration),  # relative to DTSTART (RELATED=START is the default)
)


def _utc(value: dt.datetime) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise TypeError(f"dtstamp must be a datetime.datetime, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc).replace(microsecond=0)


def build_event(fields: EventFields) -> Event:
    """An ``icalendar.Event`` from the table (and its one ``VALARM``).

    Every property is single-valued, so it is set (``event[name] = value``)
    rather than ``add``-ed; values are icalendar's own types.
    """
    event = Event()
    for name, prop, kind in FIELD_MAP:
        value = getattr(fields, name)
        if value is None or value == ():  # an empty SUMMARY is still written: Outlook wants one
            continue
        event[prop] = _CONSTANTS.get((prop, value)) or kind(value)
    if fields.alarm_lead_days is not None:
        alarm = Alarm()
        values = {"action": "DISPLAY", "description": fields.alarm_description, "trigger": dt.timedelta(days=-fields.alarm_lead_days)}
        for name, prop, kind in ALARM_FIELD_MAP:
            alarm[prop] = _CONSTANTS.get((prop, values[name])) or kind(values[name])
        event.add_component(alarm)
    return event


# values every event shares: built once (icalendar values are not mutated when serialised)
_CONSTANTS = {
    ("TRANSP", "TRANSPARENT"): _text("TRANSPARENT"),
    ("X-MICROSOFT-CDO-BUSYSTATUS", "FREE"): _unknown("FREE"),
    ("X-MICROSOFT-CDO-ALLDAYEVENT", "TRUE"): _unknown("TRUE"),
    ("ACTION", "DISPLAY"): _text("DISPLAY"),
}


def event_fields(occ: Occurrence, *, lang: str = "zh", alarms: bool = True, uid: str | None = None) -> EventFields:
    """The table's input for one occurrence, in ``lang`` (no stamp, revision 0)."""
    if lang not in LANGS:
        raise ValueError(f"unsupported calendar language {lang!r} (expected one of {', '.join(LANGS)})")
    due = as_date(occ.due)
    summary, cut = texts.summary_text(occ, lang)
    days = texts.reminder_days(occ)
    settled = getattr(occ, "status", None) in texts.SETTLED_STATUSES  # nothing left to remind of
    lead = days[0] if alarms and days and not settled else None
    category = texts.category_text(occ.kind, lang)
    return EventFields(
        uid=uid if uid is not None else calendar_uid(occ),
        summary=summary,
        start=due,
        end=due + dt.timedelta(days=1),
        description=texts.description_text(occ, lang, alarms=alarms, title_cut=cut),
        categories=(category,) if category else (),
        alarm_lead_days=lead,
        alarm_description=texts.alarm_text(summary, occ, lang) if lead is not None else "",
    )


# --------------------------------------------------------------------------- serialising


def fold_line(line: str, limit: int = FOLD_LIMIT) -> str:
    """Fold one content line (RFC 5545 §3.1), joined with CRLF+SPACE.

    Every physical line is at most ``limit`` octets of UTF-8 (the leading
    space of a continuation counts). Splits only between characters, never
    inside a UTF-8 sequence, and never between a backslash and the character
    it escapes.
    """
    data = line.encode("utf-8")
    if len(data) <= limit:
        return line
    if limit < _FAST_FOLD_MIN:
        return _fold_line_units(line, limit)
    chunks: list[bytes] = []
    start, size, budget = 0, len(data), limit
    while size - start > budget:
        cut = start + budget
        while data[cut] & 0xC0 == 0x80:  # inside a UTF-8 sequence
            cut -= 1
        run = 0
        while cut - 1 - run >= start and data[cut - 1 - run] == 0x5C:  # backslashes before the cut
            run += 1
        if run % 2:
            cut -= 1
        chunks.append(data[start:cut])
        start, budget = cut, limit - 1  # a continuation starts with a space
    chunks.append(data[start:])
    return b"\r\n ".join(chunks).decode("utf-8")


# a unit (a character or a backslash escape) is at most 1 + 4 octets; with at
# least this budget the byte-level cut always has room for one
_FAST_FOLD_MIN = 8


def _fold_line_units(line: str, limit: int) -> str:
    chunks: list[str] = []
    current: list[str] = []
    used, budget = 0, limit
    for unit in re.findall(r"\\.|.", line, flags=re.DOTALL):
        size = len(unit.encode("utf-8"))
        if current and used + size > budget:
            chunks.append("".join(current))
            current, used, budget = [], 0, limit - 1
        current.append(unit)
        used += size
    chunks.append("".join(current))
    return "\r\n ".join(chunks)


def content_lines(component) -> list[str]:
    """The component's unfolded content lines, as icalendar's ``content_lines()``
    gives them (tests compare the two), without its per-line object overhead:
    properties in icalendar's canonical order, each value's and parameter's
    own ``to_ical()``, subcomponents after the properties."""
    out = [f"BEGIN:{component.name}"]
    for name in component.sorted_keys():
        value = dict.__getitem__(component, name)  # keys are stored upper-case
        memo_key = _memo_key(name, value)
        line = _LINE_MEMO.get(memo_key) if memo_key is not None else None
        if line is None:
            params = value.params
            text = value.to_ical().decode("utf-8")
            line = f"{name};{params.to_ical().decode('utf-8')}:{text}" if params else f"{name}:{text}"
            if memo_key is not None and len(_LINE_MEMO) < 65536:
                _LINE_MEMO[memo_key] = line
        out.append(line)
    for sub in component.subcomponents:
        out.extend(content_lines(sub))
    out.append(f"END:{component.name}")
    return out


# Lines whose value is a date, a time stamp, a number or a duration repeat
# across events: rendered once, keyed by the plain value (never by identity).
_LINE_MEMO: dict[tuple, str] = {}


def _memo_key(name: str, value) -> tuple | None:
    kind = type(value)
    if kind is vDate or kind is vDatetime:
        params = tuple(value.params.items())
        return (name, kind, type(value.dt), value.dt.isoformat(), params)  # isoformat: tz-aware, unlike ==
    if kind is vDuration and not value.params:
        return (name, kind, value.td)
    if kind is vInt and not value.params:
        return (name, kind, int(value))
    return None


def _lines_text(component) -> str:
    return "".join(fold_line(line) + CRLF for line in content_lines(component))


def render_event(fields: EventFields) -> str:
    """One ``BEGIN:VEVENT`` … ``END:VEVENT`` block, folded, CRLF-terminated."""
    return _lines_text(build_event(fields))


def build_calendar(calendar_name: str) -> Calendar:
    """The ``VCALENDAR`` with its properties (events are added as rendered text)."""
    cal = Calendar()
    for prop, value in (("VERSION", _text("2.0")), ("PRODID", _text(PRODID)), ("CALSCALE", _text("GREGORIAN")), ("METHOD", _text("PUBLISH")),
                        ("X-WR-CALNAME", _unknown(texts.calendar_name_text(calendar_name))), ("X-WR-TIMEZONE", _unknown(TIMEZONE_HINT))):
        cal[prop] = value
    return cal


def render_calendar(calendar_name: str, event_blocks: Sequence[str]) -> bytes:
    """A whole VCALENDAR around already rendered event blocks (at least one)."""
    if not event_blocks:
        raise ValueError("a VCALENDAR needs at least one component (RFC 5545 §3.6)")
    head = _lines_text(build_calendar(calendar_name))
    end = "END:VCALENDAR" + CRLF
    assert head.endswith(end)
    return (head[: -len(end)] + "".join(event_blocks) + end).encode("utf-8")


def render_ics(
    occurrences: Sequence[Occurrence],
    *,
    calendar_name: str,
    lang: str = "zh",
    alarms: bool = True,
    dtstamp: dt.datetime,
    namespaces: Mapping[str, str] | None = None,
    revisions: Callable[[EventFields], tuple[int, dt.datetime]] | None = None,
) -> bytes:
    """Render ``occurrences`` as one iCalendar object (UTF-8 bytes, CRLF).

    ``dtstamp`` becomes every event's ``DTSTAMP`` (UTC, whole seconds).
    ``namespaces`` maps a plan id to its UID namespace (see identity.py).
    ``revisions(fields)`` gives (SEQUENCE, LAST-MODIFIED); by default 0 and
    ``dtstamp``.  Raises ``ValueError`` for an unknown ``lang``, for no
    occurrences (an empty VCALENDAR is invalid) and for two occurrences with
    one UID (the caller refuses those with a located message first).
    """
    stamp = _utc(dtstamp)
    ordered = sorted(occurrences, key=occurrence_sort_key)
    names = namespaces or {}
    blocks: list[str] = []
    seen: set[str] = set()
    for occ in ordered:
        fields = event_fields(occ, lang=lang, alarms=alarms, uid=calendar_uid(occ, names.get(occ.plan, "")))
        if fields.uid in seen:
            raise ValueError(f"duplicate calendar UID {fields.uid!r}: the same obligation and period occurs twice")
        seen.add(fields.uid)
        fields.stamp = stamp
        fields.sequence, fields.last_modified = revisions(fields) if revisions else (0, stamp)
        blocks.append(render_event(fields))
    return render_calendar(calendar_name, blocks)


def dtstamp_from_env(environ: Mapping[str, str] | None = None, *, now: dt.datetime | None = None) -> dt.datetime:
    """``DTSTAMP`` for a run: ``SOURCE_DATE_EPOCH`` if set, else ``now`` (UTC)."""
    env = os.environ if environ is None else environ
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        if not raw.isdigit():
            raise ValueError(f"SOURCE_DATE_EPOCH must be a non-negative integer, got {raw!r}")
        return dt.datetime.fromtimestamp(int(raw), tz=dt.timezone.utc)
    return _utc(now if now is not None else dt.datetime.now(dt.timezone.utc))
