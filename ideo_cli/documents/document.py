"""A loaded YAML document: plain data plus the node graph to locate any path."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

from ideo_cli.documents.compose import ComposeError, compose
from ideo_cli.documents.convert import ConvertError, Converter, KeyTranslator
from ideo_cli.documents.errors import input_diagnostic
from ideo_cli.documents.read import ReadError, decode, read_text


class LoadError(Exception):
    """The file is not usable; ``diagnostics`` say where and why (all FATAL)."""

    def __init__(self, diagnostics, source: str | None = None):
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = list(diagnostics)
        self.source = source


@dataclass
class Position:
    line: int  # 1-based
    col: int  # 1-based
    end_line: int
    end_col: int


@dataclass
class YamlDocument:
    file: str
    source: str
    data: object
    root: yaml.Node
    translate_key: KeyTranslator | None = None

    def node_at(self, path: tuple, *, key: bool = False) -> tuple[yaml.Node, int]:
        """The node at ``path`` (or its key node), and how many path parts matched."""
        node = self.root
        matched = 0
        for i, part in enumerate(path):
            nxt = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                for key_node, value_node in node.value:
                    name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                    if name is not None and self.translate_key:
                        name = self.translate_key(name, path[:i])
                    if name == part:
                        nxt = key_node if (key and i == len(path) - 1) else value_node
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                nxt = node.value[part]
            if nxt is None:
                break
            node = nxt
            matched += 1
        return node, matched

    def locate(self, path: tuple, *, key: bool = False) -> Position:
        """Position of the value at ``path`` (of its key with ``key=True``).

        A path that does not exist (a missing key) resolves to the nearest
        existing ancestor: the mapping where the key should be added.
        """
        node, matched = self.node_at(path, key=key)
        if matched < len(path) and isinstance(node, yaml.MappingNode) and node.value:
            # point at the mapping's first key rather than the line before it
            node = node.value[0][0]
        start, end = node.start_mark, node.end_mark
        line, col = start.line + 1, start.column + 1
        if end is not None and end.line == start.line and end.column > start.column:
            return Position(line, col, line, end.column + 1)
        # multi-line node: underline the rest of its first line
        text_line = self.line_text(line)
        return Position(line, col, line, max(col + 1, len(text_line.rstrip()) + 1))

    def line_text(self, line: int) -> str:
        lines = self.source.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


def load_yaml_text(text: str, file: str, lang: str = "zh", translate_key: KeyTranslator | None = None) -> YamlDocument:
    try:
        root = compose(text, file, lang)
        if root is None:
            raise LoadError([input_diagnostic("IDEO009", file, 1, 1, {"zh": "文件为空（没有任何 YAML 内容）", "en": "the file is empty (no YAML content)"}, lang)], text)
        data = Converter(file, lang, translate_key).convert(root)
    except (ComposeError, ConvertError) as exc:
        raise LoadError([exc.diagnostic], text) from None
    return YamlDocument(file=file, source=text, data=data, root=root, translate_key=translate_key)


def load_yaml_file(path: Path | str, lang: str = "zh", translate_key: KeyTranslator | None = None, display: str | None = None) -> YamlDocument:
    path = Path(path)
    shown = display or path.as_posix()
    try:
        text = read_text(path, shown, lang)
    except ReadError as exc:
        raise LoadError([exc.diagnostic]) from None
    return load_yaml_text(text, shown, lang, translate_key)


def load_yaml_bytes(data: bytes, file: str, lang: str = "zh", translate_key: KeyTranslator | None = None) -> YamlDocument:
    try:
        text = decode(data, file, lang)
    except ReadError as exc:
        raise LoadError([exc.diagnostic]) from None
    return load_yaml_text(text, file, lang, translate_key)
