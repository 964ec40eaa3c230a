"""`ideo todo` through the real entry point (``python -m ideo_cli``).

Every run is a subprocess with a controlled environment: SOURCE_DATE_EPOCH
pins "today" (overdue marks) and every timestamp, and the variables that
change the output (NO_COLOR, FORCE_COLOR, GITHUB_ACTIONS, IDEO_LANG, ...) are
removed.  Working days are checked against ``chinese_calendar`` (2026) and an
independent reading of ``calendars/2027.yaml`` (2027), never against ideo's
own calendar code.

Fixture plans live in tests/fixtures/schedule/ (see the comment at the top of
each); the data plans are whatever ``plans/*.yaml`` exist.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import chinese_calendar
import pytest

REPO = Path(__file__).resolve().parents[1]
PLANS_DIR = REPO / "plans"
PLAN_FILES = sorted(PLANS_DIR.glob("*/计划.yaml"))
FIXTURES = REPO / "tests" / "fixtures" / "schedule"
CAL_2027 = "calendars/2027.yaml"
EPOCH = "1795392000"  # 2026-11-23T00:00:00Z
FORMATS = ("table", "markdown", "csv", "xlsx", "json")
ONE_DAY = dt.timedelta(days=1)

_SCRUB = ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "GITHUB_ACTIONS", "IDEO_LANG", "IDEO_DEBUG", "SOURCE_DATE_EPOCH", "LC_ALL")


_CACHE: dict[tuple, subprocess.CompletedProcess] = {}


def run(*args: str, epoch: str = EPOCH, extra_env: dict | None = None, tag: str = "") -> subprocess.CompletedProcess:
    """``python -m ideo_cli ARGS`` in the repository with a controlled environment.

    Results are memoised per (args, environment, tag) so that tests sharing a
    run (and the parallel prefetch below) spawn it once; another ``tag`` is
    another process (two runs to compare).
    """
    key = (args, epoch, tuple(sorted((extra_env or {}).items())), tag)
    if key in _CACHE:
        return _CACHE[key]
    env = {k: v for k, v in os.environ.items() if k not in _SCRUB}
    env["SOURCE_DATE_EPOCH"] = epoch
    env["LANG"] = "C.UTF-8"
    env.update(extra_env or {})
    result = subprocess.run([sys.executable, "-m", "ideo_cli", *args], cwd=REPO, env=env, capture_output=True, timeout=120)
    _CACHE[key] = result
    return result


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0, f"exit {result.returncode}\n{err}"
    assert err == "", err  # success is silent on stderr (no warnings, no traceback)
    return result


def fails(result: subprocess.CompletedProcess, code: int = 2) -> str:
    """Exit ``code``, nothing on stdout, a message (no traceback) on stderr; returns stderr."""
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == code, f"exit {result.returncode} (expected {code})\nstdout: {result.stdout[:500]!r}\nstderr: {err}"
    assert result.stdout == b"", result.stdout[:500]
    assert err.strip(), "no message on stderr"
    assert "Traceback" not in err and "internal error" not in err, err
    return err


def todo_json(*args: str) -> list[dict]:
    return json.loads(ok(run("todo", *args, "--format", "json")).stdout.decode("utf-8"))


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def cc_workday(day: dt.date) -> bool:
    return bool(chinese_calendar.is_workday(day))


def policies() -> dict[tuple[str, str], str]:
    """(plan id, obligation id) -> effective working-day policy, read with ideo's loader."""
    from ideo_cli.formats.plan.load import load_plan

    out = {}
    for path in [*sorted(PLANS_DIR.glob("*/计划.yaml")), FIXTURES / "adjust.yaml", FIXTURES / "year-boundary.yaml"]:
        loaded = load_plan(path)
        for ob in loaded.plan.obligations:
            out[(loaded.plan_id, ob.id)] = ob.adjust or loaded.plan.defaults.adjust
    return out


def calendar_file_workday():
    """is_workday for 2027 from calendars/2027.yaml, read independently of ideo."""
    from ruamel.yaml import YAML

    zh = {"年份": "year", "来源": "source", "放假": "holidays", "调休上班": "workdays", "名称": "name", "起": "from", "止": "to"}

    def en(node):
        return {zh.get(k, k): v for k, v in node.items()}

    data = en(YAML(typ="safe").load((REPO / CAL_2027).read_text(encoding="utf-8")))
    assert data["year"] == 2027
    rest: set[dt.date] = set()
    for block in map(en, data["holidays"]):
        day = block["from"]
        while day <= block.get("to", block["from"]):
            rest.add(day)
            day += ONE_DAY
    work = set(data.get("workdays") or [])
    assert work and all(w.weekday() >= 5 for w in work)

    def is_workday(day: dt.date) -> bool:
        assert day.year == 2027, day
        return day in work or (day.weekday() < 5 and day not in rest)

    return is_workday, rest, work


