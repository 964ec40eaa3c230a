"""What people read in a calendar: SUMMARY, DESCRIPTION, CATEGORIES, its name.

Every word comes from the catalogue (``ics.*`` ids) in the user's language;
only data the user wrote (titles, names, evidence) and citations' quotes are
shown as written.  Period codes (``2027H1``) stay in the UID; people read
"2027年上半年" / "first half of 2027".
"""
from __future__ import annotations

import re
from functools import lru_cache

from ideo_cli.i18n import msg, t
from ideo_cli.ledger import status as status_codes
from ideo_cli.render.citations import format_citation
from ideo_cli.render.occurrences.ics.split import as_date
from ideo_cli.schedule.occurrence import RECTIFICATION_KIND, Occurrence, Person
from ideo_cli.workcal.names import holiday_text

# RFC 5545 §3.3.11: TEXT may not carry CONTROL characters other than HTAB
# (line breaks are written as the \n escape).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Outlook cuts a SUMMARY after 255 UTF-16 code units
SUMMARY_LIMIT = 255
ELLIPSIS = "…"
# statuses that come from a ledger record: stable, so they may change an
# event (and its SEQUENCE); time-derived ones (pending, in progress, overdue)
# would rewrite every calendar every day and are left to the to-do list
MARKED_STATUSES = (status_codes.DONE, status_codes.DONE_LATE, status_codes.EVIDENCE_MISSING, status_codes.WAIVED)
# done or waived: the event keeps its place but loses its reminder
SETTLED_STATUSES = (status_codes.DONE, status_codes.DONE_LATE, status_codes.WAIVED)
KINDS = tuple(f"O{i}" for i in range(1, 14))

_PERIOD = [
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})H([12])$"), "half"),
    (re.compile(r"^(\d{4})Q([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"), "month"),
    (re.compile(r"^(\d{4})-(0[1-9]|1[0-2])-(\d{2})$"), "day"),
    (re.compile(r"^(\d{4})-([a-z][a-z-]*|[^\d].*)$"), "holiday"),
]


@lru_cache(maxsize=None)
def template(message_id: str, lang: str) -> str:
    """A catalogue entry's text with its ``{fields}`` unfilled (for hot loops)."""
    return t(msg(message_id), lang)


def fill(message_id: str, lang: str, **fields: str) -> str:
    return template(message_id, lang).format(**fields)


def clean(text: object, *, single_line: bool = False) -> str:
    """Normalise line breaks and drop characters TEXT may not carry."""
    text = "" if text is None else str(text)
    if text.isprintable():  # the common case: no line break, no control character
        return text.strip() if single_line else text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if single_line:
        text = " ".join(part.strip() for part in text.split("\n") if part.strip())
    return text


