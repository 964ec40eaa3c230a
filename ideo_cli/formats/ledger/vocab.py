"""The ledger format's bilingual vocabulary (like ``formats/plan/vocab.py``).

Each Chinese key maps to exactly one English key wherever it appears, so a
ledger can be written entirely in Chinese and duplicates across languages are
caught while the file is read.
"""
from __future__ import annotations

KEY_ALIASES: dict[str, str] = {
    # top level
    "格式版本": "ideo", "版本": "ideo",
    "文件类型": "kind",
    "单位": "unit",
    "年度": "year",
    "计划": "plan",
    "记录": "records",
    "事件记录": "events",
    "整改记录": "rectifications",
    "问责": "accountability",
    "评分": "scores",
    # a record of an occurrence
    "事项": "obligation",
    "周期": "period",
    "时间": "time",
    "地点": "place",
    "形式": "form",
    "主持人": "chair",
    "参加人员": "attendees",
    "缺席": "absent",
    "人员": "person",
    "原因": "reason",
    "记录人": "recorder",
    "内容": "content",
    "议题": "content",
    "决定": "decision",
    "结论": "decision",
    "佐证": "evidence",
    "类型": "type",
    "文件": "file",
    "纸质存档": "paper",
    "报送对象": "sent_to",
    "文号": "doc_number",
    "方式": "method",
    "报送日期": "sent_on",
    "登记": "registered",
    "登记人": "by",
    "日期": "date",
    "备注": "note",
    "校验值": "sha256",
    # events
    "事件": "event",
    "标题": "title",
    "发现时间": "found",
    "报告时间": "reported",
    "报告对象": "report_to",
    "处置": "handling",
    "批准时间": "approved",
    "批准人": "approved_by",
    "举办时间": "held",
    "初审人": "first_reviewer",
    "审批人": "approver",
    "发布时间": "published",
    # rectifications
    "整改": "rectification",
    "完成时间": "completed",
    "后续检查": "followups",
    "情况": "finding",
    # accountability
    "对象": "subject",
    "组织处理": "measure",
    "纪律处分": "discipline",
    "影响期月数": "discipline_months",
    "决定时间": "decided",
    "事由": "cause",
    "备案": "filed",
    "接收单位": "filed_with",
    # manual scores (评分) of a rubric's items
    "评分项": "item",
    "得分": "score",
    "评分方": "role",
    "评分人": "by",
    "评分日期": "on",
    # an event's conclusion; ``结论`` alone is a record's decision except inside 事件记录
    "处置结论": "conclusion",
}

# keys whose meaning depends on the section they are written in
SECTION_KEY_ALIASES: dict[str, dict[str, str]] = {"events": {"结论": "conclusion"}}

ZH_KEYS: dict[str, list[str]] = {}
for _zh, _en in KEY_ALIASES.items():
    if not _zh.isascii():
        ZH_KEYS.setdefault(_en, []).append(_zh)
for _section in SECTION_KEY_ALIASES.values():
    for _zh, _en in _section.items():
        ZH_KEYS.setdefault(_en, []).append(_zh)


def translate_key(raw: str, path: tuple = ()) -> str:
    if not isinstance(raw, str):
        return raw
    if path and raw in SECTION_KEY_ALIASES.get(str(path[0]), {}):
        return SECTION_KEY_ALIASES[str(path[0])][raw]
    return KEY_ALIASES.get(raw, raw)


# 问责形式 (000 第十二条 style list, as the issue names them)
ACCOUNTABILITY_FORMS: dict[str, list[str]] = {
    "提醒": ["reminder"],
    "批评教育": ["criticism"],
    "责令书面检查": ["written-self-criticism"],
    "通报批评": ["circulated-criticism"],
    "诫勉": ["admonition"],
    "组织处理": ["organisational-handling"],
    "纪律处分": ["disciplinary-sanction"],
}

# 组织处理 measures that carry the 000 第十九条 periods
MEASURES: dict[str, list[str]] = {
    "调离岗位": ["transfer"],
    "引咎辞职": ["resign"],
    "责令辞职": ["ordered-to-resign"],
    "免职": ["removal"],
    "降职": ["demotion"],
}

# who gave a manual score (issue 9: "a 自评 or 考核组 record")
SCORE_ROLES: dict[str, list[str]] = {
    "自评": ["self"],
    "考核组": ["assessor"],
}

REPORT_METHODS: dict[str, list[str]] = {
    "书面": ["written"],
    "当面": ["in-person"],
}

from ideo_cli.documents.vocab import Vocabulary  # noqa: E402

class _LedgerVocabulary(Vocabulary):
    """The table plus the section-dependent keys (``结论`` inside 事件记录 is the event's conclusion)."""

    def __call__(self, raw: str, path: tuple = ()) -> str:
        if isinstance(raw, str) and path and raw in SECTION_KEY_ALIASES.get(str(path[0]), {}):
            return SECTION_KEY_ALIASES[str(path[0])][raw]
        return super().__call__(raw, path)

    def spellings(self, canonical: str) -> list[str]:
        extra = [zh for section in SECTION_KEY_ALIASES.values() for zh, en in section.items() if en == canonical]
        return super().spellings(canonical) + extra


# the registry's view of the same table (documents/kinds.py)
VOCABULARY = _LedgerVocabulary(KEY_ALIASES)
