"""Row heights for wrapped text in a workbook that is printed.

Excel, WPS and LibreOffice keep a row at the height written in the file: a
row left one line high clips its wrapped text on screen and on paper.  The
height is computed from the text: each cell is wrapped as a spreadsheet does
(Chinese at any character, Latin words whole unless longer than the line, at
each newline) into its column's width, and the tallest cell sets the row.
The estimate leans to one line too many, never one too few.
"""
from __future__ import annotations

import math
import re
import unicodedata

LINE_POINTS = 14.5  # one line of 10-point 宋体 (or the Noto CJK face LibreOffice substitutes), in points
PADDING_POINTS = 4
_TOKENS = re.compile(r"[A-Za-z0-9_.@%:/\\+=#&'\"-]+[ ]*|.", re.S)


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide (Excel units,
    about one Latin character each; a Chinese character takes two)."""
    per_line = max(int(width) - 1, 1)
    total = 0
    for paragraph in str(text).split("\n"):
        lines, used = 1, 0
        for token in _TOKENS.findall(paragraph):
            size = _cells(token.rstrip(" "))
            if used and used + size > per_line:  # the word moves to the next line whole
                lines, used = lines + 1, 0
            if size > per_line:  # a word longer than the line is broken inside
                lines += math.ceil(size / per_line) - 1
                size = size % per_line or per_line
            used += size + (len(token) - len(token.rstrip(" ")))
        total += lines
    return total


def row_height(texts, widths, font_points: float = 10) -> float:
    """Points for a row whose cells hold ``texts`` in columns ``widths`` wide."""
    lines = max([wrapped_lines(text, width) for text, width in zip(texts, widths) if isinstance(text, str) and text] or [1])
    return round(lines * LINE_POINTS * font_points / 10 + PADDING_POINTS, 1)
