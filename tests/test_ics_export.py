"""ICS exporter: checked by independent consumers, not only by icalendar.

Consumers: icalendar (lenient round trip), ``ical`` (Home Assistant's strict
parser), ``recurring_ical_events`` (date expansion) and a real Radicale CalDAV
server on 127.0.0.1 (vobject-based validation, storage, REPORT time-range),
plus our own byte-level linter ``tests.support.ics_lint.lint_ics``.
No network: everything runs locally.
"""
from __future__ import annotations

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
    write_ics,
)
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
    "xzb/net-monthly/2027-05@ideo",
    "jyj/study/2027H1@ideo",
    "xzb/study/2027H1@ideo",
    "xzb/analysis/2027Q3@ideo",
    "xzb/report-to-county/2027@ideo",
]


@pytest.fixture(scope="module")
def occurrences() -> list[Occurrence]:
    return sample_occurrences()


@pytest.fixture(scope="module")
def ics_bytes(occurrences) -> bytes:
    return render_ics(occurrences, calendar_name=CAL_NAME, dtstamp=STAMP)


def _by_uid(occurrences) -> dict[str, Occurrence]:
    return {o.uid: o for o in occurrences}


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
        summary = str(event["SUMMARY"])
        assert summary.startswith("【暂定】") == occ.provisional
        assert summary.count("【暂定】") == (1 if occ.provisional else 0)
        assert summary.endswith(f"{occ.title}（{occ.period}）")
        assert str(event["TRANSP"]) == "TRANSPARENT"
        assert str(event["X-MICROSOFT-CDO-BUSYSTATUS"]) == "FREE"
        assert str(event["X-MICROSOFT-CDO-ALLDAYEVENT"]) == "TRUE"
        assert [str(c) for c in event["CATEGORIES"].cats] == [occ.kind]
        assert "RRULE" not in event


def test_summary_examples(ics_bytes):
    cal = Calendar.from_ical(ics_bytes)
    summaries = {str(e["UID"]): str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    assert summaries["xzb/study/2027H1@ideo"] == "专题研究意识形态工作（2027H1）"
    assert summaries["xzb/analysis/2027Q3@ideo"] == "【暂定】意识形态领域情况分析研判（2027Q3）"
    assert summaries["xzb/report-to-county/2027@ideo"] == "【暂定】向县委专题汇报意识形态工作（2027）"


def test_description_fields(ics_bytes):
    cal = Calendar.from_ical(ics_bytes)
    desc = {str(e["UID"]): str(e["DESCRIPTION"]) for e in cal.walk("VEVENT")}

    report = desc["xzb/report-to-county/2027@ideo"].split("\n")
    assert "组织：中共小寨坝镇委员会" in report
    assert "负责人：张三（党委书记）" in report
    assert "工作窗口：2027-12-01 至 2027-12-31" in report
    assert "留痕：书面报告、报送回执" in report
    assert "报送：县委、县委宣传部" in report
    assert f"依据：IDEO203 {LONG_CITATION}" in report  # survives folding intact
    assert "日历来源：holidays 0.109 (推算)" in report
    assert not any(line.startswith("原定截止") for line in report)

    analysis = desc["xzb/analysis/2027Q3@ideo"]
    assert "负责人：张三（党委书记）、李四（党委委员、宣传委员）" in analysis
    assert "原定截止：2027-10-07（遇节假日调整）" in analysis
    assert "工作窗口：2027-09-01 至 2027-10-08" in analysis

    monthly = desc["xzb/net-monthly/2027-05@ideo"]
    assert "原定截止" not in monthly and "【暂定】" not in monthly


def test_english_labels(occurrences):
    data = render_ics(occurrences, calendar_name="Ideology deadlines", lang="en", dtstamp=STAMP)
    assert lint_ics(data) == []
    cal = Calendar.from_ical(data)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    analysis = events["xzb/analysis/2027Q3@ideo"]
    assert str(analysis["SUMMARY"]) == "[provisional] 意识形态领域情况分析研判 (2027Q3)"
    text = str(analysis["DESCRIPTION"])
    assert "Owners: 张三 (党委书记), 李四 (党委委员、宣传委员)" in text
    assert "Nominal due: 2027-10-07 (moved for holiday)" in text
    assert str(events["xzb/study/2027H1@ideo"]["SUMMARY"]) == "专题研究意识形态工作 (2027H1)"


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
        ("【暂定】" if o.provisional else "") + f"{o.title}（{o.period}）" for o in occurrences
    )


