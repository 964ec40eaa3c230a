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
