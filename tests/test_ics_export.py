"""ICS exporter: checked by independent consumers, not only by icalendar.

Consumers: icalendar (lenient round trip), ``ical`` (Home Assistant's strict
parser), ``recurring_ical_events`` (date expansion) and a real Radicale CalDAV
server on 127.0.0.1 (vobject-based validation, storage, REPORT time-range),
plus our own byte-level linter ``tests.support.ics_lint.lint_ics``.
No network: everything runs locally.
"""
from __future__ import annotations

from dataclasses import replace

import datetime as dt
import random
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from icalendar import Calendar

from ideo_cli import __version__
from ideo_cli.render.occurrences.ics import (
    FOLD_LIMIT,
    PRODID,
    dtstamp_from_env,
    fold_line,
    render_ics,
    split_by_person,
)
from ideo_cli.schedule.identity import calendar_uid
from tests.support.ics_lint import lint_ics
from ideo_cli.schedule.occurrence import Occurrence, Person

UTC = dt.timezone.utc
STAMP = dt.datetime(2027, 1, 4, 1, 2, 3, tzinfo=UTC)
CAL_NAME = "中共小寨坝镇委员会·意识形态工作责任制"

ZHANG = Person("zhang-san", "张三", "党委书记")
LI = Person("li-si", "李四", "党委委员、宣传委员")
WANG = Person("wang-wu", "王五", "网信专干")
ZHAO = Person("zhao-liu", "赵六", "党组书记")

LONG_CITATION = (
    "000 三(二)2 “每年至少两次专题研究意识形态工作，分析研判意识形态领域情况，"
    "辨析思想文化领域突出问题，分清主流支流，对重大事件、重要情况、重要社情民意中的"
    "苗头性倾向性问题，有针对性地进行引导；每年至少一次向上级党委专题汇报意识形态工作，"
    "汇报内容包括落实意识形态工作责任制情况、意识形态领域形势、存在的问题及下一步措施，"
    "并将意识形态工作纳入党建工作责任制、纳入领导班子和领导干部目标管理、纳入领导班子"
    "民主生活会和领导干部述职述廉内容、纳入干部考核考察和党风廉政建设责任制检查考核内容，"
    "对落实不力、造成不良影响的，依规依纪严肃追究责任；涉及网络意识形态阵地管理的，"
    "按照“谁主管谁负责、谁主办谁负责”的原则，逐级压实主体责任，做到守土有责、守土负责、"
    "守土尽责”"
)
assert len(LONG_CITATION) >= 300


def uid(occ: Occurrence) -> str:
    """The calendar UID of ``occ`` (no organisation namespace in these unit tests)."""
    return calendar_uid(occ)


# what people read instead of the period codes
PERIOD_LABELS = {"2027": "2027年", "2027H1": "2027年上半年", "2027Q3": "2027年第三季度", "2027-05": "2027年5月"}
KIND_LABELS = {"O1": "专题研究", "O2": "专题学习", "O3": "分析研判", "O9": "理论培训"}


def _occ(**kw) -> Occurrence:
    base = dict(
        plan="xzb",
        plan_name="中共小寨坝镇委员会",
        plan_file="plans/xzb.yaml",
        kind="O1",
        owners=[ZHANG],
        reminders=[],
        evidence=[],
        recipients=[],
        rule="",
        citation="",
        provisional=False,
        calendar_source="chinese-calendar 1.11.0",
    )
    base.update(kw)
    return Occurrence(**base)


def sample_occurrences() -> list[Occurrence]:
    """Realistic mix; deliberately NOT in calendar order."""
    return [
        _occ(
            obligation="report-to-county",
            period="2027",
            title="向县委专题汇报意识形态工作",
            kind="O3",
            owners=[ZHANG],
            start=dt.date(2027, 12, 1),
            due=dt.date(2027, 12, 31),
            nominal_due=dt.date(2027, 12, 31),
            reminders=[7, 30],
            evidence=["书面报告", "报送回执"],
            recipients=["县委", "县委宣传部"],
            rule="IDEO203",
            citation=LONG_CITATION,
            provisional=True,
            calendar_source="holidays 0.109 (推算)",
        ),
        _occ(
            obligation="study",
            period="2027H1",
            title="专题研究意识形态工作",
            kind="O1",
            owners=[ZHANG],
            start=dt.date(2027, 6, 1),
            due=dt.date(2027, 6, 30),
            nominal_due=dt.date(2027, 6, 30),
            reminders=[3, 7],
            evidence=["会议纪要", "签到表", "照片"],
            recipients=["县委宣传部"],
            rule="IDEO201",
            citation="000 三(二)2 “每年至少两次专题研究意识形态工作”",
        ),
        _occ(
            obligation="analysis",
            period="2027Q3",
            title="意识形态领域情况分析研判",
            kind="O2",
            owners=[ZHANG, LI],  # two owners: goes to both personal calendars
            start=dt.date(2027, 9, 1),
            due=dt.date(2027, 10, 8),  # moved off the National Day holiday
            nominal_due=dt.date(2027, 10, 7),
            reminders=[5],
            evidence=["分析研判报告"],
            rule="IDEO202",
            citation="000 三(二)3",
            provisional=True,
            calendar_source="holidays 0.109 (推算)",
        ),
        _occ(
            obligation="net-monthly",
            period="2027-05",
            title="网络意识形态安全监测月报",
            kind="O9",
            owners=[WANG],
            start=dt.date(2027, 5, 1),
            due=dt.date(2027, 5, 31),
            nominal_due=dt.date(2027, 5, 31),
            reminders=[],  # no reminders -> no VALARM
            evidence=["监测月报"],
            recipients=["县委网信办"],
            rule="IDEO209",
        ),
        _occ(
            plan="jyj",
            plan_name="中共某某县教育局党组",
            plan_file="plans/jyj.yaml",
            obligation="study",
            period="2027H1",
            title="专题研究意识形态工作",
            kind="O1",
            owners=[ZHAO],
            start=dt.date(2027, 6, 1),
            due=dt.date(2027, 6, 30),  # same day as xzb/study: tie broken by plan
            nominal_due=dt.date(2027, 6, 30),
            reminders=[7],
            evidence=["会议纪要"],
            rule="IDEO201",
        ),
    ]


