"""`ideo status`: each unit's small versioned summary (SUMMARY-FORMAT.md)."""
from __future__ import annotations

import json

from helpers import REPO, assert_no_traceback, run_ideo

BRANCH = REPO / "plans" / "town-branch"
ARGS = ["--year", "2027", "--as-of", "2027-07-15"]


def test_summary_shape():
    run = run_ideo("status", BRANCH, *ARGS, "--format", "json")
    assert_no_traceback(run)
    assert run.code == 0 and run.err == "", run
    summary = json.loads(run.out)
    assert list(summary) == ["ideo_status", "generator", "year", "as_of", "unit", "requires", "occurrences", "rectifications", "counts", "findings"]
    assert summary["ideo_status"] == 2 and summary["year"] == 2027 and summary["as_of"] == "2027-07-15"
    assert summary["unit"]["id"] == "xx-town-village-branch" and summary["unit"]["superior_id"] == "xiaozhaiba"
    first = summary["occurrences"][0]
    assert set(first) == {"obligation", "period", "title", "kind", "rule", "start", "due", "nominal_due", "provisional", "status", "owners", "evidence",
                          "evidence_files", "done_on", "days_late", "record"}
    # no ledger for 2027 yet: past due is overdue, inside the window in progress, later pending
    by_id = {(o["obligation"], o["period"]): o["status"] for o in summary["occurrences"]}
    assert by_id[("annual-plan", "2027")] == "overdue"
    assert by_id[("party-briefing", "2027")] == "in-progress"
    assert by_id[("training", "2027")] == "pending"
    assert sum(summary["counts"].values()) == len(summary["occurrences"])
    # the findings are those `ideo check` reports on the unit as of that day (its 2026 台账 included)
    check = json.loads(run_ideo("check", BRANCH, "--as-of", "2027-07-15", "--format", "json").out)
    assert sorted((d["code"], d["file"], d["line"]) for d in summary["findings"]) == sorted(
        (d["code"], d["file"], d["line"]) for f in check["files"] for d in f["diagnostics"])


def test_town_summary_states_what_it_requires():
    summary = json.loads(run_ideo("status", REPO / "plans" / "xiaozhaiba-town", *ARGS, "--format", "json").out)
    assert summary["requires"] == [{
        "id": "branch-self-inspection", "title": "各党总支、支部每半年开展意识形态工作专题自查，自查结果书面报镇党委", "kind": "O6",
        "applies_to": ["党总支", "党支部"], "recurrence": "half-yearly", "feeds": "report-to-county", "feeds_title": "向县委专题汇报意识形态工作",
    }]


def test_findings_are_data_with_citations(tmp_path):
    plan = tmp_path / "u" / "计划.yaml"
    plan.parent.mkdir()
    plan.write_text((BRANCH / "计划.yaml").read_text(encoding="utf-8").replace("频次: 每半年  # 二(一)4 “每年至少两次专题研究意识形态工作”", "频次: 每年"), encoding="utf-8")
    summary = json.loads(run_ideo("status", plan, *ARGS, "--format", "json").out)
    assert [f["code"] for f in summary["findings"]] == ["IDEO201"]
    finding = summary["findings"][0]
    assert finding["citation"]["document"] == "002" and "每年至少两次" in finding["citation"]["quote"]
    assert isinstance(finding["line"], int) and finding["severity"] == "error"


def test_table_line_per_unit():
    run = run_ideo("status", BRANCH, REPO / "plans" / "xiaozhaiba-town", *ARGS)
    assert run.code == 0, run
    lines = run.out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("小寨坝镇党委（xiaozhaiba）：") and "已逾期" in lines[0]
    english = run_ideo("status", BRANCH, *ARGS, "--lang", "en").out
    findings = len(json.loads(run_ideo("status", BRANCH, *ARGS, "--format", "json").out)["findings"])
    assert findings > 0  # the 2026 台账's findings as of 2027-07-15 (what `ideo check` says)
    assert english == f"XX村党支部 (xx-town-village-branch): 15 items; to do 8, in progress 1, overdue 6; {findings} findings\n"


def test_one_file_per_unit_into_a_folder(tmp_path):
    run = run_ideo("status", REPO / "plans", *ARGS, "--format", "json", "-o", tmp_path / "out")
    assert run.code == 0, run
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(names) == 7 and all(n.endswith(".status.json") for n in names)
    assert "已写入 7 个单位汇总文件到" in run.out


def test_bad_date_and_year():
    run = run_ideo("status", BRANCH, "--as-of", "2027-13-01")
    assert run.code == 2 and "--as-of" in run.err, run
    run = run_ideo("status", BRANCH, "--year", "3000")
    assert run.code == 2 and "年份 3000 超出支持范围" in run.err, run
    assert_no_traceback(run)
