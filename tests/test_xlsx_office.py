"""The to-do workbook as an office prints it (issue 10 §4): page setup, title row,
font, row heights — and the real thing: LibreOffice converts it to PDF and the
pages are counted and measured.

LibreOffice is a system package (``apt-get install -y libreoffice-calc-nogui``);
without ``soffice`` the PDF tests are skipped with a message saying so, and CI
installs it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import run_ideo

TOWN = "plans/xiaozhaiba-town/计划.yaml"  # 15 items in 2027: the "36 portrait pages" of issue 10
INJECTION = "tests/fixtures/todo/injection.yaml"


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("office")


@pytest.fixture(scope="module")
def town_xlsx(out_dir) -> Path:
    path = out_dir / "town.xlsx"
    run = run_ideo("todo", TOWN, "--year", "2027", "--format", "xlsx", "-o", path)
    assert run.code == 0 and run.err == "", run
    return path


@pytest.fixture(scope="module")
def town(town_xlsx):
    from openpyxl import load_workbook

    return load_workbook(town_xlsx)


def test_every_sheet_prints_landscape_fitted_to_the_width(town):
    for ws in town.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.print_title_rows.replace("$", "") == "2:2", ws.title  # the header row on every page


def test_title_row_header_and_office_columns(town):
    for ws in town.worksheets:
        title = ws["A1"].value
        assert title.startswith("小寨坝镇党委 2027 年意识形态工作待办") and "日历来源：2027 年：按周末和法定节日推算" in title, title
        assert "A1" in {str(r).split(":")[0] for r in ws.merged_cells.ranges}
        header = [c.value for c in ws[2]]
        assert header[0] == "单位"
        for name in ("完成情况", "完成日期", "备注"):
            assert name in header
        # the print area ends with 备注: ids, rule and citation stay on screen only
        last = ws.print_area[0].split(":")[-1] if isinstance(ws.print_area, list) else ws.print_area.split(":")[-1]
        column = "".join(ch for ch in last.replace("$", "") if ch.isalpha())
        from openpyxl.utils import column_index_from_string

        assert header[column_index_from_string(column) - 1] == "备注"
        assert "依据" in header[column_index_from_string(column):]


def test_chinese_font_on_every_cell(town):
    for ws in town.worksheets:
        for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
            for cell in row:
                if cell.value is not None:
                    assert cell.font.name == "等线" and cell.font.charset == 134, (ws.title, cell.coordinate)


def test_row_heights_follow_wrapped_text(town):
    """A title wider than its column (CJK counts two) gets two lines' height; one-line rows stay one line."""
    from openpyxl.utils import get_column_letter

    ws = town.worksheets[0]
    header = [c.value for c in ws[2]]
    title_col = header.index("事项")
    room = ws.column_dimensions[get_column_letter(title_col + 1)].width - 1
    heights = [(row[title_col], ws.row_dimensions[index].height) for index, row in enumerate(ws.iter_rows(min_row=3, values_only=True), start=3)]
    wrapped = [h for title, h in heights if len(title) * 2 > room]
    assert wrapped and min(wrapped) >= 2 * 14
    assert min(h for _, h in heights) == 14  # some rows are one line


# --------------------------------------------------------------------------- LibreOffice


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        pytest.skip("LibreOffice (soffice) is not installed, so the printed workbook is NOT checked: "
                    "apt-get install -y libreoffice-calc-nogui (CI installs it)")
    return found


def to_pdf(xlsx: Path) -> Path:
    profile = xlsx.parent / "lo-profile"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOURCE_DATE")}
    proc = subprocess.run(
        [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(xlsx.parent), str(xlsx)],
        capture_output=True, timeout=180, env=env,
    )
    pdf = xlsx.with_suffix(".pdf")
    assert proc.returncode == 0 and pdf.exists(), proc.stderr.decode("utf-8", "replace")
    return pdf


def test_libreoffice_prints_one_landscape_page_per_sheet(town_xlsx, town):
    from pypdf import PdfReader

    reader = PdfReader(to_pdf(town_xlsx))
    # 15 items and five people: each sheet fits one A4 landscape page (it was 36 portrait pages)
    assert len(reader.pages) == len(town.worksheets)
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        if page.get("/Rotate", 0) in (90, 270):
            width, height = height, width
        assert width > height, (width, height)
        assert abs(width - 842) < 2 and abs(height - 595) < 2  # A4
    first = reader.pages[0].extract_text()
    for text in ("小寨坝镇党委", "完成情况", "备注", "党委会专题研究意识形态工作"):
        assert text in first, first[:400]
    assert "事项编号" not in first  # outside the print area


def test_libreoffice_does_not_evaluate_formula_like_text(out_dir):
    from pypdf import PdfReader

    path = out_dir / "injection.xlsx"
    run = run_ideo("todo", INJECTION, "--year", "2026", "--format", "xlsx", "-o", path)
    assert run.code == 0, run
    text = "\n".join(page.extract_text() for page in PdfReader(to_pdf(path)).pages)
    for shown in ("=1+2", "-2+3单位", "@SUM(1+1)", "=2+2"):
        assert shown in text, text[:600]
