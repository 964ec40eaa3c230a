"""File formats: one pydantic model (+ bilingual vocabulary + JSON Schema) per kind.

The kinds and where their models live: ``ideo_cli/documents/kinds.py:KINDS``.
``schema_kinds()`` lists the kinds whose schema ``ideo schema --kind K`` prints.
"""
from __future__ import annotations


def schema_kinds() -> tuple[str, ...]:
    from ideo_cli.documents.kinds import KINDS

    return tuple(KINDS)


def schema_text(kind: str) -> str:
    from ideo_cli.documents.kinds import KINDS, schema_text as text

    if kind not in KINDS:
        raise KeyError(kind)
    return text(kind)
