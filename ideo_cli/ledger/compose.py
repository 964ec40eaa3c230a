"""The ledger text after adding records, looking as if a person had typed it.

Round-trip (ruamel.yaml): comments, key order and layout of what is there
survive.  A new ledger is written in the language of the keys asked for and
says whose it is (unit, year and, unless ``../计划.yaml``, its plan).  No
anchors or aliases (``&id001``) ever appear, even when two records share a
value; a file's line endings and byte-order mark are kept as it had them.
The result is validated like ``ideo check`` reads it before anything is
written, and a second record for one occurrence is refused.
"""
from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ideo_cli.documents import LoadError
from ideo_cli.documents.document import load_yaml_text
from ideo_cli.documents.validate import validate
from ideo_cli.formats.ledger import vocab
from ideo_cli.formats.ledger.model import Ledger
from ideo_cli.i18n import msg
from ideo_cli.ledger.entry import NewEntry, RecordError
from ideo_cli.ledger.load import load_ledger

BOM = "\ufeff"


class FileShape:
    """How the file on disk writes its text: BOM and line ending, kept on rewrite."""

    def __init__(self, data: bytes | None):
        text = data.decode("utf-8") if data else ""
        self.bom = text.startswith(BOM)
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.text = (text[1:] if self.bom else text).replace("\r\n", "\n")

    def encode(self, text: str) -> bytes:
        return ((BOM if self.bom else "") + text.replace("\n", self.newline)).encode("utf-8")


def _yaml() -> YAML:
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.representer.ignore_aliases = lambda *_args: True  # a ledger never shows &id001 / *id001
    return yaml


def existing_ledger(path: Path):
    """The ledger at ``path`` validated (a hand-broken one is reported, never overwritten), or None."""
    if not path.exists():
        return None
    try:
        return load_ledger(path, path.as_posix())
    except LoadError as exc:
        first = exc.diagnostics[0]
        raise RecordError(msg("record.ledger-broken", file=first.file, line=first.line, col=first.col, problem=first.message)) from None


def find_duplicate(path: Path, obligation: str, period: str) -> int | None:
    """The line of a record ``obligation``/``period`` already in the ledger at ``path``."""
    loaded = existing_ledger(path)
    if loaded is None:
        return None
    for i, rec in enumerate(loaded.ledger.records):
        if (rec.obligation, rec.period) == (obligation, period):
            return loaded.doc.locate(("records", i)).line
    return None


def compose(path: Path, header: dict, entries: list[NewEntry], chinese: bool) -> tuple[bytes, dict[str, list[int]]]:
    """The new bytes of the ledger at ``path`` with ``entries`` appended, and where each
    landed ({section: indexes}); RecordError when the result would not be a valid ledger."""
    data = path.read_bytes() if path.exists() else None
    if data is not None:
        existing_ledger(path)
    shape = FileShape(data)
    yaml = _yaml()
    document = yaml.load(shape.text) if shape.text.strip() else None
    if document:
        chinese = any(not str(k).isascii() for k in document)
    else:
        document = CommentedMap()
    to_file: dict[str, str] = {}
    if chinese:
        for zh, en in vocab.KEY_ALIASES.items():  # the first Chinese spelling: 内容 over 议题
            if not zh.isascii():
                to_file.setdefault(en, zh)

    def key(name: str) -> str:
        return to_file.get(name, name)

    if not document:
        for name, value in header.items():
            document[key(name)] = "台账" if (name == "kind" and chinese) else value

    def convert(value):
        if isinstance(value, dict):
            node = CommentedMap((key(k), convert(v)) for k, v in value.items())
            if all(not isinstance(v, (dict, list)) for v in value.values()) and len(value) <= 3:
                node.fa.set_flow_style()
            return node
        if isinstance(value, list):
            seq = CommentedSeq(convert(v) for v in value)
            if all(not isinstance(v, (dict, list)) for v in value):
                seq.fa.set_flow_style()
            return seq
        return value

    placed: dict[str, list[int]] = {}
    for new in entries:
        section = key(new.kind)
        if section not in document or document[section] is None:
            document[section] = CommentedSeq()
        document[section].append(convert(new.entry))
        placed.setdefault(new.kind, []).append(len(document[section]) - 1)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    text = buffer.getvalue()
    _validate(path, text, entries)
    return shape.encode(text), placed


def _validate(path: Path, text: str, entries: list[NewEntry]) -> None:
    try:
        doc = load_yaml_text(text, path.as_posix(), vocab.translate_key)
    except LoadError as exc:
        raise RecordError(msg("record.invalid", problems=[d.message for d in exc.diagnostics])) from None
    ledger, problems = validate(Ledger, doc)
    if problems:
        raise RecordError(msg("record.invalid", problems=[d.message for d in problems]))
    keys = [(r.obligation, r.period) for r in ledger.records]
    for new in entries:
        if new.kind == "records" and keys.count((new.entry["obligation"], new.entry["period"])) > 1:
            raise RecordError(msg("record.duplicate", obligation=new.entry["obligation"], period=new.entry["period"], file=path.as_posix()))
