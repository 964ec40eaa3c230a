"""File kinds: a file says what it is, `ideo check` validates every kind, `ideo schema --kind K`.

Fixtures: ``tests/fixtures/kinds/`` (Chinese, with the mistake marked in a comment).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import REPO, assert_no_traceback, run_ideo
from ideo_cli.documents import load_yaml_text
from ideo_cli.documents.kinds import KINDS, detect

KINDS_DIR = Path(__file__).resolve().parent / "fixtures" / "kinds"
SCHEMA_DIR = REPO / "schema"


def _raw(text: str):
    return load_yaml_text(text, "x.yaml", convert=False)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ideo: 1\norganisation: {}\n", "plan"),
        ("格式版本: 1\n组织: {}\n", "plan"),
        ("组织: {}\n", "plan"),  # no version: still a plan, so the plan's own IDEO013 explains it
        ("ideo: 1\na[b]: x\n", "plan"),  # format 1 predates kinds: a bare `ideo: 1` is a plan
        ("year: 2027\nholidays: []\n", "calendar"),
        ("年份: 2027\n放假: []\n", "calendar"),
        ("年份: 2027\n来源: 通知\n放假安排: []\n", "calendar"),  # a misspelt key still tells the kind
        ("格式版本: 1\n文件类型: 日历\n年份: 2027\n", "calendar"),
        ("ideo: 1\nkind: Calendar\n", "calendar"),
        ("profile: county\nrules: []\n", "rulebook"),
        ("规则集: county\n规则: []\n", "rulebook"),
        ("ideo: 1\nkind: rulebook\nprofile: x\n", "rulebook"),
        ("会议: 党委会\n", None),
        ("格式版本: 1\n文件类型: 账本\n", None),  # a kind nobody registered
        ("organisation: {}\nyear: 2027\nholidays: []\n", None),  # ambiguous: two kinds' keys
    ],
)
def test_detect(text: str, kind: str | None) -> None:
    assert detect(_raw(text)) == kind


def test_registry_entries_resolve() -> None:
    for name, kind in KINDS.items():
        assert kind.name == name
        assert kind.load_model().model_fields, name
        vocabulary = kind.load_vocabulary()
        assert callable(vocabulary) and hasattr(vocabulary, "spellings"), name


# ── ideo check on each kind, in both languages ────────────────────────────


def _copy(tmp_path: Path, name: str) -> str:
    shutil.copy(KINDS_DIR / name, tmp_path / name)
    return name


def test_check_calendar_file_gives_calendar_diagnostics(tmp_path: Path) -> None:
    name = _copy(tmp_path, "日历-错误.yaml")
    zh = run_ideo("check", "--format", "concise", name, cwd=tmp_path)
    assert (zh.code, zh.err) == (2, ""), zh
    assert_no_traceback(zh)
    assert zh.out.splitlines()[:2] == [
        f"{name}:6:18: IDEO020 [无法读取] 放假区间“中秋节”（2027-10-06 至 2027-10-06）与“国庆节”（2027-10-01 至 2027-10-07）重叠",
        f"{name}:7:8: IDEO020 [无法读取] 调休上班日 2027-10-08 是星期五，不是周末：只有周六、周日需要写进调休上班（workdays）",
    ]
    assert "ideo: 1" not in zh.out and "格式版本" not in zh.out
    en = run_ideo("check", "--format", "concise", "--lang", "en", name, cwd=tmp_path)
    assert en.code == 2 and en.err == "", en
    assert en.out.splitlines()[:2] == [
        f"{name}:6:18: IDEO020 [fatal] holiday '中秋节' (2027-10-06 to 2027-10-06) overlaps '国庆节' (2027-10-01 to 2027-10-07)",
        f"{name}:7:8: IDEO020 [fatal] make-up working day 2027-10-08 is a Friday, not a weekend day: only Saturdays and Sundays belong in workdays",
    ]


def test_check_calendar_unknown_key_suggests_both_spellings(tmp_path: Path) -> None:
    name = _copy(tmp_path, "日历-错键.yaml")
    zh = run_ideo("check", name, cwd=tmp_path)
    assert zh.code == 2, zh
    assert f"--> {name}:5:30\n" in zh.out
    assert "IDEO020 [无法读取] 未知的键“至”" in zh.out
    assert "= 建议: 可用的键：name/名称、from/起、to/止" in zh.out
    en = run_ideo("check", "--lang", "en", name, cwd=tmp_path)
    assert "= help: known keys: name/名称, from/起, to/止" in en.out, en


def test_check_example_calendar_and_calendar_with_kind_key_pass(tmp_path: Path) -> None:
    name = _copy(tmp_path, "日历-带文件类型.yaml")
    shutil.copy(REPO / "calendars" / "2027.yaml", tmp_path / "2027.yaml")
    run = run_ideo("check", name, "2027.yaml", cwd=tmp_path)
    assert (run.code, run.err) == (0, ""), run
    assert run.out.strip() == "全部通过：检查了 2 个文件"


def test_check_rulebook_file_gives_rulebook_diagnostics(tmp_path: Path) -> None:
    name = _copy(tmp_path, "规则集-错误.yaml")
    zh = run_ideo("check", "--format", "concise", name, cwd=tmp_path)
    assert (zh.code, zh.err) == (2, ""), zh
    assert zh.out.splitlines()[:2] == [
        f"{name}:6:15: IDEO011 [无法读取] “严重”不是允许的值；可用的值：error, warning, info",
        f"{name}:7:5: IDEO010 [无法读取] 未知的键“parms”",
    ]
    en = run_ideo("check", "--lang", "en", name, cwd=tmp_path)
    assert "IDEO010 [fatal] unknown key 'parms'" in en.out
    assert "= help: did you mean 'params' (参数)?" in en.out
    assert "Input should" not in en.out and "Extra inputs" not in en.out  # no pydantic English
    good = _copy(tmp_path, "规则集-正确.yaml")
    ok = run_ideo("check", good, cwd=tmp_path)
    assert (ok.code, ok.out.strip()) == (0, "全部通过：检查了 1 个文件"), ok


def test_rulebook_option_uses_the_same_validator(tmp_path: Path) -> None:
    name = _copy(tmp_path, "规则集-错误.yaml")
    shutil.copy(REPO / "plans" / "xiaozhaiba-town" / "计划.yaml", tmp_path / "计划.yaml")
    run = run_ideo("check", "--rulebook", name, "计划.yaml", "--format", "concise", cwd=tmp_path)
    assert run.code == 2, run
    assert f"{name}:7:5: IDEO010 [无法读取] 未知的键“parms”" in run.out


@pytest.mark.parametrize(
    ("name", "where", "zh", "en"),
    [
        ("不明文件.yaml", "2:1", "无法识别文件类型", "cannot tell what kind of file this is"),
        ("未知类型.yaml", "2:7", "未知的文件类型“账本”", "unknown file kind '账本'"),
    ],
)
def test_file_of_unknown_kind_is_a_located_finding(tmp_path: Path, name: str, where: str, zh: str, en: str) -> None:
    _copy(tmp_path, name)
    run = run_ideo("check", name, cwd=tmp_path)
    assert (run.code, run.err) == (2, ""), run
    assert_no_traceback(run)
    assert f"--> {name}:{where}\n" in run.out
    assert f"IDEO013 [无法读取] {zh}" in run.out
    assert "plan/计划、calendar/日历、rulebook/规则集" in run.out
    run_en = run_ideo("check", "--lang", "en", name, cwd=tmp_path)
    assert run_en.code == 2 and f"IDEO013 [fatal] {en}" in run_en.out, run_en
    assert "plan/计划, calendar/日历, rulebook/规则集" in run_en.out


def test_directory_of_mixed_kinds(tmp_path: Path) -> None:
    folder = tmp_path / "县"
    (folder / "calendars").mkdir(parents=True)
    shutil.copy(REPO / "calendars" / "2027.yaml", folder / "calendars" / "2027.yaml")
    shutil.copy(KINDS_DIR / "规则集-正确.yaml", folder / "规则集.yaml")
    shutil.copy(REPO / "plans" / "xiaozhaiba-town" / "计划.yaml", folder / "计划.yaml")
    run = run_ideo("check", "县", "--format", "json", cwd=tmp_path)
    assert run.code == 0, run
    report = json.loads(run.out)
    assert sorted(f["file"] for f in report["files"]) == ["县/calendars/2027.yaml", "县/规则集.yaml", "县/计划.yaml"]


# ── schemas ───────────────────────────────────────────────────────────────


@pytest.mark.parametrize("kind", list(KINDS))
def test_schema_of_each_kind_matches_the_committed_file(kind: str) -> None:
    run = run_ideo("schema", "--kind", kind)
    assert (run.code, run.err) == (0, ""), run
    # drift: regenerate with `ideo schema --kind KIND -o schema/ideo-KIND.schema.json`
    assert run.out == (SCHEMA_DIR / f"ideo-{kind}.schema.json").read_text(encoding="utf-8")
    assert json.loads(run.out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_calendar_and_rulebook_schemas_accept_the_examples_and_chinese_keys() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    yaml = pytest.importorskip("yaml")

    def errors(kind: str, path: Path) -> list[str]:
        schema = json.loads((SCHEMA_DIR / f"ideo-{kind}.schema.json").read_text(encoding="utf-8"))
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = json.loads(json.dumps(data, default=str))  # dates as the YAML text wrote them
        return [e.message for e in jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).iter_errors(data)]

    assert errors("calendar", REPO / "calendars" / "2027.yaml") == []
    assert errors("calendar", KINDS_DIR / "日历-带文件类型.yaml") == []
    assert errors("rulebook", KINDS_DIR / "规则集-正确.yaml") == []
    assert any("'至' was unexpected" in e for e in errors("calendar", KINDS_DIR / "日历-错键.yaml"))
    for shipped in sorted((REPO / "ideo_cli" / "data" / "rulebooks").glob("*.yaml")):
        if shipped.name != "documents.yaml":
            assert errors("rulebook", shipped) == [], shipped.name


def test_unknown_schema_kind_names_the_known_ones() -> None:
    run = run_ideo("schema", "--kind", "账本")
    assert run.code == 2 and run.out == "", run
    assert "plan" in run.err and "calendar" in run.err and "rulebook" in run.err


# ── adding a kind is one entry ────────────────────────────────────────────

from pydantic import BaseModel, ConfigDict, Field  # noqa: E402


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(json_schema_extra={"zh": ["标题"]})
    count: int = Field(0, json_schema_extra={"zh": ["次数"]})


class _Note(BaseModel):
    model_config = ConfigDict(extra="forbid")
    topic: str = Field(json_schema_extra={"zh": ["主题"]})
    items: list[_Item] = Field([], json_schema_extra={"zh": ["条目"]})


def test_a_new_kind_is_one_registry_entry(tmp_path: Path) -> None:
    from ideo_cli.documents.kinds import Kind, read_any, register
    from ideo_cli.i18n import t

    register(Kind(name="note", names=("note", "笔记"), markers=(("topic",),), model=f"{__name__}:_Note"))
    try:
        path = tmp_path / "笔记.yaml"
        path.write_text("格式版本: 1\n文件类型: 笔记\n主题: 学习\n条目:\n  - {标题: 第一次, 次数: 两次}\n  - {标提: 第二次}\n", encoding="utf-8")
        found = read_any(path, "笔记.yaml")
        assert found.kind == "note" and found.value is None
        got = [(d.code, d.line, d.col, d.path, t(d.message, "zh")) for d in found.diagnostics]
        assert got == [
            ("IDEO011", 5, 19, "items[0].count", "应为整数，实际是文本“两次”"),
            ("IDEO010", 6, 6, "items[1].标提", "未知的键“标提”"),
        ]
        assert t(found.diagnostics[1].help, "en") == "did you mean 'title' (标题)?"
        path.write_text("主题: 学习\n条目: [{标题: 第一次}]\n", encoding="utf-8")  # detected by its key
        ok = read_any(path, "笔记.yaml")
        assert ok.diagnostics == [] and ok.value == _Note(topic="学习", items=[_Item(title="第一次")])
        run_schema = json.loads(__import__("ideo_cli.formats", fromlist=["schema_text"]).schema_text("note"))
        assert {"topic", "主题", "items", "条目", "ideo", "格式版本"} <= set(run_schema["properties"])
    finally:
        KINDS.pop("note", None)
