"""Spreadsheet cells that are only ever text: the one place csv and xlsx make user text safe.

Two dangers, both handled here and nowhere else:

* **Formula injection** (OWASP "CSV Injection"): Excel, WPS and LibreOffice
  evaluate a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and TAB or CR
  ahead of one) — a person named ``=1+2`` shows ``3``, a title
  ``=HYPERLINK(...)`` becomes a live link.  In CSV such a cell gets OWASP's
  leading single quote (and every field is quoted); in xlsx it is stored as a
  string cell with the ``quotePrefix`` style, which is what Excel itself does
  when a user types ``'=1+2``: shown as written, never evaluated.
* **Characters XML 1.0 forbids** (C0 controls except TAB/LF/CR, U+FFFE/U+FFFF,
  lone surrogates): openpyxl refuses them with ``IllegalCharacterError`` and
  no office program could read them; they are removed.
"""
from __future__ import annotations

import re

# XML 1.0 §2.2 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel: at most 31 characters, none of these, not starting or ending with an apostrophe
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LIMIT = 31


def xml_text(text: str) -> str:
    """``text`` without the characters an XML document (an xlsx part) cannot hold."""
    return _XML_FORBIDDEN.sub("", text)


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_text(text: str) -> str:
    """A CSV field: XML-clean (one rule for both formats) and never a formula."""
    text = xml_text(text)
    return "'" + text if starts_like_formula(text) else text


def csv_cell(value):
    """Any value bound for a CSV file: text through :func:`csv_text`, a date as ISO, numbers as they are."""
    import datetime as dt

    if isinstance(value, str):
        return csv_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return ""
    return value


def csv_row(values) -> list:
    return [csv_cell(v) for v in values]


def sheet_name(name: str, used: set[str], fallback: str = "sheet") -> str:
    """A unique, valid sheet title that cannot read as a formula; ``used`` holds casefolded titles.

    A sheet title cannot carry the quote prefix (Excel forbids a leading
    apostrophe), so a formula-like start is replaced by an underscore.
    """
    base = _SHEET_FORBIDDEN.sub("_", xml_text(name)).strip().strip("'")
    if starts_like_formula(base):
        base = "_" + base[1:]
    base = base[: SHEET_NAME_LIMIT - 3] or fallback
    title, n = base, 2
    while title.casefold() in used:  # Excel compares sheet names case-insensitively
        title, n = f"{base}{n}", n + 1
    used.add(title.casefold())
    return title


def append_row(sheet, values) -> None:
    """``sheet.append(values)`` for openpyxl writers, with every text cell made safe:
    XML-clean, and stored as a string with the quote prefix when it looks like a
    formula (openpyxl would otherwise store ``=1+2`` as a formula)."""
    cleaned = [xml_text(v) if isinstance(v, str) else v for v in values]
    sheet.append(cleaned)
    row = sheet._current_row  # the row just appended; max_row scans every cell (quadratic)
    for column, value in enumerate(cleaned, start=1):
        if isinstance(value, str) and starts_like_formula(value):
            cell = sheet.cell(row, column)
            cell.data_type = "s"
            cell.quotePrefix = True
