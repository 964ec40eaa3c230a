"""Issue 10 §1: rules say what their sources say, no more and no less."""
from __future__ import annotations

import json
from pathlib import Path

from helpers import REPO, run_ideo, variant

SCHOOL = REPO / "plans" / "school-branch" / "计划.yaml"
STREET = REPO / "plans" / "street-working-committee" / "计划.yaml"
TOWN_BRANCH = REPO / "plans" / "town-branch" / "计划.yaml"


def findings(path: Path, *extra: str) -> tuple[list[dict], int]:
    # the example ledgers beside the plans hold work up to late November 2026 (IDEO715 before that)
    run = run_ideo("check", "--format", "json", "--today", "2026-12-01", *extra, path)
    return [d for f in json.loads(run.out)["files"] for d in f["diagnostics"]], run.code


def codes(path: Path, *extra: str) -> list[str]:
    return [d["code"] for d in findings(path, *extra)[0]]


def test_school_branch_without_self_inspection_passes():
    # 004 asks a school branch for its half-yearly written report, not for a self-inspection
    found, code = findings(SCHOOL)
    assert code == 0 and "IDEO206" not in [d["code"] for d in found]


def test_self_inspection_is_asked_by_its_profile(tmp_path):
    # 002's own branches choose branch-self-inspection; without an O6 item that fails
    plan = variant(tmp_path, "b.yaml", ("    类别: O6", "    类别: O4"), source=TOWN_BRANCH)
    assert "IDEO206" in codes(plan)
    assert "IDEO206" in codes(SCHOOL, "--profile", "branch-self-inspection")


def test_office_with_director_and_no_department_passes():
    # 003 篇二: “领导小组下设办公室，由陈玲琴同志兼任办公室主任” — no department named
    assert "IDEO106" not in codes(STREET)


def test_office_without_director_fails(tmp_path):
    plan = variant(tmp_path, "s.yaml", ("    主任: chenlq\n", ""), source=STREET)
    assert "IDEO106" in codes(plan)


def test_branch_leading_group_led_by_someone_else_fails(tmp_path):
    # 004: “党支部书记王庆彬同志任组长”
    plan = variant(tmp_path, "g.yaml", ("  组长: wangqb", "  组长: zhouty"), source=SCHOOL)
    found, code = findings(plan)
    hits = [d for d in found if d["code"] == "IDEO105"]
    assert code == 1 and len(hits) == 1 and hits[0]["path"] == "leading_group.leader"
    assert hits[0]["citation"]["document"] == "004"  # the source that speaks of branches


def test_direct_responsible_outside_the_leading_body_fails(tmp_path):
    # an office director who is not a leading-body member cannot be 直接责任人
    plan = variant(
        tmp_path, "d.yaml",
        ("    角色: [直接责任人, 班子成员]", "    角色: [班子成员]"),
        ("    角色: [舆情信息员]  # “设立舆情信息员", "    角色: [舆情信息员, 直接责任人]  # “设立舆情信息员"),
        source=SCHOOL,
    )
    found, _ = findings(plan)
    hits = [d for d in found if d["code"] == "IDEO103"]
    assert hits and "不是班子成员" in hits[0]["message"]


def test_online_commentators_are_as_firm_as_opinion_officers():
    run = run_ideo("rules", "--format", "json")
    rules = {r["code"]: r for r in json.loads(run.out)["rules"]}
    assert rules["IDEO807"]["severity"] == rules["IDEO806"]["severity"] == "error"
    assert "IDEO214" not in rules  # retired: it advised the reverse of 002's workflow


def test_every_rule_says_why_its_severity():
    from ideo_cli.rules.rulebook import Rulebook

    for code, rule in Rulebook().all_rules().items():
        word = {"error": ("错误", "error"), "warning": ("警告", "warning")}[rule.severity.value]
        assert f"严重程度为{word[0]}" in rule.local("why").zh, code
        assert f"Severity {word[1]}" in rule.local("why").en, code


def test_a_yearly_report_is_one_finding_not_two(tmp_path):
    # too rare is the cause; the empty first half-year is the same cause, not a second finding
    plan = variant(tmp_path, "y.yaml", ("    频次: 每半年\n    留痕: [书面报告]\n    报送: [县委]", "    频次: 每年\n    留痕: [书面报告]\n    报送: [县委]"))
    hits = [d for d in findings(plan)[0] if d["code"] == "IDEO205"]
    assert len(hits) == 1 and hits[0]["path"] == "obligations[5].recurrence"
