"""`ideo ics`: a plan's 整改 items are calendar events, as they are to-do rows.

The to-do list carries each 整改 item until it is done (003 篇九 整改方案: each problem
has an owner and a 整改时限); an office that lives in Outlook must see the same deadline
there. Every case goes through the real entry point and compares with ``ideo todo``.
"""
from __future__ import annotations

import json
import re
import shutil

from icalendar import Calendar

from helpers import REPO, assert_no_traceback, run_ideo

BUREAU = REPO / "plans" / "county-bureau-party-group"
EPOCH = {"SOURCE_DATE_EPOCH": "1795392000"}  # 2026-11-23


def events(where) -> dict[str, object]:
    """Every VEVENT in a calendar file, or in every calendar under a folder, by UID."""
    files = [where] if where.is_file() else sorted(where.rglob("*.ics"))
    return {str(e["UID"]): e for f in files for e in Calendar.from_ical(f.read_bytes()).walk("VEVENT")}


def unit(tmp_path, extra: str = "", edit=None):
    folder = tmp_path / "bureau"
    shutil.copytree(BUREAU, folder)
    plan = folder / "计划.yaml"
    text = plan.read_text(encoding="utf-8") + extra
    if edit:
        text = edit(text)
    plan.write_text(text, encoding="utf-8")
    return folder


def test_each_rectification_due_in_the_year_is_an_event_as_the_to_do_list_shows_it(tmp_path):
    folder = unit(tmp_path)
    out = tmp_path / "cal"
    run = run_ideo("ics", folder, "--year", "2027", "--as-of", "2027-03-01", "--per-person", "-o", out, env=EPOCH)
    assert_no_traceback(run)
    assert run.code == 0 and run.err == "", run
    rows = [r for r in json.loads(run_ideo("todo", folder, "--year", "2027", "--as-of", "2027-03-01", "--format", "json").out) if r["kind"] == "整改"]
    assert {r["obligation"]: r["status"] for r in rows} == {"more-inspection": "done", "duty-report-detail": "in-progress"}
    unit_events = events(out / "xx-county-bureau.ics")
    for row in rows:
        event = unit_events[row["uid"]]  # the to-do row's UID is the event's
        assert "%E6%95%B4%E6%94%B9" in row["uid"] and ".2027." not in row["uid"]  # plan.整改.item: no period, no year
        assert event.decoded("DTSTART").isoformat() == row["due"]  # as written in the plan, not moved
        done = row["status"] == "done"  # the bureau's 2026 台账 completes more-inspection
        assert str(event["SUMMARY"]) == ("【已完成】" if done else "") + f"整改：{row['title']}"
        assert [str(c) for c in event["CATEGORIES"].cats] == ["整改"]
        description = str(event["DESCRIPTION"])
        assert "IDEO716" in description and "明确整改时限" in description and "整改方案规定的期限（不按工作日调整）" in description
        # the plan's 提醒: [7, 1], the earliest; none once done
        assert [a.decoded("TRIGGER").days for a in event.walk("VALARM")] == ([] if done else [-7])
        owner = {"more-inspection": "hexm", "duty-report-detail": "sunlp"}[row["obligation"]]  # the plan's 负责人
        assert row["uid"] in events(out / "xx-county-bureau" / f"{owner}.ics")  # and in the owner's own calendar
    assert "个事件" in run.out


def test_a_completed_rectification_is_marked_and_loses_its_reminder_in_english(tmp_path):
    folder = unit(tmp_path)
    out = tmp_path / "cal"
    run = run_ideo("ics", folder, "--year", "2027", "--as-of", "2027-12-31", "--lang", "en", "-o", out, env=EPOCH)
    assert run.code == 0 and run.err == "", run
    rows = {r["obligation"]: r for r in json.loads(run_ideo("todo", folder, "--year", "2027", "--as-of", "2027-12-31", "--format", "json").out) if r["kind"] == "整改"}
    done = rows["more-inspection"]
    assert done["status"] == "done", done  # the bureau's 2026 台账 records it completed
    event = events(out)[done["uid"]]
    assert str(event["SUMMARY"]) == f"[done] Rectification: {done['title']}", event["SUMMARY"]
    assert [str(c) for c in event["CATEGORIES"].cats] == ["Rectification"]
    assert not list(event.walk("VALARM"))
    open_one = events(out)[rows["duty-report-detail"]["uid"]]
    assert str(open_one["SUMMARY"]).startswith("Rectification: ") and list(open_one.walk("VALARM"))


