"""File formats: one pydantic model (+ bilingual vocabulary + JSON Schema) per kind.

``schema_kinds()`` lists the kinds whose schema ``ideo schema --kind K`` prints.
"""
from __future__ import annotations


def schema_kinds() -> tuple[str, ...]:
    return ("plan",)


def schema_text(kind: str) -> str:
    if kind == "plan":
        from ideo_cli.formats.plan.schema import schema_text as plan_schema

        return plan_schema()
    raise KeyError(kind)
