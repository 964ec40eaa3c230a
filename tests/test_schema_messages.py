"""Schema errors read well in both languages and point at the right place."""
from __future__ import annotations

import pytest

from ideo_cli.documents import LoadError, load_yaml_text
from ideo_cli.formats.plan import vocab
from ideo_cli.formats.plan.load import validate_document
from ideo_cli.i18n import t

PLAN = """\
格式版本: 1
组织: {名称: 测试支部, 类型: 党支部, 上级: 镇党委}
人员: [{编号: a, 姓名: 甲, 角色: [书记, 第一责任人]}]
默认: {提醒: [400]}
事项:
  - {编号: x, 标题: 测试, 类别: O1, 负责人: a, 频次: 每年, 截止: {月: 13, 日: 0}}
  - {编号: y, 标题: 测试二, 类别: O2, 频次: 每年}
"""


def diagnostics(text: str, lang: str):
    doc = load_yaml_text(text, "plan.yaml", vocab.translate_key)
    with pytest.raises(LoadError) as caught:
        validate_document(doc)
    return {(d.path, d.line, d.col): t(d.message, lang) for d in caught.value.diagnostics}


def test_range_and_missing_messages_in_chinese() -> None:
    found = diagnostics(PLAN, "zh")
    assert found[("defaults.reminders[0]", 4, 11)] == "应不大于 366，实际是 400"
    assert found[("obligations[0].due.month", 6, 53)] == "应在 1–12 之间（或写“末”），实际是 13"
    assert found[("obligations[0].due.day", 6, 60)] == "应在 1–31 之间（或写“末”），实际是 0"
    assert found[("obligations[1].owner", 7, 6)] == "缺少必填的键“负责人”（owner）"
    assert all("Input should" not in m for m in found.values())


def test_range_and_missing_messages_in_english() -> None:
    found = diagnostics(PLAN, "en")
    assert found[("defaults.reminders[0]", 4, 11)] == "must be at most 366, got 400"
    assert found[("obligations[0].due.month", 6, 53)] == "must be 1-12 (or last), got 13"
    assert found[("obligations[1].owner", 7, 6)] == "missing required key 'owner' (负责人)"
