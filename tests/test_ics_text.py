"""What people read in an ideo calendar (issue 10 §3): period labels, readable
categories, ledger status marks, Outlook's SUMMARY limit, the calendar's name
with `,` `;`, the one reminder, the holiday suffix — in both languages."""
from __future__ import annotations

from dataclasses import replace

import datetime as dt
import re

import pytest
from icalendar import Calendar

from ideo_cli.diagnostics import Citation
from ideo_cli.i18n import local
from ideo_cli.render.occurrences.ics import render_ics
from ideo_cli.render.occurrences.ics.batch import CalendarFile, PlanJob, Revision, render_batch
from ideo_cli.schedule.occurrence import Occurrence, Person
from tests.support.ics_lint import lint_ics

UTC = dt.timezone.utc
STAMP = dt.datetime(2027, 1, 4, 1, 2, 3, tzinfo=UTC)


def occurrence(**changes) -> Occurrence:
    base = dict(
        plan="xzb", plan_name="小寨坝镇党委", plan_file="plans/xiaozhaiba-town/计划.yaml", obligation="topic-study",
        period="2027H1", title="党委会专题研究意识形态工作", kind="O1", owners=[Person("chenlin", "陈林", "镇党委书记")],
        start=dt.date(2027, 5, 20), due=dt.date(2027, 6, 18), nominal_due=dt.date(2027, 6, 20), reminders=[7, 1],
        evidence=["会议纪要"], recipients=[], rule="IDEO201", citation="000 三(二)2 “每年至少两次专题研究意识形态工作”",
        provisional=False, calendar_source="chinese-calendar 1.11.0",
    )
    base.update(changes)
    return Occurrence(**base)


def event_of(occ: Occurrence, lang: str = "zh", **kwargs):
    data = render_ics([occ], calendar_name=kwargs.pop("calendar_name", "日历"), lang=lang, dtstamp=STAMP, **kwargs)
    assert lint_ics(data) == []
    return next(iter(Calendar.from_ical(data).walk("VEVENT"))), data


@pytest.mark.parametrize("period, zh, en", [
    ("2027", "2027年", "2027"),
    ("2027H1", "2027年上半年", "first half of 2027"),
    ("2027H2", "2027年下半年", "second half of 2027"),
    ("2027Q2", "2027年第二季度", "Q2 2027"),
    ("2027-05", "2027年5月", "May 2027"),
    ("2027-10-01", "2027年10月1日", "1 October 2027"),
    ("2027-new-year", "2027年", "2027"),
    ("odd-period", "odd-period", "odd-period"),
])
def test_period_labels_are_for_people_and_codes_stay_in_the_uid(period, zh, en):
    occ = occurrence(period=period)
    event, _ = event_of(occ)
    assert str(event["SUMMARY"]) == f"党委会专题研究意识形态工作（{zh}）"
    assert not re.search(r"\d{4}(H|Q)\d|\d{4}-\d{2}|new-year", str(event["SUMMARY"]))
    assert f".{period}@" in str(event["UID"]).replace("%2D", "-") or ".odd-period@" in str(event["UID"])
    english, _ = event_of(occ, "en")
    assert str(english["SUMMARY"]) == f"党委会专题研究意识形态工作 ({en})"


def test_holiday_suffix_comes_from_the_catalogue():
    occ = replace(occurrence(period="2027-spring-festival", title="节前意识形态形势分析研判"), holiday="春节")
    zh, _ = event_of(occ)
    en, _ = event_of(occ, "en")
    assert str(zh["SUMMARY"]) == "节前意识形态形势分析研判（春节前）（2027年）"
    assert str(en["SUMMARY"]) == "节前意识形态形势分析研判 (before Spring Festival) (2027)"


def test_categories_are_readable():
    for kind, zh, en in (("O1", "专题研究", "Topic study"), ("O5", "专题汇报", "Report to the superior"), ("custom", "其他", "Other"), ("自定义类", "自定义类", "自定义类")):
        event, _ = event_of(occurrence(kind=kind))
        assert [str(c) for c in event["CATEGORIES"].cats] == [zh]
        event, _ = event_of(occurrence(kind=kind), "en")
        assert [str(c) for c in event["CATEGORIES"].cats] == [en]


@pytest.mark.parametrize("status, mark, alarm", [
    ("done", "【已完成】", False),
    ("done-late", "【逾期完成】", False),
    ("waived", "【已豁免】", False),
    ("evidence-missing", "【缺佐证】", True),
    ("overdue", "", True),  # time-derived: would rewrite every calendar every day
    ("pending", "", True),
    (None, "", True),
])
def test_ledger_status_marks_the_summary(status, mark, alarm):
    occ = replace(occurrence(provisional=True), status=status)
    event, _ = event_of(occ)
    assert str(event["SUMMARY"]) == f"{mark}【暂定】党委会专题研究意识形态工作（2027年上半年）"
    assert bool(list(event.walk("VALARM"))) is alarm  # nothing to remind of once it is done
    if mark:
        assert f"完成情况：{mark[1:-1]}" in str(event["DESCRIPTION"])
    english, _ = event_of(occ, "en")
    if status == "done":
        assert str(english["SUMMARY"]).startswith("[done] [provisional] ")


