"""Bytes to text: existence, size, binary and encoding checks, all located."""
from __future__ import annotations

import os
from pathlib import Path

from ideo_cli.documents.errors import input_diagnostic

MAX_BYTES = 2 * 1024 * 1024  # a real plan is ~10 KB; 2 MiB leaves room for any county file

_BOMS = (
    (b"\xef\xbb\xbf", "UTF-8 BOM"),
    (b"\xff\xfe", "UTF-16 LE BOM"),
    (b"\xfe\xff", "UTF-16 BE BOM"),
)


class ReadError(Exception):
    def __init__(self, diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def read_text(path: Path, display: str, lang: str) -> str:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ReadError(input_diagnostic("IDEO001", display, 1, 1, {"zh": "找不到文件", "en": "no such file"}, lang)) from None
    except OSError as exc:
        raise ReadError(_os_error(display, exc, lang)) from None
    if not path.is_file():
        raise ReadError(input_diagnostic("IDEO001", display, 1, 1, {"zh": "不是普通文件（是目录或设备？）", "en": "not a regular file (a directory or device?)"}, lang))
    if st.st_size > MAX_BYTES:
        raise ReadError(
            input_diagnostic(
                "IDEO003", display, 1, 1,
                {"zh": "文件有 {size:.1f} MB，超过上限 {limit} MB，未读取", "en": "file is {size:.1f} MB, over the {limit} MB limit; not read"},
                lang, size=st.st_size / 1048576, limit=MAX_BYTES // 1048576,
            )
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ReadError(_os_error(display, exc, lang)) from None
    return decode(data, display, lang)


def _os_error(display: str, exc: OSError, lang: str):
    return input_diagnostic(
        "IDEO001", display, 1, 1, {"zh": "无法读取：{reason}", "en": "cannot read: {reason}"}, lang, reason=exc.strerror or str(exc)
    )


def decode(data: bytes, display: str, lang: str) -> str:
    """UTF-8 without BOM, or a located explanation of what the bytes are instead."""
    if len(data) > MAX_BYTES:
        raise ReadError(input_diagnostic("IDEO003", display, 1, 1, {"zh": "文件超过 {limit} MB 上限，未读取", "en": "file exceeds the {limit} MB limit; not read"}, lang, limit=MAX_BYTES // 1048576))
    for bom, label in _BOMS:
        if data.startswith(bom):
            raise ReadError(
                input_diagnostic(
                    "IDEO002", display, 1, 1,
                    {"zh": "文件以 {label} 开头；计划文件须为无 BOM 的 UTF-8", "en": "file starts with a {label}; plan files must be UTF-8 without BOM"},
                    lang, label=label,
                    help={"zh": "在 WPS/记事本中“另存为”，编码选“UTF-8”（不要选“带 BOM 的 UTF-8”）", "en": "save as 'UTF-8' (not 'UTF-8 with BOM') in your editor"},
                )
            )
    nul = data.find(b"\x00", 0, 8192)
    if nul != -1:
        line, col = _byte_position(data, nul)
        raise ReadError(
            input_diagnostic(
                "IDEO002", display, line, col,
                {"zh": "这是二进制文件（第 {offset} 字节为 NUL），不是 YAML 文本", "en": "this is a binary file (NUL byte at offset {offset}), not YAML text"},
                lang, offset=nul,
                help={"zh": "计划要写在 .yaml 文本文件里，不能用 Word/Excel 文件", "en": "write the plan in a .yaml text file, not a Word/Excel file"},
            )
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(data, exc.start)
        if _looks_like_gb18030(data):
            message = {"zh": "文件是 GBK/GB18030 编码，不是 UTF-8（第 {offset} 字节起）", "en": "file is GBK/GB18030-encoded, not UTF-8 (from byte {offset})"}
            hint = {"zh": "在 WPS/记事本中“另存为”，编码选“UTF-8”；或运行 iconv -f GB18030 -t UTF-8", "en": "re-save as UTF-8, e.g. iconv -f GB18030 -t UTF-8"}
        else:
            message = {"zh": "第 {offset} 字节不是有效的 UTF-8", "en": "invalid UTF-8 at byte {offset}"}
            hint = None
        raise ReadError(input_diagnostic("IDEO002", display, line, col, message, lang, offset=exc.start, help=hint)) from None


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
