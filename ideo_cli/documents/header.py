"""The header every kind shares: a mapping at the top, and the format version.

A file may say what it is next to its version (``ideo: 1`` + ``kind: ledger``,
``格式版本: 1`` + ``文件类型: 台账``); ``documents/kinds.py`` reads the kind.
"""
from __future__ import annotations

from ideo_cli.diagnostics import Diagnostic
from ideo_cli.documents.document import YamlDocument
from ideo_cli.documents.errors import input_diagnostic
from ideo_cli.documents.validate import shown
from ideo_cli.i18n import msg
from ideo_cli.documents.vocab import HEADER_ALIASES



VERSION_KEY = "ideo"
KIND_KEY = "kind"
__all__ = ["HEADER_ALIASES", "KIND_KEY", "VERSION_KEY", "check_header"]


def check_header(doc: YamlDocument, *, version: int, required: bool) -> list[Diagnostic]:
    """Problems with the top level and the ``ideo`` version key (none: usable)."""
    data = doc.data
    if not isinstance(data, dict):
        pos = doc.locate(())
        return [input_diagnostic("IDEO011", doc.file, pos.line, pos.col, msg("doc.top-not-mapping", what=shown(data)))]
    if VERSION_KEY in data:
        if data[VERSION_KEY] == version and not isinstance(data[VERSION_KEY], bool):
            return []
        pos = doc.locate((VERSION_KEY,))
        node, matched = doc.node_at((VERSION_KEY,))
        written = data[VERSION_KEY]
        if written is not None and matched == 1 and isinstance(getattr(node, "value", None), str):
            written = node.value  # as the file spells it: `true`, `1.0`, `"1"`
        return [input_diagnostic("IDEO013", doc.file, pos.line, pos.col, msg("doc.unsupported-version", value=shown(written), ok=version), path=VERSION_KEY, end_col=pos.end_col)]
    if not required:
        return []
    pos = doc.locate((), key=True)
    return [input_diagnostic("IDEO013", doc.file, pos.line, pos.col, msg("doc.missing-version", ok=version), end_col=pos.end_col)]
