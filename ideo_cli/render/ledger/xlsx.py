"""The 台账 as a workbook that prints: A4 landscape, a title row (unit, year,
as-of date), the header repeated on every page, a Chinese font, one sheet per
kind of work.  Zip times pinned (SOURCE_DATE_EPOCH) for reproducible bytes."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from ideo_cli.i18n import msg, t
from ideo_cli.ledger.view import COLUMNS
from ideo_cli.render.ledger import header, row_texts, title_text
from ideo_cli.render.occurrences.cells import append_row, sheet_name
from ideo_cli.render.xlsx_rows import row_height
from ideo_cli.render.xlsx_zip import pin_zip_times as _pin_zip_times

FONT = "宋体"  # SimSun: present on every Chinese Windows/WPS install
_WIDTHS = {"no": 5, "time": 16, "place": 14, "chair": 9, "attendees": 18, "content": 30, "form": 14, "owner": 12, "evidence": 26, "status": 9, "note": 30}


def render_xlsx(views, lang: str, stamp: dt.datetime | None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    used: set[str] = set()
    for view in views:
        for section in view.sections:
            name = t(msg(f"ledger.section.{section.code}"), lang)
            title = sheet_name(name if len(views) == 1 else f"{view.unit[:20]}-{name}", used)
            sheet = workbook.create_sheet(title)
            append_row(sheet, [f"{title_text(view, lang)} — {name}"])
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
            sheet["A1"].font = Font(name=FONT, bold=True, size=14)
            sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
            sheet.row_dimensions[1].height = 28
            sheet.append([header(c, lang) for c in COLUMNS])
            for cell in sheet[2]:
                cell.font = Font(name=FONT, bold=True, size=10)
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
                cell.border = border
            widths = [_WIDTHS[c] for c in COLUMNS]
            sheet.row_dimensions[2].height = row_height([header(c, lang) for c in COLUMNS], widths)
            for row in section.rows:
                texts = row_texts(row, lang)
                append_row(sheet, texts)
                # spreadsheets keep a row one line high unless told: grow it to its wrapped text
                sheet.row_dimensions[sheet._current_row].height = row_height(texts, widths)  # max_row would rescan every cell
            for line in sheet.iter_rows(min_row=3):
                for cell in line:
                    cell.font = Font(name=FONT, size=10)
                    cell.alignment = Alignment(vertical="top", wrap_text=True)
                    cell.border = border
            for i, column in enumerate(COLUMNS, 1):
                sheet.column_dimensions[get_column_letter(i)].width = _WIDTHS[column]
            sheet.freeze_panes = "A3"
            sheet.print_title_rows = "2:2"  # the header on every printed page
            sheet.page_setup.orientation = "landscape"
            sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
            sheet.page_setup.fitToWidth = 1
            sheet.page_setup.fitToHeight = 0
            sheet.sheet_properties.pageSetUpPr.fitToPage = True
            sheet.print_options.horizontalCentered = True
    if not workbook.sheetnames:
        workbook.create_sheet(t(msg("ledger.section.meetings"), lang))
    stamp = (stamp or dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)).astimezone(dt.timezone.utc).replace(tzinfo=None)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.properties.creator = "ideo"
    raw = io.BytesIO()
    from openpyxl.writer.excel import ExcelWriter

    ExcelWriter(workbook, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return _pin_zip_times(raw.getvalue(), stamp)
