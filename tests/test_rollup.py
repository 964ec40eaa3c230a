"""`ideo rollup`: the matrix, the late list, the rates, in every format; summaries in place of files."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from helpers import REPO, assert_no_traceback, run_ideo
from ideo_cli.rollup.load import CACHE_REVISION
from ideo_cli.rollup.summary import SUMMARY_VERSION

WORKSPACE = Path(__file__).parent / "fixtures" / "tree" / "workspace"
ARGS = ["--year", "2027", "--as-of", "2027-07-15"]


def rollup_json(*args) -> dict:
    run = run_ideo("rollup", *args, *ARGS, "--format", "json")
    assert run.code == 0, run
    return json.loads(run.out)


def test_matrix_cells_are_the_worst_status():
    data = rollup_json(WORKSPACE)
    assert data["ideo_rollup"] == 1 and data["root"] == "xiaozhaiba"
    units = {u["unit"]["id"]: u for u in data["units"]}
    assert [u["unit"]["id"] for u in data["units"]] == ["xiaozhaiba", "xiaozhaiba-community-branch", "xx-town-village-branch"]
    village = units["xx-town-village-branch"]["cells"]
    assert village["O6"]["worst"] == "evidence-missing"  # H1 evidence missing beats H2 pending
    assert village["O6"]["counts"] == {"pending": 1, "evidence-missing": 1}
    assert village["O3"]["worst"] == "done-late"
    assert units["xiaozhaiba-community-branch"]["cells"]["O6"]["worst"] == "overdue"
    assert units["xiaozhaiba-community-branch"]["depth"] == 1


def test_late_list_names_the_superior_item_at_risk():
    data = rollup_json(WORKSPACE)
    late = [i for i in data["late"] if i["unit"] == "xiaozhaiba-community-branch" and i["title"].startswith("意识形态工作专题自查")]
    assert late == [{
        "unit": "xiaozhaiba-community-branch", "title": "意识形态工作专题自查，自查结果书面报镇党委", "period": "2027H1", "due": "2027-06-10",
        "days_late": 35, "status": "overdue", "owners": ["李春梅"], "superior_item": "向县委专题汇报意识形态工作", "superior_unit": "小寨坝镇党委",
    }]
    done_late = next(i for i in data["late"] if i["status"] == "done-late" and i["unit"] == "xx-town-village-branch")
    assert done_late["days_late"] == 9  # recorded nine days after the due date
    days = [i["days_late"] for i in data["late"]]
    assert days == sorted(days, reverse=True)


def test_rates_per_kind_and_subtree():
    data = rollup_json(WORKSPACE)
    village = next(s for s in data["per_subtree"] if s["unit"] == "xx-town-village-branch")
    assert village == {"unit": "xx-town-village-branch", "planned": 15, "due": 7, "on_time": 4, "late": 1, "missing": 0, "evidence_missing": 1, "rate": round(4 / 7, 4)}
    total = data["total"]
    assert total["planned"] == sum(r["planned"] for r in data["per_kind"].values())


def test_drill_down_with_root():
    data = rollup_json(WORKSPACE, "--root", "xx-town-village-branch")
    assert [u["unit"]["id"] for u in data["units"]] == ["xx-town-village-branch"]
    assert data["parent"]["id"] == "xiaozhaiba"
    run = run_ideo("rollup", WORKSPACE, *ARGS, "--root", "nobody")
    assert run.code == 2 and "没有编号为“nobody”的单位" in run.err, run


def test_table_fits_80_columns_and_says_what_it_shows():
    run = run_ideo("rollup", WORKSPACE, *ARGS, env={"COLUMNS": "80"})
    assert_no_traceback(run)
    assert run.code == 0 and run.err == "", run
    lines = run.out.splitlines()
    assert lines[0] == "小寨坝镇党委 2027 年意识形态工作汇总（截至 2027-07-15）"
    from rich.cells import cell_len

    assert max(cell_len(line) for line in lines) <= 80
    assert "逾期清单（12 项）" in run.out
    assert "  XX村党支部" in run.out  # indented under the town
    assert "缺=缺佐证" in run.out
    english = run_ideo("rollup", WORKSPACE, *ARGS, "--lang", "en")
    assert "roll-up 2027 (as of 2027-07-15)" in english.out and "Late list (12)" in english.out


def test_output_is_deterministic(tmp_path):
    first = run_ideo("rollup", WORKSPACE, *ARGS, "--format", "json").out
    assert run_ideo("rollup", WORKSPACE, *ARGS, "--format", "json").out == first
    for name in ("a", "b"):
        assert run_ideo("rollup", WORKSPACE, *ARGS, "--format", "xlsx", "-o", tmp_path / f"{name}.xlsx").code == 0
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_csv_opens_in_excel(tmp_path):
    run = run_ideo("rollup", WORKSPACE, *ARGS, "--format", "csv", "-o", tmp_path / "r.csv")
    assert run.code == 0, run
    data = (tmp_path / "r.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["单位编号", "单位", "层级深度"]
    assert rows[1][0] == "xiaozhaiba"
    assert any(r and r[0] == "XX社区党支部" and r[3] == "2027-06-10" for r in rows)


def test_xlsx_has_coloured_cells(tmp_path):
    from openpyxl import load_workbook

    assert run_ideo("rollup", WORKSPACE, *ARGS, "--format", "xlsx", "-o", tmp_path / "r.xlsx").code == 0
    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["汇总矩阵", "逾期清单", "统计"]
    sheet = book["汇总矩阵"]
    header = [c.value for c in sheet[1]]
    col = header.index("O6 专题自查") + 1
    village_row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "xx-town-village-branch")
    assert sheet.cell(village_row, col).value == "缺佐证 (2)"
    assert sheet.cell(village_row, col).fill.fgColor.rgb.endswith("F4B6C2")
    assert run_ideo("rollup", WORKSPACE, *ARGS, "--format", "xlsx").code == 2


def test_html_format_is_one_self_contained_page():
    run = run_ideo("rollup", WORKSPACE, *ARGS, "--format", "html")
    assert run.code == 0, run
    assert run.out.startswith("<!DOCTYPE html>") and "<style>" in run.out and 'href="style.css"' not in run.out
    assert 'data-unit="xx-town-village-branch" data-kind="O6"' in run.out


def test_summaries_stand_in_for_plans(tmp_path):
    """ideo status → .status.json files → ideo rollup gives the same roll-up as the plans."""
    plans = tmp_path / "plans"
    for name in ("xiaozhaiba-town", "town-branch", "xiaozhaiba-community-branch"):
        shutil.copytree(REPO / "plans" / name, plans / name)
    from_plans = rollup_json(plans)
    sums = tmp_path / "summaries"
    run = run_ideo("status", plans, *ARGS, "--format", "json", "-o", sums)
    assert run.code == 0, run
    assert sorted(p.name for p in sums.iterdir()) == ["xiaozhaiba-community-branch.status.json", "xiaozhaiba.status.json", "xx-town-village-branch.status.json"]
    from_summaries = rollup_json(sums)

    def strip(data):
        for u in data["units"]:
            u["unit"]["file"] = None
        return data

    assert strip(from_summaries) == strip(from_plans)


@pytest.mark.parametrize(("change", "expected", "where"), [
    (lambda s: s.update(ideo_status=1), "汇总文件是旧格式（版本 1），本版 ideo 读取版本 2：请用本版 ideo 重新运行 ideo status 生成汇总", ":1:17"),
    (lambda s: s.update(ideo_status=3), "汇总文件的格式版本是 3，本版 ideo 只读取版本 2", ":1:17"),
    (lambda s: s.update(year=2026), "汇总文件是 2026 年的，本次汇总的是 2027 年", ":1:"),
    (lambda s: s["occurrences"][0].update(status="finished"), "“finished”不是允许的值", ":1:"),
    (lambda s: s.pop("unit"), "缺少必填的键“unit”", ":1:2"),
    (lambda s: s["unit"].update(superior_id=["xiaozhaiba"]), "应为文本，实际是 列表", ":1:"),
    (lambda s: s["occurrences"][0].update(due="2027/03/31"), "2027/03/31 不是 1900–2100 年间 YYYY-MM-DD 格式的日期", ":1:"),
    (lambda s: s["counts"].update(done=10 ** 40), "应不大于 10000000", ":1:"),
    (lambda s: s.update(year=None), "应为整数", ":1:"),
])
def test_bad_summaries_are_located_and_left_out(tmp_path, change, expected, where):
    """A summary that cannot be used is reported where it fails and left out; the rest is rolled up (exit 1)."""
    ws = tmp_path / "ws"
    shutil.copytree(WORKSPACE, ws)
    path = ws / "branches" / "village.status.json"
    summary = json.loads(path.read_text(encoding="utf-8"))
    change(summary)
    path.write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
    run = run_ideo("rollup", ws, *ARGS, "--format", "json")
    assert_no_traceback(run)
    assert run.code == 1, run
    assert expected in run.err
    assert "branches/village.status.json" + where in run.err
    assert "该汇总文件未计入本次汇总" in run.err and "None" not in run.err
    units = [u["unit"]["id"] for u in json.loads(run.out)["units"]]
    assert "xx-town-village-branch" not in units and "xiaozhaiba-community-branch" in units


def test_broken_json_summary_points_at_the_spot(tmp_path):
    path = tmp_path / "x.status.json"
    path.write_text('{\n  "ideo_status": 2,\n  "year": 2027,\n  oops\n}\n', encoding="utf-8")
    run = run_ideo("rollup", tmp_path, *ARGS)
    assert run.code == 2, run  # nothing is left to roll up
    assert "x.status.json:4:3" in run.err and "JSON 对象的键必须是带引号的字符串" in run.err


def test_no_units_is_a_usage_error(tmp_path):
    run = run_ideo("rollup", tmp_path, *ARGS)
    assert run.code == 2 and "没有找到单位计划或汇总文件" in run.err, run


def test_cache_serves_unchanged_units(tmp_path):
    """A second run reads the cache (outside the workspace); a changed plan is recomputed."""
    plans = tmp_path / "plans"
    shutil.copytree(REPO / "plans" / "town-branch", plans / "b")
    shutil.copytree(REPO / "plans" / "xiaozhaiba-town", plans / "town")
    cache = tmp_path / "cache"
    env = {"IDEO_CACHE_DIR": str(cache)}
    first = run_ideo("rollup", plans, *ARGS, "--format", "json", env=env)
    assert first.code == 0, first
    entries = list((cache / f"summary-{SUMMARY_VERSION}-r{CACHE_REVISION}").rglob("*.json"))  # the roll-up's own entries (the rulebook cache sits beside them)
    assert len(entries) == 2
    assert not any(p.name.startswith(".") for p in plans.rglob("*"))  # nothing written into the workspace
    again = run_ideo("rollup", plans, *ARGS, "--format", "json", env=env)
    assert again.out == first.out
    plan = plans / "b" / "计划.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("标题: 支部委员会专题研究意识形态工作", "标题: 支部委员会专题研究意识形态工作（改）"), encoding="utf-8")
    changed = run_ideo("rollup", plans, *ARGS, "--format", "json", env=env)
    assert "支部委员会专题研究意识形态工作（改）" in changed.out
    assert len(list((cache / f"summary-{SUMMARY_VERSION}-r{CACHE_REVISION}").rglob("*.json"))) == 3


def test_a_broken_plan_stops_the_rollup_with_its_location(tmp_path):
    shutil.copytree(REPO / "plans" / "xiaozhaiba-town", tmp_path / "town")
    bad = tmp_path / "branch" / "计划.yaml"
    bad.parent.mkdir()
    bad.write_text("格式版本: 1\n组织:\n  名称: [未闭合\n", encoding="utf-8")
    run = run_ideo("rollup", tmp_path, *ARGS)
    assert_no_traceback(run)
    assert run.code == 2, run
    assert run.out == ""
    assert "branch/计划.yaml:4:" in run.err and "方括号列表没有闭合" in run.err


def _column_under(lines: list[str], row: int, start: int) -> str:
    """The text of one table cell: the row's line ``row`` and its continuation lines (those
    without a due date), read from display column ``start`` to the next gap of two spaces."""
    from rich.cells import cell_len

    def from_column(line: str) -> str:
        at, out = 0, []
        for ch in line:
            if at >= start:
                out.append(ch)
            at += cell_len(ch)
        return "".join(out).split("  ")[0].strip()

    parts = [from_column(lines[row])]
    for line in lines[row + 1:]:
        if not line.strip() or re.search(r"\d{4}-\d\d-\d\d", line):
            break
        parts.append(from_column(line))
    return "".join(parts)


@pytest.mark.parametrize("columns", ["80", "120", "60"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_follows_the_terminal_width_and_never_drops_characters(columns, lang):
    """`ideo rollup` fills the terminal and folds long cells: at 120 columns the superior
    item at risk printed as "向县委专题 / 意识形态工", losing 汇报 and 作."""
    from rich.cells import cell_len

    run = run_ideo("rollup", WORKSPACE, *ARGS, "--lang", lang, env={"COLUMNS": columns})
    assert run.code == 0 and run.err == "", run
    lines = run.out.splitlines()
    assert max(cell_len(line) for line in lines) == int(columns), run  # as wide as the terminal, never wider
    row = next(i for i, line in enumerate(lines) if "2027-06-10" in line and "向县委" in line)
    start = cell_len(lines[row][:lines[row].index("向县委")])
    assert _column_under(lines, row, start) == "向县委专题汇报意识形态工作", run
    unit = _column_under(lines, row, 1)
    assert unit == "XX社区党支部", run
    # a plan's own kinds are headed by their name, not the internal word "custom"
    assert "custom" not in run.out
    heading = next(line for line in lines if line.split()[:2] == [("单位" if lang == "zh" else "Unit"), "O1"])
    assert heading.split()[-1] == ("其他" if lang == "zh" else "other"), run