# --------------------------------------------------------------------------
# 3. recurring_ical_events: each event exactly once, on its date
# --------------------------------------------------------------------------


def test_recurring_ical_events_once_on_its_date(ics_bytes, occurrences):
    import recurring_ical_events

    cal = Calendar.from_ical(ics_bytes)
    whole_year = recurring_ical_events.of(cal).between(dt.date(2027, 1, 1), dt.date(2028, 1, 1))
    assert Counter(str(e["UID"]) for e in whole_year) == Counter(o.uid for o in occurrences)

    one_day = dt.timedelta(days=1)
    for occ in occurrences:
        day = occ.due
        on_day = [str(e["UID"]) for e in recurring_ical_events.of(cal).between(day, day + one_day)]
        assert on_day.count(occ.uid) == 1
        before = [str(e["UID"]) for e in recurring_ical_events.of(cal).between(day - one_day, day)]
        after = [str(e["UID"]) for e in recurring_ical_events.of(cal).between(day + one_day, day + 2 * one_day)]
        assert occ.uid not in before and occ.uid not in after


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
    assert sorted(_uids_in(body)) == sorted(o.uid for o in occurrences)
    got = Calendar.from_ical(body)
    summaries = {str(e["UID"]): str(e["SUMMARY"]) for e in got.walk("VEVENT")}
    assert summaries["xzb/analysis/2027Q3@ideo"] == "【暂定】意识形态领域情况分析研判（2027Q3）"
    descriptions = {str(e["UID"]): str(e["DESCRIPTION"]) for e in got.walk("VEVENT")}
    assert LONG_CITATION in descriptions["xzb/report-to-county/2027@ideo"]

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
    for index, occ in enumerate(sorted(occurrences, key=lambda o: o.uid)):
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
    assert sorted(_uids_in(body)) == sorted(o.uid for o in occurrences)

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
    assert sorted(found) == ["jyj/study/2027H1@ideo", "xzb/study/2027H1@ideo"]


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
    occ.citation = "第一条，第二条；第三条\\附件," * 30 + "\n换行后继续"
    data = render_ics([occ], calendar_name="逗号,分号;反斜杠\\", dtstamp=STAMP)
    assert lint_ics(data) == []
    cal = Calendar.from_ical(data)
    assert str(cal["X-WR-CALNAME"]) == "逗号,分号;反斜杠\\"
    event = next(iter(cal.walk("VEVENT")))
    # a line break inside a one-line field is flattened to a space
    assert "依据：IDEO201 " + "第一条，第二条；第三条\\附件," * 30 + " 换行后继续\n" in str(event["DESCRIPTION"])
    from ical.calendar_stream import IcsCalendarStream

    strict = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    assert "第一条，第二条；第三条\\附件," * 30 + " 换行后继续" in strict.events[0].description


def test_control_characters_are_dropped():
    occ = sample_occurrences()[1]
    occ.title = "专题研究\x00意识形态\x1b工作\r\n"
    data = render_ics([occ], calendar_name="名\x07称", dtstamp=STAMP)
    assert lint_ics(data) == []
    event = next(iter(Calendar.from_ical(data).walk("VEVENT")))
    assert str(event["SUMMARY"]) == "专题研究意识形态工作（2027H1）"


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
    later = render_ics(occurrences, calendar_name=CAL_NAME, dtstamp=STAMP + dt.timedelta(days=40, seconds=5))
    old, new = ics_bytes.split(b"\r\n"), later.split(b"\r\n")
    assert len(old) == len(new)
    differing = [(a, b) for a, b in zip(old, new) if a != b]
    assert len(differing) == len(occurrences)
    for a, b in differing:
        assert a == b"DTSTAMP:20270104T010203Z" and b == b"DTSTAMP:20270213T010208Z"