def by_id(items: list[dict], plan: str) -> dict[tuple[str, str], dict]:
    return {(i["obligation"], i["period"]): i for i in items if i["plan"] == plan}


# --------------------------------------------------------------------------- shared runs

ADJUST = "tests/fixtures/schedule/adjust.yaml"
BOUNDARY = "tests/fixtures/schedule/year-boundary.yaml"


def J(*args: str) -> tuple[str, ...]:
    """The argument tuple :func:`todo_json` runs (to prefetch it)."""
    return ("todo", *args, "--format", "json")


def plan_run(plan: Path, fmt: str, xlsx_dir: Path) -> tuple[str, ...]:
    rel = plan.relative_to(REPO).as_posix()
    out = ("-o", str(xlsx_dir / f"{plan.stem}.xlsx")) if fmt == "xlsx" else ()
    return ("todo", rel, "--year", "2026", "--format", fmt, *out)


@pytest.fixture(scope="module")
def xlsx_dir(tmp_path_factory) -> Path:
    """Output files of the prefetched runs."""
    return tmp_path_factory.mktemp("out")


OTHER_EPOCH = "1798761600"  # 2027-01-01T00:00:00Z


@pytest.fixture(scope="module", autouse=True)
def prefetch(xlsx_dir):
    """Start the independent CLI runs of this module concurrently (each is a
    ~0.4 s process start); the tests then read the memoised results."""
    from concurrent.futures import ThreadPoolExecutor

    runs = [plan_run(plan, fmt, xlsx_dir) for plan in PLAN_FILES for fmt in FORMATS]
    runs += [J("plans/", "--year", y) for y in ("1900", "2026", "2027", "2100")]
    runs += [J("plans/", "--year", "2027", "--calendar", CAL_2027)]
    runs += [J(ADJUST, "--year", "2026"), J(ADJUST, "--year", "2027"), J(ADJUST, "--year", "2027", "--calendar", CAL_2027)]
    runs += [J(BOUNDARY, "--year", y) for y in ("2025", "2026", "2027")]
    runs += [J("plans/", "--year", "2026", "--month", "6"), J("plans/", "--from", "2026-06-15", "--to", "2026-09-30")]
    runs += [
        ("todo", "plans/", "--year", "2026"),
        ("todo", "plans/", "--year", "2027"),
        ("todo", "plans/", "--year", "2027", "--calendar", CAL_2027),
        ("todo", "plans/", "--year", "2027", "--lang", "en"),
        ("todo", "plans/", "--year", "2026", "--month", "6"),
        ("todo", "plans/", "--year", "2026", "--format", "csv"),
        ("todo", "plans/", "--year", "2026", "--format", "xlsx", "-o", str(xlsx_dir / "all-2026.xlsx")),
        ("todo", "plans/", "--year", "2027", "--format", "xlsx", "-o", str(xlsx_dir / "all-2027.xlsx")),
    ]
    runs += [("todo", "plans/", "--year", "2027", "--format", fmt) for fmt in FORMATS if fmt != "xlsx"]
    runs += [  # failures
        ("todo", "tests/fixtures/schedule/feb-30.yaml", "--year", "2026"),
        ("todo", "tests/fixtures/schedule/broken.yaml", "--year", "2026"),
        ("todo", "plans/", "--year", "1800"),
        ("todo", "plans/", "--year", "2200"),
        ("todo", "plans/", "--year", "1800", "--lang", "en"),
        ("todo", "plans/", "--year", "2027", "--calendar", "missing.yaml"),
        ("todo", "plans/", "--year", "2027", "--calendar", "tests/fixtures/schedule/bad-calendar-2027.yaml"),
        ("todo", "plans/", "--year", "2026", "--person", "nobody-here"),
        ("todo", "plans/", "--year", "2026", "--format", "xlsx"),
        ("todo", "plans/", "--year", "2026", "--month", "13"),
        ("todo", "plans/", "--from", "2026-09-30", "--to", "2026-06-15"),
    ]
    runs += [
        ("todo", "plans/", "--year", "2026", "--format", "json", "-o", str(xlsx_dir / "todo.json")),
        ("todo", "plans/", "--year", "2026", "--format", "json", "-o", "/nonexistent-dir/x.json"),
        ("todo", "plans/", "--from", "2026-02-30"),
        ("todo", "plans/", "tests/fixtures/schedule/broken.yaml", "--year", "2026", "--format", "json"),
        ("todo", ADJUST, "tests/fixtures/schedule/duplicate-id.yaml", "--year", "2026", "--format", "json"),
        ("todo", ADJUST, BOUNDARY, "--year", "2026", "--format", "xlsx", "-o", str(xlsx_dir / "two.xlsx")),
        J(ADJUST, BOUNDARY, "--year", "2026"),
    ]
    jobs = [(args, {}) for args in runs]
    jobs += [(args, {"extra_env": env}) for args, env in ENV_RUNS]
    jobs += [(("todo", "plans/", "--year", "2026", "--lang", "en"), {"extra_env": {"COLUMNS": "140"}})]
    # second runs to compare bytes with, and one at another SOURCE_DATE_EPOCH
    jobs += [(("todo", "plans/", "--year", "2027", "--format", fmt), {"tag": "again"}) for fmt in FORMATS if fmt != "xlsx"]
    jobs += [(("todo", "plans/", "--year", "2027", "--format", "xlsx", "-o", str(xlsx_dir / "again-2027.xlsx")), {})]
    jobs += [(("todo", "plans/", "--year", "2027", "--format", "xlsx", "-o", str(xlsx_dir / "epoch.xlsx")), {"epoch": OTHER_EPOCH})]
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        list(pool.map(lambda job: run(*job[0], **job[1]), jobs))