def test_an_overdue_item_carried_on_the_to_do_list_is_the_earlier_years_event(tmp_path):
    folder = unit(tmp_path, edit=lambda text: text.replace("deadline: 2027-10-31", "deadline: 2026-10-30"))
    todo = json.loads(run_ideo("todo", folder, "--year", "2027", "--as-of", "2027-01-15", "--format", "json").out)
    carried = [r for r in todo if r["obligation"] == "duty-report-detail"]
    assert [r["status"] for r in carried] == ["overdue"]  # still on 2027's list …
    run = run_ideo("ics", folder, "--year", "2027", "--as-of", "2027-01-15", "-o", tmp_path / "2027", env=EPOCH)
    assert run.code == 0, run
    assert carried[0]["uid"] not in events(tmp_path / "2027")  # … but not an event dated in 2026 inside 2027's calendar
    run = run_ideo("ics", folder, "--year", "2026", "--as-of", "2027-01-15", "-o", tmp_path / "2026", env=EPOCH)
    assert run.code == 0, run
    assert events(tmp_path / "2026")[carried[0]["uid"]].decoded("DTSTART").isoformat() == "2026-10-30"


def test_an_obligation_and_a_rectification_with_one_id_are_two_events(tmp_path):
    folder = unit(tmp_path, edit=lambda text: text.replace("  - id: more-inspection\n", "  - id: annual-plan\n"))
    out = tmp_path / "cal"
    run = run_ideo("ics", folder, "--year", "2027", "--as-of", "2027-03-01", "-o", out, env=EPOCH)
    assert run.code == 0, run
    uids = [uid for uid in events(out) if ".annual-plan." in uid]
    assert len(uids) == 2 and len({events(out)[u].decoded("DTSTART") for u in uids}) == 2, uids


def test_two_rectifications_with_one_id_are_refused_where_the_second_is(tmp_path):
    folder = unit(tmp_path, edit=lambda text: text.replace("  - id: duty-report-detail\n", "  - id: more-inspection\n"))
    line, second = [i for i, text in enumerate((folder / "计划.yaml").read_text(encoding="utf-8").splitlines(), 1) if text == "  - id: more-inspection"]
    for lang, words in (("zh", "两个整改问题的编号都是“more-inspection”"), ("en", "two rectification items have the id 'more-inspection'")):
        out = tmp_path / f"cal-{lang}"
        run = run_ideo("ics", folder, "--year", "2027", "--as-of", "2027-03-01", "--lang", lang, "-o", out, env=EPOCH)
        assert_no_traceback(run)
        assert run.code == 2 and run.out == "", run
        assert words in run.err and f"计划.yaml:{second}:" in run.err and str(line) in run.err, run.err
        assert not out.exists()


def test_the_calendar_source_is_named_in_the_users_language(tmp_path):
    """The DESCRIPTION's calendar line was the English words in a Chinese calendar."""
    for lang, wanted, foreign in (("zh", "日历来源：国务院办公厅节假日安排（chinese-calendar", "State Council"),
                                  ("en", "Calendar source: State Council holiday notice (chinese-calendar", "国务院")):
        out = tmp_path / lang
        run = run_ideo("ics", BUREAU, "--year", "2026", "--lang", lang, "-o", out, env=EPOCH)
        assert run.code == 0, run
        text = re.sub(r"\r\n[ \t]", "", (out / "xx-county-bureau.ics").read_bytes().decode("utf-8"))
        assert wanted in text and foreign not in text, (lang, text[:2000])


def test_the_to_do_list_refuses_two_rectifications_with_one_id_as_the_calendar_does(tmp_path):
    """Their to-do rows would share one UID (the calendar's): the same located refusal."""
    folder = unit(tmp_path, edit=lambda text: text.replace("  - id: duty-report-detail\n", "  - id: more-inspection\n"))
    second = [i for i, text in enumerate((folder / "计划.yaml").read_text(encoding="utf-8").splitlines(), 1) if text == "  - id: more-inspection"][1]
    for fmt in ("table", "json"):
        run = run_ideo("todo", folder, "--year", "2027", "--as-of", "2027-03-01", "--format", fmt)
        assert_no_traceback(run)
        assert run.code == 2 and run.out == "", run
        assert "IDEO302" in run.err and f"计划.yaml:{second}:" in run.err and "两个整改问题的编号" in run.err, run.err


def test_a_rectification_row_carries_the_plans_default_reminders(tmp_path):
    rows = json.loads(run_ideo("todo", BUREAU, "--year", "2027", "--as-of", "2027-03-01", "--format", "json").out)
    assert {r["obligation"]: r["reminders"] for r in rows if r["kind"] == "整改"} == {"more-inspection": [7, 1], "duty-report-detail": [7, 1]}
