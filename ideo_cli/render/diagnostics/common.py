"""Helpers shared by the renderers: ordering, counting, summary, citations, terminal safety."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ideo_cli.diagnostics.model import Citation, Diagnostic, FileResult, Severity
from ideo_cli.render.citations import format_citation as one_line
from ideo_cli.render.diagnostics import strings

# --- ordering and counting -------------------------------------------------


def sorted_diagnostics(result: FileResult) -> list[Diagnostic]:
    """A file's diagnostics in render order: file, line, col, code (then message)."""
    return sorted(result.diagnostics, key=Diagnostic.sort_key)


@dataclass(frozen=True, slots=True)
class Counts:
    files: int = 0
    fatal: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    waived: int = 0

    @property
    def total(self) -> int:
        return self.fatal + self.errors + self.warnings + self.infos


def count(results: list[FileResult]) -> Counts:
    tally = {s: 0 for s in Severity}
    for result in results:
        for diagnostic in result.diagnostics:
            tally[Severity(diagnostic.severity)] += 1
    return Counts(
        files=len(results),
        fatal=tally[Severity.FATAL],
        errors=tally[Severity.ERROR],
        warnings=tally[Severity.WARNING],
        infos=tally[Severity.INFO],
        waived=sum(r.waived for r in results),
    )


def summary_line(counts: Counts, lang: str) -> str:
    """``发现 3 个问题（错误 2，警告 1）；检查了 5 个文件`` / ``Found 3 problems (...) in 5 files checked``."""
    files = strings.plural(lang, "files", counts.files)
    if counts.total:
        parts = [
            strings.plural(lang, f"count.{key}", n)
            for key, n in (
                ("fatal", counts.fatal),
                ("error", counts.errors),
                ("warning", counts.warnings),
                ("info", counts.infos),
            )
            if n
        ]
        line = strings.text(
            lang,
            "summary.found",
            problems=strings.plural(lang, "problems", counts.total),
            breakdown=strings.text(lang, "sep").join(parts),
            files=files,
        )
    else:
        line = strings.text(lang, "summary.clean", files=files)
    if counts.waived:
        line += strings.text(lang, "summary.waived", n=counts.waived)
    return line


# --- small formatting pieces -----------------------------------------------


def severity_value(diagnostic: Diagnostic) -> str:
    return Severity(diagnostic.severity).value


def format_citation(citation: Citation, lang: str) -> str:
    """``002《XX镇…实施方案》二(一)4 “党组织每年至少两次…”`` (parts left out when empty);
    in English the title is in parentheses, not 《》 (render/citations.py)."""
    return one_line(citation, lang)


def location(diagnostic: Diagnostic, file: str | None = None) -> str:
    """``file:line:col`` for humans; missing positions (0) are shown as 1 like ruff does."""
    name = diagnostic.file or file or ""
    return f"{name}:{max(diagnostic.line, 1)}:{max(diagnostic.col, 1)}"


# --- terminal safety -------------------------------------------------------

# C0/C1 controls (but not \t \n), bidi overrides/isolates ("Trojan Source") and
# lone surrogates (undecodable file names): a plan file must not be able to
# inject escape sequences into a terminal, nor make writing the report fail.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def terminal_safe(value: str, *, one_line: bool = False) -> str:
    value = value.replace("\r\n", "\n")
    value = _UNSAFE.sub(REPLACEMENT, value)
    if one_line:
        value = " ".join(value.split("\n"))
    return value


def is_unsafe_char(ch: str) -> bool:
    return ch != "\n" and bool(_UNSAFE.match(ch))


# --- display columns -------------------------------------------------------

TAB_WIDTH = 4


def char_width(ch: str) -> int:
    """Terminal columns of one character as this renderer displays it."""
    if ch == "\t":
        return TAB_WIDTH
    if is_unsafe_char(ch):
        return 1  # shown as U+FFFD
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(value: str) -> int:
    return sum(char_width(ch) for ch in value)


def display(value: str) -> str:
    return "".join(
        " " * TAB_WIDTH if ch == "\t" else REPLACEMENT if is_unsafe_char(ch) else ch for ch in value
    )


# --- ANSI colour (no rich import needed for a handful of SGR codes) --------

BOLD = "1"
DIM = "2"
GUTTER = "1;34"
SEVERITY_STYLE = {
    "fatal": "1;35",
    "error": "1;31",
    "warning": "1;33",
    "info": "1;36",
}


def style(value: str, sgr: str, color: bool) -> str:
    if not color or not value:
        return value
    return f"\x1b[{sgr}m{value}\x1b[0m"