@pytest.fixture(scope="module")
def policy():
    return policies()


@pytest.fixture(scope="module")
def plans_2026():
    return todo_json("plans/", "--year", "2026")


def obligations_only(rows):
    """The rows the calendar dates: a plan's 整改 items are rows too (kind 整改), with the
    deadline the rectification plan sets, not moved to a working day."""
    return [row for row in rows if row["kind"] != "整改"]


@pytest.fixture(scope="module")
def plans_2027():
    return obligations_only(todo_json("plans/", "--year", "2027"))


@pytest.fixture(scope="module")
def plans_2027_file():
    return obligations_only(todo_json("plans/", "--year", "2027", "--calendar", CAL_2027))


@pytest.fixture(scope="module")
def adjust_2026():
    return by_id(todo_json(ADJUST, "--year", "2026"), "adjust-fixture")


def test_there_are_plans():
    assert PLAN_FILES, "no plans/*.yaml to test"


# --------------------------------------------------------------------------- every plan, every format


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("plan", PLAN_FILES, ids=lambda p: p.name)
def test_every_plan_every_format(plan, fmt, xlsx_dir):
    rel = plan.relative_to(REPO).as_posix()
    result = ok(run(*plan_run(plan, fmt, xlsx_dir)))
    if fmt == "xlsx":
        assert result.stdout == b""
        data = (xlsx_dir / f"{plan.stem}.xlsx").read_bytes()
        assert data.startswith(b"PK\x03\x04") and len(data) > 1000
        return
    text = result.stdout.decode("utf-8-sig")
    assert text.strip()
    if fmt == "json":
        items = json.loads(text)
        assert isinstance(items, list) and items and all(i["plan_file"] == rel for i in items)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert len(rows) >= 2 and rows[0][0] == "截止日期"
    else:
        assert "意识形态工作待办" in text and "日历来源" in text


# --------------------------------------------------------------------------- 2026: chinese_calendar


def test_2026_every_due_date_is_an_official_working_day(plans_2026, policy):
    assert plans_2026
    kept = 0
    for item in plans_2026:
        due, nominal = d(item["due"]), d(item["nominal_due"])
        assert due.year == 2026, item
        if policy[(item["plan"], item["obligation"])] == "keep":
            assert due == nominal, item
            kept += 1
            continue
        assert cc_workday(due), f"{item['uid']} due {due} is not a working day"
    assert kept < len(plans_2026)


def test_2026_is_official_not_provisional(plans_2026):
    for item in plans_2026:
        assert "chinese-calendar" in item["source"], item
        # a period of 2027 moved back into December 2026 consulted 2027's (provisional) calendar
        if int(item["period"][:4]) <= 2026:
            assert item["provisional"] is False, item


def test_2026_deadline_on_a_rest_day_moves_to_the_working_day_before(plans_2026, policy):
    moved = [i for i in plans_2026 if i["due"] != i["nominal_due"] and policy[(i["plan"], i["obligation"])] == "previous"]
    assert moved, "expected at least one deadline of the data plans to fall on a weekend or holiday in 2026"
    for item in moved:
        due, nominal = d(item["due"]), d(item["nominal_due"])
        assert due < nominal, item
        assert cc_workday(due)
        day = due + ONE_DAY
        while day <= nominal:
            assert not cc_workday(day), f"{item['uid']}: {day} is a working day between {due} and {nominal}"
            day += ONE_DAY
    # and nothing moved that did not have to
    for item in plans_2026:
        if item["due"] == item["nominal_due"] or policy[(item["plan"], item["obligation"])] == "keep":
            continue
        assert not cc_workday(d(item["nominal_due"])), item