def test_uid_does_not_follow_the_date():
    first = sample_occurrences()[1]
    moved = sample_occurrences()[1]
    moved.due = dt.date(2027, 7, 2)
    a = Calendar.from_ical(render_ics([first], calendar_name="x", dtstamp=STAMP))
    b = Calendar.from_ical(render_ics([moved], calendar_name="x", dtstamp=STAMP))
    ua = [str(e["UID"]) for e in a.walk("VEVENT")]
    ub = [str(e["UID"]) for e in b.walk("VEVENT")]
    assert ua == ub == ["xzb/study/2027H1@ideo"]


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
    uids = {pid: [o.uid for o in occs] for pid, occs in split.items()}
    assert "xzb/analysis/2027Q3@ideo" in uids["zhang-san"]
    assert "xzb/analysis/2027Q3@ideo" in uids["li-si"]
    assert uids["li-si"] == ["xzb/analysis/2027Q3@ideo"]
    assert uids["zhang-san"] == [
        "xzb/study/2027H1@ideo",
        "xzb/analysis/2027Q3@ideo",
        "xzb/report-to-county/2027@ideo",
    ]
    assert uids["wang-wu"] == ["xzb/net-monthly/2027-05@ideo"]
    assert uids["zhao-liu"] == ["jyj/study/2027H1@ideo"]

    for pid, occs in split.items():
        path = tmp_path / f"{pid}.ics"
        write_ics(path, occs, calendar_name=f"{CAL_NAME}（{pid}）", dtstamp=STAMP)
        data = path.read_bytes()
        assert lint_ics(data) == []
        assert _uids_in(data) == uids[pid]
    both = [Path(tmp_path / f"{pid}.ics").read_bytes() for pid in ("zhang-san", "li-si")]
    assert all(b"UID:xzb/analysis/2027Q3@ideo\r\n" in data for data in both)


def test_split_by_person_dedupes_and_skips_ownerless():
    occ = sample_occurrences()[2]
    occ.owners = [ZHANG, ZHANG]
    orphan = sample_occurrences()[3]
    orphan.owners = []
    split = split_by_person([occ, orphan])
    assert {k: [o.uid for o in v] for k, v in split.items()} == {"zhang-san": ["xzb/analysis/2027Q3@ideo"]}


# --------------------------------------------------------------------------
# 9. byte identity with the icalendar-based renderer it replaced
# --------------------------------------------------------------------------
#
# ``render_ics`` writes the text directly.  What follows is the renderer it
# replaced, kept verbatim as the reference (icalendar 7's Calendar / Event /
# Alarm object model, ``content_lines()``, then our own ``fold_line``), with
# its own copies of the text helpers so that any change to them is compared
# too.  Only data (labels, constants), ``fold_line`` (which both paths share
# by design), the sort key and the DTSTAMP normalisation are imported.

import icalendar  # noqa: E402
from icalendar import Alarm, Event  # noqa: E402
from icalendar.prop import vDate, vDDDTypes, vDuration, vText  # noqa: E402

from ideo_cli.render.occurrences.ics import (  # noqa: E402
    LANGS,
    TIMEZONE_HINT,
    _LABELS,
    _as_date,
    _date_value,
    _duration_value,
    _escape_text,
    _utc_stamp,
    _utc_value,
    occurrence_sort_key,
)

REPO = Path(__file__).resolve().parents[1]
BENCH_PLANS = REPO / "bench" / ".work" / "plans"

_REF_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_REF_FOLD_BREAK = re.compile(rb"\r\n[ \t]")


def _ref_clean(text: str, *, single_line: bool = False) -> str:
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    text = _REF_CONTROL.sub("", text)
    if single_line:
        text = " ".join(part.strip() for part in text.split("\n") if part.strip())
    return text


def _ref_person(person: Person, lang: str) -> str:
    name = _ref_clean(person.name or person.id, single_line=True)
    post = _ref_clean(person.post, single_line=True)
    if not post:
        return name
    return f"{name}（{post}）" if lang == "zh" else f"{name} ({post})"


def _ref_title(occurrence: Occurrence, lang: str) -> str:
    # the text itself (holiday suffix, year-crossing mark) is the to-do list's; only encoding is compared
    from ideo_cli.render.occurrences.columns import title_text

    return title_text(occurrence, lang)


def _ref_citation(citation, lang: str) -> str:
    from ideo_cli.render.citations import format_citation

    return citation if isinstance(citation, str) else format_citation(citation, lang)