EXPECTED_ORDER = [
    "xzb.net-monthly.2027-05@ideo.invalid",
    "jyj.study.2027H1@ideo.invalid",
    "xzb.study.2027H1@ideo.invalid",
    "xzb.analysis.2027Q3@ideo.invalid",
    "xzb.report-to-county.2027@ideo.invalid",
]


@pytest.fixture(scope="module")
def occurrences() -> list[Occurrence]:
    return sample_occurrences()


@pytest.fixture(scope="module")
def ics_bytes(occurrences) -> bytes:
    return render_ics(occurrences, calendar_name=CAL_NAME, dtstamp=STAMP)


def _by_uid(occurrences) -> dict[str, Occurrence]:
    return {uid(o): o for o in occurrences}


def _vevent_blocks(text: str) -> list[str]:
    return re.findall(r"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", text, flags=re.S)


# --------------------------------------------------------------------------
# 1. icalendar round trip
# --------------------------------------------------------------------------


def test_icalendar_round_trip(ics_bytes, occurrences):
    cal = Calendar.from_ical(ics_bytes)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == PRODID == f"-//ideo//ideo {__version__}//ZH"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == CAL_NAME
    assert not list(cal.walk("VTIMEZONE")), "all-day events need no VTIMEZONE"
    assert not list(cal.walk("VTODO"))

    events = list(cal.walk("VEVENT"))
    assert len(events) == len(occurrences)
    assert [str(e["UID"]) for e in events] == EXPECTED_ORDER
    by_uid = _by_uid(occurrences)
    for event in events:
        occ = by_uid[str(event["UID"])]
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND")
        assert type(start) is dt.date and type(end) is dt.date
        assert start == occ.due
        assert end == start + dt.timedelta(days=1)
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert "TZID" not in event["DTSTART"].params
        assert event.decoded("DTSTAMP") == STAMP
        assert int(event["SEQUENCE"]) == 0
        assert event.decoded("LAST-MODIFIED") == STAMP  # no earlier run: the content is as new as the stamp
        summary = str(event["SUMMARY"])
        assert summary.startswith("【暂定】") == occ.provisional
        assert summary.count("【暂定】") == (1 if occ.provisional else 0)
        assert summary.endswith(f"{occ.title}（{PERIOD_LABELS[occ.period]}）")
        assert str(event["TRANSP"]) == "TRANSPARENT"
        assert str(event["X-MICROSOFT-CDO-BUSYSTATUS"]) == "FREE"
        assert str(event["X-MICROSOFT-CDO-ALLDAYEVENT"]) == "TRUE"
        assert [str(c) for c in event["CATEGORIES"].cats] == [KIND_LABELS[occ.kind]]
        assert "RRULE" not in event


