"""An independent reference serialiser for ideo's calendars (tests only).

This is the direct text writer ideo used before its events were built
through icalendar, frozen here as an oracle: it writes the same
:class:`~ideo_cli.render.occurrences.ics.writer.EventFields` as text with no
library at all.  tests/test_ics_export.py checks that the icalendar-built
output equals it byte for byte, so a change in icalendar's serialisation
(escaping, property order, value formats) cannot slip through unnoticed.

Its helpers (escaping, folding, value formats) are its own copies; only the
fields record is shared.
"""
from __future__ import annotations

import datetime as dt
import re

CRLF = "\r\n"
FOLD_LIMIT = 75


def escape_text(text: str) -> str:
    """RFC 5545 §3.3.11: backslash, semicolon, comma escaped; line breaks as \\n."""
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\n").replace("\n", "\\n").replace("\r", "\\n")
    )


def fold(line: str, limit: int = FOLD_LIMIT) -> str:
    """Fold unit by unit (a character or a backslash escape) at ``limit`` octets."""
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


def date_value(value: dt.date) -> str:
    return f"{value.year:04}{value.month:02}{value.day:02}"


def utc_value(stamp: dt.datetime) -> str:
    stamp = stamp.astimezone(dt.timezone.utc)
    return f"{stamp.year:04}{stamp.month:02}{stamp.day:02}T{stamp.hour:02}{stamp.minute:02}{stamp.second:02}Z"


def duration_value(value: dt.timedelta) -> str:
    sign = ""
    if value.days < 0:
        sign, value = "-", -value
    if value.seconds:
        raise NotImplementedError("ideo's alarms are whole days")
    return f"{sign}P{value.days}D"


def event_text(fields) -> str:
    """One VEVENT, in icalendar's canonical order: SUMMARY DTSTART DTEND DTSTAMP
    UID SEQUENCE, then the rest alphabetically; the VALARM last."""
    lines = ["BEGIN:VEVENT", f"SUMMARY:{escape_text(fields.summary)}",
             f"DTSTART;VALUE=DATE:{date_value(fields.start)}", f"DTEND;VALUE=DATE:{date_value(fields.end)}"]
    if fields.stamp is not None:
        lines.append(f"DTSTAMP:{utc_value(fields.stamp)}")
    lines += [f"UID:{escape_text(fields.uid)}", f"SEQUENCE:{fields.sequence}"]
    rest = []
    if fields.categories:
        rest.append(("CATEGORIES", ",".join(escape_text(c) for c in fields.categories)))
    if fields.description:
        rest.append(("DESCRIPTION", escape_text(fields.description)))
    if fields.last_modified is not None:
        rest.append(("LAST-MODIFIED", utc_value(fields.last_modified)))
    rest += [("TRANSP", fields.transparency), ("X-MICROSOFT-CDO-ALLDAYEVENT", fields.all_day), ("X-MICROSOFT-CDO-BUSYSTATUS", fields.busy_status)]
    lines += [f"{name}:{value}" for name, value in sorted(rest)]
    if fields.alarm_lead_days is not None:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape_text(fields.alarm_description)}",
                  f"TRIGGER:{duration_value(dt.timedelta(days=-fields.alarm_lead_days))}", "END:VALARM"]
    lines.append("END:VEVENT")
    return "".join(fold(line) + CRLF for line in lines)


def calendar_bytes(calendar_name: str, prodid: str, events: list) -> bytes:
    """A whole VCALENDAR (``calendar_name`` already in its written form)."""
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{escape_text(prodid)}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            f"X-WR-CALNAME:{calendar_name}", "X-WR-TIMEZONE:Asia/Shanghai"]
    text = "".join(fold(line) + CRLF for line in head) + "".join(event_text(f) for f in events) + "END:VCALENDAR" + CRLF
    return text.encode("utf-8")