def _ref_t(value, lang: str) -> str:
    from ideo_cli.i18n import t

    return t(value, lang)


def _ref_summary_text(occurrence: Occurrence, lang: str = "zh") -> str:
    lab = _LABELS[lang]
    prefix = lab["provisional"] if occurrence.provisional else ""
    title = _ref_clean(_ref_title(occurrence, lang), single_line=True)
    period = _ref_clean(occurrence.period, single_line=True)
    tail = f"{lab['period_open']}{period}{lab['period_close']}" if period else ""
    return f"{prefix}{title}{tail}"


def _ref_description_text(occurrence: Occurrence, lang: str = "zh") -> str:
    lab = _LABELS[lang]
    sep = lab["list_sep"]
    due = _as_date(occurrence.due)
    nominal = _as_date(occurrence.nominal_due)

    def line(key: str, value: str) -> str:
        return f"{lab[key]}{lab['colon']}{value}"

    lines: list[str] = []
    if occurrence.plan_name:
        lines.append(line("org", _ref_clean(occurrence.plan_name, single_line=True)))
    owners = sep.join(_ref_person(p, lang) for p in occurrence.owners) or lab["no_owner"]
    lines.append(line("owners", owners))
    lines.append(line("window", f"{_as_date(occurrence.start).isoformat()}{lab['window_sep']}{due.isoformat()}"))
    if nominal != due:
        lines.append(line("nominal", f"{nominal.isoformat()}{lab['moved']}"))
    if occurrence.evidence:
        lines.append(line("evidence", sep.join(_ref_clean(e, single_line=True) for e in occurrence.evidence)))
    if occurrence.recipients:
        lines.append(line("recipients", sep.join(_ref_clean(r, single_line=True) for r in occurrence.recipients)))
    basis = " ".join(_ref_clean(x, single_line=True) for x in (occurrence.rule, _ref_citation(occurrence.citation, lang)) if x)
    if basis:
        lines.append(line("basis", basis))
    if occurrence.calendar_source:
        lines.append(line("source", _ref_clean(_ref_t(occurrence.calendar_source, lang), single_line=True)))
    if occurrence.provisional:
        lines.append(lab["provisional_note"])
    return "\n".join(lines)


def _ref_event(occ: Occurrence, *, lang: str, alarms: bool, stamp: dt.datetime) -> Event:
    due = _as_date(occ.due)
    summary = _ref_summary_text(occ, lang)
    event = Event()
    event.add("uid", occ.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", due)
    event.add("dtend", due + dt.timedelta(days=1))
    event.add("sequence", 0)
    event.add("summary", summary)
    event.add("description", _ref_description_text(occ, lang))
    kind = _ref_clean(occ.kind, single_line=True)
    if kind:
        event.add("categories", [kind])
    event.add("transp", "TRANSPARENT")
    event.add("x-microsoft-cdo-busystatus", "FREE")
    event.add("x-microsoft-cdo-alldayevent", "TRUE")
    days = [d for d in occ.reminders if d >= 0]
    if alarms and days:
        lead = max(days)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _LABELS[lang]["alarm_due"].format(summary=summary, due=due.isoformat()))
        alarm.add("trigger", dt.timedelta(days=-lead))
        event.add_component(alarm)
    return event


def _ref_refold(data: bytes) -> bytes:
    text = _REF_FOLD_BREAK.sub(b"", data).decode("utf-8")
    lines = text.split("\r\n")
    if lines and lines[-1] == "":
        lines.pop()
    return "".join(fold_line(line) + "\r\n" for line in lines).encode("utf-8")


def _escape_keeping_backslashes(text) -> str:
    """RFC 5545 TEXT escaping without icalendar 7's reading of a literal ``\\N``
    as a line break (a path like ``C:\\Net`` must survive)."""
    text = text.decode("utf-8") if isinstance(text, bytes) else text
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\n").replace("\n", "\\n").replace("\r", "\\n")
    )


def _render_ics_via_icalendar(occurrences, **kwargs) -> bytes:
    """The icalendar reference, with TEXT escaping that keeps literal backslashes
    (ideo's deliberate difference from icalendar 7, see ``_escape_text``)."""
    from unittest import mock

    with mock.patch("icalendar.prop.text._escape_char", _escape_keeping_backslashes):
        return _render_ics_via_icalendar_unpatched(occurrences, **kwargs)