def test_summary_examples(ics_bytes):
    cal = Calendar.from_ical(ics_bytes)
    summaries = {str(e["UID"]): str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    assert summaries["xzb.study.2027H1@ideo.invalid"] == "专题研究意识形态工作（2027年上半年）"
    assert summaries["xzb.analysis.2027Q3@ideo.invalid"] == "【暂定】意识形态领域情况分析研判（2027年第三季度）"
    assert summaries["xzb.report-to-county.2027@ideo.invalid"] == "【暂定】向县委专题汇报意识形态工作（2027年）"


def test_description_fields(ics_bytes):
    cal = Calendar.from_ical(ics_bytes)
    desc = {str(e["UID"]): str(e["DESCRIPTION"]) for e in cal.walk("VEVENT")}

    report = desc["xzb.report-to-county.2027@ideo.invalid"].split("\n")
    assert "组织：中共小寨坝镇委员会" in report
    assert "负责人：张三（党委书记）" in report
    assert "工作窗口：2027-12-01 至 2027-12-31" in report
    assert "留痕：书面报告、报送回执" in report
    assert "报送：县委、县委宣传部" in report
    assert f"依据：IDEO203 {LONG_CITATION}" in report  # survives folding intact
    assert "日历来源：holidays 0.109 (推算)" in report
    assert not any(line.startswith("原定截止") for line in report)

    analysis = desc["xzb.analysis.2027Q3@ideo.invalid"]
    assert "负责人：张三（党委书记）、李四（党委委员、宣传委员）" in analysis
    assert "原定截止：2027-10-07（遇节假日调整）" in analysis
    assert "工作窗口：2027-09-01 至 2027-10-08" in analysis

    monthly = desc["xzb.net-monthly.2027-05@ideo.invalid"]
    assert "原定截止" not in monthly and "【暂定】" not in monthly


def test_english_labels(occurrences):
    data = render_ics(occurrences, calendar_name="Ideology deadlines", lang="en", dtstamp=STAMP)
    assert lint_ics(data) == []
    cal = Calendar.from_ical(data)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    analysis = events["xzb.analysis.2027Q3@ideo.invalid"]
    assert str(analysis["SUMMARY"]) == "[provisional] 意识形态领域情况分析研判 (Q3 2027)"
    text = str(analysis["DESCRIPTION"])
    assert "Owners: 张三 (党委书记), 李四 (党委委员、宣传委员)" in text
    assert "Nominal due: 2027-10-07 (moved for holiday)" in text
    assert str(events["xzb.study.2027H1@ideo.invalid"]["SUMMARY"]) == "专题研究意识形态工作 (first half of 2027)"


def test_unknown_language_rejected(occurrences):
    with pytest.raises(ValueError, match="language"):
        render_ics(occurrences, calendar_name="x", lang="fr", dtstamp=STAMP)


def test_duplicate_uid_rejected(occurrences):
    with pytest.raises(ValueError, match="duplicate calendar UID"):
        render_ics([occurrences[0], occurrences[0]], calendar_name="x", dtstamp=STAMP)


# --------------------------------------------------------------------------
# 2. ical (Home Assistant) strict parser
# --------------------------------------------------------------------------


def test_ical_strict_parse(ics_bytes, occurrences):
    from ical.calendar_stream import IcsCalendarStream

    cal = IcsCalendarStream.calendar_from_ics(ics_bytes.decode("utf-8"))
    assert len(cal.events) == len(occurrences)
    assert not cal.todos
    assert [e.uid for e in cal.events] == EXPECTED_ORDER
    by_uid = _by_uid(occurrences)
    for event in cal.events:
        occ = by_uid[event.uid]
        assert event.summary.startswith("【暂定】") == occ.provisional
        assert type(event.dtstart) is dt.date and event.dtstart == occ.due
        assert event.dtend == occ.due + dt.timedelta(days=1)
        assert len(event.alarm) == (1 if occ.reminders else 0)
    summaries = sorted(e.summary for e in cal.events)
    assert summaries == sorted(
        ("【暂定】" if o.provisional else "") + f"{o.title}（{PERIOD_LABELS[o.period]}）" for o in occurrences
    )


# --------------------------------------------------------------------------
# 3. recurring_ical_events: each event exactly once, on its date
# --------------------------------------------------------------------------


def test_recurring_ical_events_once_on_its_date(ics_bytes, occurrences):
    import recurring_ical_events

    cal = Calendar.from_ical(ics_bytes)
    whole_year = recurring_ical_events.of(cal).between(dt.date(2027, 1, 1), dt.date(2028, 1, 1))
    assert Counter(str(e["UID"]) for e in whole_year) == Counter(uid(o) for o in occurrences)

    one_day = dt.timedelta(days=1)
    for occ in occurrences:
        day = occ.due
        on_day = [str(e["UID"]) for e in recurring_ical_events.of(cal).between(day, day + one_day)]
        assert on_day.count(uid(occ)) == 1
        before = [str(e["UID"]) for e in recurring_ical_events.of(cal).between(day - one_day, day)]
        after = [str(e["UID"]) for e in recurring_ical_events.of(cal).between(day + one_day, day + 2 * one_day)]
        assert uid(occ) not in before and uid(occ) not in after


# --------------------------------------------------------------------------
# 4. Radicale CalDAV server on 127.0.0.1
# --------------------------------------------------------------------------


# the Radicale server fixture (``radicale``) lives in tests/conftest.py


def _uids_in(ics_text: str | bytes) -> list[str]:
    cal = Calendar.from_ical(ics_text)
    return [str(e["UID"]) for e in cal.walk("VEVENT")]


def test_radicale_put_whole_calendar_and_get(radicale, ics_bytes, occurrences):
    dav = radicale
    status, body = dav.request(
        "PUT", "/ideo/whole/", ics_bytes, {"Content-Type": "text/calendar; charset=utf-8"}
    )
    assert status in (201, 204), body[:500]

    status, body = dav.request("GET", "/ideo/whole/")
    assert status == 200, body[:500]
    assert sorted(_uids_in(body)) == sorted(uid(o) for o in occurrences)
    got = Calendar.from_ical(body)
    summaries = {str(e["UID"]): str(e["SUMMARY"]) for e in got.walk("VEVENT")}
    assert summaries["xzb.analysis.2027Q3@ideo.invalid"] == "【暂定】意识形态领域情况分析研判（2027年第三季度）"
    descriptions = {str(e["UID"]): str(e["DESCRIPTION"]) for e in got.walk("VEVENT")}
    assert LONG_CITATION in descriptions["xzb.report-to-county.2027@ideo.invalid"]

    # the collection is a calendar (PUT of a whole VCALENDAR makes one)
    status, body = dav.request(
        "PROPFIND",
        "/ideo/whole/",
        b'<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/></D:prop></D:propfind>',
        {"Depth": "0", "Content-Type": "application/xml; charset=utf-8"},
    )
    assert status == 207, body[:500]
    assert b"urn:ietf:params:xml:ns:caldav" in body and b"calendar" in body


CALDAV = "urn:ietf:params:xml:ns:caldav"


def test_radicale_mkcalendar_put_items_and_report(radicale, occurrences):
    dav = radicale
    dav.request("MKCOL", "/ideo/")  # principal; may already exist (405)
    status, body = dav.request("MKCALENDAR", "/ideo/items/")
    assert status == 201, body[:500]

    # what a CalDAV client does: one resource per event
    for index, occ in enumerate(sorted(occurrences, key=lambda o: uid(o))):
        single = render_ics([occ], calendar_name=CAL_NAME, dtstamp=STAMP)
        assert lint_ics(single) == []
        status, body = dav.request(
            "PUT",
            f"/ideo/items/event-{index}.ics",
            single,
            {"Content-Type": "text/calendar; charset=utf-8", "If-None-Match": "*"},
        )
        assert status == 201, body[:500]

    status, body = dav.request("GET", "/ideo/items/")
    assert status == 200
    assert sorted(_uids_in(body)) == sorted(uid(o) for o in occurrences)

    report = f"""<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="{CALDAV}">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
    <C:time-range start="20270615T000000Z" end="20270715T000000Z"/>
  </C:comp-filter></C:comp-filter></C:filter>
</C:calendar-query>""".encode()
    status, body = dav.request(
        "REPORT", "/ideo/items/", report, {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"}
    )
    assert status == 207, body[:500]
    tree = ET.fromstring(body)
    found: list[str] = []
    for data in tree.iter(f"{{{CALDAV}}}calendar-data"):
        if data.text:
            found.extend(_uids_in(data.text))
    assert sorted(found) == ["jyj.study.2027H1@ideo.invalid", "xzb.study.2027H1@ideo.invalid"]


# --------------------------------------------------------------------------
# 5. our own lint, folding, bytes
# --------------------------------------------------------------------------


def test_lint_clean(ics_bytes):
    assert lint_ics(ics_bytes) == []


def test_bytes_profile(ics_bytes):
    assert not ics_bytes.startswith(b"\xef\xbb\xbf")
    text = ics_bytes.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "\r" not in text.replace("\r\n", "")
    physical = ics_bytes.split(b"\r\n")[:-1]
    assert max(len(line) for line in physical) <= FOLD_LIMIT
    folded = [line for line in physical if line.startswith(b" ")]
    assert len(folded) >= 5, "the long Chinese DESCRIPTION must be folded"
    for line in physical:
        line.decode("utf-8")  # every physical line is valid UTF-8 on its own
    for line in ("METHOD:PUBLISH", "CALSCALE:GREGORIAN", "VERSION:2.0"):
        assert f"\r\n{line}\r\n" in text
    assert "TZID" not in text and "VTIMEZONE" not in text
    assert "RRULE" not in text and "VTODO" not in text


def test_valarm_profile(ics_bytes, occurrences):
    text = ics_bytes.decode("utf-8")
    blocks = {re.search(r"\r\nUID:(.*?)\r\n", b).group(1): b for b in _vevent_blocks(text)}
    by_uid = _by_uid(occurrences)
    assert set(blocks) == set(by_uid)
    for uid, block in blocks.items():
        occ = by_uid[uid]
        assert "DTSTAMP:20270104T010203Z\r\n" in block
        if not occ.reminders:
            assert "BEGIN:VALARM" not in block
            continue
        assert block.count("BEGIN:VALARM") == 1
        # the alarm is the event's last part: only alarm lines follow it
        tail = block[block.index("BEGIN:VALARM") :]
        assert re.fullmatch(r"BEGIN:VALARM\r\n(?:(?!BEGIN:|END:).*\r\n)+END:VALARM\r\nEND:VEVENT\r\n", tail), tail
        assert "ACTION:DISPLAY\r\n" in tail
        assert f"TRIGGER:-P{max(occ.reminders)}D\r\n" in tail  # largest reminder, RELATED=START default
        assert "RELATED=END" not in tail
    cal = Calendar.from_ical(ics_bytes)
    for event in cal.walk("VEVENT"):
        for alarm in event.walk("VALARM"):
            assert alarm.decoded("TRIGGER") == -dt.timedelta(days=max(by_uid[str(event["UID"])].reminders))
            assert str(alarm["DESCRIPTION"])


def test_fold_line_respects_utf8_and_escapes():
    # CJK (3 octets), supplementary-plane CJK and emoji (4 octets), escapes
    # (shifted by 0..7 ASCII chars so that a naive fold would cut escapes)
    for shift in range(8):
        text = "DESCRIPTION:" + "a" * shift + ("意识形态𠀀😀\\,\\;\\n\\\\" * 40)
        folded = fold_line(text)
        lines = folded.split("\r\n")
        assert len(lines) > 5
        for i, line in enumerate(lines):
            raw = line.encode("utf-8")
            assert len(raw) <= FOLD_LIMIT
            if i:
                assert line.startswith(" ")
            # a line never ends in the middle of a backslash escape
            trailing = len(line) - len(line.rstrip("\\"))
            assert trailing % 2 == 0, line
        assert "".join(line[1:] if i else line for i, line in enumerate(lines)) == text
    assert fold_line("SHORT:x") == "SHORT:x"
    assert fold_line("X:" + "a" * 73) == "X:" + "a" * 73  # exactly 75 octets stays on one line
    assert fold_line("X:" + "a" * 74).split("\r\n") == ["X:" + "a" * 73, " a"]


def test_escapes_survive_folding():
    occ = sample_occurrences()[1]
    occ = replace(occ, citation="第一条，第二条；第三条\\附件," * 30 + "\n换行后继续")
    data = render_ics([occ], calendar_name="逗号,分号;反斜杠\\", dtstamp=STAMP)
    assert lint_ics(data) == []
    cal = Calendar.from_ical(data)
    assert str(cal["X-WR-CALNAME"]) == "逗号，分号；反斜杠＼"  # full-width: every consumer reads the whole name
    event = next(iter(cal.walk("VEVENT")))
    # a line break inside a one-line field is flattened to a space
    assert "依据：IDEO201 " + "第一条，第二条；第三条\\附件," * 30 + " 换行后继续\n" in str(event["DESCRIPTION"])
    from ical.calendar_stream import IcsCalendarStream

    strict = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    assert "第一条，第二条；第三条\\附件," * 30 + " 换行后继续" in strict.events[0].description


def test_control_characters_are_dropped():
    occ = sample_occurrences()[1]
    occ = replace(occ, title="专题研究\x00意识形态\x1b工作\r\n")
    data = render_ics([occ], calendar_name="名\x07称", dtstamp=STAMP)
    assert lint_ics(data) == []
    event = next(iter(Calendar.from_ical(data).walk("VEVENT")))
    assert str(event["SUMMARY"]) == "专题研究意识形态工作（2027年上半年）"


# ---- the linter itself catches what it claims to ----------------------------------


def _mutations(good: bytes) -> dict[str, bytes]:
    text = good.decode("utf-8")
    first_event = _vevent_blocks(text)[0]
    return {
        "BOM": b"\xef\xbb\xbf" + good,
        "bare LF": good.replace(b"\r\nSEQUENCE:0\r\n", b"\nSEQUENCE:0\r\n", 1),
        "octets": good.replace(b"SEQUENCE:0\r\n", b"X-LONG:" + b"a" * 80 + b"\r\n", 1),
        "valid UTF-8 on its own": good.replace("SEQUENCE:0\r\n".encode(), "X-SPLIT:意识".encode()[:-1] + b"\r\n " + "识".encode()[-1:] + b"\r\n", 1),
        "duplicate UID": text.replace("END:VCALENDAR", first_event + "END:VCALENDAR").encode(),
        "no DTSTAMP": re.sub(r"DTSTAMP:[^\r]*\r\n", "", text, count=1).encode(),
        "not after DTSTART": text.replace("DTEND;VALUE=DATE:20270601", "DTEND;VALUE=DATE:20270530").encode(),
        "which no VTIMEZONE defines": text.replace(
            "DTSTART;VALUE=DATE:20270531\r\nDTEND;VALUE=DATE:20270601",
            "DTSTART;TZID=Asia/Shanghai:20270531T090000\r\nDTEND;TZID=Asia/Shanghai:20270531T100000",
        ).encode(),
        "VALARMs (at most one)": text.replace(
            "END:VALARM\r\n", "END:VALARM\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:x\r\nTRIGGER:-P1D\r\nEND:VALARM\r\n", 1
        ).encode(),
        "comes after its VALARM": text.replace("END:VALARM\r\n", "END:VALARM\r\nCOMMENT:late\r\n", 1).encode(),
        "VTODO": text.replace("END:VCALENDAR", "BEGIN:VTODO\r\nUID:t\r\nDTSTAMP:20270101T000000Z\r\nEND:VTODO\r\nEND:VCALENDAR").encode(),
        "RRULE": text.replace("SEQUENCE:0\r\n", "SEQUENCE:0\r\nRRULE:FREQ=YEARLY\r\n", 1).encode(),
        "METHOD:PUBLISH": text.replace("METHOD:PUBLISH\r\n", "").encode(),
        "never closed": text.replace("END:VCALENDAR\r\n", "").encode(),
        "CRLF": good[:-2],
    }


@pytest.mark.parametrize("problem", [
    "BOM", "bare LF", "octets", "valid UTF-8 on its own", "duplicate UID", "no DTSTAMP", "not after DTSTART",
    "which no VTIMEZONE defines", "VALARMs (at most one)", "comes after its VALARM", "VTODO", "RRULE",
    "METHOD:PUBLISH", "never closed", "CRLF",
])
def test_lint_catches(problem, ics_bytes):
    broken = _mutations(ics_bytes)[problem]
    assert broken != ics_bytes
    problems = lint_ics(broken)
    assert any(problem in p for p in problems), problems


def test_lint_empty_and_garbage():
    assert lint_ics(b"") == ["file is empty"]
    assert lint_ics(b"\xff\xfe\r\n")  # not UTF-8, no VCALENDAR


# --------------------------------------------------------------------------
# 6. determinism
# --------------------------------------------------------------------------


def test_deterministic_bytes(occurrences, ics_bytes):
    again = render_ics(sample_occurrences(), calendar_name=CAL_NAME, dtstamp=STAMP)
    assert again == ics_bytes
    shuffled = list(occurrences)
    random.Random(7).shuffle(shuffled)
    assert render_ics(shuffled, calendar_name=CAL_NAME, dtstamp=STAMP) == ics_bytes
    # the same instant in another zone is the same DTSTAMP
    beijing = STAMP.astimezone(dt.timezone(dt.timedelta(hours=8)))
    assert render_ics(occurrences, calendar_name=CAL_NAME, dtstamp=beijing) == ics_bytes


def test_only_dtstamp_changes_with_dtstamp(occurrences, ics_bytes):
    """A later run whose revisions say "unchanged" differs in DTSTAMP only."""
    kept = lambda fields: (0, STAMP)  # noqa: E731  (what the manifest gives for unchanged content)
    first = render_ics(occurrences, calendar_name=CAL_NAME, dtstamp=STAMP, revisions=kept)
    assert first == ics_bytes
    later = render_ics(occurrences, calendar_name=CAL_NAME, dtstamp=STAMP + dt.timedelta(days=40, seconds=5), revisions=kept)
    old, new = first.split(b"\r\n"), later.split(b"\r\n")
    assert len(old) == len(new)
    differing = [(a, b) for a, b in zip(old, new) if a != b]
    assert len(differing) == len(occurrences)
    for a, b in differing:
        assert a == b"DTSTAMP:20270104T010203Z" and b == b"DTSTAMP:20270213T010208Z"


def test_revisions_give_sequence_and_last_modified(occurrences):
    changed = dt.datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
    data = render_ics(occurrences, calendar_name=CAL_NAME, dtstamp=STAMP, revisions=lambda fields: (3, changed))
    for event in Calendar.from_ical(data).walk("VEVENT"):
        assert int(event["SEQUENCE"]) == 3
        assert event.decoded("LAST-MODIFIED") == changed
        assert event.decoded("DTSTAMP") == STAMP


def test_uid_does_not_follow_the_date():
    first = sample_occurrences()[1]
    moved = replace(sample_occurrences()[1], due=dt.date(2027, 7, 2))
    a = Calendar.from_ical(render_ics([first], calendar_name="x", dtstamp=STAMP))
    b = Calendar.from_ical(render_ics([moved], calendar_name="x", dtstamp=STAMP))
    ua = [str(e["UID"]) for e in a.walk("VEVENT")]
    ub = [str(e["UID"]) for e in b.walk("VEVENT")]
    assert ua == ub == ["xzb.study.2027H1@ideo.invalid"]


def test_dtstamp_from_env():
    assert dtstamp_from_env({"SOURCE_DATE_EPOCH": "1798761600"}) == dt.datetime(2027, 1, 1, tzinfo=UTC)
    now = dt.datetime(2027, 3, 1, 12, 0, 0, 999, tzinfo=UTC)
    assert dtstamp_from_env({}, now=now) == now.replace(microsecond=0)
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        dtstamp_from_env({"SOURCE_DATE_EPOCH": "yesterday"})


# --------------------------------------------------------------------------
# 7. feed profile
# --------------------------------------------------------------------------


def test_alarms_false_emits_no_valarm(occurrences):
    feed = render_ics(occurrences, calendar_name=CAL_NAME, alarms=False, dtstamp=STAMP)
    assert b"VALARM" not in feed and b"TRIGGER" not in feed
    assert lint_ics(feed) == []
    assert len(list(Calendar.from_ical(feed).walk("VEVENT"))) == len(occurrences)


# --------------------------------------------------------------------------
# 8. per-person calendars
# --------------------------------------------------------------------------


def test_split_by_person(occurrences, tmp_path):
    split = split_by_person(occurrences)
    assert list(split) == sorted(["zhang-san", "li-si", "wang-wu", "zhao-liu"])
    uids = {pid: [uid(o) for o in occs] for pid, occs in split.items()}
    assert "xzb.analysis.2027Q3@ideo.invalid" in uids["zhang-san"]
    assert "xzb.analysis.2027Q3@ideo.invalid" in uids["li-si"]
    assert uids["li-si"] == ["xzb.analysis.2027Q3@ideo.invalid"]
    assert uids["zhang-san"] == [
        "xzb.study.2027H1@ideo.invalid",
        "xzb.analysis.2027Q3@ideo.invalid",
        "xzb.report-to-county.2027@ideo.invalid",
    ]
    assert uids["wang-wu"] == ["xzb.net-monthly.2027-05@ideo.invalid"]
    assert uids["zhao-liu"] == ["jyj.study.2027H1@ideo.invalid"]

    for pid, occs in split.items():
        path = tmp_path / f"{pid}.ics"
        path.write_bytes(render_ics(occs, calendar_name=f"{CAL_NAME}（{pid}）", dtstamp=STAMP))
        data = path.read_bytes()
        assert lint_ics(data) == []
        assert _uids_in(data) == uids[pid]
    both = [Path(tmp_path / f"{pid}.ics").read_bytes() for pid in ("zhang-san", "li-si")]
    assert all(b"UID:xzb.analysis.2027Q3@ideo.invalid\r\n" in data for data in both)


def test_split_by_person_dedupes_and_skips_ownerless():
    occ = sample_occurrences()[2]
    occ = replace(sample_occurrences()[2], owners=[ZHANG, ZHANG])
    orphan = replace(sample_occurrences()[3], owners=[])
    split = split_by_person([occ, orphan])
    assert {k: [uid(o) for o in v] for k, v in split.items()} == {"zhang-san": ["xzb.analysis.2027Q3@ideo.invalid"]}


# --------------------------------------------------------------------------
# 9. serialisation: icalendar's own content lines, and an independent writer
# --------------------------------------------------------------------------
#
# The events are icalendar objects built from the field table.  Two oracles
# check how they become bytes: icalendar's own ``content_lines()`` (ideo
# walks the same component without its per-line overhead) and the direct
# text writer ideo used before, frozen in tests/support/ics_reference.py.

import icalendar  # noqa: E402
from icalendar.prop import vText  # noqa: E402

from ideo_cli.render.occurrences.ics import text as ics_text  # noqa: E402
from ideo_cli.render.occurrences.ics.writer import (  # noqa: E402
    LANGS,
    build_calendar,
    build_event,
    content_lines,
    escape_text,
    event_fields,
)
from tests.support import ics_reference  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def _fields_for(occurrences, *, lang="zh", alarms=True, stamp=STAMP, sequence=0, modified=None):
    out = []
    for occ in sorted(occurrences, key=lambda o: (o.due if not isinstance(o.due, dt.datetime) else o.due.date(), o.plan, o.obligation, o.period)):
        fields = event_fields(occ, lang=lang, alarms=alarms, uid=calendar_uid(occ))
        fields.stamp = stamp.astimezone(UTC).replace(microsecond=0)
        fields.sequence = sequence
        fields.last_modified = (modified or stamp).astimezone(UTC).replace(microsecond=0)
        out.append(fields)
    return out


def assert_same_as_reference(occurrences, *, calendar_name, lang="zh", alarms=True, dtstamp=STAMP) -> bytes:
    """``render_ics`` == the frozen direct writer on the same fields, byte for byte."""
    if not occurrences:
        with pytest.raises(ValueError, match="at least one component"):
            render_ics(occurrences, calendar_name=calendar_name, lang=lang, alarms=alarms, dtstamp=dtstamp)
        return b""
    stamp = dtstamp if dtstamp.tzinfo else dtstamp.replace(tzinfo=UTC)
    got = render_ics(occurrences, calendar_name=calendar_name, lang=lang, alarms=alarms, dtstamp=dtstamp)
    fields = _fields_for(occurrences, lang=lang, alarms=alarms, stamp=stamp)
    want = ics_reference.calendar_bytes(ics_text.calendar_name_text(calendar_name), PRODID, fields)
    if got != want:  # show the first differing line, not two blobs
        for i, (a, b) in enumerate(zip(got.split(b"\r\n"), want.split(b"\r\n"))):
            assert a == b, f"line {i} differs (icalendar vs reference): {a!r} != {b!r}"
        assert got == want, f"lengths differ: {len(got)} vs {len(want)}"
    for event, fields_one in zip(_events_built(fields), fields):  # and icalendar's own serialisation
        assert content_lines(event) == [str(line) for line in event.content_lines() if line]
    return got


def _events_built(fields):
    return [build_event(f) for f in fields]


ESCAPE_SAMPLES = [
    "", "plain", "a,b", "a;b", "a\\b", "a\\\\b", "\\", "\\\\", "a\\,b", "\\;", "a\nb", "a\rb", "a\r\nb",
    "\n\r", "\r\r\n\n", "a\\Nb", "\\N", "\\\\N", "\\n", "\\\\n", "尾\\", "逗号,分号;反斜杠\\",
    "意识形态，工作；", "😀,👨‍👩‍👧;𠀀\\", "\t tab", "e\u0301", "\u2028\x85\u3000",
]


@pytest.mark.parametrize("text", ESCAPE_SAMPLES)
def test_escape_text_is_rfc_text_escaping(text):
    assert escape_text(text) == ics_reference.escape_text(text)
    if "\\N" not in text:  # icalendar 7 turns a literal \N into a line break; ideo does not
        assert escape_text(text) == vText(text).to_ical().decode("utf-8")


def test_a_literal_backslash_n_is_not_a_line_break():
    occ = sample_occurrences()[1]
    occ = replace(occ, title="材料存放在 C:\\Net\\N目录")
    event = next(iter(Calendar.from_ical(render_ics([occ], calendar_name="x", dtstamp=STAMP)).walk("VEVENT")))
    assert str(event["SUMMARY"]).startswith("材料存放在 C:\\Net\\N目录")


def test_calendar_head_is_icalendars_content_lines():
    for name in NASTY_NAMES:
        cal = build_calendar(name)
        assert content_lines(cal) == [str(line) for line in cal.content_lines() if line]


NASTY_NAMES = [
    CAL_NAME, "", "   ", "逗号,分号;反斜杠\\", "trailing backslash \\", "C:\\Net\\新建文件夹 \\N \\n",
    "名\x07称\r\n第二行\n\n  第三行  ", "Ideology deadlines", "长" * 60 + "😀" * 10, "x" * 74, "\x00\x1f\x7f",
]


def _nasty_variants() -> list[list[Occurrence]]:
    """Single occurrences pushed to every edge the renderer has."""
    base = sample_occurrences()
    lists: list[list[Occurrence]] = [base, base[:1], base[3:4], []]
    edits = [
        dict(title="标题,含;分号\\和反斜杠", period="2027,H1"),
        dict(title="多行\n标题\r\n第三行", period="2027\nH1"),
        dict(title="", period=""),
        dict(title="   ", period="  2027  "),
        dict(title="C:\\Net\\N 目录 \\n 结尾\\", kind="O1,O2;\\N"),
        dict(title="😀👨‍👩‍👧𠀀" * 20, period="2027Q4"),
        dict(title="长" * 300, period="2027H2"),
        dict(kind="", plan_name="", calendar_source="", rule="", citation=""),
        dict(kind=" \t", evidence=[""], recipients=["", "  "]),
        dict(evidence=["a,b", "c;d", "e\\f", "g\nh"], recipients=["县委,宣传部", "网信办；\\"]),
        dict(owners=[], reminders=[0]),
        dict(owners=[Person("no-name", "", ""), Person("x", "名,字;\\N", "职\n务,;")], reminders=[-3]),
        dict(owners=[ZHANG, ZHANG, LI], reminders=[-1, 0, 2, 400]),
        dict(owners=[Person("p", "   ", " ")], reminders=[10_000]),
        dict(citation=LONG_CITATION * 3, rule="IDEO201\\;"),
        dict(citation="\x00控制\x1b字符\x7f\x85\u2028\u3000\xa0\u200b", rule="\t"),
        dict(plan="p,;\\x", obligation="o\\Nb", period="2027\n"),
        dict(plan="区县😀", obligation="任务/一", period="2027-05"),
        dict(plan="a\rb", obligation="c\x07d\x00", period="e\r\nf"),
        dict(plan="u" * 80, obligation="长" * 30, period="2027"),
        dict(period="2027-10-01"), dict(period="2027-spring-festival"), dict(period="2027-13"),
        dict(due=dt.datetime(2027, 6, 30, 23, 59), nominal_due=dt.datetime(2027, 6, 28, 8, 0), start=dt.datetime(2027, 6, 1, 9)),
        dict(due=dt.date(999, 1, 1), nominal_due=dt.date(999, 1, 1), start=dt.date(998, 12, 1)),
        dict(due=dt.date(2027, 12, 31), nominal_due=dt.date(2028, 1, 2), provisional=True),
        dict(calendar_source="holidays 0.109 (推算)\nsecond line", provisional=True),
        dict(status="done"), dict(status="done-late", provisional=True), dict(status="overdue"), dict(holiday="春节", period="2027-spring-festival"),
    ]
    for i, edit in enumerate(edits):
        occ = replace(sample_occurrences()[1], **edit)
        lists.append([occ])
        other = sample_occurrences()[i % 5]
        lists.append([occ, other] if calendar_uid(other) != calendar_uid(occ) else [occ])
    return lists


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("alarms", [True, False])
def test_same_bytes_as_reference_on_edge_cases(lang, alarms):
    stamps = [STAMP, STAMP.astimezone(dt.timezone(dt.timedelta(hours=8))), dt.datetime(2026, 11, 23, 0, 0, 0, 999_999)]
    for index, occurrences in enumerate(_nasty_variants()):
        for name in NASTY_NAMES:
            data = assert_same_as_reference(occurrences, calendar_name=name, lang=lang, alarms=alarms, dtstamp=stamps[index % 3])
            if data:
                assert lint_ics(data) == []


def test_errors():
    occs = sample_occurrences()
    with pytest.raises(ValueError, match="duplicate calendar UID"):
        render_ics([occs[0], occs[0]], calendar_name="x", dtstamp=STAMP)
    with pytest.raises(ValueError, match="language"):
        render_ics(occs, calendar_name="x", lang="fr", dtstamp=STAMP)
    with pytest.raises(TypeError):
        render_ics(occs, calendar_name="x", dtstamp=dt.date(2027, 1, 1))
    with pytest.raises(ValueError, match="at least one component"):
        render_ics([], calendar_name="x", dtstamp=STAMP)


# ---- random inputs ----------------------------------------------------------------

_PIECES = [
    "a", "Z", "0", " ", "  ", ",", ";", ":", '"', "\\", "\\N", "\\n", "\\,", "\n", "\r", "\r\n", "\t",
    "\x00", "\x1b", "\x7f", "\x85", "\u2028", "\u3000", "\xa0", "\u200b", "意识形态", "工作", "，", "；",
    "（", "）", "、", "𠀀", "😀", "👨‍👩‍👧", "é", "e\u0301", "ÅÄÖ", "IDEO201", "2027", "-", "/", "@",
]


def _random_text(rng: random.Random, longest: int = 30) -> str:
    size = rng.choice([0, 1, 2, 5, 10, longest]) if rng.random() < 0.9 else rng.randint(100, 400)
    return "".join(rng.choice(_PIECES) for _ in range(size))


def _random_occurrences(rng: random.Random) -> list[Occurrence]:
    people = [ZHANG, LI, WANG, ZHAO, Person("x", _random_text(rng), _random_text(rng)), Person("y", "", "")]
    result = []
    for i in range(rng.randint(1, 6)):
        due = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 730))
        nominal = due - dt.timedelta(days=rng.choice([0, 0, 0, 1, 2, 3]))
        result.append(_occ(
            plan=rng.choice(["xzb", "jyj", _random_text(rng, 8)]),
            plan_name=rng.choice(["中共小寨坝镇委员会", "", _random_text(rng)]),
            obligation=f"{_random_text(rng, 6)}#{i}",
            period=rng.choice(["2027", "2027H1", "2027Q3", "2027-05", "2027-10-01", "", _random_text(rng, 6)]),
            title=rng.choice(["专题研究意识形态工作", _random_text(rng), _random_text(rng, 80)]),
            kind=rng.choice(["O1", "O13", "", "custom", _random_text(rng, 5)]),
            owners=rng.sample(people, rng.randint(0, 3)),
            start=due - dt.timedelta(days=rng.randint(0, 60)),
            due=due,
            nominal_due=nominal,
            reminders=rng.sample([-5, -1, 0, 1, 3, 7, 14, 30, 90], rng.randint(0, 3)),
            evidence=[_random_text(rng, 8) for _ in range(rng.randint(0, 3))],
            recipients=[_random_text(rng, 8) for _ in range(rng.randint(0, 3))],
            rule=rng.choice(["", "IDEO201", _random_text(rng, 6)]),
            citation=rng.choice(["", LONG_CITATION, _random_text(rng, 60)]),
            provisional=rng.random() < 0.4,
            calendar_source=rng.choice(["chinese-calendar 1.11.0", "holidays 0.109 (推算)", "", _random_text(rng)]),
        ))
        result[-1] = replace(result[-1], status=rng.choice([None, None, "done", "done-late", "waived", "overdue", "evidence-missing"]))
    return result


