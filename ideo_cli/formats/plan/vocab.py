"""The plan format's bilingual vocabulary: Chinese keys and value aliases.

A clerk can write the whole file in Chinese.  Keys are mapped to their
English names when the file is read (so duplicates across languages are
caught), and enumerated values are normalised by the model's validators.
Each Chinese key maps to exactly one English key wherever it appears.
"""
from __future__ import annotations

from ideo_cli.documents.vocab import Vocabulary
from ideo_cli.formats.calendar.vocab import KEY_ALIASES as CALENDAR_KEYS

KEY_ALIASES: dict[str, str] = {
    # top level
    "格式版本": "ideo", "版本": "ideo",
    "组织": "organisation", "organization": "organisation",
    "人员": "people",
    "领导小组": "leading_group",
    "事项": "obligations",
    "事件": "events",
    "整改": "rectifications",
    "豁免": "waivers",
    "默认": "defaults",
    "日历": "calendar",
    # organisation
    "编号": "id",
    "名称": "name",
    "简称": "short_name",
    "类型": "type",
    "层级": "level",
    "上级": "superior",
    "抄送": "copy_to",
    "规则集": "profiles",
    # people
    "姓名": "name",
    "职务": "post",
    "角色": "roles",
    "分管": "portfolio",
    "联系方式": "contact",
    # leading group
    "组长": "leader",
    "副组长": "deputies",
    "成员": "members",
    "办公室": "office",
    "设在": "located_in",
    "主任": "director",
    # obligations
    "标题": "title",
    "类别": "kind",
    "负责人": "owner",
    "频次": "recurrence",
    "截止": "due",
    "遇节假日": "adjust",
    "提前开始天数": "start_before_days",
    "提醒": "reminders",
    "留痕": "evidence",
    "报送": "recipients",
    "标签": "tags",
    "备注": "note",
    # due rule
    "月": "month",
    "日": "day",
    "期满后天数": "after_period_end_days",
    "节前工作日": "working_days_before",
    # events
    "情形": "trigger",
    "响应": "response",
    "天数": "days",
    "责任人": "actors",
    "报告对象": "report_to",
    # rectifications
    "问题": "problem",
    "措施": "measures",
    "期限": "deadline",
    "长期坚持": "ongoing",
    # waivers
    "规则": "rule",
    "理由": "reason",
    "批准人": "approved_by",
    "有效期至": "until",
    "范围": "target",
    # calendar (inline official dates): the calendar file's own vocabulary
    **CALENDAR_KEYS,
    # ---- unit tree (issue 8): superior by id, what subordinates owe the superior
    "上级编号": "superior_id",
    "下级事项": "subordinate_obligations",
    "适用对象": "applies_to",
    "汇入": "feeds",
    # ---- issue 10 (helper "rules"): basis, holidays, festivals, report mode, several owners
    "依据": "basis",
    "文件": "document",
    "条款": "section",
    "原文": "quote",
    "节假日跳过": "skip_holidays",
    "时间节点": "milestones",
    "日期": "date",
    "传统节日": "festivals",
    "汇报方式": "report_mode",
    "共同负责人": "co_owners",
    "成员职务": "member_posts",
}

# English key -> its Chinese spellings (the JSON Schema lists both).
ZH_KEYS: dict[str, list[str]] = {}
for _zh, _en in KEY_ALIASES.items():
    if not _zh.isascii():
        ZH_KEYS.setdefault(_en, []).append(_zh)


# the loader's translate_key; also answers "what are this key's other spellings?"
VOCABULARY = Vocabulary(KEY_ALIASES)
translate_key = VOCABULARY


ORG_TYPES: dict[str, list[str]] = {
    "党委": ["committee", "party-committee"],
    "党组": ["party-group", "leading-party-group"],
    "党工委": ["working-committee", "street-working-committee"],
    "党总支": ["general-branch"],
    "党支部": ["branch"],
}

ROLES: dict[str, list[str]] = {
    "书记": ["secretary", "党委书记", "党组书记", "党工委书记", "总支书记", "支部书记", "党支部书记"],
    "副书记": ["deputy-secretary"],
    "第一责任人": ["first-responsible"],
    "直接责任人": ["direct-responsible", "直接负责人"],
    "班子成员": ["member", "领导班子成员", "党委委员", "党组成员", "支部委员"],
    "宣传委员": ["propaganda-member"],
    "纪检": ["discipline", "纪委书记", "纪检委员", "纪工委书记", "纪检组长"],
    "舆情信息员": ["opinion-officer"],
    "网评员": ["commentator", "网络评论员"],
    "联络员": ["liaison"],
}

RECURRENCES: dict[str, list[str]] = {
    "yearly": ["每年", "annual", "annually"],
    "half-yearly": ["每半年", "semiannual", "semi-annual", "half-year"],
    "quarterly": ["每季度", "每季"],
    "monthly": ["每月"],
    "holidays": ["节假日前", "before-holidays"],
}

OBLIGATION_KINDS: dict[str, list[str]] = {
    "O1": ["专题研究"],
    "O2": ["专题学习", "中心组学习"],
    "O3": ["分析研判", "形势研判"],
    "O4": ["党内通报"],
    "O5": ["专题汇报"],
    "O6": ["专题自查"],
    "O7": ["专题督查"],
    "O8": ["民主生活会", "述职报告"],
    "O9": ["理论培训", "授课"],
    "O10": ["网信领导小组会议"],
    "O11": ["听取汇报"],
    "O12": ["年度计划", "工作计划"],
    "O13": ["年度考核"],
    "custom": ["其他", "自定义", "other"],
}

ADJUST: dict[str, list[str]] = {
    "previous": ["提前", "前一工作日", "before"],
    "next": ["顺延", "后一工作日", "after"],
    "keep": ["不调整", "保持"],
}

EVENT_KINDS: dict[str, list[str]] = {
    "重大舆情": ["major-opinion"],
    "讲座论坛审批": ["lecture-approval"],
    "信息发布审核": ["publish-review"],
    "舆情风险评估": ["risk-assessment"],
    "上级部署传达": ["deployment-relay"],
    "问责备案": ["accountability-filing"],
    "网络舆情应急": ["network-emergency"],
    "其他": ["other"],
}

RESPONSES: dict[str, list[str]] = {
    "第一时间": ["immediately", "立即"],
    "事前": ["before", "beforehand", "提前"],
    "及时": ["promptly"],
    "限期": ["within", "within-days"],
}

PERIOD_LAST = ("last", "末", "最后")


# ---- issue 10 (helper "rules")
REPORT_MODES: dict[str, list[str]] = {
    "书面": ["written", "in-writing", "书面汇报"],
    "当面": ["in-person", "当面汇报", "口头"],
}

FESTIVALS: dict[str, list[str]] = {
    "除夕": ["new-years-eve"],
    "春节": ["spring-festival"],
    "元宵节": ["lantern", "元宵"],
    "端午节": ["dragon-boat", "端午"],
    "七夕节": ["qixi", "七夕"],
    "中元节": ["zhongyuan"],
    "中秋节": ["mid-autumn", "中秋"],
    "重阳节": ["double-ninth", "重阳"],
    "腊八节": ["laba", "腊八"],
    "小年": ["little-new-year"],
}
