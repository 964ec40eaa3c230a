"""Working-day calendar: chinese_calendar, calendar files, holidays.China fallback."""
from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

import chinese_calendar as cc
import holidays
import pytest

from ideo_cli.i18n import t

from ideo_cli.diagnostics import Severity
from ideo_cli.documents import load_yaml_text
from ideo_cli.render.localize import localize_diagnostic
from ideo_cli.workcal import (
    CalendarFileError,
    Holiday,
    InlineCalendar,
    WorkCalendar,
    YearOutOfRangeError,
    build_calendar,
    load_calendar_file,
)

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).resolve().parent / "fixtures" / "calendars"
EXAMPLE_2027 = ROOT / "calendars" / "2027.yaml"
D = dt.date


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return build_calendar()


@pytest.fixture(scope="module")
def cal27() -> WorkCalendar:
    return build_calendar([EXAMPLE_2027])


def fix(name: str) -> str:
    """Fixture path as a user would type it (relative, posix)."""
    return (FIX / name).relative_to(ROOT).as_posix()


def _shown(error: CalendarFileError, lang: str) -> list:
    """The diagnostics as a reader in ``lang`` sees them (they carry Messages)."""
    return [localize_diagnostic(d, lang) for d in error.diagnostics]


def errors_of(name: str, monkeypatch) -> list:
    monkeypatch.chdir(ROOT)
    with pytest.raises(CalendarFileError) as info:
        build_calendar([fix(name)])
    return _shown(info.value, "zh")


# --------------------------------------------------------------------------- facts we rely on


def test_chinese_calendar_facts_used_below():
    """Every claim about 2026 in these tests, checked against chinese_calendar itself."""
    assert cc.is_holiday(D(2026, 10, 1)) and cc.get_holiday_detail(D(2026, 10, 1))[1] == "National Day"
    assert all(cc.is_holiday(D(2026, 10, day)) for day in range(1, 8))
    assert cc.is_workday(D(2026, 9, 30)) and cc.is_workday(D(2026, 10, 8))
    # 调休: Saturday 2026-10-10 and Sunday 2026-09-20 are working days
    assert D(2026, 10, 10).weekday() == 5 and cc.is_workday(D(2026, 10, 10))
    assert D(2026, 9, 20).weekday() == 6 and cc.is_workday(D(2026, 9, 20))
    # 春节 2026: 02-15 .. 02-23 off, Saturdays 02-14 and 02-28 worked
    assert all(cc.is_holiday(D(2026, 2, day)) for day in range(15, 24))
    assert cc.is_workday(D(2026, 2, 14)) and D(2026, 2, 14).weekday() == 5
    assert cc.is_workday(D(2026, 2, 24)) and cc.is_workday(D(2026, 2, 28))
    # 元旦 2024 started on 2023-12-30 (a Saturday)
    assert cc.get_holiday_detail(D(2023, 12, 30)) == (True, "New Year's Day")
    # chinese_calendar 1.11 stops at 2026
    with pytest.raises(NotImplementedError):
        cc.is_workday(D(2027, 1, 4))


# --------------------------------------------------------------------------- official years


def test_every_day_of_2026_matches_chinese_calendar(cal):
    day = D(2026, 1, 1)
    while day.year == 2026:
        assert cal.is_workday(day) == cc.is_workday(day), day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("year", [2004, 2015, 2020, 2023, 2025])
def test_other_official_years_match_chinese_calendar(cal, year):
    day = D(year, 1, 1)
    while day.year == year:
        assert cal.is_workday(day) == cc.is_workday(day), day
        day += dt.timedelta(days=7 if day.month not in (1, 2, 5, 10, 12) else 1)


