"""Issue 17, faithful rules (second pass), through the real entry point.

What one document asks is a profile (IDEO402); ledgers are judged as the documents
judge them (missing evidence after the deadline, early work, records from the
future); tree and rulebook messages say what is true and offer a did-you-mean;
help quotes values in the output language's vocabulary.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import REPO, assert_no_traceback, run_ideo

EXAMPLES = REPO / "ideo_cli" / "data" / "rulebooks" / "examples"
TOWN = REPO / "plans" / "xiaozhaiba-town" / "计划.yaml"
BRANCH = REPO / "plans" / "town-branch" / "计划.yaml"


def _codes(run) -> list[tuple[str, str]]:
    return [(d["code"], d["severity"]) for f in json.loads(run.out)["files"] for d in f["diagnostics"]]


def _copy(src: Path, dest: Path, *replacements: tuple[str, str]) -> Path:
    text = src.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8")
    return dest


# ── 1. IDEO402 is the lecture-approval profile, not baseline ─────────────────

def test_a_plan_from_002_without_prior_approval_checks_clean_on_the_baseline(tmp_path):
    """002 asks only to manage lectures (加强……管理): a plan without a 事前 approval step passes."""
    plan = _copy(EXAMPLES / "IDEO402" / "fail.yaml", tmp_path / "计划.yaml",
                 ("  规则集: [baseline, lecture-approval]  # 001 三(五)：讲座论坛事前审批", "  规则集: [baseline]"))
    run = run_ideo("check", plan, "--today", "2026-11-22")
    assert_no_traceback(run)
    assert (run.code, run.err) == (0, ""), run
    assert "IDEO402" not in run.out and "全部通过" in run.out


def test_a_plan_that_adopts_001s_procedure_must_state_it():
    run = run_ideo("check", EXAMPLES / "IDEO402" / "fail.yaml", "--today", "2026-11-22", "--format", "json")
    assert run.code == 1, run
    assert _codes(run) == [("IDEO402", "error")]
    explained = run_ideo("rule", "IDEO402")
    assert explained.code == 0 and "规则集：lecture-approval" in explained.out and "baseline" not in explained.out.split("为什么")[0]


# ── 2. required evidence: a warning before the deadline, an error after ───────

def _early_ledger(tmp_path: Path) -> Path:
    """The IDEO714 example cut before its records after 2026-06-15 (those would be from the future)."""
    (tmp_path / "IDEO700").mkdir()
    (tmp_path / "IDEO700" / "计划.yaml").write_bytes((EXAMPLES / "IDEO700" / "计划.yaml").read_bytes())
    text = (EXAMPLES / "IDEO714" / "fail.yaml").read_text(encoding="utf-8")
    cut = text.index("  - 事项: situation-analysis")
    (tmp_path / "IDEO714").mkdir()
    ledger = tmp_path / "IDEO714" / "2026.yaml"
    ledger.write_text(text[:cut], encoding="utf-8")
    return ledger


def test_missing_minutes_are_a_warning_before_the_deadline_and_an_error_after(tmp_path):
    # topic-study 2026H1 held 2026-06-12 without its 会议纪要, due 2026-06-18
    before = run_ideo("check", _early_ledger(tmp_path), "--today", "2026-06-15", "--format", "json")
    assert before.code == 0, before
    assert ("IDEO704", "warning") in _codes(before) and "IDEO714" not in [code for code, _ in _codes(before)]
    ledger = EXAMPLES / "IDEO714" / "fail.yaml"
    after = run_ideo("check", ledger, "--today", "2026-11-22")
    assert after.code == 1, after
    assert "IDEO714 [错误] 事项“topic-study”（2026H1）的截止日期 2026-06-18 已过，记录仍缺计划要求的佐证：会议纪要" in after.out
    assert "IDEO704" not in after.out
    english = run_ideo("check", ledger, "--today", "2026-11-22", "--lang", "en")
    assert "the deadline of 'topic-study' (2026H1), 2026-06-18, has passed and its record still lacks the evidence the plan requires" in english.out


# ── 3. early work inside its period is work done ──────────────────────────────

def test_work_inside_its_period_before_the_lead_time_is_no_finding():
    run = run_ideo("check", EXAMPLES / "IDEO706" / "pass.yaml", "--today", "2026-11-22")
    assert (run.code, run.err) == (0, ""), run
    assert "IDEO706" not in run.out  # topic-study 2026H2 held 2026-07-15, its window opens 2026-11-18


def test_a_date_before_the_period_is_still_a_finding():
    run = run_ideo("check", EXAMPLES / "IDEO706" / "fail-before-period.yaml", "--today", "2026-11-22", "--lang", "en")
    assert run.code == 0, run  # a warning
    assert "IDEO706 [warning] time 2026-06-25 is before period 2026H2 (from 2026-07-01): probably the wrong period" in run.out


# ── 4. a record from the future ────────────────────────────────────────────────

def test_a_record_dated_after_the_check_is_an_error():
    run = run_ideo("check", EXAMPLES / "IDEO715" / "fail.yaml", "--today", "2026-11-22")
    assert run.code == 1, run
    assert "IDEO715 [错误] 事项“party-briefing”（2026）的记录时间 2062-11-20 晚于检查日期 2026-11-22" in run.out
    assert "IDEO706" not in run.out  # reported once, not also as late


def test_the_same_record_is_fine_once_its_day_has_come():
    run = run_ideo("check", EXAMPLES / "IDEO715" / "pass.yaml", "--today", "2026-11-19", "--format", "json")
    assert ("IDEO715", "error") in _codes(run)  # held 2026-11-20: the day after this check
    run = run_ideo("check", EXAMPLES / "IDEO715" / "pass.yaml", "--today", "2026-11-20")
    assert (run.code, run.err) == (0, ""), run


# ── 5. an open rectification past its deadline is 已逾期 everywhere ──────────────

def _rectification_unit(tmp_path: Path, ledger: str) -> Path:
    """The example plan (整改 r2026-1, deadline 2026-10-20) with one of the IDEO716 ledgers beside it."""
    unit = tmp_path / "unit"
    _copy(EXAMPLES / "IDEO700" / "计划.yaml", unit / "计划.yaml")
    _copy(EXAMPLES / "IDEO716" / ledger, unit / "台账" / "2026.yaml", ("计划: ../IDEO700/计划.yaml", "计划: ../计划.yaml"))
    return unit


AS_OF_1122 = ("--year", "2026", "--as-of", "2026-11-22")


def test_an_open_rectification_past_its_deadline_is_an_error_with_its_quote():
    run = run_ideo("check", EXAMPLES / "IDEO716" / "fail.yaml", "--today", "2026-11-22")
    assert run.code == 1 and run.err == "", run
    assert "IDEO716 [错误] 整改项“r2026-1”（宣传栏内容更新不及时）期限 2026-10-20，截至 2026-11-22 未登记完成，已逾期 33 天" in run.out
    assert "“明确整改时限，把意识形态工作责任制问题整改抓紧、抓好、抓实”" in run.out
    english = run_ideo("check", EXAMPLES / "IDEO716" / "fail.yaml", "--today", "2026-11-22", "--lang", "en")
    assert "rectification 'r2026-1' (宣传栏内容更新不及时) was due by 2026-10-20 and has no completion recorded as of 2026-11-22: 33 days overdue" in english.out
    # before the deadline the same ledger is fine: the item is still 进行中
    early = run_ideo("check", EXAMPLES / "IDEO716" / "fail.yaml", "--today", "2026-10-20", "--format", "json")
    assert "IDEO716" not in {code for code, _ in _codes(early)}, early
    done = run_ideo("check", EXAMPLES / "IDEO716" / "pass.yaml", "--today", "2026-11-22")
    assert (done.code, done.err) == (0, ""), done


def test_the_todo_list_carries_the_overdue_rectification_until_it_is_done(tmp_path):
    unit = _rectification_unit(tmp_path, "fail.yaml")
    table = run_ideo("todo", unit, *AS_OF_1122, env={"COLUMNS": "120"})
    assert table.code == 0, table
    assert re.search(r"10月20日 周二\s+【已逾期】整改：宣传栏内容更新不及时\s+2026\s+李四\s+已逾期", table.out), table.out
    rows = json.loads(run_ideo("todo", unit, *AS_OF_1122, "--format", "json").out)
    [row] = [r for r in rows if r["kind"] == "整改"]
    assert (row["obligation"], row["status"], row["days_late"], row["done_on"], row["rule"]) == ("r2026-1", "overdue", 33, None, "IDEO716")
    # the next year's list still carries it while it is open
    later = json.loads(run_ideo("todo", unit, "--year", "2027", "--as-of", "2027-01-10", "--format", "json").out)
    assert [(r["obligation"], r["status"]) for r in later if r["kind"] == "整改"] == [("r2026-1", "overdue")]
    # --status 已逾期 keeps it; the English list names it a rectification
    overdue = run_ideo("todo", unit, *AS_OF_1122, "--status", "已逾期", "--lang", "en", env={"COLUMNS": "120"})
    assert "Rectification: 宣传栏内容更新不及时" in overdue.out, overdue
    # recorded as completed on time: 已完成, with its date, and no longer carried
    done_unit = _rectification_unit(tmp_path / "done", "pass.yaml")
    [row] = [r for r in json.loads(run_ideo("todo", done_unit, *AS_OF_1122, "--format", "json").out) if r["kind"] == "整改"]
    assert (row["status"], row["done_on"]) == ("done", "2026-10-15")
    later = json.loads(run_ideo("todo", done_unit, "--year", "2027", "--as-of", "2027-01-10", "--format", "json").out)
    assert [r for r in later if r["kind"] == "整改"] == []


def test_status_ledger_and_score_say_the_same_of_the_overdue_rectification(tmp_path):
    unit = _rectification_unit(tmp_path, "fail.yaml")
    summary = json.loads(run_ideo("status", unit, *AS_OF_1122, "--format", "json").out)
    assert [(r["id"], r["status"]) for r in summary["rectifications"]] == [("r2026-1", "overdue")]
    assert "IDEO716" in {d["code"] for d in summary["findings"]}
    ledger = json.loads(run_ideo("ledger", unit, *AS_OF_1122, "--format", "json").out)["units"][0]
    assert [row["status"] for s in ledger["sections"] if s["kind"] == "rectification" for row in s["rows"]] == ["overdue"]
    run = run_ideo("score", unit, *AS_OF_1122, "--rubric", "sample", "--format", "json")
    assert run.code == 0, run
    [card] = json.loads(run.out)["scorecards"]
    [item] = [i for i in card["items"] if i["method"] == "rectifications"]
    [lost] = item["deductions"]
    todo_uid = next(r["uid"] for r in json.loads(run_ideo("todo", unit, *AS_OF_1122, "--format", "json").out) if r["kind"] == "整改")
    assert (lost["obligation"], lost["status"], lost["points"], lost["occurrence"]) == ("r2026-1", "overdue", 2.5, todo_uid)
    assert item["awarded"] == 2.5 and "逾期 33 天仍未完成" in lost["reason"]
    # the half-year report says the same: overdue, with its deadline and days
    from docx import Document

    report = tmp_path / "汇报.docx"
    assert run_ideo("doc", "report", unit, "--year", "2026", "--period", "2026H2", "--as-of", "2026-11-22", "-o", report).code in (0, 1)
    text = "\n".join(p.text for p in Document(report).paragraphs)
    assert "整改事项“宣传栏内容更新不及时”（李四负责）期限2026年10月20日，已逾期33天，尚未完成。" in text, text
    # completed after the deadline: 逾期完成, 1 point, citing the completion record
    late = _rectification_unit(tmp_path / "late", "pass.yaml")
    ledger_file = late / "台账" / "2026.yaml"
    ledger_file.write_text(ledger_file.read_text(encoding="utf-8").replace("完成时间: 2026-10-15", "完成时间: 2026-10-28"), encoding="utf-8")
    [card] = json.loads(run_ideo("score", late, *AS_OF_1122, "--rubric", "sample", "--format", "json").out)["scorecards"]
    [item] = [i for i in card["items"] if i["method"] == "rectifications"]
    [lost] = item["deductions"]
    line = ledger_file.read_text(encoding="utf-8").splitlines().index("  - 整改: r2026-1") + 1
    assert (lost["status"], lost["points"]) == ("done-late", 1) and lost["record"].endswith(f"台账/2026.yaml:{line}"), lost


def test_assume_reaches_a_rectification(tmp_path):
    """score --assume ITEM:YEAR=STATUS: what if the 整改 item were done?"""
    unit = _rectification_unit(tmp_path, "fail.yaml")
    before = json.loads(run_ideo("score", unit, *AS_OF_1122, "--rubric", "sample", "--format", "json").out)["scorecards"][0]
    run = run_ideo("score", unit, *AS_OF_1122, "--rubric", "sample", "--format", "json", "--assume", "r2026-1:2026=已完成")
    assert run.code == 0, run
    after = json.loads(run.out)["scorecards"][0]
    item = lambda card: next(i for i in card["items"] if i["method"] == "rectifications")  # noqa: E731
    assert item(after)["deductions"] == [] and after["score"] - before["score"] == 2.5
    late = json.loads(run_ideo("score", unit, *AS_OF_1122, "--rubric", "sample", "--format", "json", "--assume", "r2026-1:2026=done-late").out)["scorecards"][0]
    [lost] = item(late)["deductions"]
    assert (lost["points"], lost["status"], lost["assumed"]) == (1, "done-late", True) and "None" not in lost["reason"], lost
    unknown = run_ideo("score", unit, *AS_OF_1122, "--rubric", "sample", "--assume", "r2026-9:2026=done")
    assert unknown.code == 2 and "r2026-1" in unknown.err, unknown  # the known ids, 整改 items among them


def rectification_rubric(tmp_path, measure: str):
    """A rubric extending the sample whose 整改 item has the measure ``measure`` (YAML flow text)."""
    rubric = tmp_path / "细则.yaml"
    rubric.write_text(
        "格式版本: 1\n文件类型: 考核细则\n编号: local\n名称: 本地细则\n继承: [sample]\n"
        f"考核项目:\n  - 编号: rectification\n    名称: 整改在期限内完成\n    分值: 5\n    整改: {measure}\n"
        "    依据: {文件: \"003\", 条款: \"篇九 整改方案(一)\", 原文: \"明确整改时限\"}\n", encoding="utf-8")
    return rubric


def test_a_misspelt_rectification_rate_offers_the_chinese_keys(tmp_path):
    rubric = rectification_rubric(tmp_path, "{每项逾期扣: 1}")
    run = run_ideo("score", BRANCH, "--rubric", rubric, *AS_OF_1122)
    assert run.code == 2 and "IDEO010" in run.err and "是不是想写“每项逾期完成扣”" in run.err, run  # the Chinese key, as for every other measure
    assert_no_traceback(run)


def test_a_rubric_rectification_item_needs_a_rate(tmp_path):
    rubric = rectification_rubric(tmp_path, "{}")
    run = run_ideo("score", BRANCH, "--rubric", rubric, *AS_OF_1122)
    assert run.code == 2 and "IDEO954" in run.err and "每项逾期未完成扣" in run.err, run
    assert_no_traceback(run)


# ── 6. tree messages ───────────────────────────────────────────────────────────

def test_a_cycle_does_not_claim_its_members_lack_a_superior(tmp_path):
    _copy(TOWN, tmp_path / "town" / "计划.yaml", ("  编号: xiaozhaiba\n", "  编号: xiaozhaiba\n  上级编号: xx-town-village-branch\n"))
    _copy(BRANCH, tmp_path / "branch" / "计划.yaml")
    for lang, wrong, right in (("zh", "也没有上级编号", "与其他单位成环（见 IDEO912）"), ("en", "no superior id either", "closes a cycle (see IDEO912)")):
        run = run_ideo("rollup", tmp_path, "--year", "2027", "--as-of", "2027-07-01", "--lang", lang)
        assert_no_traceback(run)
        assert run.code == 2 and run.out == "", run
        assert "IDEO913" in run.err and right in run.err and wrong not in run.err, run


def test_an_unknown_superior_offers_the_id_it_resembles(tmp_path):
    _copy(BRANCH, tmp_path / "branch" / "计划.yaml", ("上级编号: xiaozhaiba", "上级编号: xiaozhaiab"))
    _copy(TOWN, tmp_path / "town" / "计划.yaml")
    run = run_ideo("rollup", tmp_path, "--year", "2027", "--as-of", "2027-07-01")
    assert_no_traceback(run)
    assert run.code == 1, run
    assert "IDEO911" in run.err and "上级编号“xiaozhaiab”不是工作区中任何单位的编号；是不是想写“xiaozhaiba”？" in run.err
    assert "branch/计划.yaml:14:" in run.err
    assert "也没有上级编号" not in run.err and "在工作区中找不到（见 IDEO911）" in run.err


# ── 7. a user rulebook with a misspelt parameter ─────────────────────────────

def test_a_misspelt_rulebook_parameter_is_located_with_a_did_you_mean():
    rulebook = EXAMPLES / "IDEO011" / "fail-rulebook-param.yaml"
    run = run_ideo("check", rulebook)
    assert_no_traceback(run)
    assert run.code == 2, run
    assert "IDEO011" in run.out and "fail-rulebook-param.yaml:9:38" in run.out
    assert "检查函数 obligation_frequency 没有参数“min_per_yaer”；是不是想写“min_per_year”？" in run.out
    used = run_ideo("check", "--rulebook", rulebook, TOWN, "--lang", "en")
    assert used.code == 2, used
    assert "check obligation_frequency has no parameter 'min_per_yaer'; did you mean 'min_per_year'?" in used.both


def test_chinese_output_quotes_the_chinese_values(tmp_path):
    plan = _copy(EXAMPLES / "IDEO402" / "fail.yaml", tmp_path / "计划.yaml")
    run = run_ideo("check", plan, "--today", "2026-11-22")
    assert "IDEO402 [错误] “讲座论坛审批”应事前响应，计划写的是“及时”" in run.out, run
    english = run_ideo("check", plan, "--today", "2026-11-22", "--lang", "en")
    assert "'lecture-approval' calls for a 'before' response; the plan says 'promptly'" in english.out, english


def test_a_correct_user_rulebook_still_checks_clean(tmp_path):
    rulebook = _copy(EXAMPLES / "IDEO011" / "fail-rulebook-param.yaml", tmp_path / "county.yaml", ("min_per_yaer: 3}  # 错误：参数名拼错，应为 min_per_year", "min_per_year: 3}"))
    run = run_ideo("check", rulebook)
    assert (run.code, run.err) == (0, ""), run


# ── 8. help in English quotes English values ──────────────────────────────────

def test_english_help_on_an_english_plan_uses_english_values(tmp_path):
    plan = tmp_path / "plan.yaml"
    made = run_ideo("init", "--type", "党委", "--lang", "en", "-o", plan)
    assert made.code == 0, made
    text = plan.read_text(encoding="utf-8")
    start = text.index("  - id: topic-study")
    text = text[:start] + text[text.index("  - id: ", start + 5):]
    start = text.index("  - id: major-opinion")
    text = text[:start] + text[text.index("  - id: ", start + 5):]
    text = text.replace("roles: [secretary, first-responsible, member]", "roles: [secretary, member]")
    plan.write_text(text, encoding="utf-8")
    run = run_ideo("check", plan, "--lang", "en", "--today", "2026-11-22")
    assert run.code == 1, run
    assert "IDEO201" in run.out and "recurrence half-yearly" in run.out
    assert "IDEO101" in run.out and "nobody holds the role first-responsible" in run.out and "add first-responsible to the roles" in run.out
    assert "IDEO401 [error] no procedure declared for 'major-opinion'" in run.out
    assert "add an event of kind major-opinion with response immediately" in run.out.lower()
    helps = [line for line in run.out.splitlines() if line.strip().startswith("= help:") and "placeholder" not in line and "Replace the organisation" not in line]
    assert len(helps) == 4, run  # IDEO101, IDEO104 (the member's portfolio), IDEO201, IDEO401 (IDEO108: init's placeholders, not counted)
    for line in helps:  # the citations stay verbatim Chinese; the help quotes the plan's English values
        assert not re.search(r"[\u4e00-\u9fff]", line), line
