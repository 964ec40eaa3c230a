"""Excel in, Excel out: the to-do workbook shows what the ledger holds, and
`ideo record --from 待办.xlsx` takes back the rows a clerk filled.

Files filled with openpyxl and re-saved by LibreOffice headless (as WPS/Excel
would save them); a cell that cannot be used is a located error and nothing is
written; all the records go in as one transaction.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from helpers import REPO, run_ideo
from support.terminal import Session

EPOCH_DEC_1 = {"SOURCE_DATE_EPOCH": "1796083200"}  # 2026-12-01
UNIT_ID = "xx-town-village-branch"


@pytest.fixture
def work(tmp_path) -> Path:
    shutil.copytree(REPO / "plans" / "town-branch", tmp_path / "town-branch")
    run = run_ideo("todo", "town-branch", "--year", "2026", "--format", "xlsx", "-o", "待办.xlsx", cwd=tmp_path, env=EPOCH_DEC_1)
    assert run.code == 0, run
    (tmp_path / "会议记录.txt").write_text("支委会专题研究意识形态工作会议记录\n", encoding="utf-8")
    return tmp_path


def _rows(sheet) -> tuple[dict[str, int], dict[str, int]]:
    """(column index by header, row number by 事项标识)."""
    header = {str(c.value): c.column for c in sheet[2] if c.value}
    rows = {str(r[header["事项标识"] - 1].value): r[0].row for r in sheet.iter_rows(min_row=3) if r[header["事项标识"] - 1].value}
    return header, rows


def _fill(path: Path, values: dict[tuple[str, str], object]) -> None:
    """Fill cells of the 全部 sheet: {(item id, header): value}."""
    book = load_workbook(path)
    sheet = book["全部"]
    header, rows = _rows(sheet)
    for (item, column), value in values.items():
        sheet.cell(rows[f"{UNIT_ID}/{item}"], header[column]).value = value
    book.save(path)


def _ledger(work: Path) -> Path:
    return work / "town-branch" / "台账" / "2026.yaml"


def _records(work: Path) -> dict[tuple[str, str], dict]:
    data = yaml.safe_load(_ledger(work).read_text(encoding="utf-8"))
    return {(r["事项"], r["周期"]): r for r in data["记录"]}


FILLED = {
    ("topic-study/2026H2", "完成日期"): dt.datetime(2026, 11, 28),
    ("topic-study/2026H2", "完成情况"): "支委会专题研究，部署下半年工作",
    ("topic-study/2026H2", "佐证"): "支委会会议记录=会议记录.txt\n照片=纸质存档:党建档案盒",
    ("situation-analysis/2026H2", "完成日期"): "2026/11/20",
    ("situation-analysis/2026H2", "佐证"): "纸质存档:党建档案盒",
    ("situation-analysis/2026H2", "备注"): "与专题研究同步",
}


def test_the_todo_workbook_shows_the_ledger(work):
    sheet = load_workbook(work / "待办.xlsx")["全部"]
    header, rows = _rows(sheet)
    row = rows[f"{UNIT_ID}/self-inspection/2026H1"]
    assert sheet.cell(row, header["完成情况"]).value == "逾期完成"
    assert sheet.cell(row, header["完成日期"]).value == dt.datetime(2026, 6, 16)
    assert sheet.cell(row, header["佐证"]).value == "书面自查报告=佐证/2026/self-inspection-2026H1.txt"
    assert sheet.cell(row, header["备注"]).value == "因防汛工作推迟召开，延后 6 天"
    open_row = rows[f"{UNIT_ID}/topic-study/2026H2"]
    assert all(sheet.cell(open_row, header[h]).value is None for h in ("完成情况", "完成日期", "佐证", "备注"))
    assert sheet.column_dimensions[sheet.cell(2, header["事项标识"]).column_letter].hidden


def test_filled_rows_become_records_in_one_go(work):
    _fill(work / "待办.xlsx", FILLED)
    run = run_ideo("record", "--from", "待办.xlsx", "town-branch", "--yes", cwd=work, env=EPOCH_DEC_1)
    assert run.code == 0, run
    assert "将从 待办.xlsx 登记 2 条记录" in run.out and "已写入 2 条记录" in run.out
    records = _records(work)
    topic = records[("topic-study", "2026H2")]
    assert str(topic["时间"]) == "2026-11-28" and topic["内容"] == "支委会专题研究，部署下半年工作"
    assert topic["佐证"][0]["文件"] == "佐证/2026/会议记录.txt" and topic["佐证"][1] == {"类型": "照片", "纸质存档": "党建档案盒"}
    analysis = records[("situation-analysis", "2026H2")]
    assert str(analysis["时间"]) == "2026-11-20" and analysis["备注"] == "与专题研究同步"
    assert analysis["佐证"] == [{"类型": "分析研判记录", "纸质存档": "党建档案盒"}]
    text = _ledger(work).read_text(encoding="utf-8")
    assert "&id" not in text and "*id" not in text  # two records registered the same day share no alias
    again = run_ideo("record", "--from", "待办.xlsx", "town-branch", "--yes", cwd=work, env=EPOCH_DEC_1)
    assert again.code == 0 and "没有新填写的行" in again.out, again  # taking the same list back twice adds nothing


def test_rows_already_in_the_ledger_are_not_added_again(work):
    before = _ledger(work).read_bytes()
    run = run_ideo("record", "--from", "待办.xlsx", "town-branch", "--yes", cwd=work, env=EPOCH_DEC_1)
    assert run.code == 0 and "没有新填写的行" in run.out, run
    assert _ledger(work).read_bytes() == before


def test_off_a_terminal_it_shows_the_table_and_needs_yes(work):
    _fill(work / "待办.xlsx", FILLED)
    before = _ledger(work).read_bytes()
    run = run_ideo("record", "--from", "待办.xlsx", "town-branch", cwd=work, env=EPOCH_DEC_1)
    assert run.code == 2, run
    assert "支部委员会专题研究意识形态工作 2026H2" in run.out and "--yes" in run.err
    assert _ledger(work).read_bytes() == before


@pytest.mark.parametrize(("value", "words"), [
    ("2026-06-31", "6 月只有 30 天"),
    ("2026-06-20", "早于周期 2026H2"),
    ("下周", "不是日期"),
])
def test_a_bad_cell_is_located_and_nothing_is_written(work, value, words):
    _fill(work / "待办.xlsx", {**FILLED, ("situation-analysis/2026H2", "完成日期"): value})
    sheet = load_workbook(work / "待办.xlsx")["全部"]
    header, rows = _rows(sheet)
    cell = sheet.cell(rows[f"{UNIT_ID}/situation-analysis/2026H2"], header["完成日期"]).coordinate
    before = _ledger(work).read_bytes()
    run = run_ideo("record", "--from", "待办.xlsx", "town-branch", "--yes", cwd=work, env=EPOCH_DEC_1)
    assert run.code == 2, run
    assert f"待办.xlsx!全部!{cell}：" in run.err and words in run.err and "Traceback" not in run.err
    assert _ledger(work).read_bytes() == before
    assert not (work / "town-branch" / "佐证" / "2026" / "会议记录.txt").exists()


def test_a_filled_row_without_a_date_is_located(work):
    _fill(work / "待办.xlsx", {("topic-study/2026H2", "佐证"): "纸质存档:党建档案盒"})
    run = run_ideo("record", "--from", "待办.xlsx", "town-branch", "--yes", cwd=work, env=EPOCH_DEC_1)
    assert run.code == 2 and "待办.xlsx!全部!" in run.err and "“完成日期”为空" in run.err, run


def test_on_a_terminal_it_shows_the_table_and_asks(work):
    _fill(work / "待办.xlsx", FILLED)
    term = Session("record", "--from", "待办.xlsx", "town-branch", cwd=work, env=EPOCH_DEC_1)
    term.expect("登记 2 条记录")
    term.expect("写入以上记录？")
    term.send("y")
    assert term.wait() == 0, term.text
    assert ("topic-study", "2026H2") in _records(work)


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        pytest.skip("LibreOffice (soffice) is not installed, so the re-saved workbook is NOT checked: "
                    "apt-get install -y libreoffice-calc-nogui (CI installs it)")
    return found


def test_a_workbook_re_saved_by_libreoffice_is_read_the_same(work):
    _fill(work / "待办.xlsx", FILLED)
    out = work / "resaved"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOURCE_DATE")}
    proc = subprocess.run([_soffice(), f"-env:UserInstallation={(work / 'lo-profile').as_uri()}", "--headless", "--convert-to", "xlsx",
                           "--outdir", str(out), str(work / "待办.xlsx")], capture_output=True, timeout=180, env=env)
    assert proc.returncode == 0 and (out / "待办.xlsx").exists(), proc.stderr.decode("utf-8", "replace")
    shutil.copy(work / "会议记录.txt", out / "会议记录.txt")  # evidence paths are relative to the workbook
    run = run_ideo("record", "--from", out / "待办.xlsx", "town-branch", "--yes", cwd=work, env=EPOCH_DEC_1)
    assert run.code == 0, run
    records = _records(work)
    assert str(records[("topic-study", "2026H2")]["时间"]) == "2026-11-28"
    assert str(records[("situation-analysis", "2026H2")]["时间"]) == "2026-11-20"


RECTIFICATION = """
整改:
  - 编号: bulletin-board
    问题: 宣传栏内容更新不及时
    措施: [建立宣传栏更新台账, 每月更新一次]
    负责人: {owner}
    期限: 2026-10-20