def test_holiday_policies_previous_next_keep(adjust_2026):
    national_day = dt.date(2026, 10, 1)
    assert not cc_workday(national_day)
    prev = adjust_2026[("national-day-previous", "2026")]
    nxt = adjust_2026[("national-day-next", "2026")]
    keep = adjust_2026[("national-day-keep", "2026")]
    for item in (prev, nxt, keep):
        assert d(item["nominal_due"]) == national_day
        assert item["provisional"] is False
    assert prev["due"] == "2026-09-30" and cc_workday(d(prev["due"]))
    # 顺延: the first working day after the National Day holiday
    assert nxt["due"] == "2026-10-08" and cc_workday(d(nxt["due"]))
    assert all(not cc_workday(national_day + ONE_DAY * i) for i in range(7))
    # 不调整: stays on the holiday
    assert keep["due"] == "2026-10-01"


def test_swapped_weekend_working_days_are_kept(adjust_2026):
    sunday, saturday, feb28 = dt.date(2026, 9, 20), dt.date(2026, 10, 10), dt.date(2026, 2, 28)
    for day in (sunday, saturday, feb28):
        assert day.weekday() >= 5 and cc_workday(day), f"{day} is not a 调休 working day in chinese_calendar"
    rrule = adjust_2026[("sunday-0920", "2026-09-20")]
    assert rrule["due"] == rrule["nominal_due"] == "2026-09-20"
    monthly = adjust_2026[("monthly-10th", "2026-10")]
    assert monthly["due"] == monthly["nominal_due"] == "2026-10-10"
    february = adjust_2026[("monthly-31", "2026-02")]
    assert february["due"] == february["nominal_due"] == "2026-02-28"
    # an ordinary weekend still moves: 2026-01-10 is a Saturday off
    assert not cc_workday(dt.date(2026, 1, 10))
    assert adjust_2026[("monthly-10th", "2026-01")]["due"] == "2026-01-09"


def test_day_31_means_the_last_day_of_the_month(adjust_2026):
    april = adjust_2026[("april-31", "2026")]
    assert april["nominal_due"] == april["due"] == "2026-04-30"
    import calendar

    for month in range(1, 13):
        item = adjust_2026[("monthly-31", f"2026-{month:02d}")]
        assert item["nominal_due"] == dt.date(2026, month, calendar.monthrange(2026, month)[1]).isoformat()
        assert cc_workday(d(item["due"]))


def test_table_2026_names_the_official_source():
    text = ok(run("todo", "plans/", "--year", "2026")).stdout.decode("utf-8")
    assert "日历来源：2026 年：国务院办公厅节假日安排（chinese-calendar" in text
    assert "【暂定】" not in text


# --------------------------------------------------------------------------- 2027: provisional vs calendar file


def test_2027_without_a_calendar_file_is_provisional(plans_2027, policy):
    assert plans_2027
    for item in plans_2027:
        assert "holidays" in item["source"], item
        if policy[(item["plan"], item["obligation"])] != "keep":  # keep consults no calendar
            assert item["provisional"] is True, item
    table = ok(run("todo", "plans/", "--year", "2027")).stdout.decode("utf-8")
    assert "【暂定】" in table
    assert re.search(r"日历来源：2027 年：按周末和法定节日推算，暂定（holidays \S+）", table), table[-400:]
    assert "日期暂定" in table


def test_2027_with_the_calendar_file_is_not_provisional(plans_2027_file):
    assert plans_2027_file
    for item in plans_2027_file:
        assert CAL_2027 in item["source"], item
        # (a period of 2028 moved back into December consults 2028, which the file does not cover)
        if int(item["period"][:4]) <= 2027:
            assert item["provisional"] is False, item
    table = ok(run("todo", "plans/", "--year", "2027", "--calendar", CAL_2027)).stdout.decode("utf-8")
    if not any(i["provisional"] for i in plans_2027_file):
        assert "【暂定】" not in table and "暂定" not in table
    assert f"日历来源：2027 年：日历文件 {CAL_2027}" in table


def test_2027_due_dates_are_working_days_of_the_calendar_file(plans_2027_file, policy):
    is_workday, _, _ = calendar_file_workday()
    for item in plans_2027_file:
        due, nominal = d(item["due"]), d(item["nominal_due"])
        if policy[(item["plan"], item["obligation"])] == "keep":
            assert due == nominal
            continue
        assert is_workday(due), item
        lo, hi = sorted((due, nominal))
        day = lo
        while day <= hi:  # every day skipped over is a rest day of the file
            if day != due:
                assert not is_workday(day), (item, day)
            day += ONE_DAY