def test_a_status_change_raises_the_sequence():
    occ = occurrence()
    job = PlanJob(namespace="ns", files=[CalendarFile("x.ics", "x", [occ])])
    (_, first), = render_batch([job], lang="zh", alarms=True, stamp=STAMP, previous={})
    uid, revision = next(iter(first.items()))
    assert revision.sequence == 0
    later = STAMP + dt.timedelta(days=30)
    (_, same), = render_batch([job], lang="zh", alarms=True, stamp=later, previous=first)
    assert same[uid] == revision  # unchanged content keeps SEQUENCE and LAST-MODIFIED
    job.files[0].occurrences[0] = replace(occ, status="done")
    (files, done), = render_batch([job], lang="zh", alarms=True, stamp=later, previous=first)
    assert done[uid].sequence == 1 and done[uid].last_modified == "20270203T010203Z"
    event = next(iter(Calendar.from_ical(files[0][1]).walk("VEVENT")))
    assert int(event["SEQUENCE"]) == 1 and str(event["SUMMARY"]).startswith("【已完成】")
    assert Revision.from_json(done[uid].as_json()) == done[uid]


def test_a_long_summary_is_shortened_for_outlook():
    title = "关于" + "认真贯彻落实意识形态工作责任制" * 20 + "😀" * 10
    event, _ = event_of(occurrence(title=title, provisional=True))
    summary = str(event["SUMMARY"])
    assert len(summary.encode("utf-16-le")) // 2 <= 255
    assert summary.startswith("【暂定】关于认真") and summary.endswith("…（2027年上半年）")
    assert f"事项：{title}" in str(event["DESCRIPTION"])  # the whole title is still there
    short, _ = event_of(occurrence())
    assert "事项：" not in str(short["DESCRIPTION"])


def test_calendar_name_with_comma_and_semicolon_survives_vobject_and_icalendar():
    import vobject

    name = "城关镇（一,二;三）党委\\办"
    _, data = event_of(occurrence(), calendar_name=name)
    wanted = "城关镇（一，二；三）党委＼办"
    assert str(Calendar.from_ical(data)["X-WR-CALNAME"]) == wanted
    assert vobject.readOne(data.decode("utf-8")).x_wr_calname.value == wanted  # Radicale reads it this way


def test_only_the_earliest_reminder_becomes_the_alarm_and_the_description_says_so():
    event, _ = event_of(occurrence(reminders=[1, 7, 3]))
    alarms = list(event.walk("VALARM"))
    assert len(alarms) == 1 and alarms[0].decoded("TRIGGER") == -dt.timedelta(days=7)
    assert "提醒：截止前 7、3、1 天（日历只设最早的一个提醒）" in str(event["DESCRIPTION"])
    one, _ = event_of(occurrence(reminders=[3]))
    assert "提醒：" not in str(one["DESCRIPTION"])
    english, _ = event_of(occurrence(reminders=[1, 7]), "en")
    assert "Reminders: 7, 1 days before the due date (the calendar sets only the earliest)" in str(english["DESCRIPTION"])


def test_citation_objects_and_strings():
    cite = Citation(document="002", title=local({"zh": "XX镇意识形态工作责任制实施方案", "en": "Implementation plan of XX town"}), section="二(一)4", quote="党组织每年至少两次专题研究意识形态工作")
    zh, _ = event_of(occurrence(citation=cite))
    assert "依据：IDEO201 002《XX镇意识形态工作责任制实施方案》二(一)4 “党组织每年至少两次专题研究意识形态工作”" in str(zh["DESCRIPTION"])
    en, _ = event_of(occurrence(citation=cite), "en")
    assert "Basis: IDEO201 002 (Implementation plan of XX town) 二(一)4 “党组织每年至少两次专题研究意识形态工作”" in str(en["DESCRIPTION"])
    plain, _ = event_of(occurrence())
    assert "依据：IDEO201 000 三(二)2 “每年至少两次专题研究意识形态工作”" in str(plain["DESCRIPTION"])


def test_english_calendar_has_no_chinese_prose():
    import re

    occ = occurrence(title="Topic study", plan_name="Town committee", owners=[Person("c", "Chen Lin", "Secretary")], evidence=["minutes"], citation="", provisional=True)
    _, data = event_of(occ, "en", calendar_name="Town")
    text = re.sub(r"\r\n[ \t]", "", data.decode("utf-8"))
    assert not re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", text), text
