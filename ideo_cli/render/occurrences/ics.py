"""iCalendar (RFC 5545) export of occurrences, for Outlook / Google / Apple / WPS.

Profile (what every consumer we care about imports cleanly):

* one ``VCALENDAR`` with ``VERSION:2.0``, ``PRODID``, ``CALSCALE:GREGORIAN``,
  ``METHOD:PUBLISH``, ``X-WR-CALNAME`` and an ``X-WR-TIMEZONE`` hint;
* one ``VEVENT`` per occurrence, written out (no ``RRULE``), never ``VTODO``;
* all-day events: ``DTSTART;VALUE=DATE`` on the (working-day-adjusted) due
  date and an exclusive ``DTEND;VALUE=DATE`` the day after, hence no
  ``TZID`` and no ``VTIMEZONE`` at all;
* ``UID`` is :attr:`Occurrence.uid` (never derived from the date) and
  ``DTSTAMP`` is the caller's ``dtstamp`` in UTC, so identical input gives
  byte-identical output (derive it from ``SOURCE_DATE_EPOCH``, see
  :func:`dtstamp_from_env`);
* ``TRANSP:TRANSPARENT`` + ``X-MICROSOFT-CDO-BUSYSTATUS:FREE``: a deadline
  never blocks the day; ``X-MICROSOFT-CDO-ALLDAYEVENT:TRUE`` for Outlook;
* at most one ``VALARM`` (Outlook honours only one), for the largest
  reminder, placed after the event's properties; none in the feed profile
  (``alarms=False``);
* content lines folded at 75 octets on UTF-8 character boundaries (and never
  inside a backslash escape), CRLF line ends, no BOM.

The text is written directly (no iCalendar library at run time): the set of
properties is fixed, so building icalendar objects only to serialise them
again was most of the cost of ``ideo ics``.  The bytes are those icalendar
7's object model produced for the same calls (``tests/test_ics_export.py``
keeps that renderer as a reference and compares byte for byte), which
fixes three details:

* properties in icalendar's canonical order: ``VERSION``, ``PRODID``,
  ``CALSCALE``, ``METHOD``, ``X-WR-CALNAME``, ``X-WR-TIMEZONE``; in a
  ``VEVENT`` ``SUMMARY``, ``DTSTART``, ``DTEND``, ``DTSTAMP``, ``UID``,
  ``SEQUENCE``, then the rest alphabetically; in the ``VALARM`` ``ACTION``,
  ``DESCRIPTION``, ``TRIGGER``;
* TEXT values (``SUMMARY``, ``DESCRIPTION``, ``UID``, ``CATEGORIES``, …) are
  escaped as icalendar's ``_escape_char`` does (:func:`_escape_text`), except
  that a literal backslash always stays one (icalendar reads ``\\N`` as a
  line break, which would mangle a path like ``C:\\Net``);
* ``X-WR-CALNAME`` (an ``X-`` property, value type UNKNOWN for icalendar 7)
  is written verbatim, not TEXT-escaped.

The output is checked by :func:`tests.support.ics_lint.lint_ics`.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ideo_cli import __version__
from ideo_cli.fsutil import atomic_write_bytes
from ideo_cli.i18n import t
from ideo_cli.render.citations import format_citation
from ideo_cli.render.occurrences.columns import title_text
from ideo_cli.schedule.occurrence import Occurrence, Person

__all__ = [
    "FOLD_LIMIT",
    "PRODID",
    "dtstamp_from_env",
    "fold_line",
    "occurrence_sort_key",
    "render_ics",
    "split_by_person",
    "summary_text",
    "description_text",
    "write_ics",
]

PRODID = f"-//ideo//ideo {__version__}//ZH"
TIMEZONE_HINT = "Asia/Shanghai"
FOLD_LIMIT = 75  # octets per physical line, CRLF excluded (RFC 5545 §3.1)
LANGS = ("zh", "en")

_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "provisional": "【暂定】",
        "period_open": "（",
        "period_close": "）",
        "colon": "：",
        "list_sep": "、",
        "org": "组织",
        "owners": "负责人",
        "no_owner": "（未指定）",
        "window": "工作窗口",
        "window_sep": " 至 ",
        "nominal": "原定截止",
        "moved": "（遇节假日调整）",
        "evidence": "留痕",
        "recipients": "报送",
        "basis": "依据",
        "source": "日历来源",
        "provisional_note": "注：本日期未依据官方放假安排（尚未公布）推算，公布后请核对。",
        "alarm_due": "{summary}，{due} 截止",
    },
    "en": {
        "provisional": "[provisional] ",
        "period_open": " (",
        "period_close": ")",
        "colon": ": ",
        "list_sep": ", ",
        "org": "Organisation",
        "owners": "Owners",
        "no_owner": "(none assigned)",
        "window": "Work window",
        "window_sep": " – ",
        "nominal": "Nominal due",
        "moved": " (moved for holiday)",
        "evidence": "Evidence",
        "recipients": "Submit to",
        "basis": "Basis",
        "source": "Calendar source",
        "provisional_note": (
            "Note: computed without the official holiday calendar (not yet "
            "published); re-check once it is."
        ),
        "alarm_due": "{summary}, due {due}",
    },
}

# RFC 5545 §3.3.11: TEXT may not contain CONTROL characters other than HTAB
# (line breaks are written as the \n escape, see _escape_text).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


# --------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------


def occurrence_sort_key(occurrence: Occurrence) -> tuple:
    """Deterministic event order: (due, plan, obligation, period)."""
    return (_as_date(occurrence.due), occurrence.plan, occurrence.obligation, occurrence.period)


def render_ics(
    occurrences: Sequence[Occurrence],
    *,
    calendar_name: str,
    lang: str = "zh",
    alarms: bool = True,
    dtstamp: dt.datetime,
) -> bytes:
    """Render ``occurrences`` as one iCalendar object (UTF-8 bytes, CRLF).

    ``dtstamp`` becomes every event's ``DTSTAMP``; it is converted to UTC (a
    naive value is taken as UTC) and truncated to whole seconds.
    ``alarms=False`` is the subscription-feed profile: no ``VALARM``.
    Raises ``ValueError`` for an unknown ``lang`` or two occurrences with the
    same UID (that would silently merge two deadlines in every client).
    """
    if lang not in LANGS:
        raise ValueError(f"unsupported calendar language {lang!r} (expected one of {', '.join(LANGS)})")
    stamp = _utc_stamp(dtstamp)
    ordered = sorted(occurrences, key=occurrence_sort_key)

    seen: dict[str, Occurrence] = {}
    for occ in ordered:
        if occ.uid in seen:
            raise ValueError(f"duplicate calendar UID {occ.uid!r}: the same obligation and period occurs twice")
        seen[occ.uid] = occ

    # Folding is ours (fold_line): the guarantee does not depend on any
    # library and keeps backslash escapes on one line (icalendar issue #1501).
    # Every piece appended to ``out`` ends with CRLF.
    out = [
        _CALENDAR_HEAD,
        fold_line(f"X-WR-CALNAME:{_clean(calendar_name, single_line=True)}") + _CRLF,  # verbatim: see the module docstring
        _CALENDAR_TZ_HINT,
    ]
    stamp_text = _utc_value(stamp)
    for occ in ordered:
        _event(out, occ, lang=lang, alarms=alarms, stamp=stamp_text)
    out.append("END:VCALENDAR\r\n")
    return "".join(out).encode("utf-8")


def split_by_person(occurrences: Iterable[Occurrence]) -> dict[str, list[Occurrence]]:
    """Map person id -> that person's occurrences, sorted like the calendar.

    An occurrence with two owners goes to both; one listing the same person
    twice goes to that person once. Occurrences with no owner appear in no
    list. Keys are in sorted order so per-person files come out in a stable
    order.
    """
    buckets: dict[str, list[Occurrence]] = {}
    for occ in occurrences:
        for pid in dict.fromkeys(p.id for p in occ.owners):
            buckets.setdefault(pid, []).append(occ)
    return {pid: sorted(buckets[pid], key=occurrence_sort_key) for pid in sorted(buckets)}


def write_ics(
    path: Path | str,
    occurrences: Sequence[Occurrence],
    *,
    calendar_name: str,
    lang: str = "zh",
    alarms: bool = True,
    dtstamp: dt.datetime,
) -> None:
    """:func:`render_ics` then write atomically (raises ``OutputError``)."""
    data = render_ics(occurrences, calendar_name=calendar_name, lang=lang, alarms=alarms, dtstamp=dtstamp)
    atomic_write_bytes(path, data)


def dtstamp_from_env(environ: Mapping[str, str] | None = None, *, now: dt.datetime | None = None) -> dt.datetime:
    """``DTSTAMP`` for a run: ``SOURCE_DATE_EPOCH`` if set, else ``now`` (UTC).

    See https://reproducible-builds.org/specs/source-date-epoch/ ; a
    malformed value is an error rather than silently ignored.
    """
    env = os.environ if environ is None else environ
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        if not raw.isdigit():
            raise ValueError(f"SOURCE_DATE_EPOCH must be a non-negative integer, got {raw!r}")
        return dt.datetime.fromtimestamp(int(raw), tz=dt.timezone.utc)
    return _utc_stamp(now if now is not None else dt.datetime.now(dt.timezone.utc))


def fold_line(line: str, limit: int = FOLD_LIMIT) -> str:
    """Fold one unfolded content line (RFC 5545 §3.1), joined with CRLF+SPACE.

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
    # Work on the UTF-8 bytes: cut each physical line at most ``budget``
    # octets on, stepping back off UTF-8 continuation bytes and off a
    # backslash that escapes the next character (an odd run of backslashes
    # before the cut; a chunk always starts on a unit boundary, so the parity
    # counted from there is the parity counted from the line start).  Same
    # result as :func:`_fold_line_units`, which adds whole characters or
    # escapes while they fit: a unit is at most 5 octets, so with a budget of
    # at least ``_FAST_FOLD_MIN`` - 1 octets every chunk holds at least one.
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
        start, budget = cut, limit - 1  # continuation starts with a space
    chunks.append(data[start:])
    return b"\r\n ".join(chunks).decode("utf-8")


