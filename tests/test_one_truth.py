"""One truth: every command tells the same story about a unit's year.

A hypothesis property test builds units from the example 党支部 (plans/town-branch)
with generated changes to its plan and 台账 — records done late, done early in
their period, dated after the as-of date; evidence deleted or altered; an open
整改 item past its deadline; the plan under another file name; a plan with its
own ``日历:`` block; a 台账 saved as GBK — and runs ``todo``, ``ics``, ``status``,
``ledger``, ``score``, ``html`` and ``check`` through the real entry point.
They must agree on every due date, status, done-on date, evidence file and
finding, and a 台账 that cannot be read must stop every one of them (exit 2,
located), never be skipped.

``IDEO_TRUTH_EXAMPLES`` raises the number of generated units (default 6).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from icalendar import Calendar
from hypothesis import strategies as st

from tests.helpers import REPO, run_ideo

BASE = REPO / "plans" / "town-branch"
AS_OF = "2026-12-06"
EXAMPLES = int(os.environ.get("IDEO_TRUTH_EXAMPLES", "6"))

RECORD_DATE = re.compile(r"^(    时间: )(\S+.*)$", re.M)

CALENDAR_BLOCK = """
日历:
  - 年份: 2026
    来源: 县委办公室转发的节假日安排（测试用，与官方不同）
    放假:
      - {名称: 元旦, 起: 2026-01-01, 止: 2026-01-03}
      - {名称: 春节, 起: 2026-02-15, 止: 2026-02-23}
      - {名称: 清明节, 起: 2026-04-04, 止: 2026-04-06}
      - {名称: 劳动节, 起: 2026-05-01, 止: 2026-05-05}
      - {名称: 端午节, 起: 2026-06-17, 止: 2026-06-19}
      - {名称: 中秋节, 起: 2026-09-25, 止: 2026-09-27}
      - {名称: 国庆节, 起: 2026-09-30, 止: 2026-10-08}
    调休上班: [2026-01-04, 2026-02-14, 2026-02-28, 2026-05-09, 2026-09-20, 2026-10-10]
"""

RECTIFICATION_BLOCK = """
整改:
  - 编号: open-item
    问题: 网络评论员队伍不健全
    措施: [补充评论员, 开展培训]
    负责人: {owner}
    期限: 2026-09-30
