"""JSON Schema of the ledger format, every Chinese key beside its English one (see ideo_cli/formats/schema.py)."""
from __future__ import annotations

from ideo_cli.formats.ledger.model import Ledger
from ideo_cli.formats.ledger.vocab import VOCABULARY
from ideo_cli.formats.schema import model_schema_text

SCHEMA_ID = "https://ideo.invalid/schema/ideo-ledger-1.schema.json"


def schema_text() -> str:
    return model_schema_text(Ledger, VOCABULARY, schema_id=SCHEMA_ID, title="ideo 台账文件 / ideo ledger file (format 1)")