def test_adjust_across_national_day_2026(cal):
    assert cal.adjust(D(2026, 10, 1)) == (D(2026, 9, 30), False)
    assert cal.adjust(D(2026, 10, 1), "previous") == (D(2026, 9, 30), False)
    assert cal.adjust(D(2026, 10, 5), "next") == (D(2026, 10, 8), False)
    assert cal.adjust(D(2026, 10, 1), "keep") == (D(2026, 10, 1), False)
    assert cal.adjust(D(2026, 9, 30)) == (D(2026, 9, 30), False)  # already a working day


def test_adjust_across_spring_festival_2026(cal):
    # 02-15 .. 02-23 off; the Saturday before (02-14) is a 调休 working day
    assert cal.adjust(D(2026, 2, 20)) == (D(2026, 2, 14), False)
    assert cal.adjust(D(2026, 2, 20), "next") == (D(2026, 2, 24), False)
    assert cal.adjust(D(2026, 2, 20), "keep") == (D(2026, 2, 20), False)


def test_tiaoxiu_weekend_is_a_workday(cal):
    assert cal.is_workday(D(2026, 10, 10))  # Saturday
    assert cal.is_workday(D(2026, 9, 20))  # Sunday
    assert cal.adjust(D(2026, 10, 10)) == (D(2026, 10, 10), False)
    assert not cal.is_workday(D(2026, 10, 11))  # the Sunday after is an ordinary weekend
    assert cal.adjust(D(2026, 10, 11)) == (D(2026, 10, 10), False)


def test_ordinary_weekend_moves(cal):
    # 2026-06-30 is a Tuesday; 2026-08-30 a Sunday
    assert cal.adjust(D(2026, 6, 30)) == (D(2026, 6, 30), False)
    assert cal.adjust(D(2026, 8, 30)) == (D(2026, 8, 28), False)
    assert cal.adjust(D(2026, 8, 30), "next") == (D(2026, 8, 31), False)


def test_working_days_before(cal):
    assert cal.working_days_before(D(2026, 10, 8), 1) == (D(2026, 9, 30), False)
    # Monday 10-12: the 1st working day before is Saturday 10-10 (调休), the 2nd Friday 10-09
    assert cal.working_days_before(D(2026, 10, 12), 1) == (D(2026, 10, 10), False)
    assert cal.working_days_before(D(2026, 10, 12), 2) == (D(2026, 10, 9), False)
    assert cal.working_days_before(D(2026, 10, 9), 3) == (D(2026, 9, 29), False)
    assert cal.working_days_before(D(2026, 10, 9), 0) == (D(2026, 10, 9), False)
    assert cal.working_days_after(D(2026, 9, 30), 1) == (D(2026, 10, 8), False)
    with pytest.raises(ValueError):
        cal.working_days_before(D(2026, 10, 9), -1)


def test_2026_is_official(cal):
    assert cal.is_official(2026)
    assert "chinese-calendar" in t(cal.source(2026), "zh")
    assert "国务院办公厅节假日安排" in t(cal.source(2026), "zh")  # the notice, in Chinese words
    assert t(cal.source(2026), "en") == "State Council holiday notice (chinese-calendar 1.11.0)"
    assert cal.holidays_in(2026)[1] is False


def test_holidays_in_2026(cal):
    blocks, provisional = cal.holidays_in(2026)
    assert not provisional
    assert Holiday("国庆节", D(2026, 10, 1), D(2026, 10, 7)) in blocks
    by_name = {h.name: h for h in blocks}
    assert set(by_name) == {"元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"}
    assert by_name["春节"] == Holiday("春节", D(2026, 2, 15), D(2026, 2, 23))
    assert t(by_name["国庆节"].text, "en") == "National Day"
    # every block day is a rest day per chinese_calendar
    for h in blocks:
        assert all(not cc.is_workday(d) for d in h.dates()), h