"""


@st.composite
def unit_changes(draw):
    return {
        "record_shifts": draw(st.lists(st.sampled_from(["keep", "late", "early", "future"]), min_size=6, max_size=6)),
        "drop_evidence": draw(st.booleans()),
        "tamper_evidence": draw(st.booleans()),
        "plan_name": draw(st.sampled_from(["计划.yaml", "卫生院党支部计划.yaml", "plan.yaml"])),
        "calendar_block": draw(st.booleans()),
        "open_rectification": draw(st.booleans()),
        "gbk_ledger": draw(st.integers(min_value=0, max_value=9)) == 0,
    }


def _shift(text: str, how: str) -> str:
    day = dt.date.fromisoformat(text[:10])
    if how == "late":
        day = dt.date(day.year, 12, 1) if day.month <= 6 else dt.date(day.year + 1, 1, 5)
    elif how == "early":
        day = dt.date(day.year, 1 if day.month <= 6 else 7, 2)
    elif how == "future":
        day = dt.date(2026, 12, 20)
    return day.isoformat() + text[10:]


def make_unit(root: Path, changes: dict) -> Path:
    folder = root / "unit"
    shutil.copytree(BASE, folder)
    plan = folder / "计划.yaml"
    text = plan.read_text(encoding="utf-8")
    if changes["calendar_block"]:
        text += CALENDAR_BLOCK
    if changes["open_rectification"]:
        owner = re.search(r"^\s+- 编号: (\S+)", text.split("人员:", 1)[1], re.M).group(1)
        text += RECTIFICATION_BLOCK.format(owner=owner)
    plan.write_text(text, encoding="utf-8")
    if changes["plan_name"] != "计划.yaml":
        plan.rename(folder / changes["plan_name"])
    ledger = folder / "台账" / "2026.yaml"
    shifts = iter(changes["record_shifts"])
    body = RECORD_DATE.sub(lambda m: m.group(1) + _shift(m.group(2), next(shifts, "keep")), ledger.read_text(encoding="utf-8"))
    evidence = sorted((folder / "佐证").rglob("*.txt"))
    if changes["drop_evidence"] and evidence:
        evidence[0].unlink()
    if changes["tamper_evidence"] and len(evidence) > 1:
        evidence[-1].write_text("改过的内容\n", encoding="utf-8")
    if changes["gbk_ledger"]:
        ledger.write_bytes(body.encode("gb18030"))
    else:
        ledger.write_text(body, encoding="utf-8")
    return folder


def _json(run) -> object:
    assert run.code in (0, 1), run
    return json.loads(run.out)


def _occurrence_facts(items) -> dict:
    return {(o["obligation"], o["period"]): (o["due"], o["status"], o.get("done_on"), tuple(o.get("evidence_files") or ())) for o in items}


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, phases=(Phase.explicit, Phase.generate), report_multiple_bugs=False, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(changes=unit_changes())
def test_every_command_tells_the_same_truth(tmp_path_factory, changes):
    root = tmp_path_factory.mktemp("truth")
    folder = make_unit(root, changes)
    dated = ("--year", "2026", "--as-of", AS_OF)
    runs = {
        "todo": run_ideo("todo", folder, *dated, "--format", "json", cwd=root),
        "status": run_ideo("status", folder, *dated, "--format", "json", cwd=root),
        "ledger": run_ideo("ledger", folder, *dated, "--format", "json", cwd=root),
        "score": run_ideo("score", folder, *dated, "--rubric", "sample", "--format", "json", cwd=root),
        "check": run_ideo("check", folder, "--as-of", AS_OF, "--format", "json", cwd=root),
        "html": run_ideo("html", folder, *dated, "-o", root / "site", cwd=root),
        "ics": run_ideo("ics", folder, *dated, "-o", root / "calendars", cwd=root),
    }
    if changes["gbk_ledger"]:
        # a 台账 that cannot be read is never skipped: every command stops, located
        for name, run in runs.items():
            assert run.code == 2, (name, run)
            assert "台账/2026.yaml" in run.err or "台账/2026.yaml" in run.out, (name, run)
            assert "Traceback" not in run.err
        return
    todo_rows = _json(runs["todo"])
    todo = _occurrence_facts(r for r in todo_rows if r["kind"] != "整改")
    summary = _json(runs["status"])
    status = _occurrence_facts(summary["occurrences"])
    assert todo == status, "todo and status disagree"
    # a 整改 item is a to-do row (kind 整改) with the state the summary, the 台账 and the score give it
    todo_rect = {r["obligation"]: (r["due"], r["status"], r["done_on"], r["days_late"]) for r in todo_rows if r["kind"] == "整改"}
    summary_rect = {r["id"]: (r["deadline"], r["status"], r["completed_on"], r["days_late"]) for r in summary["rectifications"] if (r["deadline"] or "")[:4] == "2026"}
    assert todo_rect == summary_rect, "todo and status disagree on the rectifications"
    # the calendar holds one event per to-do row due in the year (整改 deadlines too), on the
    # same date, and a row settled in the 台账 is marked and keeps no reminder
    assert runs["ics"].code in (0, 1), runs["ics"]
    events = [e for f in sorted((root / "calendars").glob("*.ics")) for e in Calendar.from_ical(f.read_bytes()).walk("VEVENT")]
    in_year = {r["uid"]: r for r in todo_rows if r["due"].startswith("2026")}
    assert {str(e["UID"]): e.decoded("DTSTART").isoformat() for e in events} == {uid: r["due"] for uid, r in in_year.items()}, "todo and ics disagree"
    for event in events:
        row = in_year[str(event["UID"])]
        settled = row["status"] in ("done", "done-late", "waived")
        assert str(event["SUMMARY"]).startswith("【已完成】") == (row["status"] == "done"), (event["SUMMARY"], row["status"])
        assert (not list(event.walk("VALARM"))) == (settled or not row["reminders"]), (event["UID"], row["status"])
    as_of = dt.date.fromisoformat(AS_OF)
    for (obligation, period), (due, code, done_on, files) in status.items():
        if done_on is not None:
            assert dt.date.fromisoformat(done_on) <= as_of, "a record after the as-of date counted as done"
            assert code in ("done", "done-late", "evidence-missing")
        else:
            assert not files and code in ("pending", "in-progress", "overdue", "waived")
    # the 台账 shows every occurrence due in the year with the same status, and open 整改 items
    ledger = _json(runs["ledger"])["units"][0]
    rows = [row for section in ledger["sections"] if section["kind"] not in ("events", "rectification", "accountability") for row in section["rows"]]
    assert Counter(r["status"] for r in rows) == Counter(code for (due, code, _, _) in status.values() if due.startswith("2026"))
    rect_rows = [row for section in ledger["sections"] if section["kind"] == "rectification" for row in section["rows"]]
    assert Counter(r["status"] for r in rect_rows) == Counter(r["status"] for r in summary["rectifications"] if (r["deadline"] or "2026")[:4] <= "2026" or r["completed_on"])
    if changes["open_rectification"]:
        assert [r["status"] for r in summary["rectifications"] if r["id"] == "open-item"] == ["overdue"]
        assert todo_rect["open-item"][1] == "overdue"
    # the score cites each occurrence with the status the others show
    card = _json(runs["score"])["scorecards"][0]
    by_uid = {o["uid"]: o for o in _json(runs["todo"])}
    for item in card["items"]:
        for deduction in item["deductions"] + item["at_risk"]:
            if deduction["occurrence"] and not deduction["assumed"]:
                occ = by_uid[deduction["occurrence"]]
                assert deduction["status"] == occ["status"], (item["id"], deduction)
    lost = [d for item in card["items"] if item["method"] == "rectifications" for d in item["deductions"]]
    assert [d["obligation"] for d in lost] == (["open-item"] if changes["open_rectification"] else [])
    # findings: what `ideo check` reports is what the summary carries
    report = _json(runs["check"]) if runs["check"].code in (0, 1) else None
    assert report is not None, runs["check"]
    checked = sorted((d["code"], d["line"]) for f in report["files"] for d in f["diagnostics"])
    carried = sorted((d["code"], d["line"]) for d in summary["findings"])
    assert checked == carried, "check and status disagree on the findings"
    assert ("IDEO716" in {code for code, _ in checked}) == changes["open_rectification"], "an overdue 整改 item is a finding"
    # the HTML unit page shows each done-on date and links each evidence file
    assert runs["html"].code in (0, 1), runs["html"]
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (root / "site").rglob("*.html"))
    for (_, _, done_on, files) in status.values():
        if done_on:
            assert done_on in pages
        for name in files:
            assert Path(name).name in pages
