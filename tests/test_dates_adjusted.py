"""Issue 10 §2: dates after the working-day move — windows, year boundaries, provisional marks."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from helpers import REPO, run_ideo, variant

from ideo_cli.formats.plan.load import load_plan
from ideo_cli.rules.rulebook import Rulebook
from ideo_cli.rules.serving import annotate
from ideo_cli.schedule.expand import DateRange, expand_plan
from ideo_cli.workcal import build_calendar

TOWN = REPO / "plans" / "xiaozhaiba-town" / "计划.yaml"
BRANCH = REPO / "plans" / "town-branch" / "计划.yaml"
REPORT = "    频次: 每半年\n    留痕: [书面报告]\n    报送: [县委]"


def check(path: Path, today: str) -> tuple[list[dict], int]:
    run = run_ideo("check", "--format", "json", "--today", today, path)
    return [d for f in json.loads(run.out)["files"] for d in f["diagnostics"]], run.code


def test_next_working_day_move_out_of_june_is_a_finding(tmp_path):
    # 顺延: 30 June 2024 is a Sunday, so the half-yearly report falls on 1 July — outside “6月和12月底前”
    plan = variant(tmp_path, "shunyan.yaml", (REPORT, REPORT + "\n    遇节假日: 顺延"))
    found, code = check(plan, "2024-03-01")
    hits = [d for d in found if d["code"] == "IDEO205"]
    assert code == 1 and len(hits) == 1
    assert "2024-06-30" in hits[0]["message"] and "2024-07-01" in hits[0]["message"]
    assert hits[0]["path"] == "obligations[5].adjust"
    assert "提前" in hits[0]["help"]


def test_the_next_year_is_checked_too(tmp_path):
    # reference year 2021: its dates are working days, but 31 December 2022 (a Saturday
    # before 元旦) moves to 3 January 2023 — the plan is used in 2022 too
    plan = variant(tmp_path, "shunyan.yaml", (REPORT, REPORT + "\n    遇节假日: 顺延"))
    found, _ = check(plan, "2021-03-01")
    assert [d["message"].count("2023-01-03") for d in found if d["code"] == "IDEO205"] == [1]


def test_previous_working_day_stays_in_the_window(tmp_path):
    found, _ = check(TOWN, "2024-03-01")
    # the plan itself is clean (its 2026 台账, checked beside it, is in the future of 2024: IDEO715)
    assert not [d for d in found if d["code"] == "IDEO205" or d["file"].endswith("计划.yaml")]


def _expand(path: Path, first: dt.date, last: dt.date, *replacements, tmp_path=None):
    source = variant(tmp_path, "p.yaml", *replacements, source=path) if replacements else path
    loaded = load_plan(source)
    found = expand_plan(loaded, build_calendar([], []), DateRange(first, last))
    found = annotate(found, loaded.plan, Rulebook().resolve(tuple(loaded.plan.organisation.profiles)))
    return found


def test_year_end_moved_into_january_stays_in_its_year_marked(tmp_path):
    # 31 December 2023 is a Sunday and 1 January 2024 a holiday: 顺延 gives 2 January 2024
    found = _expand(TOWN, dt.date(2023, 1, 1), dt.date(2023, 12, 31), (REPORT, REPORT + "\n    遇节假日: 顺延"), tmp_path=tmp_path)
    h2 = [o for o in found if o.obligation == "report-to-county" and o.period == "2023H2"]
    assert len(h2) == 1
    assert h2[0].due == dt.date(2024, 1, 2) and h2[0].moved_from == dt.date(2023, 12, 31) and h2[0].crosses_year


def test_todo_shows_where_a_date_moved_across_the_year(tmp_path):
    plan = variant(tmp_path, "p.yaml", (REPORT, REPORT + "\n    遇节假日: 顺延"))
    run = run_ideo("todo", plan, "--year", "2023", "--format", "json")
    items = [o for o in json.loads(run.out) if o["obligation"] == "report-to-county" and o["period"] == "2023H2"]
    assert run.code == 0 and items and items[0]["crosses_year"] is True and items[0]["moved_from"] == "2023-12-31"
    assert items[0]["title"] == "向县委专题汇报意识形态工作"  # json keeps the user's title; the mark is the table's
    table = run_ideo("todo", plan, "--year", "2023", "--month", "12", env={"COLUMNS": "200"})
    assert "跨年" in table.out, table.out


def test_keep_in_a_year_without_official_calendar_is_provisional(tmp_path):
    found = _expand(TOWN, dt.date(2027, 1, 1), dt.date(2027, 12, 31), (REPORT, REPORT + "\n    遇节假日: 不调整"), tmp_path=tmp_path)
    report = [o for o in found if o.obligation == "report-to-county"]
    assert report and all(o.provisional for o in report)
    kept_2026 = _expand(TOWN, dt.date(2026, 1, 1), dt.date(2026, 12, 31), (REPORT, REPORT + "\n    遇节假日: 不调整"), tmp_path=tmp_path)
    assert not any(o.provisional for o in kept_2026 if o.obligation == "report-to-county")


def test_footer_names_next_years_source_when_a_date_depends_on_it(tmp_path):
    # the working day before 元旦 2027 is in December 2026; its date depends on the 2027 calendar
    plan = variant(tmp_path, "h.yaml", ("\n事件:\n", """
  - 编号: pre-holiday
    标题: 节前意识形态形势研判
    类别: O3
    负责人: chenlin
    频次: 节假日前
    截止: {节前工作日: 1}
    留痕: [研判记录]

