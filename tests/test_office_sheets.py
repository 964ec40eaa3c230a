"""The spreadsheets an office prints: rows tall enough for their wrapped text, and a
自查评分表 without internal codes, file paths or doubled quotes, under an office title."""
from __future__ import annotations

import re

from helpers import REPO, run_ideo

AS_OF = ("--year", "2026", "--as-of", "2026-12-01")


def test_ledger_rows_grow_to_fit_wrapped_text(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "台账.xlsx"
    run = run_ideo("ledger", REPO / "plans" / "xiaozhaiba-town", "--year", "2026", "--today", "2026-12-01", "-f", "xlsx", "-o", out)
    assert run.code == 0, run
    sheet = load_workbook(out)["会议"]
    [row] = [r for r in sheet.iter_rows(min_row=3) if "annual-plan-2026.txt" in (r[8].value or "")]
    # "工作计划文件（佐证/2026/annual-plan-2026.txt）" in a 26-wide column: the path is one word and
    # goes to a second line whole; the row was one and a half lines high and clipped it when printed
    assert sheet.row_dimensions[row[0].row].height >= 2 * 14.5, sheet.row_dimensions[row[0].row].height
    for line in sheet.iter_rows(min_row=3):
        explicit = max((str(c.value).count("\n") + 1 for c in line if c.value), default=1)
        assert sheet.row_dimensions[line[0].row].height >= explicit * 14.5


def test_self_assessment_sheet_reads_as_an_office_form(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "自查评分表.xlsx"
    run = run_ideo("score", "plans/", "--rubric", "sample", *AS_OF, "-f", "xlsx", "-o", out, cwd=REPO)
    assert run.code == 0, run
    book = load_workbook(out)
    sheet = book["XX村党支部"]
    title = sheet["A1"].value
    assert title.splitlines()[0] == "XX村党支部 2026 年意识形态工作自查评分表", title
    assert "依据：意识形态工作责任制落实情况考核细则（示例）" in title and "自评截至 2026-12-01" in title
    for name in book.sheetnames:
        for line in book[name].iter_rows(min_row=2, values_only=True):
            for value in line:
                if not isinstance(value, str):
                    continue
                assert not re.search(r"\bO\d{1,2}\b", value), (name, value)  # no internal kind codes
                assert ".yaml" not in value and "plans/" not in value, (name, value)  # no file paths
                assert "““" not in value and "””" not in value, (name, value)  # no doubled quotes
    rows = {r[1]: r for r in book["XX社区党支部"].iter_rows(min_row=3, values_only=True)}
    assert "“第一时间发现、第一时间研判、第一时间报送、第一时间处置”" in rows["舆情第一时间发现、研判、报送、处置"][7]
    english = run_ideo("score", "plans/town-branch", "--rubric", "sample", *AS_OF, "-f", "xlsx", "-o", tmp_path / "en.xlsx", "--lang", "en", cwd=REPO)
    assert english.code == 0, english
    assert load_workbook(tmp_path / "en.xlsx").active["A1"].value.startswith("XX村党支部: ideological work self-assessment score sheet, 2026")
