"""Bytes to text: existence, size, binary and encoding checks, all located."""
from __future__ import annotations

import errno
import os
from pathlib import Path

from ideo_cli.documents.errors import input_diagnostic
from ideo_cli.fsutil import note_input, read_regular
from ideo_cli.i18n import msg

MAX_BYTES = 2 * 1024 * 1024  # a real plan is ~10 KB; 2 MiB leaves room for any county file

UTF8_BOM = b"\xef\xbb\xbf"  # allowed by YAML 1.2 and written by older Windows editors: accepted
_REFUSED_BOMS = (
    (b"\xff\xfe", "UTF-16 LE BOM"),
    (b"\xfe\xff", "UTF-16 BE BOM"),
)


class ReadError(Exception):
    def __init__(self, diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def read_text(path: Path, display: str) -> str:
    try:
        st = os.stat(path)
    except ValueError:  # a NUL byte in the name
        raise ReadError(input_diagnostic("IDEO001", display.replace("\x00", "\\0"), 1, 1, msg("doc.cannot-read", reason=msg("doc.os.bad-name")))) from None
    except FileNotFoundError:
        raise ReadError(input_diagnostic("IDEO001", display, 1, 1, msg("doc.no-such-file"))) from None
    except OSError as exc:
        raise ReadError(os_error_diagnostic(display, exc)) from None
    if not path.is_file():
        raise ReadError(input_diagnostic("IDEO001", display, 1, 1, msg("doc.not-a-regular-file")))
    if st.st_size > MAX_BYTES:
        raise ReadError(
            input_diagnostic(
                "IDEO003", display, 1, 1,
                msg("doc.file-too-large", size=f"{st.st_size / 1048576:.1f}", limit=MAX_BYTES // 1048576),
            )
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ReadError(os_error_diagnostic(display, exc)) from None
    note_input(path)
    return decode(data, display)


_OS_REASONS = {
    errno.EACCES: "doc.os.permission",
    errno.EPERM: "doc.os.permission",
    errno.ENAMETOOLONG: "doc.os.name-too-long",
    errno.ELOOP: "doc.os.symlink-loop",
    errno.EISDIR: "doc.os.is-directory",
    errno.EIO: "doc.os.io",
    errno.ENXIO: "doc.os.not-regular",
    errno.EINVAL: "doc.os.bad-name",
}


def os_error_diagnostic(display: str, exc: OSError):
    # the reason in the catalogue's words; an unusual one by its errno name (ENXIO …), never English prose
    reason = msg(_OS_REASONS[exc.errno]) if exc.errno in _OS_REASONS else errno.errorcode.get(exc.errno or 0, type(exc).__name__)
    return input_diagnostic("IDEO001", display, 1, 1, msg("doc.cannot-read", reason=reason))


def decode(data: bytes, display: str) -> str:
    """UTF-8 (a leading UTF-8 BOM is dropped), or a located explanation of what the bytes are instead."""
    if len(data) > MAX_BYTES:
        raise ReadError(input_diagnostic("IDEO003", display, 1, 1, msg("doc.file-over-limit", limit=MAX_BYTES // 1048576)))
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
    for bom, label in _REFUSED_BOMS:
        if data.startswith(bom):
            raise ReadError(
                input_diagnostic("IDEO002", display, 1, 1, msg("doc.utf16-bom", label=label), help=msg("doc.utf16-bom.help"))
            )
    nul = data.find(b"\x00", 0, 8192)
    if nul != -1:
        line, col = _byte_position(data, nul)
        raise ReadError(
            input_diagnostic(
                "IDEO002", display, line, col,
                msg("doc.binary-file", offset=nul),
                help=msg("doc.binary-file.help"),
            )
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(data, exc.start)
        if _looks_like_gb18030(data):
            message, hint = msg("doc.gb18030", offset=exc.start), msg("doc.gb18030.help")
        else:
            message, hint = msg("doc.invalid-utf8", offset=exc.start), None
        raise ReadError(input_diagnostic("IDEO002", display, line, col, message, help=hint)) from None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of a byte offset (prefix decoded leniently)."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    col = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, col


def _looks_like_gb18030(data: bytes) -> bool:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def read_source(path: Path | str) -> str | None:
    """A file's text for report snippets, or None if it cannot be read as UTF-8 (a FIFO is never waited on)."""
    try:
        return read_regular(path, 64 * 1024 * 1024).decode("utf-8")
    except (OSError, UnicodeDecodeError, ValueError):
        return None
