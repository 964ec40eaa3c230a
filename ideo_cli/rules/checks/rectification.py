"""§5 of the digest: one-off rectification items (problem, measures, owner, deadline)."""
from __future__ import annotations

from ideo_cli.i18n import msg
from ideo_cli.rules.registry import check

_FIELDS = (
    ("problem", "rule.rectification-complete.field-problem"),
    ("measures", "rule.rectification-complete.field-measures"),
    ("owner", "rule.rectification-complete.field-owner"),
    ("deadline", "rule.rectification-complete.field-deadline"),
)


def _field_names():
    # literal ids, so the catalogue test sees every one
    return {
        "problem": msg("rule.rectification-complete.field-problem"),
        "measures": msg("rule.rectification-complete.field-measures"),
        "owner": msg("rule.rectification-complete.field-owner"),
        "deadline": msg("rule.rectification-complete.field-deadline"),
    }


@check("rectification_complete")
def rectification_complete(ctx):
    names = _field_names()
    for i, item in enumerate(ctx.plan.rectifications):
        missing = [names[name] for name, _ in _FIELDS if not _has(item, name)]
        if missing:
            ctx.report(("rectifications", i), msg("rule.rectification-complete.missing", item=item.id, missing=missing))


def _has(item, name: str) -> bool:
    if name == "owner":  # one owner, or several (co_owners)
        return bool(item.owner or getattr(item, "co_owners", None))
    return bool(getattr(item, name))