def test_holiday_blocks_across_new_year_and_combined(cal):
    blocks_2024, _ = cal.holidays_in(2024)
    assert blocks_2024[0] == Holiday("元旦", D(2023, 12, 30), D(2024, 1, 1))
    assert all(h.last_day.year == 2023 for h in cal.holidays_in(2023)[0])  # not repeated in 2023
    blocks_2025, _ = cal.holidays_in(2025)
    national = [h for h in blocks_2025 if "国庆节" in h.festivals]
    assert national == [Holiday("国庆节、中秋节", D(2025, 10, 1), D(2025, 10, 8))]


# --------------------------------------------------------------------------- fallback years


def test_2027_without_file_is_provisional(cal):
    assert not cal.is_official(2027)
    src = t(cal.source(2027), "zh")
    assert "holidays" in src and "暂定" in src
    assert "provisional" in t(cal.source(2027), "en")
    # 2027-10-01 (Friday) is 国庆节 per holidays.China; the Sunday 09-26 is just a weekend
    assert cal.adjust(D(2027, 10, 1)) == (D(2027, 9, 30), True)
    assert not cal.is_workday(D(2027, 9, 26))
    blocks, provisional = cal.holidays_in(2027)
    assert provisional
    assert any(h.name == "国庆节" and h.first_day == D(2027, 10, 1) for h in blocks)
    assert cal.working_days_before(D(2027, 1, 6), 3) == (D(2026, 12, 31), True)
    # the answer for a 2026 date that only looks into 2026 stays official
    assert cal.working_days_before(D(2026, 12, 31), 1) == (D(2026, 12, 30), False)


def test_adjust_provisional_when_crossing_into_unofficial_year(cal):
    # 2027-01-01 is a holiday only according to the rule-based fallback
    assert cal.adjust(D(2027, 1, 1)) == (D(2026, 12, 31), True)
    assert cal.adjust(D(2027, 1, 1), "keep") == (D(2027, 1, 1), False)


def test_fallback_never_leaks_not_implemented(cal):
    for day in (D(1900, 1, 1), D(1949, 10, 1), D(2003, 10, 1), D(2027, 2, 6), D(2100, 12, 31)):
        assert isinstance(cal.is_workday(day), bool)
        assert cal.adjust(day, "keep")[0] == day
        cal.holidays_in(day.year)
    assert cal.adjust(D(2100, 12, 31))[1] is True


def test_years_out_of_range(cal):
    for call in (
        lambda: cal.is_workday(D(1899, 12, 31)),
        lambda: cal.adjust(D(2101, 1, 1)),
        lambda: cal.adjust(D(2101, 1, 1), "keep"),
        lambda: cal.working_days_before(D(2101, 1, 3), 1),
        lambda: cal.holidays_in(3000),
        lambda: cal.is_official(1800),
        lambda: t(cal.source(2101), "zh"),
        lambda: cal.working_days_before(D(1900, 1, 1), 1),
    ):
        with pytest.raises(ValueError) as info:
            call()
        assert isinstance(info.value, YearOutOfRangeError)
        assert "1900" in str(info.value) and "2100" in str(info.value)


def test_bad_policy(cal):
    with pytest.raises(ValueError, match="policy"):
        cal.adjust(D(2026, 10, 1), "nearest")


def test_datetime_is_accepted(cal):
    assert cal.is_workday(dt.datetime(2026, 10, 1, 9, 30)) is False


# --------------------------------------------------------------------------- calendar files


def test_2027_with_example_file(cal27):
    assert cal27.is_official(2027)
    src = t(cal27.source(2027), "zh")
    assert "calendars/2027.yaml" in src and "示例（非官方）" in src
    assert t(cal27.source(2027), "en").startswith("calendar file ")
    assert cal27.adjust(D(2027, 10, 1)) == (D(2027, 9, 30), False)
    assert cal27.adjust(D(2027, 10, 3), "next") == (D(2027, 10, 8), False)
    assert cal27.is_workday(D(2027, 9, 26))  # 调休 Sunday in the example
    assert cal27.is_workday(D(2027, 10, 9))  # 调休 Saturday
    assert not cal27.is_workday(D(2027, 10, 10))
    blocks, provisional = cal27.holidays_in(2027)
    assert not provisional
    assert [h.name for h in blocks] == ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]
    # other years are untouched
    assert t(cal27.source(2026), "zh") == "国务院办公厅节假日安排（chinese-calendar 1.11.0）"
    assert cal27.is_official(2028) is False