"""


def test_a_filled_rectification_row_records_its_completion(work):
    """A 整改 item is a row of the to-do workbook (事项标识 plan/整改/item); its 完成日期 filled
    in Excel is the item's completion, as `ideo record --rectification` would write it."""
    plan = work / "town-branch" / "计划.yaml"
    text = plan.read_text(encoding="utf-8")
    owner = next(line.split(":", 1)[1].strip() for line in text.split("人员:", 1)[1].splitlines() if line.strip().startswith("- 编号:"))
    plan.write_text(text + RECTIFICATION.format(owner=owner), encoding="utf-8")
    run = run_ideo("todo", "town-branch", "--year", "2026", "--format", "xlsx", "-o", "待办.xlsx", cwd=work, env=EPOCH_DEC_1)
    assert run.code == 0, run
    _header, rows = _rows(load_workbook(work / "待办.xlsx")["全部"])
    assert f"{UNIT_ID}/整改/bulletin-board" in rows
    _fill(work / "待办.xlsx", {("整改/bulletin-board", "完成日期"): dt.date(2026, 10, 28), ("整改/bulletin-board", "佐证"): "纸质存档:党建档案盒"})
    run = run_ideo("record", "--from", "待办.xlsx", "town-branch", "--yes", cwd=work, env=EPOCH_DEC_1)
    assert run.code == 0, run
    assert "宣传栏内容更新不及时" in run.out and "已写入 1 条记录" in run.out, run
    data = yaml.safe_load(_ledger(work).read_text(encoding="utf-8"))
    [done] = [r for r in data["整改记录"] if r["整改"] == "bulletin-board"]
    assert str(done["完成时间"]) == "2026-10-28" and done["佐证"] == [{"类型": "材料", "纸质存档": "党建档案盒"}]
    # the same list taken back again adds nothing; the to-do list now says 逾期完成 with the date
    again = run_ideo("record", "--from", "待办.xlsx", "town-branch", "--yes", cwd=work, env=EPOCH_DEC_1)
    assert again.code == 0 and "没有新填写的行" in again.out, again
    todo = run_ideo("todo", "town-branch", "--year", "2026", "--format", "json", cwd=work, env=EPOCH_DEC_1)
    [row] = [r for r in __import__("json").loads(todo.out) if r["kind"] == "整改"]
    assert (row["status"], row["done_on"], row["days_late"]) == ("done-late", "2026-10-28", 8)
