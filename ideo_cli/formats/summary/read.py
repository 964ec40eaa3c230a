"""Reading ``*.status.json``: bytes → validated summaries, or located findings.

The fast path is pydantic's JSON parser (``model_validate_json`` on the
bytes: no intermediate Python objects, 10⁵ summaries stay cheap).  Only a file
that fails is read a second time, by the YAML composer (JSON is YAML), for
the positions of what failed: the one validator's diagnostics
(``documents/validate.py``) then point at file:line:col.
"""
from __future__ import annotations

import re
from typing import Annotated

import yaml
from pydantic import Field, TypeAdapter, ValidationError

from ideo_cli.diagnostics import Diagnostic
from ideo_cli.documents.compose import ComposeError, compose
from ideo_cli.documents.document import YamlDocument
from ideo_cli.documents.errors import input_diagnostic
from ideo_cli.documents.validate import located, schema_diagnostics, validate
from ideo_cli.formats.summary.model import Summary
from ideo_cli.i18n import msg

MAX_BYTES = 256 * 1024 * 1024  # one file; a county's 10⁴ units in one list is ~100 MB
MAX_UNITS = 100_000  # summaries in one file (the units-per-tree bound)
MAX_REPORTED = 20  # findings shown per file: the first ones say what is wrong

_ONE = TypeAdapter(Summary)
_MANY = TypeAdapter(Annotated[list[Summary], Field(max_length=MAX_UNITS)])
_AT = re.compile(r"at line (\d+) column (\d+)")
_JSON_REASONS = {  # pydantic's JSON parser's words → the catalogue's
    "recursion limit exceeded": "summary.too-deep",
    "number out of range": "summary.number-too-large",
    "EOF while parsing": "summary.json-ends-early",
    "trailing comma": "summary.json-trailing-comma",
    "key must be a string": "summary.json-key-not-string",
}
UTF8_BOM = b"\xef\xbb\xbf"


class _Errors:
    """The part of a ValidationError the validator reads (a filtered list of its errors)."""

    def __init__(self, errors: list[dict]):
        self._errors = errors

    def errors(self, include_url: bool = False) -> list[dict]:
        return self._errors


def parse(raw: bytes, shown: str) -> tuple[list[Summary], list[Diagnostic]]:
    """The summaries in ``raw`` (one object or a list), or why the file cannot be used."""
    if len(raw) > MAX_BYTES:
        return [], [input_diagnostic("IDEO003", shown, 1, 1, msg("doc.file-over-limit", limit=MAX_BYTES // 1048576))]
    if raw.startswith(UTF8_BOM):
        raw = raw[len(UTF8_BOM):]
    many = raw.lstrip()[:1] == b"["
    adapter = _MANY if many else _ONE
    try:
        value = adapter.validate_json(raw)
    except ValidationError as exc:
        return [], _diagnostics(exc, raw, shown, many)
    return (list(value) if many else [value]), []


def _diagnostics(exc: ValidationError, raw: bytes, shown: str, many: bool) -> list[Diagnostic]:
    errors = exc.errors(include_url=False)
    syntax = next((e for e in errors if e["type"] == "json_invalid"), None)
    if syntax is not None:
        return [_syntax(syntax, shown)]
    # a summary of another format version: that is the news, not each field it lacks
    version = [e for e in errors if e["loc"] and e["loc"][-1] == "ideo_status" and len(e["loc"]) <= 2]
    errors = (version or errors)[:MAX_REPORTED]
    doc = document(raw, shown)
    if isinstance(doc, Diagnostic):
        return [doc]
    return schema_diagnostics(_Errors(errors), doc, Summary, doc.data)  # type: ignore[arg-type]


def _syntax(error: dict, shown: str) -> Diagnostic:
    reason = str((error.get("ctx") or {}).get("error", ""))
    at = _AT.search(reason)
    line, col = (int(at.group(1)), int(at.group(2))) if at else (1, 1)
    text = _AT.sub("", reason).strip()
    known = next((mid for words, mid in _JSON_REASONS.items() if text.startswith(words)), None)
    message = msg(known) if known else msg("rollup.summary-not-json", reason=text)
    code = "IDEO008" if known in ("summary.too-deep", "summary.number-too-large") else "IDEO004"
    return input_diagnostic(code, shown, line, col, message, help=msg("summary.regenerate"))


def document(raw: bytes, shown: str) -> YamlDocument | Diagnostic:
    """The file as a node graph (positions) with plain keys, lists and scalars as data."""
    text = raw.decode("utf-8", errors="replace")
    try:
        root = compose(text, shown)
    except ComposeError as exc:
        return exc.diagnostic
    if root is None:
        return input_diagnostic("IDEO009", shown, 1, 1, msg("doc.empty-file"))
    return YamlDocument(file=shown, source=text, data=_plain(root), root=root)


def _plain(node: yaml.Node):
    """Enough of the data to follow an error's path: mappings, lists, scalars as text."""
    if isinstance(node, yaml.MappingNode):
        return {(k.value if isinstance(k, yaml.ScalarNode) else ""): _plain(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(v) for v in node.value]
    return node.value


def wrong_year(raw: bytes, shown: str, summaries: list[Summary], year: int, many: bool | None = None) -> list[Diagnostic]:
    """A located finding for each summary of another year than the roll-up's."""
    bad = [i for i, s in enumerate(summaries) if s.year != year]
    if not bad:
        return []
    doc = document(raw.removeprefix(UTF8_BOM), shown)
    if isinstance(doc, Diagnostic):
        return [doc]
    listed = isinstance(doc.data, list)
    return [located(doc, ((i,) if listed else ()) + ("year",), msg("rollup.summary-year", found=str(summaries[i].year), year=year)) for i in bad[:MAX_REPORTED]]


def read_document(doc: YamlDocument) -> tuple[Summary | None, list[Diagnostic]]:
    """The kind registry's reader (``documents/kinds.py``): a summary already read as a document."""
    return validate(Summary, doc)