def test_example_file_is_built_on_real_2027_festival_dates(cal27):
    text = EXAMPLE_2027.read_text(encoding="utf-8")
    assert "示例" in text.split("year:")[0] and "source: 示例（非官方）" in text
    spec = load_calendar_file(EXAMPLE_2027)
    blocks = {h.name: h for h in spec.holidays}
    real = holidays.China(years=2027, language="zh_CN")
    main_days = {
        "元旦": real.get_named("元旦")[0],
        "春节": min(real.get_named("除夕")),
        "清明节": real.get_named("清明节")[0],
        "劳动节": real.get_named("劳动节")[0],
        "端午节": real.get_named("端午节")[0],
        "中秋节": real.get_named("中秋节")[0],
        "国庆节": real.get_named("国庆节")[0],
    }
    for name, day in main_days.items():
        assert day in blocks[name], (name, day)
    assert blocks["春节"].first_day == main_days["春节"]  # starts on the eve
    assert all(d.weekday() >= 5 for d in spec.workdays)
    # 13 statutory days since 2025: a year keeps 261 weekdays - 13 = 248 working days
    assert cal27.workdays_between(D(2027, 1, 1), D(2027, 12, 31)) == 248


def test_chinese_keys(monkeypatch):
    monkeypatch.chdir(ROOT)
    cal = build_calendar([fix("chinese_keys_2027.yaml")])
    assert t(cal.source(2027), "zh") == "日历文件 tests/fixtures/calendars/chinese_keys_2027.yaml（测试用通知）"
    blocks, provisional = cal.holidays_in(2027)
    assert not provisional
    assert blocks == [Holiday("中秋节", D(2027, 9, 15), D(2027, 9, 15)), Holiday("国庆节", D(2027, 10, 1), D(2027, 10, 7))]
    # a year given by file knows only what the file says: no 春节 from elsewhere
    assert cal.is_workday(D(2027, 2, 8))


def test_next_years_new_year_block_reaches_into_december(monkeypatch):
    monkeypatch.chdir(ROOT)
    cal = build_calendar([fix("new_year_2028.yaml"), "calendars/2027.yaml"])
    assert not cal.is_workday(D(2027, 12, 31))  # a Friday, off per the 2028 file
    assert cal.is_workday(D(2027, 12, 26))  # a Sunday, worked per the 2028 file
    assert cal.adjust(D(2028, 1, 1)) == (D(2027, 12, 30), False)
    assert cal.holidays_in(2028)[0] == [Holiday("元旦", D(2027, 12, 31), D(2028, 1, 2))]
    assert all(h.last_day.year == 2027 for h in cal.holidays_in(2027)[0])


def test_inline_calendar_and_precedence():
    inline = {
        "year": 2027,
        "source": "国办发明电〔2026〕X号",
        "holidays": [{"name": "国庆节", "from": D(2027, 10, 1), "to": D(2027, 10, 7)}],
        "workdays": [D(2027, 10, 9)],
    }
    cal = build_calendar(inline=[inline])
    assert cal.is_official(2027)
    assert cal.adjust(D(2027, 10, 4)) == (D(2027, 9, 30), False)
    assert "国办发明电〔2026〕X号" in t(cal.source(2027), "zh")
    assert cal.source_kind(2027) == "inline"


