"""The rubric format's bilingual vocabulary: every key in Chinese or English.

Like the plan (``ideo_cli/formats/plan/vocab.py``), Chinese keys are mapped to
their English names while the file is read, so a key written twice in two
languages is caught, and each Chinese key means one English key everywhere.
"""
from __future__ import annotations

KEY_ALIASES: dict[str, str] = {
    # top level
    "格式版本": "ideo", "版本": "ideo",
    "文件类型": "kind",
    "编号": "id",
    "名称": "title",
    "说明": "description",
    "继承": "extends",
    "总分": "total",
    "等次": "grades",
    "考核项目": "items",
    "加分项目": "bonus",
    "移除": "remove",
    "否决项": "vetoes",
    # grade bands
    "最低分": "min",
    # items
    "分值": "points",
    "台账": "ledger",
    "检查": "findings",
    "评定": "manual",
    "整改": "rectifications",
    "扣分上限": "cap",
    "依据": "source",
    "适用于": "applies_to",
    # ledger scoring
    "事项类别": "obligation_kind",
    "事项编号": "obligation",
    "应有次数": "count",
    "每缺一次扣": "per_missing",
    "每逾期一次扣": "per_late",
    "每缺佐证一次扣": "per_missing_evidence",
    # findings scoring
    "代码": "codes",
    "每项扣": "per_finding",
    # rectification scoring
    "每项逾期未完成扣": "per_overdue",
    "每项逾期完成扣": "per_done_late",
    # manual scoring
    "最高分": "max",
    # vetoes
    "触发": "trigger",
    "问责形式": "accountability_forms",
    "事件类别": "event_kind",
    "结论": "conclusion",
    "后果": "consequence",
    "等次降为": "grade",
    "取消评优": "loses_award",
    # citations
    "文件": "document",
    "条款": "section",
    "原文": "quote",
}

KIND_VALUES = ("rubric", "考核细则")

# English key -> its Chinese spellings (the JSON Schema lists both)
ZH_KEYS: dict[str, list[str]] = {}
for _zh, _en in KEY_ALIASES.items():
    if not _zh.isascii():
        ZH_KEYS.setdefault(_en, []).append(_zh)


def translate_key(raw: str, _path: tuple = ()) -> str:
    return KEY_ALIASES.get(raw, raw) if isinstance(raw, str) else raw


# forms of accountability (问责) the documents name: 002 四(三), 003 篇五 第十二条, 003 篇七
ACCOUNTABILITY_FORMS = ("提醒", "批评教育", "责令书面检查", "通报批评", "诫勉", "组织处理", "纪律处分")
# lowest grade: a veto's consequence may name a grade or say "the lowest"
LOWEST_WORDS = ("lowest", "最低", "最低等次")
ROLES = {"self": ("自评", "self"), "assessor": ("考核组", "assessor")}

from ideo_cli.documents.vocab import Vocabulary  # noqa: E402

# the registry's view of the same table (documents/kinds.py)
VOCABULARY = Vocabulary(KEY_ALIASES)
