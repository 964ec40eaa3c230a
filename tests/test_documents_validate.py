"""The one validator: located diagnostics with catalogue messages, for every failure class found.

Each issue-11 loader class is kept here with its minimal example (through the
real ``ideo check``), plus the UTF-8 BOM of issue 10 and the rule that nothing
in documents/ and formats/ chooses a language.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from helpers import REPO, assert_no_traceback, run_ideo
from ideo_cli.documents import load_yaml_text
from ideo_cli.documents.validate import clean_loc, validate
from ideo_cli.documents.vocab import Vocabulary
from ideo_cli.i18n import Message, t

REPR = re.compile(r"ScalarNode|MappingNode|datetime\.date\(|\bNone\b|Input should|Extra inputs|Field required|Traceback|内部错误")
GOOD = """\
格式版本: 1
组织: {名称: 中共测试村支部委员会, 类型: 党支部, 上级: 中共测试镇委员会}
人员:
  - {编号: shuji, 姓名: 张三, 角色: [书记, 第一责任人]}
"""


GOOD_FULL = (Path(__file__).resolve().parent / "fixtures" / "hostile" / "good-branch.yaml").read_text(encoding="utf-8")


def check(tmp_path: Path, text: str | bytes, *args: str, name: str = "计划.yaml"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    run = run_ideo("check", "--format", "concise", *args, name, cwd=tmp_path)
    assert run.err == "", run
    assert_no_traceback(run)
    assert not REPR.search(run.out), run.out
    return run


# ── issue 11: the location cleaner ────────────────────────────────────────


def test_unknown_key_with_a_bracket_is_located_not_an_index_error(tmp_path: Path) -> None:
    run = check(tmp_path, "ideo: 1\na[b]: x\n")
    assert run.code == 2, run
    assert "计划.yaml:2:1: IDEO010 [无法读取] 未知的键“a[b]”" in run.out.splitlines()


def test_key_named_int_inside_a_person_is_named_as_written(tmp_path: Path) -> None:
    text = GOOD.replace("角色: [书记, 第一责任人]}", "角色: [书记, 第一责任人], int: 3}")
    run = check(tmp_path, text)
    assert run.code == 2, run
    assert run.out.splitlines()[0] == "计划.yaml:4:42: IDEO010 [无法读取] 未知的键“int”"


def test_chinese_key_with_a_bracket_is_reported_where_it_is(tmp_path: Path) -> None:
    text = "格式版本: 1\n组织:\n  名称[1]: 支部\n  类型: 党支部\n  上级: 镇党委\n人员: [{编号: a, 姓名: 甲}]\n"
    run = check(tmp_path, text)
    assert run.out.splitlines()[0] == "计划.yaml:3:3: IDEO010 [无法读取] 未知的键“名称[1]”"
    assert "organisation" not in run.out.splitlines()[0]


def test_clean_loc_follows_the_data_not_the_spelling() -> None:
    data = {"people": [{"id": "a", "int": 3}], "a[b]": 1, "obligations": [{"due": {"month": 13}}]}
    assert clean_loc(("people", 0, "int"), data) == ("people", 0, "int")
    assert clean_loc(("a[b]",), data) == ("a[b]",)
    assert clean_loc(("obligations", 0, "due", "month", "int"), data) == ("obligations", 0, "due", "month")
    assert clean_loc(("obligations", 0, "due", "month", "literal['last']"), data) == ("obligations", 0, "due", "month")
    assert clean_loc(("people", 0, "function-after[check_id(), str]"), data) == ("people", 0)
    assert clean_loc(("organisation",), data, missing=True) == ("organisation",)


# ── issue 11: messages in the user's terms ────────────────────────────────


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        (GOOD.replace("名称: 中共测试村支部委员会", "名称: ~"), "计划.yaml:2:10: IDEO011 [无法读取] 应为文本，实际是 空值", "expected text, got null"),
        (GOOD.replace("名称: 中共测试村支部委员会", "名称: 2027-02-28"), "计划.yaml:2:10: IDEO011 [无法读取] 应为文本，实际是 2027-02-28", "expected text, got 2027-02-28"),
        (GOOD.replace("格式版本: 1", "格式版本: ~"), "计划.yaml:1:7: IDEO013 [无法读取] 不支持的格式版本 空值（本版 ideo 支持 1）", "unsupported format version null (this ideo reads 1)"),
        (GOOD.replace("格式版本: 1", "格式版本: true"), "计划.yaml:1:7: IDEO013 [无法读取] 不支持的格式版本 true（本版 ideo 支持 1）", "unsupported format version true"),
        (GOOD.replace("类型: 党支部", "类型: [党支部]"), "计划.yaml:2:26: IDEO011 [无法读取] “列表（每项以“- ”开头）”不是有效的组织类型", "is not a valid organisation type"),
        (GOOD + "事项:\n  - {编号: x, 标题: 学习, 类别: O2, 负责人: shuji, 频次: 每年, 截止: {月: 2, 日: 30}}\n", None, None),
    ],
)
def test_values_are_shown_as_written_never_as_a_repr(tmp_path: Path, text: str, zh: str | None, en: str | None) -> None:
    run = check(tmp_path, text)
    if zh:
        assert run.code == 2, run
        assert zh in run.out.splitlines(), run.out
    run_en = check(tmp_path, text, "--lang", "en")
    if en:
        assert en in run_en.out, run_en.out


def test_impossible_date_says_what_was_written(tmp_path: Path) -> None:
    text = GOOD + "整改:\n  - {编号: z1, 问题: 学习不够, 负责人: shuji, 期限: 2027-02-30}\n"
    run = check(tmp_path, text)
    assert run.code == 2
    assert "“2027-02-30”不是有效日期" in run.out
    run_en = check(tmp_path, text, "--lang", "en")
    assert "'2027-02-30' is not a valid date" in run_en.out
    assert "day is out of range" not in run.out + run_en.out  # no Python reason inside the message


# ── issue 11: the id rule ─────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("spelt", "zh"),
    [
        (r'"a\\b"', "不允许的字符“\\”"),
        ('"a:b"', "不允许的字符“:”"),
        ('"a/b"', "不允许的字符“/”"),
        ('"a@b"', "不允许的字符“@”"),
        (r'"a\0b"', "不允许的字符“U+0000”"),
        (r'"a\eb"', "不允许的字符“U+001B”"),
        (r'"a\u202Eb"', "不允许的字符“U+202E”"),
        ('".hidden"', "不能以点开头"),
        ("CON", "Windows 的设备名"),
        ("nul", "Windows 的设备名"),
        ("COM1.txt", "Windows 的设备名"),
        ("'" + "😀" * 17 + "'", "编号太长：68 字节（UTF-8），最多 64 字节"),
    ],
)
def test_ids_must_be_portable(tmp_path: Path, spelt: str, zh: str) -> None:
    run = check(tmp_path, GOOD.replace("编号: shuji", f"编号: {spelt}").replace("第一责任人]}", "第一责任人]}"))
    assert run.code == 2, run
    first = run.out.splitlines()[0]
    assert first.startswith("计划.yaml:4:10: IDEO011 [无法读取] 编号"), first
    assert zh in first, first
    assert "\x00" not in run.out and "\x1b" not in run.out and "\u202e" not in run.out


def test_portable_ids_in_any_script_pass(tmp_path: Path) -> None:
    text = GOOD_FULL.replace("liuhong", "刘红-书记_1.v2")
    assert "编号: 刘红-书记_1.v2" in text
    run = check(tmp_path, text)
    assert run.code == 0, run


# ── issue 10: a UTF-8 BOM is accepted ─────────────────────────────────────


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    run = check(tmp_path, GOOD_FULL.encode("utf-8-sig"))
    assert (run.code, run.out.strip()) == (0, "全部通过：检查了 1 个文件"), run


def test_utf8_bom_keeps_positions(tmp_path: Path) -> None:
    run = check(tmp_path, GOOD.replace("名称: 中共测试村支部委员会", "名称: ~").encode("utf-8-sig"))
    assert "计划.yaml:2:10: IDEO011" in run.out, run


def test_utf16_is_still_refused_with_a_location(tmp_path: Path) -> None:
    run = check(tmp_path, GOOD.encode("utf-16"))
    assert run.code == 2
    assert run.out.startswith("计划.yaml:1:1: IDEO002 [无法读取] 文件以 UTF-16 LE BOM 开头"), run


# ── did-you-mean in both languages ────────────────────────────────────────


def test_did_you_mean_offers_both_spellings_in_english(tmp_path: Path) -> None:
    text = GOOD.replace("上级: 中共测试镇委员会", "上极: 中共测试镇委员会")
    (tmp_path / "计划.yaml").write_text(text, encoding="utf-8")
    run = run_ideo("check", "--lang", "en", "计划.yaml", cwd=tmp_path)
    assert "unknown key '上极'" in run.out
    assert "= help: did you mean 'superior' (上级)?" in run.out, run.out
    zh = run_ideo("check", "计划.yaml", cwd=tmp_path)
    assert "= 建议: 是不是想写“上级”（superior）？" in zh.out, zh.out


def test_misspelt_key_is_not_also_reported_missing(tmp_path: Path) -> None:
    run = check(tmp_path, GOOD.replace("上级:", "上极:"))
    assert [line.split(": ", 1)[1].split(" ")[0] for line in run.out.splitlines()[:-1]] == ["IDEO010"], run.out


# ── the validator is generic ──────────────────────────────────────────────


class _Thing(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    count: int = 0


def test_validate_any_model_gives_located_messages() -> None:
    vocabulary = Vocabulary({"名称": "name", "数量": "count"})
    doc = load_yaml_text("名称: 甲\n数量: 很多\n数目: 3\n", "thing.yaml", vocabulary)
    instance, found = validate(_Thing, doc)
    assert instance is None
    assert [(d.code, d.line, d.col, d.path) for d in found] == [("IDEO011", 2, 5, "count"), ("IDEO010", 3, 1, "数目")]
    assert all(isinstance(d.message, Message) for d in found)
    assert t(found[0].message, "zh") == "应为整数，实际是文本“很多”"
    assert t(found[0].message, "en") == "expected an integer, got the text '很多'"
    assert t(found[1].help, "en") == "did you mean 'count' (数量)?"
    ok, none = validate(_Thing, load_yaml_text("名称: 甲\n", "thing.yaml", vocabulary))
    assert none == [] and ok == _Thing(name="甲")


# ── no language below the renderers ───────────────────────────────────────

OWN = [
    *sorted((REPO / "ideo_cli" / "documents").glob("*.py")),
    *sorted((REPO / "ideo_cli" / "formats").rglob("*.py")),
    REPO / "ideo_cli" / "workcal" / "calfile.py",
    REPO / "ideo_cli" / "rules" / "user_rulebook.py",
]


# every caller passes Messages; nothing is exempt any more
TRANSITIONAL: set[tuple[str, str]] = set()


@pytest.mark.parametrize("path", OWN, ids=lambda p: p.relative_to(REPO).as_posix())
def test_loaders_and_formats_choose_no_language(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and (path.name, node.name) not in TRANSITIONAL:
            names = [a.arg for a in node.args.args + node.args.kwonlyargs]
            assert "lang" not in names, f"{path.name}: {node.name}() takes lang"
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "pick":
            raise AssertionError(f"{path.name}:{node.lineno} calls pick()")
        if isinstance(node, ast.Dict) and {getattr(k, "value", None) for k in node.keys} >= {"zh", "en"}:
            raise AssertionError(f"{path.name}:{node.lineno} holds a {{zh, en}} text pair")


def test_unreadable_file_reason_is_in_the_users_language(tmp_path: Path, monkeypatch) -> None:
    from ideo_cli.documents import read as read_module

    path = tmp_path / "计划.yaml"
    path.write_text(GOOD, encoding="utf-8")

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(read_module, "open", refuse, raising=False)
    with pytest.raises(read_module.ReadError) as caught:
        read_module.read_text(path, "计划.yaml")
    d = caught.value.diagnostic
    assert (d.code, d.line, d.col) == ("IDEO001", 1, 1)
    assert t(d.message, "zh") == "无法读取：没有读取权限"
    assert t(d.message, "en") == "cannot read: permission denied"


# ── inline calendars: the calendar model, validated once ──────────────────

INLINE = """\
日历:
  - 年份: 2027
    来源: 国办发明电〔2026〕X号
    放假:
      - {名称: 国庆节, 起: 2027-10-01, 止: 2027-10-07}
    调休上班: [2027-10-09]
