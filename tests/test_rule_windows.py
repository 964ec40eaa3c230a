"""Obligations must fall in the windows the documents set (digest §3)."""
from __future__ import annotations

from pathlib import Path

from helpers import run_ideo, variant

REPORT = "    频次: 每半年\n    留痕: [书面报告]\n    报送: [县委]"


def findings(path: Path) -> list[dict]:
    import json

    run = run_ideo("check", "--format", "json", "--today", "2026-11-22", path)
    return [d for f in json.loads(run.out)["files"] for d in f["diagnostics"]], run.code


def test_half_yearly_report_due_15_january_fails(tmp_path: Path) -> None:
    # 每半年汇报，但截止写成“期满后 15 天”：下半年的汇报到次年 1月15日 才到期
    plan = variant(tmp_path, "late.yaml", (REPORT, "    频次: 每半年\n    截止: {期满后天数: 15}\n    留痕: [书面报告]\n    报送: [县委]"))
    found, code = findings(plan)
    assert code == 1
    # one cause, one finding: the due rule, with both late periods in its message
    late = [d for d in found if d["code"] == "IDEO205"]
    assert len(late) == 1 and late[0]["path"] == "obligations[5].due"
    assert "2026H1 的到期日 2026-07-15 晚于该周期末日 2026-06-30" in late[0]["message"]
    assert "2026H2 的到期日 2027-01-15" in late[0]["message"]
    # the help says what to fix, not "add an O5 item" (it exists)
    assert "添加" not in late[0]["help"] and "截止" in late[0]["help"]


def test_half_yearly_report_by_period_end_passes(tmp_path: Path) -> None:
    plan = variant(tmp_path, "ok.yaml", (REPORT, "    频次: 每半年\n    截止: {月: 末, 日: 25}\n    留痕: [书面报告]\n    报送: [县委]"))
    found, code = findings(plan)
    assert code == 0 and not [d for d in found if d["code"] == "IDEO205"]


def test_inspection_after_year_end_fails(tmp_path: Path) -> None:
    # 年底前专题督查，写成次年 1 月才完成
    plan = variant(tmp_path, "inspection.yaml", ("    截止: {月: 12, 日: 10}\n    留痕: [督查通报, 整改清单]", "    截止: {期满后天数: 20}\n    留痕: [督查通报, 整改清单]"))
    found, code = findings(plan)
    assert code == 1
    assert [d["code"] for d in found if d["path"].startswith("obligations[6]")] == ["IDEO207"]


def test_unresolvable_due_rule_is_explained_once_not_counted(tmp_path: Path) -> None:
    # 截止 2月30日 不存在：报 IDEO303，而不是再误报“每年只有 0 次”（IDEO201）
    plan = variant(tmp_path, "feb30.yaml", ("    截止: {月: 末, 日: 20}\n    留痕: [会议纪要, 照片]", "    截止: {月: 2, 日: 30}\n    留痕: [会议纪要, 照片]"))
    found, code = findings(plan)
    assert code == 1
    at_topic_study = [d["code"] for d in found if d["path"].startswith("obligations[1]")]
    assert at_topic_study == ["IDEO303"]
    assert "2月没有 30 日" in next(d["message"] for d in found if d["code"] == "IDEO303")
