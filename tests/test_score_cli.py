"""`ideo score` through the real entry point: the sample rubric scores every
example unit, every deduction traceable; --assume; a vetoed unit; the xlsx
自查评分表 and the HTML page; bad input."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from helpers import REPO, assert_no_traceback, run_ideo

SAMPLE = Path("ideo_cli/data/rubrics/sample.yaml")
FIXTURES = Path("tests/fixtures/rubric")
BRANCH = Path("plans/town-branch")
NO_LEDGER = Path("plans/xiaozhaiba-community-branch")  # a branch that keeps no 台账 yet: every past item is missing
AS_OF = ("--year", 2026, "--as-of", "2026-12-01")
TRACEABLE_WITHOUT_OCCURRENCE = {"score.deduct.not-planned", "score.deduct.unscored", "score.deduct.manual"}


def score_json(*args):
    run = run_ideo("score", *args, "--format", "json")
    assert run.code == 0, run
    data = json.loads(run.out)
    assert (data["format"], data["version"]) == ("ideo-scorecards", 1)
    return data["scorecards"]


def test_sample_scores_every_example_unit_and_every_deduction_is_traceable():
    cards = score_json("plans/", "--rubric", SAMPLE, *AS_OF)
    units = sorted(p.parent.name for p in (REPO / "plans").glob("*/计划.yaml"))
    assert len(cards) == len(units) == 7
    todo = run_ideo("todo", "plans/", "--year", 2026, "--format", "json")
    uids = {o["uid"] for o in json.loads(todo.out)}
    for card in cards:
        assert 0 <= card["score"] <= 100 and card["grade"] in {"好", "较好", "一般", "差"}
        assert sum(i["points"] for i in card["items"]) == card["rubric"]["total"] == 100
        for item in card["items"]:
            assert item["citation"]["quote"], item
            assert item["awarded"] == pytest.approx(item["points"] - min(sum(d["points"] for d in item["deductions"]), item["points"]))
            for d in item["deductions"] + item["at_risk"]:
                if d["occurrence"] is not None:
                    assert d["occurrence"] in uids and d["due"] and d["status"], d  # a real occurrence of that plan
                elif d["finding"] is not None:
                    assert d["finding"].startswith(card["plan_file"] + ":"), d
                else:
                    assert d["reason_id"] in TRACEABLE_WITHOUT_OCCURRENCE, d  # the absence itself
                assert d["reason"] and "None" not in d["reason"], d


def test_a_shipped_rubric_is_named_by_its_name():
    assert score_json(BRANCH, "--rubric", "sample", *AS_OF) == score_json(BRANCH, "--rubric", SAMPLE, *AS_OF)


def test_assume_changes_the_score_as_expected():
    before = score_json(NO_LEDGER, "--rubric", SAMPLE, *AS_OF)[0]
    after = score_json(NO_LEDGER, "--rubric", SAMPLE, *AS_OF, "--assume", "topic-study:2026H1=done")[0]
    topic = lambda card: next(i for i in card["items"] if i["id"] == "topic-study")  # noqa: E731
    assert [d["period"] for d in topic(before)["deductions"]] == ["2026H1"]
    assert topic(after)["deductions"] == []
    assert after["score"] - before["score"] == 7.5  # the sample's 每缺一次扣 7.5
    # the Chinese status name works too, and the table marks the assumption
    late = score_json(NO_LEDGER, "--rubric", SAMPLE, *AS_OF, "--assume", "party-briefing:2026=逾期完成")[0]
    [d] = next(i for i in late["items"] if i["id"] == "party-briefing")["deductions"]
    assert (d["points"], d["status"], d["assumed"]) == (2, "done-late", True)
    assert d["reason"] == "在党内通报意识形态领域情况 2026（截止 2026-07-15）逾期完成"
    run = run_ideo("score", NO_LEDGER, "--rubric", SAMPLE, *AS_OF, "--assume", "party-briefing:2026=逾期完成")
    assert run.code == 0 and "【假设】" in run.out, run


@pytest.mark.parametrize(
    "value, words",
    [
        ("topic-study", "应写作 事项编号:周期=状态"),
        ("topic-study:2026H1=finished", "应写作 事项编号:周期=状态"),
        ("topic-study:2026Q9=done", "计划中没有这一次事项；可用：topic-study:2026H1, topic-study:2026H2"),
    ],
)
def test_bad_assumptions_are_usage_errors(value, words):
    run = run_ideo("score", BRANCH, "--rubric", SAMPLE, *AS_OF, "--assume", value)
    assert_no_traceback(run)
    assert run.code == 2 and words in run.err and run.out == "", run


def test_a_vetoed_unit_shows_the_veto_and_its_grade():
    args = (FIXTURES / "vetoed-unit", "--rubric", FIXTURES / "veto-finding.yaml", *AS_OF)
    [card] = score_json(*args)
    assert card["vetoed"] and card["loses_award"] and card["grade"] == "差"
    [veto] = [v for v in card["vetoes"] if v["triggered"]]
    assert veto["id"] == "topic-study-short" and veto["grade"] == "差"
    assert veto["causes"][0]["finding"] == "tests/fixtures/rubric/vetoed-unit/计划.yaml:41:9"
    run = run_ideo("score", *args)
    assert run.code == 0, run
    assert run.out.index("否决项（已触发 1 项）") < run.out.index("序号")
    assert "✗ 专题研究次数不足，一票否决" in run.out and "取消当年考核评优和评先资格" in run.out and "等次：差" in run.out


def test_table_fits_80_columns_and_english_works():
    run = run_ideo("score", NO_LEDGER, "--rubric", SAMPLE, *AS_OF, env={"COLUMNS": "80"})
    assert run.code == 0, run
    width = lambda line: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)  # noqa: E731
    assert max(width(line) for line in run.out.splitlines()) <= 80, run
    [card] = score_json(NO_LEDGER, "--rubric", SAMPLE, *AS_OF)  # the table says what the JSON says
    score = f"{card['score']:g}"
    assert run.out.splitlines()[-2].startswith(f"得分 {score} / 100（含加分 0），等次：{card['grade']}"), run
    english = run_ideo("score", NO_LEDGER, "--rubric", SAMPLE, *AS_OF, "--lang", "en")
    assert f"score {score} / 100 (bonus 0 included), grade: {card['grade']}" in english.out and "no record, overdue" in english.out, english


def test_xlsx_is_the_print_ready_self_assessment_sheet(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "自查评分表.xlsx"
    run = run_ideo("score", "plans/", "--rubric", SAMPLE, *AS_OF, "--format", "xlsx", "-o", out)
    assert run.code == 0 and out.is_file(), run
    book = load_workbook(out)
    assert len(book.sheetnames) == 7
    kept = book["XX村党支部"]  # the branch with a 台账: its evidence paths are the 佐证材料
    [topic] = [r for r in kept.iter_rows(min_row=3, values_only=True) if r[1] == "党组织专题研究意识形态工作"]
    assert "佐证/2026/topic-study-2026H1.txt" in topic[6], topic
    sheet = book["XX社区党支部"]
    assert [c.value for c in sheet[2]] == ["序号", "考核项目", "计分方式", "分值", "自评得分", "扣分情况", "佐证材料", "依据"]
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
    assert sheet["B3"].font.name == "宋体" and "自查评分表" in sheet["A1"].value
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert rows[1][1] == "党组织专题研究意识形态工作" and rows[1][3:5] == (15, 7.5)
    assert "2026H1（截止 2026-06-05）无记录，已逾期" in rows[1][5]
    [card] = score_json(NO_LEDGER, "--rubric", SAMPLE, *AS_OF)  # the sheet's total is the score's
    assert rows[-1][1] == "合计" and rows[-1][4] == card["score"]
    again = tmp_path / "again.xlsx"
    run_ideo("score", "plans/", "--rubric", SAMPLE, *AS_OF, "--format", "xlsx", "-o", again)
    assert out.read_bytes() == again.read_bytes()  # SOURCE_DATE_EPOCH pins the stamps


def test_xlsx_needs_an_output_file():
    run = run_ideo("score", BRANCH, "--rubric", SAMPLE, *AS_OF, "--format", "xlsx")
    assert run.code == 2 and "--format xlsx 需要 -o" in run.err and run.out == "", run


def test_html_escapes_what_users_wrote(tmp_path):
    unit = tmp_path / "evil"
    unit.mkdir()
    text = (REPO / BRANCH / "计划.yaml").read_text(encoding="utf-8")
    (unit / "计划.yaml").write_text(text.replace("简称: XX村党支部", "简称: <script>alert(1)</script>村党支部", 1), encoding="utf-8")
    run = run_ideo("score", unit, "--rubric", SAMPLE, *AS_OF, "--format", "html")
    assert run.code == 0, run
    assert "<script>" not in run.out and "&lt;script&gt;alert(1)&lt;/script&gt;村党支部" in run.out
    assert run.out.startswith("<!DOCTYPE html>") and "size: A4 landscape" in run.out


def test_output_is_deterministic():
    first = run_ideo("score", "plans/", "--rubric", SAMPLE, *AS_OF, "--format", "json")
    second = run_ideo("score", "plans/", "--rubric", SAMPLE, *AS_OF, "--format", "json")
    assert first.out == second.out and first.code == 0


@pytest.mark.parametrize(
    "args, words",
    [
        ((BRANCH, "--rubric", "nowhere.yaml", *AS_OF), "nowhere.yaml:1:1"),
        ((BRANCH, "--rubric", BRANCH / "计划.yaml", *AS_OF), "不是考核细则文件"),
        ((BRANCH, *AS_OF), "--rubric"),
        ((BRANCH, "--rubric", SAMPLE, "--year", 2026, "--as-of", "12/01/2026"), "--as-of"),
        ((BRANCH, "--rubric", SAMPLE, "--year", 3000), "年份 3000 超出支持范围"),
    ],
)
def test_bad_input_is_a_located_message_and_exit_2(args, words):
    run = run_ideo("score", *args)
    assert_no_traceback(run)
    assert run.code == 2 and words in run.err and run.out == "", run


def test_a_folder_without_plans_is_a_usage_error(tmp_path):
    (tmp_path / "笔记.yaml").write_text("随手记: 1\n", encoding="utf-8")
    run = run_ideo("score", tmp_path, "--rubric", SAMPLE, *AS_OF)
    assert run.code == 2 and "没有找到计划文件（计划.yaml）" in run.err, run


# ---- the ledger's 评分 and event conclusions (issue 9 §1, §3)

OPINION_UNIT = FIXTURES / "opinion-vetoed-unit"
AS_OF_2027 = ("--year", 2027, "--as-of", "2027-12-31")


def test_an_event_record_concluded_as_mishandled_vetoes_the_unit():
    [card] = score_json(OPINION_UNIT, "--rubric", FIXTURES / "minimal.yaml", *AS_OF_2027)
    assert card["score"] == 16.5 and card["grade"] == "不合格" and card["vetoed"] and card["loses_award"]
    [veto] = [v for v in card["vetoes"] if v["triggered"]]
    assert veto["id"] == "opinion-mishandled" and veto["grade"] == "不合格"
    assert veto["causes"][0]["record"] == f"{OPINION_UNIT.as_posix()}/台账/2027.yaml:26"
    run = run_ideo("score", OPINION_UNIT, "--rubric", FIXTURES / "minimal.yaml", *AS_OF_2027)
    assert run.code == 0 and run.err == "", run
    assert "major-opinion（重大舆情）结论为“处置不力”" in run.out and "等次：不合格" in run.out


def test_the_assessor_score_in_the_ledger_outranks_the_self_score_and_is_cited():
    [card] = score_json(OPINION_UNIT, "--rubric", FIXTURES / "minimal.yaml", *AS_OF_2027)
    [item] = [i for i in card["items"] if i["id"] == "assessment"]
    assert item["awarded"] == 6.5 and item["scored_by"] == "assessor"
    [deduction] = item["deductions"]
    assert deduction["points"] == 3.5 and deduction["record"] == f"{OPINION_UNIT.as_posix()}/台账/2027.yaml:36"
    assert "县委宣传部考核组" in deduction["reason"] and "2027-12-20" in deduction["reason"]


def test_a_manual_item_scored_twice_or_out_of_range_is_located_in_the_ledger():
    unit = FIXTURES / "bad-scores-unit"
    run = run_ideo("score", unit, "--rubric", FIXTURES / "minimal.yaml", *AS_OF_2027)
    assert_no_traceback(run)
    ledger = f"{unit.as_posix()}/台账/2027.yaml"
    assert run.code == 1, run
    assert "IDEO961" in run.err and f"--> {ledger}:13:5" in run.err and f"（{ledger}:8）" in run.err
    assert "IDEO962" in run.err and "12 超出范围 0–10" in run.err and f"--> {ledger}:18:5" in run.err
    assert "综合评定" in run.out  # the scorecard is still printed, with the first self score
    english = run_ideo("score", unit, "--rubric", FIXTURES / "minimal.yaml", *AS_OF_2027, "--lang", "en")
    assert english.code == 1 and "IDEO962" in english.err and "Traceback" not in english.err


def test_a_score_record_with_an_unknown_role_is_a_located_ledger_error(tmp_path):
    import shutil

    unit = tmp_path / "unit"
    shutil.copytree(REPO / FIXTURES / "bad-scores-unit", unit)
    ledger = unit / "台账" / "2027.yaml"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("评分方: 考核组", "评分方: 上级"), encoding="utf-8")
    run = run_ideo("check", unit)
    assert_no_traceback(run)
    assert run.code != 0 and "2027.yaml:20" in run.err + run.out, run
