"""JSON Schema of the rubric format, every Chinese key beside its English one (see ideo_cli/formats/schema.py)."""
from __future__ import annotations

from ideo_cli.formats.rubric.model import RubricFile
from ideo_cli.formats.rubric.vocab import VOCABULARY
from ideo_cli.formats.schema import model_schema_text

SCHEMA_ID = "https://ideo.invalid/schema/ideo-rubric-1.schema.json"


def schema_text() -> str:
    return model_schema_text(RubricFile, VOCABULARY, schema_id=SCHEMA_ID, title="ideo 考核细则 / ideo assessment rubric (format 1)")
