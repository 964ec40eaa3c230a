"""The roll-up as data: JSON (versioned, ``ideo_rollup: 1``), CSV (matrix and
late list, UTF-8 with BOM for Excel/WPS) and an xlsx workbook."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

from ideo_cli.render.occurrences.cells import append_row, csv_row, xml_text
from ideo_cli.render.xlsx_zip import pin_zip_times as _pin_zip_times
from ideo_cli.rollup.aggregate import Rate, Rollup
from ideo_cli.render.rollup.labels import kind_heading, kind_label, percent, status_label, text, unit_name

ROLLUP_VERSION = 1


def _rate(rate: Rate) -> dict:
    return {"planned": rate.planned, "due": rate.due, "on_time": rate.on_time, "late": rate.late, "missing": rate.missing, "evidence_missing": rate.evidence_missing, "rate": rate.rate}


def _unit(unit: dict) -> dict:
    return {k: unit.get(k) for k in ("id", "name", "short_name", "type", "superior_id", "file")}


def as_data(rollup: Rollup) -> dict:
    return {
        "ideo_rollup": ROLLUP_VERSION,
        "year": rollup.year,
        "as_of": rollup.as_of.isoformat(),
        "root": rollup.root,
        "parent": _unit(rollup.parent) if rollup.parent else None,
        "kinds": rollup.kinds,
        "units": [
            {"unit": _unit(row.unit), "depth": row.depth,
             "cells": {kind: {"worst": cell.worst, "counts": cell.counts} for kind, cell in row.cells.items()}}
            for row in rollup.rows
        ],
        "late": [
            {"unit": item.unit_id, "title": item.title, "period": item.period, "due": item.due.isoformat(), "days_late": item.days_late,
             "status": item.status, "owners": item.owners, "superior_item": item.at_risk, "superior_unit": item.at_risk_unit}
            for item in rollup.late
        ],
        "per_kind": {kind: _rate(rate) for kind, rate in rollup.per_kind.items()},
        "per_subtree": [{"unit": unit["id"], **_rate(rate)} for unit, rate in rollup.per_subtree],
        "total": _rate(rollup.total),
    }


INDENT_UP_TO = 2000  # units; beyond, compact JSON: indent bypasses the C encoder and is 5× slower


def render_json(rollup: Rollup) -> bytes:
    data = as_data(rollup)
    if len(rollup.rows) <= INDENT_UP_TO:
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _matrix_rows(rollup: Rollup, lang: str) -> list[list]:
    head = [text("rollup.col-unit-id", lang), text("rollup.col-unit", lang), text("rollup.col-depth", lang)] + [kind_heading(k, lang) for k in rollup.kinds]
    rows = [head]
    for row in rollup.rows:
        cells = []
        for kind in rollup.kinds:
            cell = row.cells.get(kind)
            cells.append("" if cell is None else f"{status_label(cell.worst, lang)} ({cell.total})")
        rows.append([row.unit["id"], unit_name(row.unit), row.depth, *cells])
    return rows


def _late_rows(rollup: Rollup, lang: str) -> list[list]:
    head = [text(h, lang) for h in ("rollup.col-unit", "rollup.col-item", "rollup.col-period", "rollup.col-due", "rollup.col-days-late", "rollup.col-status", "rollup.col-owner", "rollup.col-at-risk")]
    sep = "、" if lang == "zh" else ", "
    return [head] + [[i.unit_name, i.title, i.period, i.due, "" if i.days_late is None else i.days_late, status_label(i.status, lang), sep.join(i.owners), i.at_risk or ""] for i in rollup.late]


def _rate_rows(rollup: Rollup, lang: str) -> list[list]:
    head = [text(h, lang) for h in ("rollup.col-kind", "rollup.col-planned", "rollup.col-due-so-far", "rollup.col-on-time", "rollup.col-late", "rollup.col-missing", "rollup.col-rate")]
    rows = [head]
    for label, rate in [(kind_heading(k, lang), r) for k, r in rollup.per_kind.items()] + [(text("rollup.subtree-of", lang, unit=unit_name(u)), r) for u, r in rollup.per_subtree] + [(text("rollup.col-total", lang), rollup.total)]:
        rows.append([label, rate.planned, rate.due, rate.on_time, rate.late, rate.missing, percent(rate.rate)])
    return rows


def render_csv(rollup: Rollup, lang: str) -> bytes:
    """The matrix, a blank line, the late list: one file Excel and WPS open as is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    # every cell through the one safe-cell writer: a unit named =1+1 stays text
    for row in _matrix_rows(rollup, lang):
        writer.writerow(csv_row(row))
    writer.writerow([])
    for row in _late_rows(rollup, lang):
        writer.writerow(csv_row(row))
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def render_xlsx(rollup: Rollup, lang: str, title: str, stamp: dt.datetime) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.writer.excel import ExcelWriter
    import zipfile

    fills = {"done": "C6EFCE", "waived": "C6EFCE", "in-progress": "DDEBF7", "pending": "F2F2F2", "done-late": "FFEB9C", "evidence-missing": "F4B6C2", "overdue": "FFC7CE"}

    workbook = Workbook()
    sheets = [(text("rollup.sheet-matrix", lang), _matrix_rows(rollup, lang)), (text("rollup.sheet-late", lang), _late_rows(rollup, lang)), (text("rollup.sheet-rates", lang), _rate_rows(rollup, lang))]
    for index, (name, rows) in enumerate(sheets):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = name
        for row in rows:
            append_row(sheet, row)  # user text never becomes a formula
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.freeze_panes = "B2" if index == 0 else "A2"
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = 14
        sheet.column_dimensions["B"].width = 28
    matrix = workbook.worksheets[0]
    for r, row in enumerate(rollup.rows, start=2):
        for c, kind in enumerate(rollup.kinds, start=4):
            cell = row.cells.get(kind)
            if cell is not None and cell.worst in fills:
                matrix.cell(row=r, column=c).fill = PatternFill("solid", fgColor=fills[cell.worst])
    for row in workbook.worksheets[1].iter_rows(min_row=2, min_col=4, max_col=4):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    stamp = stamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
    workbook.properties.created = workbook.properties.modified = stamp
    workbook.properties.creator = "ideo"
    workbook.properties.title = xml_text(title)  # the root unit's name may hold a control character
    raw = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return _pin_zip_times(raw.getvalue(), stamp)
