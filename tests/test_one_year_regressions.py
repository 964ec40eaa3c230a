"""Each defect of the one-pipeline issue, through the real entry point.

The commands used to compute a unit's year three ways; these are the places
where they told different stories.  Every test fails on the code before the
unit year (``ideo_cli/year``) and passes with it.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import REPO, run_ideo

TOWN_BRANCH = REPO / "plans" / "town-branch"
TOWN = REPO / "plans" / "xiaozhaiba-town"
DATED = ("--year", "2026", "--as-of", "2026-12-06")


def _copy(tmp_path: Path, source: Path = TOWN_BRANCH, name: str = "unit") -> Path:
    folder = tmp_path / name
    shutil.copytree(source, folder)
    return folder


def _status(folder: Path, cwd: Path, *extra) -> dict:
    run = run_ideo("status", folder, *DATED, "--format", "json", *extra, cwd=cwd)
    assert run.code in (0, 1), run
    return json.loads(run.out)


def test_status_carries_done_on_and_evidence_files_of_every_done_occurrence(tmp_path):
    summary = _status(_copy(tmp_path), tmp_path)
    done = [o for o in summary["occurrences"] if o["status"] in ("done", "done-late", "evidence-missing")]
    assert done, summary["counts"]
    for occ in done:
        assert occ["done_on"] and occ["record"]["file"].endswith("台账/2026.yaml") and occ["record"]["line"] > 0, occ
    assert any(occ["evidence_files"] for occ in done)
    for occ in summary["occurrences"]:
        if occ["status"] in ("pending", "in-progress", "overdue"):
            assert occ["done_on"] is None and occ["evidence_files"] == [] and occ["record"] is None
        if occ["status"] == "overdue":
            assert occ["days_late"] > 0


def test_status_and_html_carry_the_ledger_findings_check_reports(tmp_path):
    folder = _copy(tmp_path)
    evidence = sorted((folder / "佐证").rglob("*.txt"))[0]
    evidence.write_text("改过\n", encoding="utf-8")  # its sha256 no longer matches: IDEO705
    check = run_ideo("check", folder, "--as-of", "2026-12-06", "--format", "json", cwd=tmp_path)
    codes = [d["code"] for f in json.loads(check.out)["files"] for d in f["diagnostics"]]
    assert "IDEO705" in codes, check
    summary = _status(folder, tmp_path)
    assert sorted(d["code"] for d in summary["findings"]) == sorted(codes)
    html = run_ideo("html", folder, *DATED, "-o", tmp_path / "site", cwd=tmp_path)
    assert html.code in (0, 1), html
    page = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html"))
    assert "IDEO705" in page


@pytest.mark.parametrize("command", ["todo", "score", "status", "rollup", "html", "ledger", "ics"])
def test_a_ledger_that_cannot_be_read_stops_every_command_with_its_location(tmp_path, command):
    folder = _copy(tmp_path)
    ledger = folder / "台账" / "2026.yaml"
    ledger.write_bytes(ledger.read_text(encoding="utf-8").encode("gb18030"))
    args = {"todo": (), "score": ("--rubric", "sample"), "status": (), "rollup": (), "html": ("-o", tmp_path / "site"),
            "ledger": (), "ics": ("-o", tmp_path / "cal")}[command]
    dated = DATED if command not in ("ics",) else ("--year", "2026", "--as-of", "2026-12-06")
    run = run_ideo(command, folder, *dated, *args, cwd=tmp_path)
    assert run.code == 2, run
    assert "unit/台账/2026.yaml" in run.err and "Traceback" not in run.err, run
    assert not (tmp_path / "site").exists() and not (tmp_path / "cal").exists()


def test_the_rollup_cache_sees_a_deleted_evidence_file(tmp_path):
    folder = _copy(tmp_path)
    env = {"IDEO_CACHE_DIR": str(tmp_path / "cache"), "IDEO_NO_CACHE": None}
    first = run_ideo("status", folder, *DATED, "--format", "json", cwd=tmp_path, env=env)
    before = {(o["obligation"], o["period"]): o["status"] for o in json.loads(first.out)["occurrences"]}
    assert any((tmp_path / "cache").rglob("*.json")), "the summary was not cached"
    victim = next(o for o in json.loads(first.out)["occurrences"] if o["status"] == "done" and o["evidence_files"])
    (folder / victim["evidence_files"][0]).unlink()
    second = run_ideo("status", folder, *DATED, "--format", "json", cwd=tmp_path, env=env)
    after = {(o["obligation"], o["period"]): o["status"] for o in json.loads(second.out)["occurrences"]}
    assert after[(victim["obligation"], victim["period"])] == "evidence-missing"
    assert before[(victim["obligation"], victim["period"])] == "done"


CALENDAR_BLOCK = """
日历:
  - 年份: 2026
    来源: 县委办公室转发的节假日安排（测试用）
    放假:
      - {名称: 端午节, 起: 2026-06-17, 止: 2026-06-19}
      - {名称: 国庆节, 起: 2026-09-30, 止: 2026-10-08}
    调休上班: [2026-06-20]
