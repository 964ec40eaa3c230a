"""The id rule: ids name calendar files and start UIDs, so they must be portable.

An id may hold letters of any script, digits and ``-_.`` punctuation, but not
what a file system, a URI or a terminal treats specially: no spaces, no
``\\ / : * ? " < > | @``, no control or invisible formatting characters (NUL,
ESC, bidi overrides such as U+202E), no leading dot, no Windows device name
(CON, NUL, COM1 …), and at most 64 bytes of UTF-8 (a file name allows 255;
person files join two ids).
"""
from __future__ import annotations

import unicodedata
from typing import Annotated, Any

from pydantic import AfterValidator, WithJsonSchema

from ideo_cli.documents.validate import problem

MAX_ID_BYTES = 64
FORBIDDEN = set('\\/:*?"<>|@')
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def _shown_char(ch: str) -> str:
    return ch if ch.isprintable() and not ch.isspace() else f"U+{ord(ch):04X}"


def check_id(value: str) -> str:
    if not value:
        raise problem("doc.must-not-be-empty")
    for ch in value:
        category = unicodedata.category(ch)
        if ch.isspace() or ch in FORBIDDEN or category in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            raise problem("doc.id.bad-char", char=_shown_char(ch), value="".join(_shown_char(c) for c in value[:40]))
    if value.startswith("."):
        raise problem("doc.id.leading-dot", value=value)
    if value.endswith("."):
        raise problem("doc.id.trailing-dot", value=value)
    if value.split(".")[0].upper() in RESERVED:
        raise problem("doc.id.reserved", value=value)
    size = len(value.encode("utf-8"))
    if size > MAX_ID_BYTES:
        raise problem("doc.id.too-long", size=size, limit=MAX_ID_BYTES)
    return value


_SCHEMA: dict[str, Any] = {
    "type": "string",
    "minLength": 1,
    "maxLength": MAX_ID_BYTES,
    "pattern": r'^[^\s\\/:*?"<>|@.\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069][^\s\\/:*?"<>|@\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]*$',
    "description": "编号：不含空格和 \\ / : * ? \" < > | @，不以点开头，不超过 64 字节 / id: portable characters, no leading dot, at most 64 bytes",
}
Identifier = Annotated[str, AfterValidator(check_id), WithJsonSchema(_SCHEMA)]
