"""libyaml nodes to plain Python, under explicit safety limits.

Only the core schema is allowed (str, int, float, bool, null, timestamp, seq,
map): any other tag, e.g. ``!!python/object``, is refused rather than
constructed.  Aliases are expanded under a node budget so a "billion laughs"
file stops within milliseconds; nesting is capped; duplicate keys (after
mapping Chinese key aliases to English ones) are an error, not a silent
override.
"""
from __future__ import annotations

from typing import Callable, Mapping

import yaml
from yaml.constructor import SafeConstructor

from ideo_cli.documents.compose import MAX_DEPTH
from ideo_cli.documents.errors import input_diagnostic

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
    def __init__(self, display: str, lang: str, translate_key: KeyTranslator | None):
        self.display = display
        self.lang = lang
        self.translate_key = translate_key
        self.budget = MAX_NODES

    def convert(self, node: yaml.Node, path: tuple = (), depth: int = 0):
        self.budget -= 1
        if self.budget < 0:
            raise self._error(
                "IDEO008", node,
                {"zh": "别名展开后超过 {limit} 个节点（疑似“十亿笑声”攻击），拒绝读取", "en": "aliases expand to more than {limit} nodes (billion laughs?); refused"},
                limit=MAX_NODES,
            )
        if depth > MAX_DEPTH:
            raise self._error("IDEO008", node, {"zh": "嵌套超过 {limit} 层，拒绝读取", "en": "nesting deeper than {limit} levels; refused"}, limit=MAX_DEPTH)
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            builder = _builders.get(tag)
            if builder is None:
                raise self._forbidden(node)
            try:
                return builder(node)
            except (ValueError, yaml.constructor.ConstructorError) as exc:
                raise self._error("IDEO011", node, {"zh": "无法解析的值 {value!r}：{reason}", "en": "cannot parse {value!r}: {reason}"}, value=node.value, reason=exc) from None
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
                raise self._error("IDEO004", key_node, {"zh": "键必须是文本", "en": "keys must be plain text"})
            raw = key_node.value
            key = self.translate_key(raw, path) if self.translate_key else raw
            if key in first_seen:
                other = first_seen[key]
                raise self._error(
                    "IDEO006", key_node,
                    {"zh": "键“{raw}”重复：第 {first_line} 行已有“{first}”", "en": "duplicate key '{raw}': '{first}' already at line {first_line}"},
                    raw=raw, first=other.value, first_line=other.start_mark.line + 1, path=path + (key,),
                )
            first_seen[key] = key_node
            result[key] = self.convert(value_node, path + (key,), depth + 1)
        return result

    def _forbidden(self, node: yaml.Node) -> ConvertError:
        return self._error("IDEO007", node, {"zh": "不允许的标签 {tag}", "en": "forbidden tag {tag}"}, tag=_short_tag(node.tag))

    def _error(self, code: str, node: yaml.Node, message: Mapping[str, str], path: tuple = (), **fields) -> ConvertError:
        mark, end = node.start_mark, node.end_mark
        end_col = end.column + 1 if end is not None and end.line == mark.line and end.column > mark.column else None
        return ConvertError(
            input_diagnostic(code, self.display, mark.line + 1, mark.column + 1, dict(message), self.lang, path=format_path(path), end_col=end_col, **fields)
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