def _render_ics_via_icalendar_unpatched(
    occurrences, *, calendar_name: str, lang: str = "zh", alarms: bool = True, dtstamp: dt.datetime
) -> bytes:
    """The icalendar-based ``render_ics`` as it was before the direct writer."""
    if lang not in LANGS:
        raise ValueError(f"unsupported calendar language {lang!r} (expected one of {', '.join(LANGS)})")
    stamp = _utc_stamp(dtstamp)
    ordered = sorted(occurrences, key=occurrence_sort_key)
    seen: dict[str, Occurrence] = {}
    for occ in ordered:
        if occ.uid in seen:
            raise ValueError(f"duplicate calendar UID {occ.uid!r}: the same obligation and period occurs twice")
        seen[occ.uid] = occ
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _ref_clean(calendar_name, single_line=True))
    cal.add("x-wr-timezone", TIMEZONE_HINT)
    for occ in ordered:
        cal.add_component(_ref_event(occ, lang=lang, alarms=alarms, stamp=stamp))
    lines = cal.content_lines()
    if any("\r" in line or "\n" in line for line in lines):
        return _ref_refold(cal.to_ical())
    return "".join([fold_line(line) + "\r\n" for line in lines if line]).encode("utf-8")


# icalendar 6 escaped X- properties as TEXT; 7 writes them verbatim (UNKNOWN),
# which is what the direct writer reproduces.
needs_icalendar_7 = pytest.mark.skipif(
    int(icalendar.__version__.split(".")[0]) < 7,
    reason=f"the reference is icalendar 7's serialisation (installed: {icalendar.__version__})",
)


def assert_same_bytes(occurrences, **kwargs) -> bytes:
    """``render_ics`` == the icalendar reference, byte for byte (or the same error)."""
    try:
        want = _render_ics_via_icalendar(occurrences, **kwargs)
    except Exception as exc:  # the direct writer must fail the same way
        with pytest.raises(type(exc)) as info:
            render_ics(occurrences, **kwargs)
        assert str(info.value) == str(exc)
        return b""
    got = render_ics(occurrences, **kwargs)
    if got != want:  # show the first differing line, not two megabyte blobs
        for i, (a, b) in enumerate(zip(got.split(b"\r\n"), want.split(b"\r\n"))):
            assert a == b, f"line {i} differs (direct vs icalendar): {a!r} != {b!r}"
        assert got == want, f"lengths differ: {len(got)} vs {len(want)}"
    return got


# ---- the value encoders against icalendar's own value types ----------------------

ESCAPE_SAMPLES = [
    "", "plain", "a,b", "a;b", "a\\b", "a\\\\b", "\\", "\\\\", "a\\,b", "\\;", "a\nb", "a\rb", "a\r\nb",
    "\n\r", "\r\r\n\n", "a\\Nb", "\\N", "\\\\N", "\\n", "\\\\n", "尾\\", "逗号,分号;反斜杠\\",
    "意识形态，工作；", "😀,👨‍👩‍👧;𠀀\\", "\t tab", "e\u0301", "\u2028\x85\u3000",
    "第一条，第二条；第三条\\附件," * 30 + "\n换行后继续",
]


@needs_icalendar_7
@pytest.mark.parametrize("text", ESCAPE_SAMPLES)
def test_escape_text_is_icalendars_text_escaping(text):
    assert _escape_text(text) == _escape_keeping_backslashes(text)
    if "\\N" not in text:  # the one deliberate difference from icalendar 7
        assert _escape_text(text) == vText(text).to_ical().decode("utf-8")


def test_a_literal_backslash_n_is_not_a_line_break():
    occ = sample_occurrences()[1]
    occ.title = "材料存放在 C:\\Net\\N目录"
    event = next(iter(Calendar.from_ical(render_ics([occ], calendar_name="x", dtstamp=STAMP)).walk("VEVENT")))
    assert str(event["SUMMARY"]).startswith("材料存放在 C:\\Net\\N目录")


