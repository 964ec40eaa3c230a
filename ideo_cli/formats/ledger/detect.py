"""Telling a ledger from a plan: the kind key next to the format version.

``is_ledger(data)`` is the one test the kind registry calls; ``is_ledger_file``
peeks at a file's first lines so directory walks need not parse every file twice.
"""
from __future__ import annotations

import re
from pathlib import Path

KIND_KEYS = ("kind", "文件类型")
KIND_VALUES = ("ledger", "台账")
_KIND_LINE = re.compile(r"^(?:kind|文件类型)\s*:\s*[\"']?(?:ledger|台账)[\"']?\s*(?:#.*)?$", re.M)
_PEEK_BYTES = 4096


def is_ledger(data: object) -> bool:
    """True for a mapping whose kind key (English or Chinese) says ledger/台账."""
    if not isinstance(data, dict):
        return False
    return any(data.get(key) in KIND_VALUES for key in KIND_KEYS)


def is_ledger_file(path: Path | str) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(_PEEK_BYTES)
    except OSError:
        return False
    return bool(_KIND_LINE.search(head.decode("utf-8", errors="ignore")))