def test_inline_identical_to_file_is_fine_conflicting_is_not():
    spec = load_calendar_file(EXAMPLE_2027)
    same = {
        "year": 2027,
        "source": "计划里抄的",
        "holidays": [{"name": h.name, "from": h.first_day, "to": h.last_day} for h in spec.holidays],
        "workdays": sorted(spec.workdays),
    }
    cal = build_calendar([EXAMPLE_2027], inline=[same])
    assert cal.source_kind(2027) == "file"
    different = dict(same, workdays=[])
    with pytest.raises(CalendarFileError) as info:
        build_calendar([EXAMPLE_2027], inline=[different])
    assert _shown(info.value, "zh")[0].code == "IDEO020"
    assert "不一致" in _shown(info.value, "zh")[0].message


def test_inline_errors_point_into_the_plan():
    plan = (
        "org: 中共测试镇委员会\n"
        "calendar:\n"
        "  year: 2027\n"
        "  source: 测试\n"
        "  holidays:\n"
        "    - {name: 国庆节, from: 2027-10-01, to: 2027-10-07}\n"
        "  workdays: [2027-10-06]\n"
    )
    doc = load_yaml_text(plan, "plans/test.yaml")
    with pytest.raises(CalendarFileError) as info:
        build_calendar(inline=[InlineCalendar(doc.data["calendar"], "plans/test.yaml", doc.locate, ("calendar",))])
    (diag,) = _shown(info.value, "zh")
    assert (diag.code, diag.file, diag.line, diag.col) == ("IDEO020", "plans/test.yaml", 7, 14)
    assert diag.path == "calendar.workdays[0]"


def test_two_files_for_one_year(monkeypatch):
    monkeypatch.chdir(ROOT)
    with pytest.raises(CalendarFileError) as info:
        build_calendar(["calendars/2027.yaml", fix("chinese_keys_2027.yaml")])
    (diag,) = _shown(info.value, "zh")
    assert diag.file == fix("chinese_keys_2027.yaml")
    assert (diag.line, diag.col) == (2, 5)
    assert "calendars/2027.yaml" in diag.message
    # the same file twice is harmless
    build_calendar(["calendars/2027.yaml", "./calendars/2027.yaml"])


# --------------------------------------------------------------------------- calendar-file errors


def _only(diags):
    assert len(diags) == 1, [d.message for d in diags]
    d = diags[0]
    assert (d.code, d.name, d.severity) == ("IDEO020", "calendar-file-invalid", Severity.FATAL)
    return d


def test_bad_date(monkeypatch):
    d = _only(errors_of("bad_date.yaml", monkeypatch))
    assert (d.file, d.line, d.col) == (fix("bad_date.yaml"), 6, 11)
    assert d.path == "holidays[1].from"
    assert "2027年2月30日" in d.message and "不是有效日期" in d.message


def test_unparseable_date_is_the_loaders_error(monkeypatch):
    monkeypatch.chdir(ROOT)
    with pytest.raises(CalendarFileError) as info:
        build_calendar([fix("unparseable_date.yaml")])
    (d,) = _shown(info.value, "zh")
    assert d.severity is Severity.FATAL and d.code.startswith("IDEO0")
    assert (d.line, d.col) == (4, 22)
    assert "2027-02-30" in _shown(info.value, "en")[0].message


def test_unknown_key_with_suggestion(monkeypatch):
    d = _only(errors_of("unknown_key.yaml", monkeypatch))  # no extra "missing holidays" error
    assert (d.line, d.col) == (3, 1)
    assert d.message == "未知的键“holdays”" and d.help == "是不是想写“放假”（holidays）？"
    monkeypatch.chdir(ROOT)
    with pytest.raises(CalendarFileError) as info:
        build_calendar([fix("unknown_key.yaml")])
    [en] = _shown(info.value, "en")
    # the suggestion names both spellings, whichever language the report is in
    assert (en.message, en.help) == ("unknown key 'holdays'", "did you mean 'holidays' (放假)?")


def test_unknown_chinese_key_lists_allowed_keys(monkeypatch):
    d = _only(errors_of("unknown_nested_key.yaml", monkeypatch))
    assert (d.line, d.col) == (6, 5)
    assert "“直”" in d.message and "to/止" in d.help