@needs_icalendar_7
def test_date_duration_and_stamp_values_match_icalendar():
    for day in (dt.date(1, 1, 1), dt.date(5, 6, 7), dt.date(999, 12, 31), dt.date(2027, 10, 8), dt.date(9999, 12, 31)):
        assert _date_value(day) == vDate(day).to_ical().decode()
    for days in (0, 1, 2, 3, 7, 14, 21, 28, 30, 100, 365, 10_000, -1, -7):
        td = dt.timedelta(days=-days)
        assert _duration_value(td) == vDuration(td).to_ical().decode() == vDDDTypes(td).to_ical().decode()
    for td in (dt.timedelta(hours=-1), dt.timedelta(days=-1.5), dt.timedelta(seconds=3661), dt.timedelta(minutes=-90),
               dt.timedelta(hours=2, seconds=5), dt.timedelta(days=2, minutes=1), dt.timedelta(seconds=-1)):
        assert _duration_value(td) == vDuration(td).to_ical().decode()
    for stamp in (STAMP, dt.datetime(1970, 1, 1, tzinfo=UTC), dt.datetime(2027, 12, 31, 23, 59, 59, tzinfo=UTC),
                  dt.datetime(5, 1, 2, 3, 4, 5, tzinfo=UTC)):
        event = Event()
        event.add("dtstamp", stamp)
        assert f"DTSTAMP:{_utc_value(_utc_stamp(stamp))}" == event.content_lines()[1]


# ---- hand-picked inputs -----------------------------------------------------------

NASTY_NAMES = [
    CAL_NAME,
    "",
    "   ",
    "逗号,分号;反斜杠\\",
    "trailing backslash \\",
    "C:\\Net\\新建文件夹 \\N \\n",
    "名\x07称\r\n第二行\n\n  第三行  ",
    "Ideology deadlines",
    "长" * 60 + "😀" * 10,
    "x" * 74,
    "\x00\x1f\x7f",
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
        dict(plan="a\rb", obligation="c\x07d", period="e\r\nf"),
        dict(plan="u" * 80, obligation="长" * 30, period="2027"),
        dict(due=dt.datetime(2027, 6, 30, 23, 59), nominal_due=dt.datetime(2027, 6, 28, 8, 0), start=dt.datetime(2027, 6, 1, 9)),
        dict(due=dt.date(999, 1, 1), nominal_due=dt.date(999, 1, 1), start=dt.date(998, 12, 1)),
        dict(due=dt.date(2027, 12, 31), nominal_due=dt.date(2028, 1, 2), provisional=True),
        dict(calendar_source="holidays 0.109 (推算)\nsecond line", provisional=True),
    ]
    for i, edit in enumerate(edits):
        occ = sample_occurrences()[1]
        for key, value in edit.items():
            setattr(occ, key, value)
        lists.append([occ])
        other = sample_occurrences()[i % 5]
        lists.append([occ, other] if other.uid != occ.uid else [occ])
    return lists


@needs_icalendar_7
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("alarms", [True, False])
def test_same_bytes_as_icalendar_on_edge_cases(lang, alarms):
    stamps = [STAMP, STAMP.astimezone(dt.timezone(dt.timedelta(hours=8))), dt.datetime(2026, 11, 23, 0, 0, 0, 999_999)]
    for index, occurrences in enumerate(_nasty_variants()):
        for name in NASTY_NAMES:
            assert_same_bytes(occurrences, calendar_name=name, lang=lang, alarms=alarms, dtstamp=stamps[index % 3])