"""


def test_a_plans_own_calendar_gives_todo_and_status_the_same_dates(tmp_path):
    folder = _copy(tmp_path)
    plan = folder / "计划.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + CALENDAR_BLOCK, encoding="utf-8")
    todo = run_ideo("todo", folder, *DATED, "--format", "json", cwd=tmp_path)
    assert todo.code == 0, todo
    dates = {(o["obligation"], o["period"]): o["due"] for o in json.loads(todo.out)}
    summary = _status(folder, tmp_path)
    assert dates == {(o["obligation"], o["period"]): o["due"] for o in summary["occurrences"]}
    plain = run_ideo("todo", _copy(tmp_path, name="plain"), *DATED, "--format", "json", cwd=tmp_path)
    assert dates != {(o["obligation"], o["period"]): o["due"] for o in json.loads(plain.out)}, "the block changed no date"


def test_a_plan_under_another_name_keeps_its_ledger(tmp_path):
    folder = _copy(tmp_path)
    (folder / "计划.yaml").rename(folder / "卫生院党支部计划.yaml")
    todo = run_ideo("todo", folder / "卫生院党支部计划.yaml", *DATED, "--format", "json", cwd=tmp_path)
    assert todo.code == 0, todo
    assert any(o["status"] == "done" for o in json.loads(todo.out)), "the ledger beside the plan was not read"
    summary = _status(folder, tmp_path)
    assert summary["counts"]["done"] > 0


def test_a_record_dated_after_the_as_of_date_is_not_done(tmp_path):
    folder = _copy(tmp_path)
    todo = run_ideo("todo", folder, "--year", "2026", "--as-of", "2026-05-29", "--format", "json", cwd=tmp_path)
    items = {(o["obligation"], o["period"]): o for o in json.loads(todo.out)}
    # member-checks 2026H1 was recorded on 2026-05-28, situation-analysis 2026H1 on 2026-05-31
    assert items[("member-checks", "2026H1")]["status"] in ("done", "done-late", "evidence-missing")
    assert items[("situation-analysis", "2026H1")]["status"] in ("in-progress", "pending")
    assert items[("situation-analysis", "2026H1")]["done_on"] is None


RECTIFICATION = """
整改:
  - 编号: commentators
    问题: 网络评论员队伍不健全
    措施: [补充评论员]
    负责人: {owner}
    期限: 2026-09-30
"""


def test_an_open_rectification_past_its_deadline_is_overdue_in_the_ledger_and_the_summary(tmp_path):
    folder = _copy(tmp_path)
    plan = folder / "计划.yaml"
    text = plan.read_text(encoding="utf-8")
    owner = text.split("人员:", 1)[1].split("编号:", 1)[1].split()[0]
    plan.write_text(text + RECTIFICATION.format(owner=owner), encoding="utf-8")
    summary = _status(folder, tmp_path)
    assert [(r["id"], r["status"], r["completed_on"]) for r in summary["rectifications"]] == [("commentators", "overdue", None)]
    ledger = run_ideo("ledger", folder, *DATED, "--format", "json", cwd=tmp_path)
    sections = {s["kind"]: s for s in json.loads(ledger.out)["units"][0]["sections"]}
    rows = sections["rectification"]["rows"]
    assert [(r["content"], r["status"]) for r in rows] == [("网络评论员队伍不健全", "overdue")]
    table = run_ideo("ledger", folder, *DATED, cwd=tmp_path)
    assert "网络评论员队伍不健全" in table.out and "已逾期" in table.out


def test_every_command_names_a_file_the_same_way_and_takes_as_of(tmp_path):
    folder = _copy(tmp_path)
    todo = run_ideo("todo", "unit", *DATED, "--format", "json", cwd=tmp_path)
    check = run_ideo("check", "unit", "--as-of", "2026-12-06", "--format", "json", cwd=tmp_path)
    score = run_ideo("score", "unit", *DATED, "--rubric", "sample", "--format", "json", cwd=tmp_path)
    status = _status(Path("unit"), tmp_path)
    plan = "unit/计划.yaml"
    assert {o["plan_file"] for o in json.loads(todo.out)} == {plan}
    assert plan in [f["file"] for f in json.loads(check.out)["files"]]
    assert json.loads(score.out)["scorecards"][0]["plan_file"] == plan
    assert status["unit"]["file"] == plan
    for command in ("todo", "ics", "ledger", "status", "rollup", "html", "score", "check"):
        helped = run_ideo(command, "--help", env={"COLUMNS": "200"})
        assert "--as-of" in helped.out and "--today" in helped.out, command
    assert (folder / "计划.yaml").exists()