def test_2027_calendar_file_holidays_and_swapped_workdays_are_used():
    is_workday, rest, work = calendar_file_workday()
    with_file = by_id(todo_json(ADJUST, "--year", "2027", "--calendar", CAL_2027), "adjust-fixture")
    without = by_id(todo_json(ADJUST, "--year", "2027"), "adjust-fixture")
    # 2027-09-26 (Sunday) and 2027-10-09 (Saturday) are working days only in the file
    assert {dt.date(2027, 9, 26), dt.date(2027, 10, 9)} <= work
    sunday = with_file[("sunday-0926", "2027-09-26")]
    assert sunday["due"] == "2027-09-26" and sunday["provisional"] is False
    assert without[("sunday-0926", "2027-09-26")]["due"] < "2027-09-26"
    assert without[("sunday-0926", "2027-09-26")]["provisional"] is True
    october = with_file[("monthly-10th", "2027-10")]
    assert october["nominal_due"] == "2027-10-10" and october["due"] == "2027-10-09"
    assert without[("monthly-10th", "2027-10")]["due"] == "2027-10-08"
    # the file's National Day block (10-01..10-07) pushes 顺延 to 10-08
    assert {dt.date(2027, 10, i) for i in range(1, 8)} <= rest
    assert with_file[("national-day-next", "2027")]["due"] == "2027-10-08"
    for item in with_file.values():
        assert item["provisional"] is False
        if item["obligation"] != "national-day-keep":
            assert is_workday(d(item["due"])), item


def test_english_provisional_mark():
    text = ok(run("todo", "plans/", "--year", "2027", "--lang", "en")).stdout.decode("utf-8")
    assert "[provisional]" in text and "【暂定】" not in text
    assert "Calendar: 2027: holidays" in text


# --------------------------------------------------------------------------- json shape and identity

PERIOD = re.compile(r"^(\d{4})(?:H[12]|Q[1-4]|-(?:0[1-9]|1[0-2])|-\d{2}-\d{2}|-[a-z][a-z-]*)?$")
KEYS = {"plan", "obligation", "period", "title", "owner", "start", "due", "provisional", "source"}


@pytest.mark.parametrize("which", ["plans_2026", "plans_2027", "plans_2027_file"])
def test_json_shape(which, request):
    items = request.getfixturevalue(which)
    year = 2026 if which == "plans_2026" else 2027
    assert isinstance(items, list) and items
    for item in items:
        assert KEYS <= item.keys(), KEYS - item.keys()
        assert isinstance(item["owner"], list) and item["owner"] and all(isinstance(o, str) for o in item["owner"])
        assert isinstance(item["provisional"], bool)
        assert isinstance(item["title"], str) and item["title"]
        assert isinstance(item["source"], str) and item["source"]
        start, due = d(item["start"]), d(item["due"])
        assert item["due"] == due.isoformat() and item["start"] == start.isoformat()
        assert start <= due and due.year == year
        match = PERIOD.match(item["period"])
        assert match, item["period"]
        assert abs(int(match.group(1)) - year) <= 1
        assert item["uid"].startswith(f"{item['plan']}.{item['obligation']}.{item['period']}.") and item["uid"].endswith("@ideo.invalid")
    identities = [(i["plan"], i["obligation"], i["period"]) for i in items]
    assert len(set(identities)) == len(identities), [k for k, n in Counter(identities).items() if n > 1]
    dues = [i["due"] for i in items]
    assert dues == sorted(dues)


def test_period_labels_of_each_recurrence():
    items = todo_json(ADJUST, "--year", "2027")
    periods = {i["obligation"]: set() for i in items}
    for i in items:
        periods[i["obligation"]].add(i["period"])
    assert periods["april-31"] == {"2027"}
    assert periods["monthly-10th"] == {f"2027-{m:02d}" for m in range(1, 13)}
    assert periods["sunday-0920"] == {"2027-09-20"}
    plans = todo_json("plans/", "--year", "2027")
    labels = {i["period"] for i in plans}
    assert labels & {"2027H1", "2027H2", "2027Q1", "2027Q3", "2027"}, labels


def test_identities_do_not_depend_on_the_calendar(plans_2027, plans_2027_file):
    ids = lambda items: sorted((i["plan"], i["obligation"], i["period"]) for i in items)  # noqa: E731
    assert ids(plans_2027) == ids(plans_2027_file)
    fixture = ADJUST
    assert ids(todo_json(fixture, "--year", "2027")) == ids(todo_json(fixture, "--year", "2027", "--calendar", CAL_2027))
    # at least one date really moved between the two, otherwise this proves nothing
    a = {i["uid"]: i["due"] for i in todo_json(fixture, "--year", "2027")}
    b = {i["uid"]: i["due"] for i in todo_json(fixture, "--year", "2027", "--calendar", CAL_2027)}
    assert any(a[k] != b[k] for k in a)


