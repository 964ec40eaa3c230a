"""Excel/WPS workbook: an "all" sheet with a person column, then one sheet per
person; frozen header row, set widths, wrapped Chinese text.

openpyxl stamps the current time into the zip entries and docProps; both are
pinned to ``options.stamp`` (SOURCE_DATE_EPOCH) so the bytes are reproducible.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from ideo_cli.render.occurrences.columns import COLUMNS, cell_text
from ideo_cli.render.occurrences.ics import split_by_person
from ideo_cli.render.occurrences.todo import TodoOptions
from ideo_cli.schedule.occurrence import Occurrence

_INVALID_SHEET_CHARS = set('[]:*?/\\')


def export(occurrences: list[Occurrence], options: TodoOptions) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    zh = options.lang == "zh"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "全部" if zh else "All"
    _fill(sheet, occurrences, options, Font, Alignment, PatternFill)
    # person ids are only unique within a plan: "shuji" of two units are two people
    people = {(o.plan, p.id): p for o in occurrences for p in o.owners}
    used_titles = {sheet.title}
    for plan_id in sorted({o.plan for o in occurrences}):
        for person_id, items in split_by_person(o for o in occurrences if o.plan == plan_id).items():
            person = people[(plan_id, person_id)]
            title = _sheet_title(person.name or person_id, used_titles)
            _fill(workbook.create_sheet(title), items, options, Font, Alignment, PatternFill)
    stamp = options.stamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.properties.creator = "ideo"
    workbook.properties.title = options.title
    raw = io.BytesIO()
    # not workbook.save(): it overwrites properties.modified with the wall clock
    from openpyxl.writer.excel import ExcelWriter

    ExcelWriter(workbook, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return _pin_zip_times(raw.getvalue(), stamp)


def _fill(sheet, occurrences, options, Font, Alignment, PatternFill) -> None:
    lang = options.lang
    sheet.append([c.header(lang) for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    for occ in occurrences:
        row = []
        for column in COLUMNS:
            value = column.value(occ, lang)
            row.append(value if isinstance(value, dt.date) else cell_text(value))
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
        if occ.provisional:
            sheet.cell(row=sheet.max_row, column=1).fill = PatternFill("solid", fgColor="FFF2CC")
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _sheet_title(name: str, used: set[str]) -> str:
    base = "".join("_" if ch in _INVALID_SHEET_CHARS else ch for ch in name)[:28] or "sheet"
    title, n = base, 2
    while title in used:
        title, n = f"{base}{n}", n + 1
    used.add(title)
    return title


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
