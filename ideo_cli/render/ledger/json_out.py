"""The 台账 as JSON: status codes stay codes; texts in the user's language."""
from __future__ import annotations

import json

from ideo_cli.i18n import Message, msg, t
from ideo_cli.ledger.view import COLUMNS
from ideo_cli.render.ledger import cell_text


def _value(column: str, value, lang: str):
    if column == "status" and isinstance(value, Message):
        return value.id.removeprefix("status.")
    if isinstance(value, list):
        return [cell_text(v, lang) for v in value]
    return value if isinstance(value, int) else cell_text(value, lang)


def render_json(views, lang: str) -> bytes:
    data = {"ledger_format": 1, "units": [
        {"unit": v.unit, "plan": v.plan_id, "year": v.year, "as_of": v.today.isoformat(),
         "sections": [{"kind": s.code, "title": t(msg(f"ledger.section.{s.code}"), lang), "rows": [{c: _value(c, row.get(c), lang) for c in COLUMNS} for row in s.rows]} for s in v.sections],
         "evidence": [{"file": f, "sha256": sha} for f, sha in v.evidence]}
        for v in views]}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
