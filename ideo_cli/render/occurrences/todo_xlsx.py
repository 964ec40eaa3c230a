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
from copy import copy
from functools import lru_cache
import math
import re
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
    bodies = [_fill(sheet, occurrences, columns, heading, options, styles)]
    # person ids are only unique within a plan: "shuji" of two units are two people
    people = {(o.plan, p.id): p for o in occurrences for p in o.owners}
    for plan_id in sorted({o.plan for o in occurrences}):
        for person_id, items in split_by_person(o for o in occurrences if o.plan == plan_id).items():
            person = people[(plan_id, person_id)]
            title = sheet_name(person.name or person_id, used, fallback=person_id)
            bodies.append(_fill(workbook.create_sheet(title), items, columns, heading, options, styles))
    stamp = options.stamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.properties.creator = "ideo"
    workbook.properties.title = xml_text(options.title)
    raw = io.BytesIO()
    # not workbook.save(): it overwrites properties.modified with the wall clock
    from openpyxl.writer.excel import ExcelWriter

    ExcelWriter(workbook, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return _rewrite_zip(raw.getvalue(), bodies, stamp)


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
        self.date = Alignment(horizontal="center", vertical="top")
        self.title_align = Alignment(horizontal="left", vertical="center", wrap_text=True)


def _set_text(cell, text: str) -> None:
    """A text cell: XML-clean, and stored as a string even when it starts like a formula."""
    text = xml_text(text)
    cell.value = text
    if starts_like_formula(text):
        cell.data_type = "s"  # openpyxl would store "=…" as a formula
        cell.quotePrefix = True  # Excel's own marker for "typed with a leading '"


def _fill(sheet, occurrences: list[Occurrence], columns: tuple[Column, ...], heading: str, options: TodoOptions, styles: _Styles) -> str:
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

    # The body rows are written as SpreadsheetML text (see _body_rows), not as openpyxl
    # cells: its per-cell style hashing and XML serialisation made 6,000 rows take
    # ten times as long as the csv.  The style ids are registered with the workbook here.
    workbook = sheet.parent
    style_ids = {
        "text": workbook._cell_styles.add(_template(sheet, styles)),
        "quoted": workbook._cell_styles.add(_template(sheet, styles, quote=True)),
        "date": workbook._cell_styles.add(_template(sheet, styles, number_format="yyyy-mm-dd")),
        "provisional": workbook._cell_styles.add(_template(sheet, styles, number_format="yyyy-mm-dd", fill=styles.provisional_fill)),
    }
    body = _body_rows(occurrences, columns, printed, lang, style_ids)
    row = HEADER_ROW + len(occurrences)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        if columns[index - 1].key == "item-id":
            sheet.column_dimensions[get_column_letter(index)].hidden = True  # for `ideo record --from`, not for reading
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
    return body


_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial day 0 of the 1900 date system (after Lotus' leap-year bug)


def _body_rows(occurrences: list[Occurrence], columns: tuple[Column, ...], printed: int, lang: str, style_ids: dict[str, int]) -> str:
    """``<row>`` elements for the occurrences, from row HEADER_ROW + 1: inline strings
    (XML-clean, quote-prefixed when formula-like, never a formula), dates as serial
    numbers with the date style, each row as high as its most wrapped printed cell."""
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
    widths = [c.width for c in columns]
    due_index = next((i for i, c in enumerate(columns) if c.key == "due"), -1)
    text_s, quoted_s, date_s, provisional_s = (style_ids[k] for k in ("text", "quoted", "date", "provisional"))
    out: list[str] = []
    for number, occ in enumerate(occurrences, start=HEADER_ROW + 1):
        cells: list[str] = []
        lines = 1
        for index, column in enumerate(columns):
            ref = f"{letters[index]}{number}"
            value = column.value(occ, lang)
            if isinstance(value, dt.date):
                style = provisional_s if occ.provisional and index == due_index else date_s
                cells.append(f'<c r="{ref}" s="{style}"><v>{(value - _EXCEL_EPOCH).days}</v></c>')
                continue
            text = xml_text("" if value is None else str(value))
            if not text:
                cells.append(f'<c r="{ref}" s="{text_s}"/>')
                continue
            style = quoted_s if starts_like_formula(text) else text_s
            cells.append(f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{_xml_escape(text)}</t></is></c>')
            if index < printed:
                lines = max(lines, _lines(text, widths[index]))
        out.append(f'<row r="{number}" ht="{LINE_HEIGHT * lines:g}" customHeight="1">{"".join(cells)}</row>')
    return "".join(out)


def _xml_escape(text: str) -> str:
    # a literal CR would be read back as LF (XML end-of-line handling): keep it as a reference
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _rewrite_zip(data: bytes, bodies: list[str], stamp: dt.datetime) -> bytes:
    """One pass over openpyxl's zip: each sheet's body rows go into its worksheet part
    (after the title and header rows), and every entry gets the pinned timestamp."""
    when = max(stamp, dt.datetime(1980, 1, 1)).timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            match = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", info.filename)
            if match and bodies[int(match.group(1)) - 1]:
                text = content.decode("utf-8")
                text = re.sub(r'<dimension ref="[^"]*"/>', "", text, count=1)  # optional; openpyxl's covers only rows 1-2
                content = text.replace("</sheetData>", bodies[int(match.group(1)) - 1] + "</sheetData>", 1).encode("utf-8")
            pinned = zipfile.ZipInfo(info.filename, date_time=when)
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = 0o600 << 16
            target.writestr(pinned, content)
    return out.getvalue()


def _template(sheet, styles: _Styles, number_format: str | None = None, fill=None, quote: bool = False):
    """The style array of a body cell with these properties (a scratch cell, never placed)."""
    from openpyxl.cell.cell import Cell

    cell = Cell(sheet)
    cell.font, cell.alignment = styles.font, styles.wrap
    if number_format:
        cell.number_format = number_format
        cell.alignment = styles.date
    if fill is not None:
        cell.fill = fill
    if quote:
        cell.quotePrefix = True
    return copy(cell._style)


def _display_width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@lru_cache(maxsize=8192)  # titles, names and evidence repeat down a long list
def _lines(text: str, width: int) -> int:
    """Wrapped lines of ``text`` in a column ``width`` characters wide (CJK count double)."""
    room = max(width - 1, 1)
    return sum(max(1, math.ceil(_display_width(part) / room)) for part in text.split("\n"))