事件:
"""))
    run = run_ideo("todo", plan, "--from", "2026-12-01", "--to", "2026-12-31")
    assert run.code == 0
    assert "2027 年：按周末和法定节日推算，暂定（holidays" in run.out and "2026 年：国务院办公厅节假日安排（chinese-calendar" in run.out


def test_citation_comes_from_a_rule_for_that_organisation_type():
    branch = _expand(BRANCH, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    # IDEO207 (inspection of subordinate units) applies to committees only
    assert not any(o.rule == "IDEO207" for o in branch)
    report = next(o for o in branch if o.kind == "O5")
    assert report.rule == "IDEO205" and report.citation.document in ("000", "001")
    town = _expand(TOWN, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    county = next(o for o in town if o.obligation == "report-to-county")
    assert "上级党委" in county.citation.quote or "上级党组织" in county.citation.quote


def test_an_obligation_may_carry_its_own_basis(tmp_path):
    basis = REPORT + "\n    依据: {文件: 息烽县委办〔2027〕3号, 条款: 二(一), 原文: 每半年向县委书面报告一次}"
    found = _expand(TOWN, dt.date(2026, 1, 1), dt.date(2026, 12, 31), (REPORT, basis), tmp_path=tmp_path)
    report = next(o for o in found if o.obligation == "report-to-county")
    assert report.rule == "IDEO205" and report.citation.document == "息烽县委办〔2027〕3号"
    plan = variant(tmp_path, "b.yaml", (REPORT, basis))
    run = run_ideo("todo", plan, "--year", "2026", "--format", "markdown")
    assert "息烽县委办〔2027〕3号 二(一) “每半年向县委书面报告一次”" in run.out


WEEKLY = """
  - 编号: wednesday-class
    标题: 营养星期三·学习小讲堂
    类别: 其他
    负责人: chenlin
    频次: "FREQ=WEEKLY;BYDAY=WE"
    遇节假日: 不调整
    节假日跳过: true
    留痕: [签到表]
