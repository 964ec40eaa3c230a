"""§5 of the digest: one-off rectification items (problem, measures, owner, deadline)."""
from __future__ import annotations

from ideo_cli.rules.registry import check

_FIELDS = (
    ("problem", {"zh": "问题", "en": "problem"}),
    ("measures", {"zh": "措施", "en": "measures"}),
    ("owner", {"zh": "负责人", "en": "owner"}),
    ("deadline", {"zh": "期限", "en": "deadline"}),
)


@check("rectification_complete")
def rectification_complete(ctx):
    for i, item in enumerate(ctx.plan.rectifications):
        missing = [label[ctx.lang] for name, label in _FIELDS if not getattr(item, name)]
        if missing:
            sep = "、" if ctx.lang == "zh" else ", "
            ctx.report(("rectifications", i), {"zh": "整改项“{id}”缺少：{missing}", "en": "rectification item '{id}' lacks: {missing}"}, id=item.id, missing=sep.join(missing))
