"""Rulebook-file keys in Chinese.  The shipped rulebooks are written with the English keys."""
from __future__ import annotations

from ideo_cli.documents.vocab import Vocabulary

KEY_ALIASES: dict[str, str] = {
    "规则集": "profile",
    "标题": "title",
    "说明": "description",
    "继承": "extends",
    "规则": "rules",
    "代码": "code",
    "名称": "name",
    "检查": "check",
    "级别": "severity",
    "适用于": "applies_to",
    "理由": "why",
    "怎么改": "help",
    "参数": "params",
    "依据": "source",
    "另见": "also",
    "文件": "document",
    "条款": "section",
    "原文": "quote",
    "中文": "zh",
    "英文": "en",
}

VOCABULARY = Vocabulary(KEY_ALIASES)