def test_next_years_periods_moved_into_december_are_not_lost():
    """A period of the next year whose deadline moves back into this year (1 January,
    the working day before 元旦) is listed in this year, and every period appears in
    exactly one year's list."""
    fixture = BOUNDARY
    lists = {y: todo_json(fixture, "--year", str(y)) for y in (2025, 2026, 2027)}
    dec = by_id(lists[2026], "year-boundary")
    assert dec[("first-of-month", "2027-01")]["due"] == "2026-12-31"
    assert dec[("pre-holiday", "2027-new-year")]["due"] == "2026-12-31"
    assert by_id(lists[2025], "year-boundary")[("first-of-month", "2026-01")]["due"] == "2025-12-31"
    # counted in the list of the year it falls due; a date moved across the year is also
    # listed, marked, in its own year's list (issue 10 §2)
    seen = Counter((i["obligation"], i["period"]) for y, items in lists.items() for i in items if i["due"].startswith(str(y)))
    assert max(seen.values()) == 1
    assert all(i["crosses_year"] for y, items in lists.items() for i in items if not i["due"].startswith(str(y)))
    months = {p for (o, p) in seen if o == "first-of-month"}
    expected = {f"{y}-{m:02d}" for y in (2025, 2026, 2027) for m in range(1, 13)} - {"2025-01"} | {"2028-01"}
    assert months == expected
    new_years = {p for (o, p) in seen if o == "pre-holiday" and p.endswith("new-year")}
    assert new_years == {"2026-new-year", "2027-new-year", "2028-new-year"}


@pytest.mark.parametrize("year", ["1900", "2100"])
def test_first_and_last_supported_year(year):
    items = todo_json("plans/", "--year", year)
    assert items and all(i["due"].startswith(year) for i in items)


# --------------------------------------------------------------------------- filters


def test_person_filter(plans_2026):
    owners = Counter(o for i in plans_2026 for o in i["owner"])
    person = next((p for p, n in owners.most_common() if n < len(plans_2026)), None)
    assert person, "every item has the same owner; cannot test --person"
    items = todo_json("plans/", "--year", "2026", "--person", person)
    assert items and all(person in i["owner"] for i in items)
    assert len(items) == owners[person]
    assert [i["uid"] for i in items] == [i["uid"] for i in plans_2026 if person in i["owner"]]


def test_unknown_person():
    err = fails(run("todo", "plans/", "--year", "2026", "--person", "nobody-here"))
    assert "没有编号为“nobody-here”的人员" in err


def test_month_filter(plans_2026):
    items = todo_json("plans/", "--year", "2026", "--month", "6")
    expected = [i["uid"] for i in plans_2026 if i["due"].startswith("2026-06-")]
    assert expected, "the data plans have nothing due in June 2026"
    assert [i["uid"] for i in items] == expected
    table = ok(run("todo", "plans/", "--year", "2026", "--month", "6")).stdout.decode("utf-8")
    assert "2026-06-01 至 2026-06-30 意识形态工作待办" in table and "2026年6月" in table and "2026年3月" not in table
    fails(run("todo", "plans/", "--year", "2026", "--month", "13"))


def test_from_to_filter(plans_2026):
    items = todo_json("plans/", "--from", "2026-06-15", "--to", "2026-09-30")
    expected = [i["uid"] for i in plans_2026 if "2026-06-15" <= i["due"] <= "2026-09-30"]
    assert expected and len(expected) < len(plans_2026)
    assert [i["uid"] for i in items] == expected
    err = fails(run("todo", "plans/", "--from", "2026-09-30", "--to", "2026-06-15"))
    assert "--to" in err
    err = fails(run("todo", "plans/", "--from", "2026-02-30"))
    assert "YYYY-MM-DD" in err


