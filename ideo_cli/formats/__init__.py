"""File formats: one pydantic model (+ bilingual vocabulary + JSON Schema) per kind.

The kinds and where their models live: ``ideo_cli/documents/kinds.py:KINDS``.
``schema_kinds()`` lists the kinds whose schema ``ideo schema --kind K`` prints.
"""
from __future__ import annotations

from ideo_cli.documents.kinds import KINDS, resolve


def schema_kinds() -> tuple[str, ...]:
    return tuple(KINDS)


def schema_text(kind: str) -> str:
    # imported here: start-up (the `ideo check` path does not load formats.schema)
    from ideo_cli.formats.schema import bilingual_schema, dump

    if kind not in KINDS:
        raise KeyError(kind)
    found = KINDS[kind]
    if found.schema:
        return resolve(found.schema)()
    return dump(bilingual_schema(found.load_model(), found.load_vocabulary(), schema_id=found.schema_id, title=found.title))
