"""CSV for Excel and WPS: UTF-8 with BOM (or they guess GBK), CRLF rows.

Every field is quoted and passed through :func:`cells.csv_text`, so no cell
can start a formula (OWASP CSV injection) or carry a character XML forbids.
"""
from __future__ import annotations

import csv
import io

from ideo_cli.render.occurrences.cells import csv_text
from ideo_cli.render.occurrences.columns import cell_text, csv_columns
from ideo_cli.render.occurrences.todo import TodoOptions
from ideo_cli.schedule.occurrence import Occurrence


def export(occurrences: list[Occurrence], options: TodoOptions) -> bytes:
    lang = options.lang
    columns = csv_columns(occurrences)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([csv_text(c.header(lang)) for c in columns])
    writer.writerows([csv_text(cell_text(c.value(occ, lang))) for c in columns] for occ in occurrences)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
