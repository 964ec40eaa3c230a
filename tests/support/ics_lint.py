"""A small, dependency-free linter for the .ics files ideo publishes.

``lint_ics(data)`` returns the problems found (empty list = clean). It checks
the bytes the way a picky importer (Outlook, WPS, a CalDAV server) sees them,
which a round trip through a lenient parser cannot:

* encoding: valid UTF-8, no BOM, no CONTROL characters except HTAB;
* lines: every physical line ends with CRLF, is at most 75 octets, is valid
  UTF-8 on its own (a fold never splits a multi-byte character), no empty
  lines, no continuation line at the very start;
* structure: exactly one VCALENDAR, balanced BEGIN/END, VERSION:2.0, PRODID,
  METHOD:PUBLISH; no VTODO;
* events: UID, DTSTAMP (UTC) and DTSTART present once each, UIDs unique,
  no RRULE/RDATE (ideo writes occurrences out), DTEND of the same value type
  as DTSTART and after it, not both DTEND and DURATION;
* every TZID referenced is defined by a VTIMEZONE;
* alarms: at most one VALARM per VEVENT, placed after all of the event's
  properties, with ACTION and TRIGGER (and DESCRIPTION for DISPLAY).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

__all__ = ["MAX_LINE_OCTETS", "lint_ics"]

MAX_LINE_OCTETS = 75

_NAME = re.compile(r"[A-Za-z0-9-]+")
_PARAM_VALUE = re.compile(r'"[^"]*"|[^";:,]*')
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DATETIME = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$")
_UTC_DATETIME = re.compile(r"^\d{8}T\d{6}Z$")
_PHYSICAL = re.compile(rb"([^\r\n]*)(\r\n|\r|\n|$)")


@dataclass
class _Prop:
    name: str
    params: dict[str, list[str]]
    value: str
    line: int


@dataclass
class _Component:
    name: str
    line: int
    props: list[_Prop] = field(default_factory=list)
    children: list[_Component] = field(default_factory=list)
    end_line: int | None = None

    def get(self, name: str) -> list[_Prop]:
        return [p for p in self.props if p.name == name]


def lint_ics(data: bytes) -> list[str]:
    """Return human-readable problems in ``data`` (an .ics file's bytes)."""
    problems: list[str] = []
    if not data:
        return ["file is empty"]
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append("file starts with a UTF-8 BOM")
        data = data[3:]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(f"not valid UTF-8 (byte {exc.start})")

    physical = _physical_lines(data, problems)
    logical = _unfold(physical, problems)
    root = _parse(logical, problems)
    _check_tree(root, problems)
    return problems


# --------------------------------------------------------------------------
# bytes -> physical lines -> logical (unfolded) lines
# --------------------------------------------------------------------------


def _physical_lines(data: bytes, problems: list[str]) -> list[tuple[int, bytes]]:
    lines: list[tuple[int, bytes]] = []
    number = 0
    for match in _PHYSICAL.finditer(data):
        content, end = match.group(1), match.group(2)
        if not content and not end:
            break  # the final empty match
        number += 1
        if end == b"":
            problems.append(f"line {number}: last line does not end with CRLF")
        elif end != b"\r\n":
            kind = "bare LF" if end == b"\n" else "bare CR"
            problems.append(f"line {number}: ends with a {kind}, not CRLF")
        if len(content) > MAX_LINE_OCTETS:
            problems.append(f"line {number}: {len(content)} octets, more than {MAX_LINE_OCTETS}")
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {number}: not valid UTF-8 on its own (a fold split a multi-byte character?)")
        if not content:
            problems.append(f"line {number}: empty line")
            continue
        lines.append((number, content))
    return lines


def _unfold(physical: list[tuple[int, bytes]], problems: list[str]) -> list[tuple[int, str]]:
    logical: list[tuple[int, bytearray]] = []
    for number, content in physical:
        if content[:1] in (b" ", b"\t"):
            if not logical:
                problems.append(f"line {number}: continuation line with nothing to continue")
                continue
            logical[-1][1].extend(content[1:])
        else:
            logical.append((number, bytearray(content)))
    result: list[tuple[int, str]] = []
    for number, raw in logical:
        text = bytes(raw).decode("utf-8", errors="replace")
        bad = _CONTROL.search(text)
        if bad:
            problems.append(f"line {number}: CONTROL character U+{ord(bad.group()):04X} in content")
        result.append((number, text))
    return result


def _parse_line(text: str) -> tuple[str, dict[str, list[str]], str] | None:
    match = _NAME.match(text)
    if not match:
        return None
    name = match.group().upper()
    pos = match.end()
    params: dict[str, list[str]] = {}
    while pos < len(text) and text[pos] == ";":
        pmatch = _NAME.match(text, pos + 1)
        if not pmatch or pmatch.end() >= len(text) or text[pmatch.end()] != "=":
            return None
        pname = pmatch.group().upper()
        pos = pmatch.end() + 1
        values: list[str] = []
        while True:
            vmatch = _PARAM_VALUE.match(text, pos)
            assert vmatch is not None  # the pattern can match empty
            values.append(vmatch.group().strip('"'))
            pos = vmatch.end()
            if pos < len(text) and text[pos] == ",":
                pos += 1
                continue
            break
        params[pname] = values
    if pos >= len(text) or text[pos] != ":":
        return None
    return name, params, text[pos + 1 :]


def _parse(lines: list[tuple[int, str]], problems: list[str]) -> _Component:
    root = _Component("(file)", 0)
    stack = [root]
    for number, text in lines:
        parsed = _parse_line(text)
        if parsed is None:
            problems.append(f"line {number}: malformed content line {text[:40]!r}")
            continue
        name, params, value = parsed
        current = stack[-1]
        if name == "BEGIN":
            comp = _Component(value.strip().upper(), number)
            current.children.append(comp)
            stack.append(comp)
        elif name == "END":
            wanted = value.strip().upper()
            if len(stack) == 1:
                problems.append(f"line {number}: END:{wanted} without BEGIN")
            elif current.name != wanted:
                problems.append(f"line {number}: END:{wanted} closes BEGIN:{current.name} (line {current.line})")
                stack.pop().end_line = number
            else:
                stack.pop().end_line = number
        else:
            if current is root:
                problems.append(f"line {number}: property {name} outside any component")
                continue
            if current.children:
                last = current.children[-1]
                problems.append(
                    f"line {number}: {current.name} property {name} comes after its {last.name} "
                    f"(line {last.line}); subcomponents must follow all properties"
                )
            current.props.append(_Prop(name, params, value, number))
    for comp in stack[1:]:
        problems.append(f"line {comp.line}: BEGIN:{comp.name} is never closed")
    return root


# --------------------------------------------------------------------------
# semantic checks
# --------------------------------------------------------------------------


def _walk(comp: _Component):
    yield comp
    for child in comp.children:
        yield from _walk(child)


def _check_tree(root: _Component, problems: list[str]) -> None:
    calendars = [c for c in root.children if c.name == "VCALENDAR"]
    others = [c for c in root.children if c.name != "VCALENDAR"]
    for comp in others:
        problems.append(f"line {comp.line}: top-level {comp.name} outside VCALENDAR")
    if len(calendars) != 1:
        problems.append(f"expected exactly one VCALENDAR, found {len(calendars)}")
    for cal in calendars:
        _check_calendar(cal, problems)

    defined_tzids = {
        p.value for comp in _walk(root) if comp.name == "VTIMEZONE" for p in comp.get("TZID")
    }
    for comp in _walk(root):
        for prop in comp.props:
            for tzid in prop.params.get("TZID", []):
                if tzid not in defined_tzids:
                    problems.append(f"line {prop.line}: {prop.name} uses TZID {tzid!r}, which no VTIMEZONE defines")
        if comp.name == "VTODO":
            problems.append(f"line {comp.line}: VTODO present (ideo exports events only)")


def _check_calendar(cal: _Component, problems: list[str]) -> None:
    version = [p.value for p in cal.get("VERSION")]
    if version != ["2.0"]:
        problems.append(f"line {cal.line}: VCALENDAR needs exactly one VERSION:2.0, found {version}")
    if len(cal.get("PRODID")) != 1:
        problems.append(f"line {cal.line}: VCALENDAR needs exactly one PRODID")
    methods = [p.value for p in cal.get("METHOD")]
    if methods != ["PUBLISH"]:
        problems.append(f"line {cal.line}: METHOD:PUBLISH missing (found {methods})")

    seen_uids: dict[tuple[str, str], int] = {}
    for comp in cal.children:
        if comp.name == "VALARM":
            problems.append(f"line {comp.line}: VALARM directly inside VCALENDAR")
        if comp.name != "VEVENT":
            continue
        uid = _check_event(comp, problems)
        if uid is None:
            continue
        recurrence = tuple(p.value for p in comp.get("RECURRENCE-ID"))
        key = (uid, recurrence[0] if recurrence else "")
        if key in seen_uids:
            problems.append(f"line {comp.line}: duplicate UID {uid!r} (first at line {seen_uids[key]})")
        else:
            seen_uids[key] = comp.line


def _one(comp: _Component, name: str, problems: list[str], where: str) -> _Prop | None:
    props = comp.get(name)
    if not props:
        problems.append(f"line {comp.line}: {where} has no {name}")
        return None
    if len(props) > 1:
        problems.append(f"line {props[1].line}: {where} has {len(props)} {name} properties")
    return props[0]


def _check_event(event: _Component, problems: list[str]) -> str | None:
    uid_prop = event.get("UID")
    where = f"VEVENT {uid_prop[0].value!r}" if uid_prop else "VEVENT"
    uid = _one(event, "UID", problems, where)
    stamp = _one(event, "DTSTAMP", problems, where)
    if stamp is not None and not _UTC_DATETIME.match(stamp.value):
        problems.append(f"line {stamp.line}: {where} DTSTAMP {stamp.value!r} is not a UTC date-time (…Z)")
    start = _one(event, "DTSTART", problems, where)
    for name in ("RRULE", "RDATE"):
        for prop in event.get(name):
            problems.append(f"line {prop.line}: {where} has {name} (occurrences must be written out)")
    ends = event.get("DTEND")
    if len(ends) > 1:
        problems.append(f"line {ends[1].line}: {where} has {len(ends)} DTEND properties")
    if ends and event.get("DURATION"):
        problems.append(f"line {ends[0].line}: {where} has both DTEND and DURATION")
    if start is not None and ends:
        _check_order(start, ends[0], problems, where)

    alarms = [c for c in event.children if c.name == "VALARM"]
    if len(alarms) > 1:
        problems.append(f"line {alarms[1].line}: {where} has {len(alarms)} VALARMs (at most one)")
    for alarm in alarms:
        action = alarm.get("ACTION")
        if not action:
            problems.append(f"line {alarm.line}: VALARM in {where} has no ACTION")
        if not alarm.get("TRIGGER"):
            problems.append(f"line {alarm.line}: VALARM in {where} has no TRIGGER")
        if action and action[0].value.upper() == "DISPLAY" and not alarm.get("DESCRIPTION"):
            problems.append(f"line {alarm.line}: DISPLAY VALARM in {where} has no DESCRIPTION")
    for child in event.children:
        if child.name != "VALARM":
            problems.append(f"line {child.line}: unexpected {child.name} inside {where}")
    return uid.value if uid is not None else None


def _when(prop: _Prop) -> tuple[str, object, str] | None:
    """(kind, value, zone) with kind 'date' or 'datetime'; None if unparsable."""
    value = prop.value.strip()
    declared = (prop.params.get("VALUE") or [""])[0].upper()
    m = _DATE.match(value)
    if m and declared in ("", "DATE"):
        return "date", dt.date(int(m[1]), int(m[2]), int(m[3])), ""
    m = _DATETIME.match(value)
    if m and declared in ("", "DATE-TIME"):
        stamp = dt.datetime(*(int(m[i]) for i in range(1, 7)))
        zone = "UTC" if m[7] else (prop.params.get("TZID") or [""])[0]
        return "datetime", stamp, zone
    return None


def _check_order(start: _Prop, end: _Prop, problems: list[str], where: str) -> None:
    a, b = _when(start), _when(end)
    if a is None:
        problems.append(f"line {start.line}: {where} DTSTART {start.value!r} is not a valid DATE or DATE-TIME")
    if b is None:
        problems.append(f"line {end.line}: {where} DTEND {end.value!r} is not a valid DATE or DATE-TIME")
    if a is None or b is None:
        return
    if a[0] != b[0]:
        problems.append(f"line {end.line}: {where} DTEND is a {b[0]} but DTSTART is a {a[0]}")
        return
    first, last = a[1], b[1]
    if a[0] == "datetime" and a[2] != b[2]:
        try:
            from zoneinfo import ZoneInfo

            def aware(value: dt.datetime, zone: str) -> dt.datetime:
                if zone == "UTC":
                    return value.replace(tzinfo=dt.timezone.utc)
                return value.replace(tzinfo=ZoneInfo(zone))

            first, last = aware(a[1], a[2]), aware(b[1], b[2])
        except Exception:  # floating vs zoned, or a non-IANA TZID: cannot compare
            return
    if not last > first:  # type: ignore[operator]
        problems.append(f"line {end.line}: {where} DTEND {end.value} is not after DTSTART {start.value}")
