"""One validator for every file kind: a pydantic model's errors → located diagnostics.

    from ideo_cli.documents.validate import validate
    instance, diagnostics = validate(LedgerModel, doc)

``instance`` is None when there are diagnostics.  Each diagnostic carries a
catalogue Message (no language is chosen here) and the position of the
offending node in ``doc``.  The model's bilingual vocabulary is taken from the
model itself (field aliases and ``json_schema_extra={"zh": [...]}``) — see
``ideo_cli/formats/plan/vocab.py`` for how plan keys are declared.
"""
from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from ideo_cli.diagnostics import Diagnostic
from ideo_cli.documents.document import YamlDocument

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], doc: YamlDocument, data: object | None = None) -> tuple[M | None, list[Diagnostic]]:
    """Validate ``data`` (default: the document's data) against ``model``."""
    from ideo_cli.formats.plan.load import schema_diagnostics  # the one translation of pydantic errors

    try:
        return model.model_validate(doc.data if data is None else data), []
    except ValidationError as exc:
        return None, schema_diagnostics(exc, doc, "zh", model=model)