@needs_icalendar_7
def test_same_errors_as_icalendar():
    occs = sample_occurrences()
    assert assert_same_bytes([occs[0], occs[0]], calendar_name="x", dtstamp=STAMP) == b""  # duplicate UID
    assert assert_same_bytes(occs, calendar_name="x", lang="fr", dtstamp=STAMP) == b""  # language
    with pytest.raises(TypeError):
        render_ics(occs, calendar_name="x", dtstamp=dt.date(2027, 1, 1))
    lone = sample_occurrences()[1]
    lone.title = "孤立代理\ud800"  # not encodable as UTF-8
    with pytest.raises(UnicodeEncodeError):
        _render_ics_via_icalendar([lone], calendar_name="x", dtstamp=STAMP)
    with pytest.raises(UnicodeEncodeError):
        render_ics([lone], calendar_name="x", dtstamp=STAMP)


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
    for i in range(rng.randint(0, 6)):
        due = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 730))
        nominal = due - dt.timedelta(days=rng.choice([0, 0, 0, 1, 2, 3]))
        result.append(_occ(
            plan=rng.choice(["xzb", "jyj", _random_text(rng, 8)]),
            plan_name=rng.choice(["中共小寨坝镇委员会", "", _random_text(rng)]),
            obligation=f"{_random_text(rng, 6)}#{i}",
            period=rng.choice(["2027", "2027H1", "2027Q3", "2027-05", "2027-10-01", "", _random_text(rng, 6)]),
            title=rng.choice(["专题研究意识形态工作", _random_text(rng), _random_text(rng, 80)]),
            kind=rng.choice(["O1", "O13", "", _random_text(rng, 5)]),
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
    return result


@needs_icalendar_7
@pytest.mark.parametrize("seed", range(8))
def test_same_bytes_as_icalendar_on_random_input(seed):
    rng = random.Random(seed)
    for _ in range(40):
        occurrences = _random_occurrences(rng)
        name = rng.choice([CAL_NAME, _random_text(rng), _random_text(rng, 80)])
        for lang in LANGS:
            for alarms in (True, False):
                assert_same_bytes(occurrences, calendar_name=name, lang=lang, alarms=alarms, dtstamp=STAMP)


# ---- real plans -------------------------------------------------------------------


def _schedule(paths, year: int, lang: str, calendars=()):
    from ideo_cli.app.inputs import discover
    from ideo_cli.app.schedule import ScheduleOptions, build_schedule
    from ideo_cli.schedule.expand import DateRange

    return build_schedule(ScheduleOptions(files=discover(list(paths)), span=DateRange.year(year), lang=lang, calendars=list(calendars)))


def _calendars_of(schedule):
    """(calendar name, occurrences) as ``ideo ics --per-person`` would split them."""
    by_file: dict[str, list[Occurrence]] = {}
    for occ in schedule.occurrences:
        by_file.setdefault(occ.plan_file, []).append(occ)
    for loaded in schedule.plans:
        items = by_file.get(loaded.file, [])
        unit = loaded.plan.organisation.short_name or loaded.plan.organisation.name
        yield f"{unit} 意识形态工作", items
        for person_id, mine in split_by_person(items).items():
            yield f"{person_id}（{unit}）", mine


@needs_icalendar_7
@pytest.mark.parametrize("year", [2026, 2027])
@pytest.mark.parametrize("lang", LANGS)
def test_same_bytes_as_icalendar_on_example_plans(year, lang):
    plans = sorted((REPO / "plans").glob("*/计划.yaml"))
    assert len(plans) >= 6
    variants = [()]
    if year == 2027 and (REPO / "calendars" / "2027.yaml").exists():
        variants.append((REPO / "calendars" / "2027.yaml",))
    events = 0
    for calendars in variants:
        schedule = _schedule(plans, year, lang, calendars)
        assert schedule.occurrences
        for name, occurrences in _calendars_of(schedule):
            for alarms in (True, False):
                data = assert_same_bytes(occurrences, calendar_name=name, lang=lang, alarms=alarms, dtstamp=STAMP)
                assert lint_ics(data) == []
            events += len(occurrences)
        whole = assert_same_bytes(schedule.occurrences, calendar_name="all", lang=lang, dtstamp=STAMP)
        assert len(Calendar.from_ical(whole).walk("VEVENT")) == len(schedule.occurrences)
    assert events >= len(plans) * 10


@needs_icalendar_7
@pytest.mark.skipif(not BENCH_PLANS.is_dir(), reason="no benchmark plans (run bench/run.py to generate bench/.work/plans)")
def test_same_bytes_as_icalendar_on_benchmark_plans():
    """What ``ideo ics bench/.work/plans --year 2026`` renders (zh, import profile)."""
    schedule = _schedule([BENCH_PLANS], 2026, "zh")
    by_file: dict[str, list[Occurrence]] = {}
    for occ in schedule.occurrences:
        by_file.setdefault(occ.plan_file, []).append(occ)
    assert by_file
    for loaded in schedule.plans:
        unit = loaded.plan.organisation.short_name or loaded.plan.organisation.name
        assert_same_bytes(by_file.get(loaded.file, []), calendar_name=f"{unit} 意识形态工作 2026", dtstamp=STAMP)
