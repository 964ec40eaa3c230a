"""CSV for Excel and WPS: UTF-8 with BOM (or they guess GBK), CRLF rows."""
from __future__ import annotations

import csv
import io

from ideo_cli.render.occurrences.columns import COLUMNS, cell_text
from ideo_cli.render.occurrences.todo import TodoOptions
from ideo_cli.schedule.occurrence import Occurrence


def export(occurrences: list[Occurrence], options: TodoOptions) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.header(options.lang) for c in COLUMNS])
    for occ in occurrences:
        writer.writerow([cell_text(c.value(occ, options.lang)) for c in COLUMNS])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