# Units (a character or a backslash escape) are at most 1 + 4 octets; with a
# budget of at least this many octets per physical line the byte-level cut in
# fold_line always has room for one and equals the unit-by-unit reference.
_FAST_FOLD_MIN = 8


def _fold_line_units(line: str, limit: int) -> str:
    """Reference folding, unit by unit (also used for tiny ``limit`` values)."""
    chunks: list[str] = []
    current: list[str] = []
    used = 0
    budget = limit
    for unit in re.findall(r"\\.|.", line, flags=re.DOTALL):
        size = len(unit.encode("utf-8"))
        if current and used + size > budget:
            chunks.append("".join(current))
            current, used, budget = [], 0, limit - 1  # continuation starts with a space
        current.append(unit)
        used += size
    chunks.append("".join(current))
    return "\r\n ".join(chunks)


# --------------------------------------------------------------------------
# internals
# --------------------------------------------------------------------------


def _as_date(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _utc_stamp(value: dt.datetime) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise TypeError(f"dtstamp must be a datetime.datetime, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc).replace(microsecond=0)


def _clean(text: str, *, single_line: bool = False) -> str:
    """Normalise line breaks and drop characters TEXT may not carry."""
    text = str(text)
    if text.isprintable():  # the common case: no line break, no control character
        return text.strip() if single_line else text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if single_line:
        text = " ".join(part.strip() for part in text.split("\n") if part.strip())
    return text


def _person(person: Person, lang: str) -> str:
    name = _clean(person.name or person.id, single_line=True)
    post = _clean(person.post, single_line=True)
    if not post:
        return name
    return f"{name}（{post}）" if lang == "zh" else f"{name} ({post})"


def summary_text(occurrence: Occurrence, lang: str = "zh") -> str:
    """SUMMARY: ``【暂定】`` prefix when provisional, title, period."""
    lab = _LABELS[lang]
    prefix = lab["provisional"] if occurrence.provisional else ""
    title = _clean(title_text(occurrence, lang), single_line=True)
    period = _clean(occurrence.period, single_line=True)
    tail = f"{lab['period_open']}{period}{lab['period_close']}" if period else ""
    return f"{prefix}{title}{tail}"


def description_text(occurrence: Occurrence, lang: str = "zh") -> str:
    """DESCRIPTION: one labelled line per fact, empty facts left out."""
    lab = _LABELS[lang]
    sep = lab["list_sep"]
    due = _as_date(occurrence.due)
    nominal = _as_date(occurrence.nominal_due)

    def line(key: str, value: str) -> str:
        return f"{lab[key]}{lab['colon']}{value}"

    lines: list[str] = []
    if occurrence.plan_name:
        lines.append(line("org", _clean(occurrence.plan_name, single_line=True)))
    owners = sep.join(_person(p, lang) for p in occurrence.owners) or lab["no_owner"]
    lines.append(line("owners", owners))
    lines.append(line("window", f"{_as_date(occurrence.start).isoformat()}{lab['window_sep']}{due.isoformat()}"))
    if nominal != due:
        lines.append(line("nominal", f"{nominal.isoformat()}{lab['moved']}"))
    if occurrence.evidence:
        lines.append(line("evidence", sep.join(_clean(e, single_line=True) for e in occurrence.evidence)))
    if occurrence.recipients:
        lines.append(line("recipients", sep.join(_clean(r, single_line=True) for r in occurrence.recipients)))
    basis = " ".join(_clean(x, single_line=True) for x in (occurrence.rule, occurrence.citation if isinstance(occurrence.citation, str) else format_citation(occurrence.citation, lang)) if x)
    if basis:
        lines.append(line("basis", basis))
    if occurrence.calendar_source:
        lines.append(line("source", _clean(t(occurrence.calendar_source, lang), single_line=True)))
    if occurrence.provisional:
        lines.append(lab["provisional_note"])
    return "\n".join(lines)


def _escape_text(text: str) -> str:
    """RFC 5545 §3.3.11 TEXT escaping, as icalendar 7's ``_escape_char`` but for ``\\N``.

    Backslash, semicolon and comma get a backslash; CRLF, LF and a lone CR
    become ``\\n``.  A literal backslash stays a backslash (icalendar 7 reads
    ``\\N`` in plain text as a line break; a path like ``C:\\Net`` must not).
    """
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if ";" in text:
        text = text.replace(";", "\\;")
    if "," in text:
        text = text.replace(",", "\\,")
    if "\n" in text or "\r" in text:
        text = text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return text


def _date_value(value: dt.date) -> str:
    """DATE value (RFC 5545 §3.3.4): ``YYYYMMDD``, year zero-padded."""
    return f"{value.year:04}{value.month:02}{value.day:02}"


def _duration_value(value: dt.timedelta) -> str:
    """DURATION value (RFC 5545 §3.3.6), as icalendar 7's ``vDuration`` writes it."""
    sign = ""
    if value.days < 0:
        sign, value = "-", -value
    timepart = ""
    if value.seconds:
        hours, minutes, seconds = value.seconds // 3600, value.seconds % 3600 // 60, value.seconds % 60
        timepart = "T"
        if hours:
            timepart += f"{hours}H"
        if minutes or (hours and seconds):
            timepart += f"{minutes}M"
        if seconds:
            timepart += f"{seconds}S"
    if value.days == 0 and timepart:
        return f"{sign}P{timepart}"
    return f"{sign}P{value.days}D{timepart}"


_CRLF = "\r\n"
_CALENDAR_HEAD = "".join(
    line + _CRLF
    for line in (
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        fold_line(f"PRODID:{_escape_text(PRODID)}"),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    )
)
_CALENDAR_TZ_HINT = fold_line(f"X-WR-TIMEZONE:{TIMEZONE_HINT}") + _CRLF
_EVENT_FLAGS = (
    f"TRANSP:TRANSPARENT{_CRLF}"
    f"X-MICROSOFT-CDO-ALLDAYEVENT:TRUE{_CRLF}"
    f"X-MICROSOFT-CDO-BUSYSTATUS:FREE{_CRLF}"
)


def _utc_value(stamp: dt.datetime) -> str:
    """DATE-TIME value in UTC (RFC 5545 §3.3.5 form 2) of a UTC ``stamp``."""
    return f"{stamp.year:04}{stamp.month:02}{stamp.day:02}T{stamp.hour:02}{stamp.minute:02}{stamp.second:02}Z"


def _event(out: list[str], occ: Occurrence, *, lang: str, alarms: bool, stamp: str) -> None:
    """Append one ``VEVENT`` (and its ``VALARM``), CRLF-terminated, to ``out``.

    Property order is icalendar's canonical order for ``VEVENT`` (see the
    module docstring); every line that can carry data is folded.
    """
    due = _as_date(occ.due)
    summary = summary_text(occ, lang)
    out.append("BEGIN:VEVENT\r\n")
    out.append(fold_line(f"SUMMARY:{_escape_text(summary)}") + _CRLF)
    out.append(
        f"DTSTART;VALUE=DATE:{_date_value(due)}{_CRLF}"
        f"DTEND;VALUE=DATE:{_date_value(due + dt.timedelta(days=1))}{_CRLF}"
        f"DTSTAMP:{stamp}{_CRLF}"
    )
    out.append(fold_line(f"UID:{_escape_text(occ.uid)}") + _CRLF)
    out.append("SEQUENCE:0\r\n")
    kind = _clean(occ.kind, single_line=True)
    if kind:  # one category: a comma in it is escaped, not a separator
        out.append(fold_line(f"CATEGORIES:{_escape_text(kind)}") + _CRLF)
    out.append(fold_line(f"DESCRIPTION:{_escape_text(description_text(occ, lang))}") + _CRLF)
    out.append(_EVENT_FLAGS)
    days = [d for d in occ.reminders if d >= 0]
    if alarms and days:
        lead = max(days)
        alarm_text = _LABELS[lang]["alarm_due"].format(summary=summary, due=due.isoformat())
        out.append("BEGIN:VALARM\r\nACTION:DISPLAY\r\n")
        out.append(fold_line(f"DESCRIPTION:{_escape_text(alarm_text)}") + _CRLF)
        # relative to DTSTART (RELATED=START is the default, so not written)
        out.append(f"TRIGGER:{_duration_value(dt.timedelta(days=-lead))}{_CRLF}END:VALARM{_CRLF}")
    out.append("END:VEVENT\r\n")
