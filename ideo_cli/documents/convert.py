"""libyaml nodes to plain Python, under explicit safety limits.

Only the core schema is allowed (str, int, float, bool, null, timestamp, seq,
map): any other tag, e.g. ``!!python/object``, is refused rather than
constructed.  Aliases are expanded under a node budget so a "billion laughs"
file stops within milliseconds; nesting is capped; duplicate keys (after
mapping Chinese key aliases to English ones) are an error, not a silent
override.
"""
from __future__ import annotations

from typing import Callable

import yaml
from yaml.constructor import SafeConstructor

from ideo_cli.documents.compose import MAX_DEPTH
from ideo_cli.documents.errors import input_diagnostic
from ideo_cli.i18n import Message, msg

MAX_NODES = 100_000  # a large county plan has ~2,000

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_SEQ = f"{_CORE}seq"
_MAP = f"{_CORE}map"
_constructor = SafeConstructor()
_builders: dict[str, Callable] = {
    f"{_CORE}str": lambda node: node.value,
    f"{_CORE}int": _constructor.construct_yaml_int,
    f"{_CORE}float": _constructor.construct_yaml_float,
    f"{_CORE}bool": _constructor.construct_yaml_bool,
    f"{_CORE}null": lambda node: None,
    f"{_CORE}timestamp": _constructor.construct_yaml_timestamp,
}

KeyTranslator = Callable[[str, tuple], str]


class ConvertError(Exception):
    def __init__(self, diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


class Converter:
    def __init__(self, display: str, translate_key: KeyTranslator | None):
        self.display = display
        self.translate_key = translate_key
        self.budget = MAX_NODES

    def convert(self, node: yaml.Node, path: tuple = (), depth: int = 0):
        self.budget -= 1
        if self.budget < 0:
            raise self._error("IDEO008", node, msg("doc.alias-bomb", limit=MAX_NODES))
        if depth > MAX_DEPTH:
            raise self._error("IDEO008", node, msg("doc.too-deep", limit=MAX_DEPTH))
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            builder = _builders.get(tag)
            if builder is None:
                raise self._forbidden(node)
            try:
                return builder(node)
            except (ValueError, OverflowError, yaml.constructor.ConstructorError):
                # e.g. 2027-02-30: the words say what was written, never Python's reason
                what = "doc.not-a-date" if tag == f"{_CORE}timestamp" else "doc.unparseable-value"
                raise self._error("IDEO011", node, _missing_day(node.value) or msg(what, value=node.value)) from None
        if isinstance(node, yaml.SequenceNode):
            if tag != _SEQ:
                raise self._forbidden(node)
            return [self.convert(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        if tag != _MAP:
            raise self._forbidden(node)
        result: dict = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALAR_TAGS or key_node.tag == f"{_CORE}null":
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self._forbidden(key_node)
                raise self._error("IDEO004", key_node, msg("doc.key-not-text"))
            raw = key_node.value
            key = self.translate_key(raw, path) if self.translate_key else raw
            if key in first_seen:
                other = first_seen[key]
                raise self._error(
                    "IDEO006", key_node, msg("doc.duplicate-key", raw=raw, first=other.value, first_line=other.start_mark.line + 1), path=path + (key,)
                )
            first_seen[key] = key_node
            result[key] = self.convert(value_node, path + (key,), depth + 1)
        return result

    def _forbidden(self, node: yaml.Node) -> ConvertError:
        return self._error("IDEO007", node, msg("doc.forbidden-tag", tag=_short_tag(node.tag)))

    def _error(self, code: str, node: yaml.Node, message: Message, path: tuple = ()) -> ConvertError:
        mark, end = node.start_mark, node.end_mark
        end_col = end.column + 1 if end is not None and end.line == mark.line and end.column > mark.column else None
        return ConvertError(
            input_diagnostic(code, self.display, mark.line + 1, mark.column + 1, message, path=format_path(path), end_col=end_col)
        )


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


def format_path(path: tuple) -> str:
    """('obligations', 3, 'owner') -> 'obligations[3].owner'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _missing_day(text: str):
    """2026-06-31: "6 月只有 30 天" rather than "not a date" (None for anything else)."""
    import calendar
    import re

    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", str(text))
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return msg("date.no-such-month", value=text, month=month)
    days = calendar.monthrange(year, month)[1]
    return msg("date.no-such-day", value=text, month=month, days=days) if day > days else None