"""


def test_inline_calendar_problem_is_reported_once_at_its_place(tmp_path: Path) -> None:
    text = GOOD_FULL.rstrip("\n") + "\n" + INLINE.replace("[2027-10-09]", "[2027-10-08]")
    run = check(tmp_path, text)
    assert run.code == 2, run
    lines = [line for line in run.out.splitlines() if "IDEO020" in line]
    assert len(lines) == 1, run.out
    row = text.splitlines().index("    调休上班: [2027-10-08]") + 1
    assert lines[0] == f"计划.yaml:{row}:12: IDEO020 [无法读取] 调休上班日 2027-10-08 是星期五，不是周末：只有周六、周日需要写进调休上班（workdays）"


def test_inline_calendar_is_used_by_todo(tmp_path: Path) -> None:
    (tmp_path / "计划.yaml").write_text(GOOD_FULL.rstrip("\n") + "\n" + INLINE, encoding="utf-8")
    run = run_ideo("todo", "计划.yaml", "--year", "2027", "--format", "json", cwd=tmp_path)
    assert run.code == 0, run
    assert "国办发明电〔2026〕X号" in run.out


def test_plan_may_name_its_kind(tmp_path: Path) -> None:
    text = GOOD_FULL.replace("格式版本: 1\n", "格式版本: 1\n文件类型: 计划\n", 1)
    assert "文件类型: 计划" in text
    run = check(tmp_path, text)
    assert (run.code, run.out.strip()) == (0, "全部通过：检查了 1 个文件"), run