def test_year_3000(monkeypatch):
    d = _only(errors_of("year_3000.yaml", monkeypatch))
    assert (d.line, d.col) == (2, 7)
    assert "3000" in d.message and "1900–2100" in d.message


def test_holiday_and_workday_overlap(monkeypatch):
    d = _only(errors_of("holiday_workday_overlap.yaml", monkeypatch))
    assert (d.line, d.col) == (7, 5)
    assert "2027-10-03" in d.message and "国庆节" in d.message


def test_workday_not_weekend(monkeypatch):
    d = _only(errors_of("workday_not_weekend.yaml", monkeypatch))
    assert (d.line, d.col) == (5, 24)
    assert "2027-10-08" in d.message and "星期五" in d.message
    monkeypatch.chdir(ROOT)
    with pytest.raises(CalendarFileError) as info:
        build_calendar([fix("workday_not_weekend.yaml")])
    assert "Friday" in _shown(info.value, "en")[0].message


def test_dates_outside_year_and_reversed_block(monkeypatch):
    diags = errors_of("date_outside_year.yaml", monkeypatch)
    got = [(d.line, d.col, d.path) for d in diags]
    assert got == [(4, 39, "holidays[0].to"), (5, 39, "holidays[1].to"), (6, 12, "workdays[0]")]
    assert "不在 2027 年内" in diags[0].message
    assert "晚于" in diags[1].message


def test_overlapping_blocks(monkeypatch):
    d = _only(errors_of("overlapping_blocks.yaml", monkeypatch))
    assert (d.line, d.col, d.path) == (5, 23, "holidays[1].from")
    assert "重叠" in d.message


def test_not_a_mapping_and_missing_keys(monkeypatch):
    d = _only(errors_of("not_mapping.yaml", monkeypatch))
    assert (d.line, d.col) == (1, 1) and "映射" in d.message
    diags = errors_of("missing_keys.yaml", monkeypatch)
    assert [d.code for d in diags] == ["IDEO020", "IDEO020"]
    assert "source" in diags[0].message and "holidays" in diags[1].message


def test_missing_file_is_located(tmp_path):
    missing = tmp_path / "2027.yaml"
    with pytest.raises(CalendarFileError) as info:
        build_calendar([missing])
    d = _only(_shown(info.value, "zh"))
    assert (d.line, d.col) == (1, 1)
    assert d.file == missing.as_posix()
    assert d.message.startswith("找不到日历文件")
    assert _shown(info.value, "en")[0].message.startswith("calendar file not found")


def test_gbk_file_keeps_loader_diagnostic(monkeypatch):
    monkeypatch.chdir(ROOT)
    with pytest.raises(CalendarFileError) as info:
        build_calendar([fix("gbk.yaml")])
    (d,) = _shown(info.value, "zh")
    assert d.severity is Severity.FATAL and d.code != "IDEO020"
    assert "GBK" in d.message
    assert "GBK" in _shown(info.value, "en")[0].message


def test_all_file_errors_reported_together(monkeypatch):
    monkeypatch.chdir(ROOT)
    with pytest.raises(CalendarFileError) as info:
        build_calendar([fix("year_3000.yaml"), fix("bad_date.yaml")])
    assert {d.file for d in info.value.diagnostics} == {fix("year_3000.yaml"), fix("bad_date.yaml")}


# --------------------------------------------------------------------------- speed


def test_adjust_is_fast():
    cal = build_calendar([EXAMPLE_2027])
    rng = random.Random(7)
    start = D(2025, 1, 1)
    days = [start + dt.timedelta(days=rng.randrange(4 * 365)) for _ in range(100_000)]
    t0 = time.perf_counter()
    for i, day in enumerate(days):
        cal.adjust(day, ("previous", "next", "keep")[i % 3])
    assert time.perf_counter() - t0 < 2.0
