"""A loaded YAML document: plain data plus the node graph to locate any path."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


import yaml

from ideo_cli.documents.compose import ComposeError, compose
from ideo_cli.documents.convert import ConvertError, Converter, KeyTranslator
from ideo_cli.documents.errors import input_diagnostic
from ideo_cli.documents.read import ReadError, decode, read_text
from ideo_cli.i18n import msg


class LoadError(Exception):
    """The file is not usable; ``diagnostics`` say where and why (all FATAL)."""

    def __init__(self, diagnostics, source: str | None = None):
        super().__init__("; ".join(str(d.message) for d in diagnostics))
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
        lines = self.__dict__.get("_lines")
        if lines is None:  # split once: a ledger of 2,000 records locates thousands of findings
            lines = self.__dict__["_lines"] = self.source.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


_UNCONVERTED = object()


def load_yaml_text(text: str, file: str, translate_key: KeyTranslator | None = None, *, convert: bool = True) -> YamlDocument:
    """Compose ``text`` and convert it to plain data (``convert=False``: nodes only,
    for :func:`with_vocabulary` once the kind is known)."""
    if text.startswith("\ufeff"):  # a UTF-8 BOM decoded by the caller: YAML allows it
        text = text[1:]
    try:
        root = compose(text, file)
        if root is None:
            raise LoadError([input_diagnostic("IDEO009", file, 1, 1, msg("doc.empty-file"))], text)
        data = Converter(file, translate_key).convert(root) if convert else _UNCONVERTED
    except (ComposeError, ConvertError) as exc:
        raise LoadError([exc.diagnostic], text) from None
    return YamlDocument(file=file, source=text, data=data, root=root, translate_key=translate_key)


def load_yaml_file(path: Path | str, translate_key: KeyTranslator | None = None, display: str | None = None, *, convert: bool = True) -> YamlDocument:
    path = Path(path)
    shown = display or path.as_posix()
    try:
        text = read_text(path, shown)
    except ReadError as exc:
        raise LoadError([exc.diagnostic]) from None
    return load_yaml_text(text, shown, translate_key, convert=convert)


def load_yaml_bytes(data: bytes, file: str, translate_key: KeyTranslator | None = None) -> YamlDocument:
    try:
        text = decode(data, file)
    except ReadError as exc:
        raise LoadError([exc.diagnostic]) from None
    return load_yaml_text(text, file, translate_key)


def with_vocabulary(doc: YamlDocument, translate_key: KeyTranslator | None) -> YamlDocument:
    """The same document with its keys read through another kind's vocabulary.

    Nothing is parsed again: the node graph is converted anew (a key written in
    both languages becomes a duplicate here).  Raises LoadError.
    """
    if translate_key is doc.translate_key and doc.data is not _UNCONVERTED:
        return doc
    try:
        data = Converter(doc.file, translate_key).convert(doc.root)
    except ConvertError as exc:
        raise LoadError([exc.diagnostic], doc.source) from None
    return YamlDocument(file=doc.file, source=doc.source, data=data, root=doc.root, translate_key=translate_key)