"""


def test_weekly_activity_skips_holidays(tmp_path):
    plan = variant(tmp_path, "w.yaml", ("\n事件:\n", WEEKLY + "\n事件:\n"))
    loaded = load_plan(plan)
    found = [o for o in expand_plan(loaded, build_calendar([], []), DateRange.year(2026)) if o.obligation == "wednesday-class"]
    dates = {o.due for o in found}
    assert dt.date(2026, 2, 18) not in dates  # 春节 2026
    assert dt.date(2026, 10, 7) not in dates  # 国庆节 2026
    assert dt.date(2026, 2, 25) in dates and len(found) < 52


def test_traditional_festivals_and_dated_nodes(tmp_path):
    plan = variant(tmp_path, "f.yaml", ("\n事件:\n", """
  - 编号: pre-festival
    标题: 节前意识形态领域风险研判
    类别: O3
    负责人: chenlin
    频次: 节假日前
    截止: {节前工作日: 2}
    传统节日: [元宵节, 重阳节, 中秋节]
    时间节点:
      - {名称: 建党节, 日期: "07-01"}
      - {名称: 县庆, 日期: 2026-09-20}
    留痕: [研判记录]

事件:
"""))
    loaded = load_plan(plan)
    found = [o for o in expand_plan(loaded, build_calendar([], []), DateRange.year(2026)) if o.obligation == "pre-festival"]
    by_holiday = {o.holiday: o for o in found}
    assert by_holiday["元宵节"].nominal_due < dt.date(2026, 3, 3)  # 元宵节 2026 is 3 March
    assert by_holiday["重阳节"].due < dt.date(2026, 10, 18)
    assert by_holiday["建党节"].due == dt.date(2026, 6, 29)  # two working days before 1 July
    assert by_holiday["县庆"].due == dt.date(2026, 9, 17)
    assert len([o for o in found if o.holiday == "中秋节"]) == 1  # statutory already, not twice
    run = run_ideo("todo", plan, "--year", "2026", "--month", "2", "--lang", "en", env={"COLUMNS": "200"})
    assert "(before Lantern Festival)" in run.out


RECTIFICATION = """
整改:
  - 编号: r2026-1
    问题: 网络阵地管理台账不全
    措施: [建立微信群、公众号台账]
    负责人: yangshixiong
    共同负责人: [{co}]
    期限: 2026-12-20
"""


def test_rectification_with_several_owners_and_posts_and_report_mode(tmp_path):
    plan = variant(tmp_path, "r.yaml", (REPORT, REPORT + "\n    汇报方式: 书面"), append=RECTIFICATION.format(co="chenlin"))
    found, code = check(plan, "2026-11-22")
    assert code == 0, found
    loaded = load_plan(plan)
    assert loaded.plan.rectifications[0].co_owners == ["chenlin"]
    assert next(o for o in loaded.plan.obligations if o.id == "report-to-county").report_mode == "书面"
    bad = variant(tmp_path, "r2.yaml", append=RECTIFICATION.format(co="nobody"))
    found, code = check(bad, "2026-11-22")
    assert code == 1 and any(d["code"] == "IDEO301" and d["path"].startswith("rectifications[0].co_owners") for d in found)


def test_leading_group_members_by_post(tmp_path):
    plan = variant(tmp_path, "m.yaml", ("  副组长: [yangshixiong]", "  副组长: [yangshixiong]\n  成员职务: [各村（社区）书记]"))
    found, code = check(plan, "2026-11-22")
    assert code == 0
    assert load_plan(plan).plan.leading_group.member_posts == ["各村（社区）书记"]


def test_todo_and_ics_warn_when_a_moved_date_leaves_its_window(tmp_path):
    plan = variant(tmp_path, "shunyan.yaml", (REPORT, REPORT + "\n    遇节假日: 顺延"))
    run = run_ideo("todo", plan, "--year", "2024")
    assert run.code == 0 and "2024-07-01" in run.err and "IDEO205" in run.err and "警告" in run.err
    run = run_ideo("ics", plan, "--year", "2024", "-o", tmp_path / "out", "--lang", "en")
    assert run.code == 0 and "warning:" in run.err and "2024-07-01" in run.err