@pytest.mark.parametrize("seed", range(6))
def test_same_bytes_as_reference_on_random_input(seed):
    rng = random.Random(seed)
    for _ in range(30):
        occurrences = _random_occurrences(rng)
        name = rng.choice([CAL_NAME, _random_text(rng), _random_text(rng, 80)])
        for lang in LANGS:
            for alarms in (True, False):
                data = assert_same_as_reference(occurrences, calendar_name=name, lang=lang, alarms=alarms, dtstamp=STAMP)
                assert lint_ics(data) == []
                for event in Calendar.from_ical(data).walk("VEVENT"):
                    summary = str(event["SUMMARY"])
                    assert len(summary.encode("utf-16-le")) // 2 <= 255, summary
                    assert "/" not in str(event["UID"]) and str(event["UID"]).endswith("@ideo.invalid")


# ---- real plans -------------------------------------------------------------------


def _schedule(paths, year: int, lang: str, calendars=()):
    from ideo_cli.app.inputs import discover
    from ideo_cli.app.schedule import ScheduleOptions, build_schedule
    from ideo_cli.schedule.expand import DateRange

    return build_schedule(ScheduleOptions(files=discover(list(paths)), span=DateRange.year(year), calendars=list(calendars)))


@pytest.mark.parametrize("year", [2026, 2027])
@pytest.mark.parametrize("lang", LANGS)
def test_same_bytes_as_reference_on_example_plans(year, lang):
    plans = sorted((REPO / "plans").glob("*/计划.yaml"))
    assert len(plans) >= 6
    schedule = _schedule(plans, year, lang)
    by_file: dict[str, list[Occurrence]] = {}
    for occ in schedule.occurrences:
        by_file.setdefault(occ.plan_file, []).append(occ)
    events = 0
    for loaded in schedule.plans:
        items = by_file.get(loaded.file, [])
        for mine in [items, *split_by_person(items).values()]:
            for alarms in (True, False):
                data = assert_same_as_reference(mine, calendar_name="x", lang=lang, alarms=alarms, dtstamp=STAMP)
                if mine:
                    assert lint_ics(data) == []
            events += len(mine)
    assert events >= len(plans) * 10