def utf16_units(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def shorten_utf16(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` UTF-16 units, ending in "…" when cut."""
    if utf16_units(text) <= limit:
        return text
    out, used = [], 1  # room for the ellipsis
    for ch in text:
        size = 2 if ord(ch) > 0xFFFF else 1
        if used + size > limit:
            break
        out.append(ch)
        used += size
    return "".join(out) + ELLIPSIS


@lru_cache(maxsize=4096)
def period_label(period: str, lang: str) -> str:
    """``2027H1`` → 2027年上半年 / first half of 2027; unknown forms as written."""
    period = clean(period, single_line=True)
    for pattern, form in _PERIOD:
        match = pattern.match(period)
        if not match:
            continue
        year = match.group(1)
        if form == "year":
            return fill("ics.period-year", lang, year=year)
        if form == "half":
            return fill(f"ics.period-h{match.group(2)}", lang, year=year)
        if form == "quarter":
            return fill(f"ics.period-q{match.group(2)}", lang, year=year)
        if form == "month":
            return fill(f"ics.period-month-{int(match.group(2))}", lang, year=year)
        if form == "day":
            month = fill(f"ics.period-month-{int(match.group(2))}", lang, year=year)
            return fill("ics.period-day", lang, month=month, day=str(int(match.group(3))))
        # a holiday period (2027-spring-festival): the holiday is in the title already
        return fill("ics.period-year", lang, year=year)
    return period


def holiday_name(name: str, lang: str) -> str:
    return t(holiday_text(name), lang)


def display_title(occ: Occurrence, lang: str) -> str:
    """The user's title, with "（春节前）" when the occurrence is tied to a holiday; a 整改
    item as "整改：问题", as the to-do list shows it."""
    title = clean(occ.title, single_line=True)
    if occ.kind == RECTIFICATION_KIND:
        return fill("todo.rectification-title", lang, problem=title)
    holiday = getattr(occ, "holiday", None)
    if holiday:
        return fill("todo.before-holiday", lang, title=title, holiday=clean(holiday_name(holiday, lang), single_line=True))
    return title


def status_label(occ: Occurrence, lang: str) -> str:
    status = getattr(occ, "status", None)
    if status in MARKED_STATUSES:
        return template(f"status.{status}", lang)
    return ""


def summary_text(occ: Occurrence, lang: str = "zh") -> tuple[str, bool]:
    """(SUMMARY, whether the title had to be shortened to fit Outlook's limit)."""
    marks = ""
    status = status_label(occ, lang)
    if status:
        marks += fill("ics.mark-status", lang, status=status)
    if occ.provisional:
        marks += template("ics.mark-provisional", lang)
    title = display_title(occ, lang)
    # a 整改 item has a deadline, not a period: its year is in the date
    period = period_label(occ.period, lang) if occ.period and occ.kind != RECTIFICATION_KIND else ""
    form = "ics.summary" if period else "ics.summary-no-period"
    summary = fill(form, lang, marks=marks, title=title, period=period)
    if utf16_units(summary) <= SUMMARY_LIMIT:
        return summary, False
    room = SUMMARY_LIMIT - utf16_units(fill(form, lang, marks=marks, title="", period=period))
    if room > 8:  # shorten the title, keep the marks and the period
        return fill(form, lang, marks=marks, title=shorten_utf16(title, room), period=period), True
    return shorten_utf16(summary, SUMMARY_LIMIT), True


def person_text(person: Person, lang: str) -> str:
    name = clean(person.name or person.id, single_line=True)
    post = clean(person.post, single_line=True)
    return fill("ics.person", lang, name=name, post=post) if post else name


def citation_text(citation: object, lang: str) -> str:
    """A Citation through format_citation; a plain string as written."""
    if not citation:
        return ""
    if isinstance(citation, str):
        return clean(citation, single_line=True)

    return clean(format_citation(citation, lang), single_line=True)


def source_text(source: object, lang: str) -> str:
    """The calendar an occurrence's date comes from, in ``lang`` (the schedule gives a Message)."""
    return clean(t(source, lang), single_line=True)


def reminder_days(occ: Occurrence) -> list[int]:
    return sorted({d for d in occ.reminders if isinstance(d, int) and d >= 0}, reverse=True)


def description_text(occ: Occurrence, lang: str = "zh", *, alarms: bool = True, title_cut: bool = False) -> str:
    """DESCRIPTION: one labelled line per fact, empty facts left out."""
    sep = template("value.separator", lang)

    def line(label: str, value: str) -> str:
        return fill("ics.line", lang, label=template(label, lang), value=value)

    due = as_date(occ.due)
    nominal = as_date(occ.nominal_due)
    lines: list[str] = []
    if title_cut:
        lines.append(line("ics.label-title", display_title(occ, lang)))
    status = status_label(occ, lang)
    if status:
        lines.append(line("ics.label-status", status))
    if occ.plan_name:
        lines.append(line("ics.label-org", clean(occ.plan_name, single_line=True)))
    owners = sep.join(person_text(p, lang) for p in occ.owners) or template("ics.no-owner", lang)
    lines.append(line("ics.label-owners", owners))
    lines.append(line("ics.label-window", fill("ics.window", lang, start=as_date(occ.start).isoformat(), end=due.isoformat())))
    if nominal != due:
        lines.append(line("ics.label-nominal", fill("ics.nominal", lang, date=nominal.isoformat())))
    if occ.evidence:
        lines.append(line("ics.label-evidence", sep.join(clean(e, single_line=True) for e in occ.evidence)))
    if occ.recipients:
        lines.append(line("ics.label-recipients", sep.join(clean(r, single_line=True) for r in occ.recipients)))
    basis = " ".join(x for x in (clean(occ.rule, single_line=True), citation_text(occ.citation, lang)) if x)
    if basis:
        lines.append(line("ics.label-basis", basis))
    if occ.calendar_source:
        lines.append(line("ics.label-source", source_text(occ.calendar_source, lang)))
    days = reminder_days(occ)
    if alarms and len(days) > 1 and getattr(occ, "status", None) not in SETTLED_STATUSES:  # only the earliest becomes the VALARM: say which others were asked for
        lines.append(line("ics.label-reminders", fill("ics.reminders", lang, days=sep.join(str(d) for d in days))))
    if occ.provisional:
        lines.append(template("ics.provisional-note", lang))
    return "\n".join(lines)


def category_text(kind: str, lang: str) -> str:
    """CATEGORIES: the kind's readable name (专题研究), a custom kind as written."""
    kind = clean(kind, single_line=True)
    if kind == RECTIFICATION_KIND:
        return template("ics.kind-rectification", lang)
    if kind in KINDS:
        return template(f"ics.kind-{kind}", lang)
    if kind in ("custom", "其他", "other"):
        return template("ics.kind-custom", lang)
    return kind


def calendar_name_text(name: str) -> str:
    """X-WR-CALNAME: one line, with ``,`` ``;`` ``\\`` as their full-width forms.

    Consumers disagree about this property: vobject (and so Radicale) reads it
    as a list and keeps only the text before an unescaped ``,`` or ``;``,
    while icalendar 7 and others show an escaped ``\\,`` with its backslash.
    The full-width forms read the same to people and mean nothing to any
    parser, so every client shows the whole name.
    """
    return clean(name, single_line=True).replace(",", "，").replace(";", "；").replace("\\", "＼")


def alarm_text(summary: str, occ: Occurrence, lang: str) -> str:
    return fill("ics.alarm", lang, summary=summary, due=as_date(occ.due).isoformat())
