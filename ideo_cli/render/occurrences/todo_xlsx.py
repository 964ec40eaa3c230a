"""Excel/WPS workbook as an office prints it.

An "all" sheet, then one sheet per person (person ids are per plan).  Each
sheet: a title row (unit, span, calendar source), the header row (repeated on
every printed page, frozen on screen), the unit column first, a Chinese font
(等线, GB2312 charset, so LibreOffice/WPS do not fall back to a Japanese face),
wrapped cells with row heights to match, columns 完成情况/完成日期/备注 to fill
in by hand, A4 landscape fitted to the page width.  The print area ends with
备注; the data columns after it (ids, rule, citation, calendar) stay on screen.

Every text cell goes through :mod:`cells`: never a formula, never a character
XML forbids.  Rows are written in one pass (no ``max_row`` per row, which
made 6,000 rows quadratic).  openpyxl stamps the current time into the zip
entries and docProps; both are pinned to ``options.stamp``
(SOURCE_DATE_EPOCH) so the bytes are reproducible.
"""
from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
import zipfile

from ideo_cli.i18n import msg, t
from ideo_cli.render.occurrences.cells import sheet_name, starts_like_formula, xml_text
from ideo_cli.render.occurrences.columns import Column, office_columns
from ideo_cli.render.occurrences.ics import split_by_person
from ideo_cli.render.occurrences.todo import TodoOptions
from ideo_cli.schedule.occurrence import Occurrence

FONT_NAME = "等线"  # Office's default Chinese UI font since 2016; WPS ships it
GB2312_CHARSET = 134  # tells LibreOffice/Excel the text is Simplified Chinese
FONT_SIZE = 10.5  # 五号
LINE_HEIGHT = 14.0  # points per wrapped line at 五号
TITLE_ROWS = 1
HEADER_ROW = TITLE_ROWS + 1


def export(occurrences: list[Occurrence], options: TodoOptions) -> bytes:
    from openpyxl import Workbook

    lang = options.lang
    columns = office_columns(occurrences)
    styles = _Styles()
    workbook = Workbook()
    sheet = workbook.active
    used: set[str] = set()
    sheet.title = sheet_name(t(msg("todo.sheet.all"), lang), used)
    heading = _heading(options)
    _fill(sheet, occurrences, columns, heading, options, styles)
    # person ids are only unique within a plan: "shuji" of two units are two people
    people = {(o.plan, p.id): p for o in occurrences for p in o.owners}
    for plan_id in sorted({o.plan for o in occurrences}):
        for person_id, items in split_by_person(o for o in occurrences if o.plan == plan_id).items():
            person = people[(plan_id, person_id)]
            title = sheet_name(person.name or person_id, used, fallback=person_id)
            _fill(workbook.create_sheet(title), items, columns, heading, options, styles)
    stamp = options.stamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.properties.creator = "ideo"
    workbook.properties.title = xml_text(options.title)
    raw = io.BytesIO()
    # not workbook.save(): it overwrites properties.modified with the wall clock
    from openpyxl.writer.excel import ExcelWriter

    ExcelWriter(workbook, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return _pin_zip_times(raw.getvalue(), stamp)


def _heading(options: TodoOptions) -> str:
    if not options.sources:
        return options.title
    return t(msg("todo.sheet-title", title=options.title, sources=list(options.sources)), options.lang)


class _Styles:
    """The few style objects every cell shares (made once: openpyxl hashes each assignment)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.font = Font(name=FONT_NAME, size=FONT_SIZE, charset=GB2312_CHARSET)
        self.bold = Font(name=FONT_NAME, size=FONT_SIZE, charset=GB2312_CHARSET, bold=True)
        self.title_font = Font(name=FONT_NAME, size=14, charset=GB2312_CHARSET, bold=True)
        self.header_fill = PatternFill("solid", fgColor="DDEBF7")
        self.provisional_fill = PatternFill("solid", fgColor="FFF2CC")
        self.header_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.wrap = Alignment(vertical="top", wrap_text=True)
        self.title_align = Alignment(horizontal="left", vertical="center", wrap_text=True)


def _set_text(cell, text: str) -> None:
    """A text cell: XML-clean, and stored as a string even when it starts like a formula."""
    text = xml_text(text)
    cell.value = text
    if starts_like_formula(text):
        cell.data_type = "s"  # openpyxl would store "=…" as a formula
        cell.quotePrefix = True  # Excel's own marker for "typed with a leading '"


def _fill(sheet, occurrences: list[Occurrence], columns: tuple[Column, ...], heading: str, options: TodoOptions, styles: _Styles) -> None:
    from openpyxl.utils import get_column_letter

    lang = options.lang
    printed = sum(1 for c in columns if c.office)
    last_printed = get_column_letter(printed)
    widths = [c.width for c in columns]

    title = sheet.cell(row=1, column=1)
    _set_text(title, heading)
    title.font, title.alignment = styles.title_font, styles.title_align
    sheet.merge_cells(f"A1:{last_printed}1")
    sheet.row_dimensions[1].height = LINE_HEIGHT * 2.2

    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index)
        _set_text(cell, column.header(lang))
        cell.font, cell.fill, cell.alignment = styles.bold, styles.header_fill, styles.header_align
    sheet.row_dimensions[HEADER_ROW].height = LINE_HEIGHT * max(_lines(c.header(lang), w) for c, w in zip(columns, widths))

    row = HEADER_ROW
    for occ in occurrences:
        row += 1
        lines = 1
        for index, column in enumerate(columns, start=1):
            value = column.value(occ, lang)
            cell = sheet.cell(row=row, column=index)
            if isinstance(value, dt.date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
            else:
                text = "" if value is None else str(value)
                if text:
                    _set_text(cell, text)
                    if index <= printed:
                        lines = max(lines, _lines(text, widths[index - 1]))
            cell.font, cell.alignment = styles.font, styles.wrap
        if occ.provisional:
            sheet.cell(row=row, column=2).fill = styles.provisional_fill
        sheet.row_dimensions[row].height = LINE_HEIGHT * lines

    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    last = get_column_letter(len(columns))
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(row, HEADER_ROW)}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A1:{last_printed}{max(row, HEADER_ROW)}"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as needed
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    sheet.oddFooter.center.text = "&P / &N"


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines(text: str, width: int) -> int:
    """Wrapped lines of ``text`` in a column ``width`` characters wide (CJK count double)."""
    room = max(width - 1, 1)
    return sum(max(1, math.ceil(_display_width(part) / room)) for part in text.split("\n"))


def _pin_zip_times(data: bytes, stamp: dt.datetime) -> bytes:
    when = max(stamp, dt.datetime(1980, 1, 1)).timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            pinned = zipfile.ZipInfo(info.filename, date_time=when)
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = 0o600 << 16
            target.writestr(pinned, source.read(info.filename))
    return out.getvalue()