def test_english_table():
    text = ok(run("todo", "plans/", "--year", "2026", "--lang", "en", extra_env={"COLUMNS": "140"})).stdout.decode("utf-8")
    assert "ideological work to-do, 2026" in text
    for word in ("Due", "Obligation", "Period", "Owner", "Evidence"):
        assert word in text
    assert re.search(r"^\d+ items$", text, re.M), text[-300:]
    assert "Calendar: 2026: State Council holiday notice (chinese-calendar" in text
    assert re.search(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ", text, re.M)
    for zh in ("截止", "负责人", "日历来源", "共 ", "周一", "年3月"):
        assert zh not in text
    assert "\x1b[" not in text  # not a terminal: no colour


# --------------------------------------------------------------------------- environment

ENV_RUNS = [
    (("todo", "plans/", "--year", "2027"), {"IDEO_LANG": "en"}),
    (("todo", "plans/", "--year", "2027", "--lang", "zh"), {"IDEO_LANG": "en"}),
    (("todo", "plans/", "--year", "2027", "--lang", "en"), {"FORCE_COLOR": "1"}),
    (("todo", "plans/", "--year", "2027"), {"FORCE_COLOR": "1", "NO_COLOR": "1"}),
    (("todo", "plans/", "--year", "2027", "--format", "json"), {"FORCE_COLOR": "1"}),
]


def test_ideo_lang_and_colour_variables(plans_2027):
    results = [ok(run(*args, extra_env=env)).stdout.decode("utf-8") for args, env in ENV_RUNS]
    english, chinese, coloured, no_color, json_text = results
    assert "ideological work to-do, 2027" in english and "Calendar: 2027:" in english
    assert "意识形态工作待办" in chinese and "日历来源：2027 年：" in chinese  # --lang beats IDEO_LANG
    assert "\x1b[" in coloured and "[provisional]" in coloured  # FORCE_COLOR: colour, marks still shown
    assert "\x1b[" not in no_color and "【暂定】" in no_color  # NO_COLOR wins
    assert "\x1b[" not in json_text and obligations_only(json.loads(json_text)) == plans_2027


# --------------------------------------------------------------------------- csv and xlsx


def test_csv_bom_crlf_and_parse(plans_2026):
    data = ok(run("todo", "plans/", "--year", "2026", "--format", "csv")).stdout
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"") and b"\r" not in data.replace(b"\r\n", b"")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][:4] == ["截止日期", "星期", "事项", "周期"]
    body = rows[1:]
    assert len(body) == len(plans_2026)
    assert [r[0] for r in body] == [i["due"] for i in plans_2026]
    assert [r[2] for r in body] == [i["title"] for i in plans_2026]
    assert all(len(r) == len(rows[0]) for r in body)


def person_sheets(wb) -> Counter:
    """Each person sheet as (owner names, [(unit, obligation id, period), ...]); header looked up by name."""
    out = Counter()
    for ws in wb.worksheets[1:]:
        header = [c.value for c in ws[2]]  # row 1 is the sheet's title row
        unit, ob, period, owner = (header.index(h) for h in ("单位", "事项编号", "周期", "负责人"))
        rows = [(r[unit], r[ob], r[period]) for r in ws.iter_rows(min_row=3, values_only=True)]
        assert len({r[0] for r in rows}) == 1, f"sheet {ws.title} mixes units"
        out[tuple(rows)] += 1
    return out


def expected_person_sheets(items: list[dict]) -> Counter:
    people = {(i["plan"], o) for i in items for o in i["owner"]}
    return Counter(
        tuple((i["plan_name"], i["obligation"], i["period"]) for i in items if i["plan"] == plan and person in i["owner"])
        for plan, person in people
    )


