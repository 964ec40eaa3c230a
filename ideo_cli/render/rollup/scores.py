"""The score ranking (``ideo rollup --rubric``) as a terminal table, JSON, CSV and xlsx."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

from ideo_cli.render.occurrences.cells import append_row, csv_row, xml_text
from ideo_cli.render.rollup.labels import text
from ideo_cli.render.xlsx_zip import pin_zip_times
from ideo_cli.rollup.scores import ScoreRanking

RANKING_VERSION = 1


def rounded(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 2)


def as_data(ranking: ScoreRanking, year: int, as_of: dt.date, root: str | None) -> dict:
    return {
        "ideo_score_ranking": RANKING_VERSION,
        "year": year, "as_of": as_of.isoformat(), "root": root,
        "rubric": {"id": ranking.rubric_id, "title": ranking.rubric_title, "total": ranking.total, "grades": ranking.grades},
        "units": [
            {"rank": r.rank, "unit": r.unit_id, "name": r.unit_name, "score": r.score, "grade": r.grade, "grade_by_score": r.grade_by_score,
             "vetoed": r.vetoed, "loses_award": r.loses_award, "at_risk": r.at_risk, "file": r.file}
            for r in ranking.rows
        ],
        "grade_counts": ranking.grade_counts,
        "histogram": [{"low": low, "high": high, "count": n} for low, high, n in ranking.histogram],
        "unscored": ranking.unscored,
    }


def render_json(ranking: ScoreRanking, year: int, as_of: dt.date, root: str | None) -> bytes:
    return (json.dumps(as_data(ranking, year, as_of, root), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _headers(lang: str) -> list[str]:
    return [text(f"rollup.score.col-{c}", lang) for c in ("rank", "unit", "score", "grade", "veto", "at-risk")]


def _rows(ranking: ScoreRanking, lang: str) -> list[list]:
    yes = text("rollup.score.vetoed", lang)
    return [[r.rank, r.unit_name, rounded(r.score), r.grade, yes if r.vetoed else "", rounded(r.at_risk)] for r in ranking.rows]


def _grade_rows(ranking: ScoreRanking, lang: str) -> list[list]:
    return [[text("rollup.score.col-grade", lang), text("rollup.score.col-units", lang)], *([g, n] for g, n in ranking.grade_counts.items())]


def render_csv(ranking: ScoreRanking, lang: str) -> bytes:
    """The ranking, a blank line, units per grade: UTF-8 with BOM for Excel/WPS."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    # every cell through the one safe-cell writer: a unit named @SUM(1,1) stays text
    writer.writerow(csv_row(_headers(lang)))
    writer.writerows(csv_row(row) for row in _rows(ranking, lang))
    writer.writerow([])
    writer.writerows(csv_row(row) for row in _grade_rows(ranking, lang))
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def render_table(ranking: ScoreRanking, title: str, lang: str, width: int = 80) -> bytes:
    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=False, no_color=True, color_system=None, highlight=False, emoji=False, soft_wrap=False)
    console.print(escape(title))
    console.print(escape(text("rollup.score.ranking-title", lang, rubric=ranking.rubric_title)))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), collapse_padding=True)
    for index, header in enumerate(_headers(lang)):
        table.add_column(header, justify="right" if index in (0, 2, 5) else "left", no_wrap=index != 1, overflow="fold")
    for row in _rows(ranking, lang):
        table.add_row(*(escape(str(v)) for v in row))
    console.print(table)
    counts = "  ".join(f"{g} {n}" for g, n in ranking.grade_counts.items())
    console.print(escape(text("rollup.score.grade-counts", lang, counts=counts)))
    bands = "  ".join(f"{rounded(low)}–{rounded(high)}:{n}" for low, high, n in ranking.histogram if n)
    console.print(escape(text("rollup.score.distribution", lang, bands=bands)))
    if ranking.unscored:
        console.print(escape(text("rollup.score.unscored", lang, units=ranking.unscored)))
    return buffer.getvalue().encode("utf-8")


def render_xlsx(ranking: ScoreRanking, lang: str, title: str, stamp: dt.datetime) -> bytes:
    import zipfile

    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    sheets = [(text("rollup.score.sheet-ranking", lang), [_headers(lang), *_rows(ranking, lang)]), (text("rollup.score.sheet-grades", lang), _grade_rows(ranking, lang))]
    for index, (name, rows) in enumerate(sheets):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = name
        for row in rows:
            append_row(sheet, row)  # user text never becomes a formula
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = 12
        sheet.column_dimensions["B"].width = 28 if index == 0 else 12
    stamp = stamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
    workbook.properties.created = workbook.properties.modified = stamp
    workbook.properties.creator = "ideo"
    workbook.properties.title = xml_text(title)  # the root unit's name may hold a control character
    raw = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return pin_zip_times(raw.getvalue(), stamp)
