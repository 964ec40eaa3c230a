"""Input-error codes (IDEO0xx): the file could not be read as a document of its kind.

They are not document rules (no citation); `ideo rule IDEO004` explains them
from this table.  All are FATAL: the command exits 2.  Titles, reasons and
hints are catalogue messages (``doc.IDEO004.title`` …): nothing here is in a
language.
"""
from __future__ import annotations

from ideo_cli.diagnostics import Diagnostic, Severity
from ideo_cli.i18n import Message, msg

_NAMES = {
    "IDEO001": "unreadable-file",
    "IDEO002": "bad-encoding",
    "IDEO003": "file-too-large",
    "IDEO004": "yaml-syntax",
    "IDEO006": "duplicate-key",
    "IDEO007": "forbidden-tag",
    "IDEO008": "structure-limit",
    "IDEO009": "empty-file",
    "IDEO010": "unknown-key",
    "IDEO011": "invalid-value",
    "IDEO012": "missing-key",
    "IDEO013": "format-version",
}

# code -> {"name", "title", "why", "help"}; the texts are Messages
INPUT_CODES: dict[str, dict] = {
    code: {
        "name": name,
        "title": msg(f"doc.{code}.title"),
        "why": msg(f"doc.{code}.why"),
        "help": msg(f"doc.{code}.help"),
    }
    for code, name in _NAMES.items()
}


# Codes a file kind adds for its own checks (not input errors in the strict
# sense, but fatal and explained the same way).
CODES: dict[str, dict] = {
    **INPUT_CODES,
    "IDEO020": {"name": "calendar-file-invalid", "title": msg("calendar.title"), "why": msg("calendar.why"), "help": msg("calendar.help")},
}


def input_diagnostic(
    code: str,
    file: str,
    line: int,
    col: int,
    message: Message,
    *,
    path: str = "",
    help: Message | None = None,
    end_col: int | None = None,
) -> Diagnostic:
    """A located FATAL input diagnostic; ``message``/``help`` are catalogue Messages."""
    meta = CODES[code]
    return Diagnostic(
        code=code,
        name=meta["name"],
        severity=Severity.FATAL,
        message=message,
        file=file,
        line=max(line, 1),
        col=max(col, 1),
        end_line=max(line, 1) if end_col else None,
        end_col=end_col,
        path=path,
        help=help if help is not None else meta["help"],
        title=meta["title"],
    )
