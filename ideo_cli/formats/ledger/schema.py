"""JSON Schema of the ledger format, every Chinese key beside its English one.

Generated from the pydantic models by the shared `ideo_cli.formats.schema` (it
cannot drift); the committed copy in ``schema/ideo-ledger.schema.json`` is kept equal
to it by a test.  The model declares `ideo` and `kind` itself, so no header is added.
"""
from __future__ import annotations

from ideo_cli.formats.ledger.model import Ledger
from ideo_cli.formats.ledger.vocab import VOCABULARY
from ideo_cli.formats.schema import DRAFT, add_zh_keys, dump

SCHEMA_ID = "https://ideo.invalid/schema/ideo-ledger-1.schema.json"


def ledger_schema() -> dict:
    schema = add_zh_keys(Ledger.model_json_schema(by_alias=True), VOCABULARY)
    schema["$schema"] = DRAFT
    schema["$id"] = SCHEMA_ID
    schema["title"] = "ideo 台账文件 / ideo ledger file (format 1)"
    return schema


def schema_text() -> str:
    return dump(ledger_schema())
