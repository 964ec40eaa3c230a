"""`ideo ics` through the real entry point (``python -m ideo_cli``).

Each generated file is checked by independent consumers: ideo's byte-level
linter, icalendar, ``ical`` (Home Assistant's strict parser),
``recurring_ical_events`` and a real Radicale CalDAV server on 127.0.0.1
(fixture ``radicale`` in tests/conftest.py).  What the files should contain is
taken from ``ideo todo --format json`` of the same plans and year, so the two
commands are also checked against each other.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import urllib.parse
from collections import Counter
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.support.ics_lint import lint_ics

REPO = Path(__file__).resolve().parents[1]
PLANS_DIR = REPO / "plans"
CAL_2027 = "calendars/2027.yaml"
EPOCH = "1795392000"  # 2026-11-23T00:00:00Z
OTHER_EPOCH = "1798761600"  # 2027-01-01T00:00:00Z
ONE_DAY = dt.timedelta(days=1)
SETTLED = ("done", "done-late", "waived")  # a settled event keeps its place and loses its reminder
_SCRUB = ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "GITHUB_ACTIONS", "IDEO_LANG", "IDEO_DEBUG", "SOURCE_DATE_EPOCH", "LC_ALL")


def run(*args: str, epoch: str = EPOCH) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUB}
    env["SOURCE_DATE_EPOCH"] = epoch
    env["LANG"] = "C.UTF-8"
    return subprocess.run([sys.executable, "-m", "ideo_cli", *args], cwd=REPO, env=env, capture_output=True, timeout=120)


def ok(result: subprocess.CompletedProcess) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0, f"exit {result.returncode}\n{err}"
    assert err == "", err
    return result.stdout.decode("utf-8")


def fails(result: subprocess.CompletedProcess) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, f"exit {result.returncode}\nstdout: {result.stdout[:500]!r}\nstderr: {err}"
    assert result.stdout == b""
    assert err.strip() and "Traceback" not in err and "internal error" not in err, err
    return err


def files_in(directory: Path) -> dict[str, bytes]:
    """Every calendar under ``directory`` by relative path (the manifest left out)."""
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*.ics"))}


def period_label(period: str) -> str:
    """What people read for a period code (an independent copy of the rule)."""
    if re.fullmatch(r"\d{4}", period):
        return f"{period}年"
    if m := re.fullmatch(r"(\d{4})H([12])", period):
        return f"{m[1]}年{'上' if m[2] == '1' else '下'}半年"
    if m := re.fullmatch(r"(\d{4})Q([1-4])", period):
        return f"{m[1]}年第{'一二三四'[int(m[2]) - 1]}季度"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", period):
        return f"{m[1]}年{int(m[2])}月"
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", period):
        return f"{m[1]}年{int(m[2])}月{int(m[3])}日"
    m = re.fullmatch(r"(\d{4})-.+", period)
    assert m, period
    return f"{m[1]}年"  # a holiday period: the holiday is in the title


def events_of(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def unfolded(data: bytes) -> list[str]:
    return re.sub(r"\r\n[ \t]", "", data.decode("utf-8")).split("\r\n")[:-1]


# --------------------------------------------------------------------------- the runs


class Runs:
    """Every `ideo ics` run of this module, made once and concurrently."""

    def __init__(self, base: Path):
        self.base = base
        from ideo_cli.formats.plan.load import load_plan

        from ideo_cli.schedule.identity import uid_namespace

        loaded = [load_plan(p) for p in sorted(PLANS_DIR.glob("*/计划.yaml"))]
        self.plan_ids = sorted(p.plan_id for p in loaded)
        self.namespace = {p.plan_id: uid_namespace(p.plan.organisation.name, p.plan.organisation.superior) for p in loaded}
        self.dirs = {name: base / name for name in ("import", "calendar", "feed", "again", "later", "plain")}
        jobs = {
            "import": ("ics", "plans/", "--year", "2027", "-o", str(self.dirs["import"]), "--per-person"),
            "calendar": ("ics", "plans/", "--year", "2027", "-o", str(self.dirs["calendar"]), "--per-person", "--calendar", CAL_2027),
            "feed": ("ics", "plans/", "--year", "2027", "-o", str(self.dirs["feed"]), "--per-person", "--profile", "feed"),
            "again": ("ics", "plans/", "--year", "2027", "-o", str(self.dirs["again"]), "--per-person"),
            "plain": ("ics", "plans/", "--year", "2027", "-o", str(self.dirs["plain"])),
            "json": ("todo", "plans/", "--year", "2027", "--format", "json"),
            "json-calendar": ("todo", "plans/", "--year", "2027", "--format", "json", "--calendar", CAL_2027),
        }
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
            futures = {name: pool.submit(run, *args) for name, args in jobs.items()}
            futures["later"] = pool.submit(run, *jobs["import"][:4], "-o", str(self.dirs["later"]), "--per-person", epoch=OTHER_EPOCH)
            self.results = {name: f.result() for name, f in futures.items()}
        # the calendars hold the to-do list's rows: the plans' schedule and the 整改 items due in the year
        self.items = {self.uid(i): i for i in json.loads(ok(self.results["json"])) if i["due"].startswith("2027")}
        self.items_calendar = {self.uid(i): i for i in json.loads(ok(self.results["json-calendar"])) if i["due"].startswith("2027")}

    def uid(self, item: dict) -> str:
        """The calendar UID of a to-do item: its identity, percent-encoded, in its organisation's
        namespace (a 整改 item's identity is plan, 整改, item: it has no period)."""
        from ideo_cli.schedule.identity import uid_part

        keys = ("plan", "kind", "obligation") if item["kind"] == "整改" else ("plan", "obligation", "period")
        parts = ".".join(uid_part(item[k]) for k in keys)
        return f"{parts}.{self.namespace[item['plan']]}@ideo.invalid"

    def files(self, name: str) -> dict[str, bytes]:
        ok(self.results[name])
        return files_in(self.dirs[name])

    def expected_uids(self, filename: str) -> set[str]:
        """UIDs a file must hold: its plan's items, or its person's items in that plan."""
        stem = filename.removesuffix(".ics")
        plan, _, person = stem.partition("/")
        assert plan in self.plan_ids, f"unexpected file {filename}"
        if not person:
            return {u for u, i in self.items.items() if i["plan"] == plan}
        return {u for u, i in self.items.items() if i["plan"] == plan and person in i["owner"]}


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> Runs:
    return Runs(tmp_path_factory.mktemp("ics"))


PROFILES = ("import", "calendar", "feed")


def all_files(runs: Runs):
    for name in PROFILES:
        for filename, data in runs.files(name).items():
            yield name, filename, data


# --------------------------------------------------------------------------- files and messages


def test_there_are_plans_and_events(runs):
    assert runs.plan_ids and runs.items


def test_one_file_per_plan(runs):
    assert len(set(runs.plan_ids)) == len(runs.plan_ids), runs.plan_ids
    assert sorted(runs.files("plain")) == sorted(f"{p}.ics" for p in runs.plan_ids)


def test_one_file_per_plan_and_person(runs):
    expected = {f"{p}.ics" for p in runs.plan_ids}
    expected |= {f"{i['plan']}/{o}.ics" for i in runs.items.values() for o in i["owner"]}  # a folder per plan
    assert set(runs.files("import")) == expected
    assert set(runs.files("calendar")) == expected
    assert set(runs.files("feed")) == expected  # the folder is the profile: same names


@pytest.mark.parametrize("name", ["import", "calendar", "feed", "plain"])
def test_stdout_summary(runs, name):
    out = ok(runs.results[name])
    files = runs.files(name)
    assert out.startswith(f"已写入 {len(files)} 个日历文件（{len(runs.items)} 个事件）到 {runs.dirs[name]}；日历来源：2027 年：")
    assert (CAL_2027 in out) == (name == "calendar")
    assert ("holidays" in out) == (name != "calendar")


def test_each_file_holds_exactly_its_events(runs):
    for name, filename, data in all_files(runs):
        uids = [str(e["UID"]) for e in events_of(data)]
        assert len(uids) == len(set(uids)), (name, filename)
        assert set(uids) == runs.expected_uids(filename), (name, filename)


# --------------------------------------------------------------------------- independent consumers


def test_lint_clean(runs):
    for name, filename, data in all_files(runs):
        assert lint_ics(data) == [], (name, filename)


def test_ical_strict_parser(runs):
    from ical.calendar_stream import IcsCalendarStream

    for name, filename, data in all_files(runs):
        cal = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
        assert not cal.todos
        assert {e.uid for e in cal.events} == runs.expected_uids(filename)
        for event in cal.events:
            item = (runs.items_calendar if name == "calendar" else runs.items)[event.uid]
            assert type(event.dtstart) is dt.date and event.dtstart.isoformat() == item["due"]
            assert event.dtend == event.dtstart + ONE_DAY
            assert len(event.alarm) == (1 if name != "feed" and item["reminders"] and item["status"] not in SETTLED else 0)


def test_recurring_ical_events_each_event_once(runs):
    import recurring_ical_events

    for name, filename, data in all_files(runs):
        cal = Calendar.from_ical(data)
        year = recurring_ical_events.of(cal).between(dt.date(2027, 1, 1), dt.date(2028, 1, 1))
        counts = Counter(str(e["UID"]) for e in year)
        assert set(counts) == runs.expected_uids(filename), (name, filename)
        assert set(counts.values()) <= {1}, (name, filename)
        for event in year:  # each on its own day only
            day = event.decoded("DTSTART")
            around = recurring_ical_events.of(cal).between(day - ONE_DAY, day)
            assert str(event["UID"]) not in {str(e["UID"]) for e in around}


def test_radicale_round_trip(radicale, runs):
    for name, filename, data in all_files(runs):
        path = "/ideo/" + urllib.parse.quote(f"{name}-{filename.removesuffix('.ics').replace('/', '-')}") + "/"
        status, body = radicale.request("PUT", path, data, {"Content-Type": "text/calendar; charset=utf-8"})
        assert status in (201, 204), (filename, status, body[:500])
        status, body = radicale.request("GET", path)
        assert status == 200, (filename, status, body[:500])
        back = {str(e["UID"]): e for e in events_of(body)}
        sent = {str(e["UID"]): e for e in events_of(data)}
        assert set(back) == set(sent) == runs.expected_uids(filename)
        for uid, event in sent.items():
            assert str(back[uid]["SUMMARY"]) == str(event["SUMMARY"])
            assert back[uid].decoded("DTSTART") == event.decoded("DTSTART")
            assert str(back[uid]["DESCRIPTION"]) == str(event["DESCRIPTION"])


# --------------------------------------------------------------------------- identity


def test_uids_do_not_move_with_the_dates(runs):
    without, with_file = runs.files("import"), runs.files("calendar")
    assert set(runs.items) == set(runs.items_calendar)
    moved = 0
    for filename in without:
        a = {str(e["UID"]): e.decoded("DTSTART") for e in events_of(without[filename])}
        b = {str(e["UID"]): e.decoded("DTSTART") for e in events_of(with_file[filename])}
        assert set(a) == set(b), filename
        moved += sum(a[u] != b[u] for u in a)
    assert moved, "no date differs between the provisional and the calendar-file run: the identity check proves nothing"


def test_uids_never_contain_the_due_date(runs):
    for name, filename, data in all_files(runs):
        items = runs.items_calendar if name == "calendar" else runs.items
        for event in events_of(data):
            uid = str(event["UID"])
            item = items[uid]
            assert uid == runs.uid(item) and "/" not in uid and uid.endswith("@ideo.invalid")
            due = event.decoded("DTSTART")
            if item["period"] == item["nominal_due"]:  # an RRULE instance is named by its nominal date
                continue
            assert due.isoformat() not in uid and due.strftime("%Y%m%d") not in uid, uid


# --------------------------------------------------------------------------- bytes and profile


def test_bytes_profile(runs):
    for name, filename, data in all_files(runs):
        assert not data.startswith(b"\xef\xbb\xbf")
        assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
        assert b"\n" not in data.replace(b"\r\n", b"") and b"\r" not in data.replace(b"\r\n", b"")
        for line in data.split(b"\r\n")[:-1]:
            assert len(line) <= 75, (filename, line)
            line.decode("utf-8")


def test_calendar_properties(runs):
    for name, filename, data in all_files(runs):
        cal = Calendar.from_ical(data)
        assert str(cal["METHOD"]) == "PUBLISH"
        assert str(cal["VERSION"]) == "2.0"
        calname = str(cal["X-WR-CALNAME"])
        assert re.search(r"[\u4e00-\u9fff]", calname) and "意识形态工作 2027" in calname, calname
        assert not list(cal.walk("VTODO")) and not list(cal.walk("VTIMEZONE"))
        text = "\r\n".join(unfolded(data))
        assert "RRULE" not in text and "RDATE" not in text and "TZID" not in text


def test_all_day_events(runs):
    for name, filename, data in all_files(runs):
        lines = unfolded(data)
        starts = [line for line in lines if line.startswith("DTSTART")]
        ends = [line for line in lines if line.startswith("DTEND")]
        assert starts and len(starts) == len(ends) == sum(line == "BEGIN:VEVENT" for line in lines)
        assert all(re.fullmatch(r"DTSTART;VALUE=DATE:\d{8}", s) for s in starts), starts
        assert all(re.fullmatch(r"DTEND;VALUE=DATE:\d{8}", e) for e in ends), ends
        for event in events_of(data):
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            assert type(start) is dt.date and end == start + ONE_DAY
            assert str(event["TRANSP"]) == "TRANSPARENT"


def test_dates_and_provisional_summaries_follow_the_calendar(runs):
    provisional = [i for i in runs.items.values() if i["provisional"]]
    assert provisional and not any(i["provisional"] for i in runs.items_calendar.values() if int(i["period"][:4]) <= 2027)
    for name, filename, data in all_files(runs):
        items = runs.items_calendar if name == "calendar" else runs.items
        for event in events_of(data):
            item = items[str(event["UID"])]
            summary = str(event["SUMMARY"])
            assert event.decoded("DTSTART").isoformat() == item["due"]
            if item["kind"] == "整改":  # a deadline, not a period; marked done once the 台账 says so
                assert summary == ("【已完成】" if item["status"] == "done" else "") + f"整改：{item['title']}", summary
                assert str(event["CATEGORIES"].cats[0]) == "整改" and "整改方案规定的期限" in str(event["DESCRIPTION"])
                continue
            assert summary == ("【暂定】" if item["provisional"] else "") + f"{item['title']}（{period_label(item['period'])}）"
            if name == "calendar":
                assert CAL_2027 in str(event["DESCRIPTION"])
                if int(item["period"][:4]) <= 2027:  # (a 2028 period moved into December consults 2028)
                    assert not summary.startswith("【暂定】") and "暂定" not in str(event["DESCRIPTION"])
            else:  # nothing in 2027 is official without the file (test_cli_todo checks the flag itself)
                assert item["provisional"] or item["due"] == item["nominal_due"], item
            if item["nominal_due"] != item["due"]:
                assert f"原定截止：{item['nominal_due']}（遇节假日调整）" in str(event["DESCRIPTION"])


def test_alarms(runs):
    for name, filename, data in all_files(runs):
        for event in events_of(data):
            alarms = list(event.walk("VALARM"))
            if name == "feed":
                assert alarms == [], filename
                continue
            item = (runs.items_calendar if name == "calendar" else runs.items)[str(event["UID"])]
            assert len(alarms) == (1 if item["reminders"] and item["status"] not in SETTLED else 0)
            for alarm in alarms:
                assert alarm.decoded("TRIGGER") == -dt.timedelta(days=max(item["reminders"]))
    assert b"VALARM" in b"".join(runs.files("import").values())


# --------------------------------------------------------------------------- determinism


def test_same_epoch_same_bytes(runs):
    first, again = runs.files("import"), runs.files("again")
    assert first and first == again


def test_other_epoch_into_a_fresh_folder_changes_only_the_stamps(runs):
    """No earlier run in the folder: every event is new, so LAST-MODIFIED is the run's time too."""
    first, later = runs.files("import"), runs.files("later")
    assert set(first) == set(later)
    for filename in first:
        a, b = first[filename].split(b"\r\n"), later[filename].split(b"\r\n")
        assert len(a) == len(b), filename
        differing = [(x, y) for x, y in zip(a, b) if x != y]
        assert len(differing) == 2 * sum(line == b"BEGIN:VEVENT" for line in a), filename
        for x, y in differing:
            assert (x, y) in ((b"DTSTAMP:20261123T000000Z", b"DTSTAMP:20270101T000000Z"), (b"LAST-MODIFIED:20261123T000000Z", b"LAST-MODIFIED:20270101T000000Z")), (x, y)


# --------------------------------------------------------------------------- bad input


def test_output_under_a_regular_file(tmp_path):
    blocker = tmp_path / "somefile.txt"
    blocker.write_text("keep me\n", encoding="utf-8")
    err = fails(run("ics", "plans/", "--year", "2027", "-o", str(blocker / "sub")))
    assert "无法创建目录" in err and str(blocker / "sub") in err
    assert blocker.read_text(encoding="utf-8") == "keep me\n"
    assert [p.name for p in tmp_path.iterdir()] == ["somefile.txt"]


def test_missing_calendar_file(tmp_path):
    out = tmp_path / "out"
    err = fails(run("ics", "plans/", "--year", "2027", "-o", str(out), "--calendar", "missing.yaml"))
    assert "IDEO020" in err and "missing.yaml:1:1" in err
    assert not out.exists()


def test_two_plans_with_one_id_write_nothing(tmp_path):
    """A copied plan that kept the 组织.编号 would overwrite the other's calendar file."""
    out = tmp_path / "out"
    err = fails(run("ics", "tests/fixtures/schedule/adjust.yaml", "tests/fixtures/schedule/duplicate-id.yaml", "--year", "2027", "-o", str(out)))
    assert "“adjust-fixture”" in err
    assert not out.exists()
