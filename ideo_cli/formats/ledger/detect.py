"""Telling a ledger from a plan: the kind key next to the format version.

``is_ledger(data)`` is the one test the kind registry calls; ``is_ledger_file``
answers the same question for a file by parsing it — the C parser's events,
top-level keys only, stopping at the kind key — so quoting the key
(``"文件类型": 台账``), flow style or pages of comments before it cannot change
what the file is, and a directory walk still costs little.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from ideo_cli.fsutil import read_regular

KIND_KEYS = ("kind", "文件类型")
KIND_VALUES = ("ledger", "台账")
MAX_BYTES = 2 * 1024 * 1024  # the document reader's limit (documents/read.py)

try:  # the C parser; the pure-Python one gives the same events, only slower
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - wheels ship the C extension
    _Loader = yaml.SafeLoader


def is_ledger(data: object) -> bool:
    """True for a mapping whose kind key (English or Chinese) says ledger/台账."""
    if not isinstance(data, dict):
        return False
    return any(data.get(key) in KIND_VALUES for key in KIND_KEYS)


def top_level_value(text: str, keys: tuple[str, ...]) -> str | None:
    """The scalar value of the first of ``keys`` at the top level of a YAML mapping, or None."""
    depth = 0
    expect_key = False
    want = False
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if want:
                    return None  # the kind key holds a collection
                if depth == 1 and not expect_key:
                    expect_key = True  # a nested value ends; the next top-level node is a key
                depth += 1
                if depth == 1:
                    if not isinstance(event, yaml.MappingStartEvent):
                        return None
                    expect_key = True
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                if depth == 0:
                    return None
                if depth == 1:
                    expect_key = True
                continue
            if isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)) and depth == 1:
                value = getattr(event, "value", None)
                if want:
                    return value
                if expect_key:
                    want = value in keys
                    expect_key = False
                else:
                    expect_key = True
    except yaml.YAMLError:
        return None
    return None


def is_ledger_file(path: Path | str) -> bool:
    try:
        raw = read_regular(path, MAX_BYTES + 1)
    except (OSError, ValueError):
        return False
    if len(raw) > MAX_BYTES:
        return False
    if b"ledger" not in raw.lower() and "台账".encode("utf-8") not in raw and b"\\u" not in raw.lower():
        return False  # neither kind word anywhere (not even escaped): no parse needed to say "not a ledger"
    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
    value = top_level_value(text, KIND_KEYS)
    return isinstance(value, str) and value.strip().lower() in KIND_VALUES
