"""JSON Schema of the status summary (``schema/ideo-summary.schema.json``), generated from the model."""
from __future__ import annotations

from ideo_cli.documents.vocab import vocabulary_of
from ideo_cli.formats.schema import model_schema_text
from ideo_cli.formats.summary.model import Summary

SCHEMA_ID = "https://ideo.invalid/schema/ideo-summary-2.schema.json"


def schema_text() -> str:
    return model_schema_text(Summary, vocabulary_of(Summary), schema_id=SCHEMA_ID,
                             title="ideo 单位汇总文件 / ideo unit status summary (ideo status --format json, format 2)")