def test_xlsx_workbook(xlsx_dir, plans_2026):
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    out = xlsx_dir / "all-2026.xlsx"
    assert ok(run("todo", "plans/", "--year", "2026", "--format", "xlsx", "-o", str(out))).stdout == b""
    wb = load_workbook(out)
    people = {(i["plan"], o["id"]): o["name"] for i in plans_2026 for o in i["owners"]}
    assert wb.sheetnames[0] == "全部"
    assert len(wb.sheetnames) == 1 + len(people)
    assert set(wb.sheetnames[1:]) >= set(people.values())
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A3", ws.title  # title row and header stay in view
        assert "意识形态工作待办" in ws["A1"].value and "日历来源" in ws["A1"].value
        header = [c.value for c in ws[2]]
        assert header[:4] == ["单位", "截止日期", "星期", "事项"]
        for index in range(1, len(header) + 1):
            width = ws.column_dimensions[get_column_letter(index)].width
            assert width and width >= 6, (ws.title, index, width)
        assert ws.column_dimensions["D"].width > ws.column_dimensions["B"].width  # the title column is wide
    all_sheet = wb["全部"]
    rows = list(all_sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == len(plans_2026)
    assert [r[3] for r in rows] == [i["title"] for i in plans_2026]  # Chinese text survives
    assert all(re.search(r"[\u4e00-\u9fff]", r[3]) for r in rows)
    assert [r[1].date().isoformat() if isinstance(r[1], dt.datetime) else str(r[1]) for r in rows] == [i["due"] for i in plans_2026]
    assert person_sheets(wb) == expected_person_sheets(plans_2026)


def test_xlsx_same_person_id_in_two_plans(xlsx_dir):
    """Person ids are per plan: 'shuji' of adjust.yaml (李书记) and of year-boundary.yaml (赵书记)."""
    from openpyxl import load_workbook

    out = xlsx_dir / "two.xlsx"
    ok(run("todo", ADJUST, BOUNDARY, "--year", "2026", "--format", "xlsx", "-o", str(out)))
    items = todo_json(ADJUST, BOUNDARY, "--year", "2026")
    wb = load_workbook(out)
    assert sorted(wb.sheetnames[1:]) == ["李书记", "王委员", "赵书记"]
    assert person_sheets(wb) == expected_person_sheets(items)
    owner = [c.value for c in wb["李书记"][2]].index("负责人")
    assert {r[owner] for r in wb["李书记"].iter_rows(min_row=3, values_only=True)} == {"李书记"}


def test_xlsx_needs_an_output_file():
    err = fails(run("todo", "plans/", "--year", "2026", "--format", "xlsx"))
    assert "-o" in err


# --------------------------------------------------------------------------- determinism


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_epoch_same_bytes(fmt, xlsx_dir):
    def once(out: str, tag: str) -> bytes:
        if fmt == "xlsx":
            assert ok(run("todo", "plans/", "--year", "2027", "--format", fmt, "-o", str(xlsx_dir / out))).stdout == b""
            return (xlsx_dir / out).read_bytes()
        return ok(run("todo", "plans/", "--year", "2027", "--format", fmt, tag=tag)).stdout

    first, second = once("all-2027.xlsx", ""), once("again-2027.xlsx", "again")
    assert first and first == second


def test_xlsx_timestamps_come_from_source_date_epoch(xlsx_dir):
    """openpyxl stamps the wall clock into docProps/core.xml and the zip entries."""
    import zipfile

    out = xlsx_dir / "epoch.xlsx"
    ok(run("todo", "plans/", "--year", "2027", "--format", "xlsx", "-o", str(out), epoch=OTHER_EPOCH))
    with zipfile.ZipFile(out) as z:
        core = z.read("docProps/core.xml").decode("utf-8")
        assert re.findall(r"<dcterms:(created|modified)[^>]*>([^<]*)<", core) == [
            ("created", "2027-01-01T00:00:00Z"),
            ("modified", "2027-01-01T00:00:00Z"),
        ], core
        assert {info.date_time for info in z.infolist()} == {(2027, 1, 1, 0, 0, 0)}


def test_output_file_equals_stdout(xlsx_dir):
    out = xlsx_dir / "todo.json"
    result = ok(run("todo", "plans/", "--year", "2026", "--format", "json", "-o", str(out)))
    assert result.stdout == b""
    assert out.read_bytes() == ok(run("todo", "plans/", "--year", "2026", "--format", "json")).stdout


# --------------------------------------------------------------------------- bad input


def test_february_30th_is_a_located_error():
    err = fails(run("todo", "tests/fixtures/schedule/feb-30.yaml", "--year", "2026"))
    assert re.search(r"tests/fixtures/schedule/feb-30\.yaml:20:\d+", err), err
    assert "IDEO303" in err and "2月没有 30 日" in err


@pytest.mark.parametrize("year", ["1800", "2200"])
def test_year_out_of_range(year):
    err = fails(run("todo", "plans/", "--year", year))
    assert f"年份 {year} 超出支持范围 1900–2100" in err


def test_year_out_of_range_in_english():
    err = fails(run("todo", "plans/", "--year", "1800", "--lang", "en"))
    assert "year 1800 is outside the supported range 1900-2100" in err


def test_output_into_a_missing_directory():
    target = Path("/nonexistent-dir/x.json")
    assert not target.parent.exists()
    err = fails(run("todo", "plans/", "--year", "2026", "--format", "json", "-o", str(target)))
    assert "无法写入" in err and str(target) in err
    assert not target.exists()


def test_missing_calendar_file():
    err = fails(run("todo", "plans/", "--year", "2027", "--calendar", "missing.yaml"))
    assert "IDEO020" in err and "missing.yaml:1:1" in err and "找不到日历文件" in err


def test_malformed_calendar_file():
    err = fails(run("todo", "plans/", "--year", "2027", "--calendar", "tests/fixtures/schedule/bad-calendar-2027.yaml"))
    assert "IDEO020" in err
    assert "tests/fixtures/schedule/bad-calendar-2027.yaml:6:12" in err
    assert "2027-03-03" in err


def test_broken_plan():
    err = fails(run("todo", "tests/fixtures/schedule/broken.yaml", "--year", "2026"))
    assert re.search(r"IDEO00\d", err) and re.search(r"tests/fixtures/schedule/broken\.yaml:\d+:\d+", err), err
    # a broken plan among good ones still fails the whole run: no partial list
    fails(run("todo", "plans/", "tests/fixtures/schedule/broken.yaml", "--year", "2026", "--format", "json"))


def test_no_plan_files(tmp_path):
    err = fails(run("todo", str(tmp_path), "--year", "2026"))
    assert "没有找到" in err


def test_two_plans_with_one_id():
    """Same 组织.编号 in two files: their UIDs (and calendar files) would collide."""
    err = fails(run("todo", ADJUST, "tests/fixtures/schedule/duplicate-id.yaml", "--year", "2026", "--format", "json"))
    assert "“adjust-fixture”" in err and "duplicate-id.yaml" in err and "adjust.yaml" in err
