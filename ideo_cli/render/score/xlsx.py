"""The 自查评分表 an office hands in: one sheet per unit, print-ready.

Columns 序号、考核项目、计分方式、分值、自评得分、扣分情况、佐证材料、依据; vetoes,
total and grade below.  A4 landscape, fit to one page wide, the header row
repeated on every printed page, a Chinese font (宋体) throughout.  Timestamps
are pinned to ``options.stamp`` (SOURCE_DATE_EPOCH) so the bytes are reproducible.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from ideo_cli.i18n import msg, t
from ideo_cli.render.occurrences.cells import append_row, sheet_name
from ideo_cli.render.score import texts
from ideo_cli.render.xlsx_rows import row_height
from ideo_cli.render.xlsx_zip import pin_zip_times as _pin_zip_times

FONT = "宋体"  # SimSun: on every Chinese office PC, and WPS maps it
WIDTHS = (6, 28, 9, 7, 9, 52, 30, 44)
COLUMNS = ("no", "item", "method", "points", "self-score", "deductions", "evidence", "source")
_INVALID_SHEET_CHARS = set('[]:*?/\\')


def render(cards, options) -> bytes:
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for card in cards:
        _sheet(workbook, card, options.lang, used)
    if not cards:
        workbook.create_sheet(t(msg("score.sheet-title"), options.lang))
    stamp = options.stamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.properties.creator = "ideo"
    workbook.properties.title = t(msg("score.sheet-title"), options.lang)
    raw = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return _pin_zip_times(raw.getvalue(), stamp)


def _sheet(workbook, card, lang: str, used: set[str]) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(_sheet_title(card.unit_name or card.unit, used))
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body = Font(name=FONT, size=10)
    bold = Font(name=FONT, size=10, bold=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    ncol = len(COLUMNS)
    append_row(sheet, [texts.office_title(card, lang)])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    sheet.cell(1, 1).font = Font(name=FONT, size=14, bold=True)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 44  # two lines: the title, then the rubric and the day
    append_row(sheet, [texts.header(c, lang) for c in COLUMNS])
    for cell in sheet[2]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    for index, item in enumerate(card.items + card.bonus, start=1):
        lines = [texts.deduction_line(d, lang, located=False) for d in item.deductions]  # paper: no file:line
        lines += [texts.risk_line(d, lang) for d in item.at_risk]
        lines += texts.item_notes(item, lang)
        bonus = item.method == "bonus"
        append_row(sheet, [
            index, item.title, texts.method_name(item.method, lang),
            item.points, item.awarded,
            "\n".join(lines) or t(msg("score.full-marks" if not bonus else "score.no-bonus"), lang),
            "\n".join(item.evidence), texts.citation_text(item.citation, lang, short=True),
        ])
        _style_row(sheet, body, wrap, border)
    if card.vetoes:
        append_row(sheet, [t(msg("score.sheet-vetoes"), lang)])
        sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=ncol)
        sheet.cell(sheet.max_row, 1).font = bold
        for veto in card.vetoes:
            state = t(msg("score.veto-triggered" if veto.triggered else "score.veto-not-triggered"), lang)
            causes = "\n".join(texts.cause_line(c, lang, located=False) for c in veto.causes)
            append_row(sheet, ["", veto.title, state, "", "", causes, "", texts.citation_text(veto.citation, lang, short=True)])
            _style_row(sheet, body, wrap, border)
    append_row(sheet, ["", t(msg("score.sheet-total"), lang), "", card.total_points, card.score, "\n".join([texts.summary(card, lang), *texts.veto_summary(card, lang), texts.risk_summary(card, lang)]).strip(), "", ""])
    _style_row(sheet, bold, wrap, border)
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"  # the header repeats on every printed page
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    sheet.oddFooter.center.text = "&P / &N"


def _style_row(sheet, font, wrap, border) -> None:
    texts = []
    for cell in sheet[sheet.max_row]:
        cell.font = font
        cell.alignment = wrap
        cell.border = border
        texts.append(cell.value if isinstance(cell.value, str) else "")
    # spreadsheet programs do not grow a row for wrapped text on opening: set its height
    sheet.row_dimensions[sheet.max_row].height = row_height(texts, WIDTHS)


def _sheet_title(name: str, used: set[str]) -> str:
    return sheet_name(name, used)  # the one rule for sheet titles (valid, unique, never formula-like)
