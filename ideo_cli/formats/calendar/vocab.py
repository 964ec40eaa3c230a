"""Calendar-file keys in Chinese (the same spellings as a plan's inline ``日历:`` block)."""
from __future__ import annotations

from ideo_cli.documents.vocab import Vocabulary

KEY_ALIASES: dict[str, str] = {
    "年份": "year",
    "来源": "source",
    "放假": "holidays",
    "调休上班": "workdays",
    "名称": "name",
    "起": "from",
    "止": "to",
}

VOCABULARY = Vocabulary(KEY_ALIASES)
