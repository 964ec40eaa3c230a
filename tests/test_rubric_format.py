"""The rubric file kind: bilingual keys, JSON Schema, extends, and every rubric
error a located message with exit 2 (through the real entry point)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import REPO, assert_no_traceback, run_ideo
from ideo_cli.formats.rubric import RubricError, is_rubric, load_rubric
from ideo_cli.formats.rubric.schema import schema_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "rubric"
SAMPLE = REPO / "ideo_cli" / "data" / "rubrics" / "sample.yaml"
UNIT = Path("plans/town-branch")  # relative: the CLI runs in REPO and messages show these paths
REL = Path("tests/fixtures/rubric")


def test_sample_loads_and_items_add_up_to_the_total():
    rubric = load_rubric(SAMPLE)
    assert rubric.total == 100
    assert sum(i.points for i in rubric.items) == 100
    assert [g.title for g in rubric.grades] == ["好", "较好", "一般", "差"]
    assert {i.method for i in rubric.items} == {"ledger", "findings", "rectifications", "manual"}
    assert rubric.bonus and rubric.vetoes


def test_kind_detection():
    assert is_rubric({"格式版本": 1, "文件类型": "考核细则"})
    assert is_rubric({"ideo": 1, "kind": "rubric"})
    assert not is_rubric({"ideo": 1, "organisation": {}})  # a plan
    assert not is_rubric({"kind": "rubric"})  # no format version
    assert not is_rubric(["kind", "rubric"])


def test_english_keys_read_the_same(tmp_path):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    for zh, en in (("格式版本", "ideo"), ("文件类型: 考核细则", "kind: rubric"), ("编号", "id"), ("名称", "title"), ("总分", "total"), ("等次降为", "grade"), ("等次", "grades"), ("最低分", "min"), ("考核项目", "items"), ("分值", "points"), ("台账", "ledger"), ("事项类别", "obligation_kind"), ("应有次数", "count"), ("每缺一次扣", "per_missing"), ("每逾期一次扣", "per_late"), ("每缺佐证一次扣", "per_missing_evidence"), ("依据", "source"), ("文件", "document"), ("条款", "section"), ("原文", "quote"), ("评定: {", "manual: {"), ("最高分", "max"), ("否决项", "vetoes"), ("触发", "trigger"), ("问责形式", "accountability_forms"), ("后果", "consequence"), ("取消评优", "loses_award"), ("事件类别", "event_kind"), ("结论", "conclusion")):
        text = text.replace(zh, en)
    path = tmp_path / "english.yaml"
    path.write_text(text, encoding="utf-8")
    english, chinese = load_rubric(path), load_rubric(FIXTURES / "minimal.yaml")
    assert english.items == chinese.items and english.vetoes == chinese.vetoes and english.total == chinese.total


def test_committed_schema_is_current_and_accepts_the_sample():
    import jsonschema
    import yaml

    committed = (REPO / "schema" / "ideo-rubric.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: python -c 'from ideo_cli.formats.rubric.schema import schema_text; print(schema_text(), end=\"\")' > schema/ideo-rubric.schema.json"
    schema = json.loads(committed)
    validator = jsonschema.Draft202012Validator(schema)
    for path in [SAMPLE, FIXTURES / "minimal.yaml", FIXTURES / "county.yaml"]:
        validator.validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(yaml.safe_load((FIXTURES / "unknown-kind.yaml").read_text(encoding="utf-8")))


def test_extends_replaces_and_removes_items():
    county = load_rubric(FIXTURES / "county.yaml")
    ids = [i.id for i in county.items]
    assert "records" not in ids and not county.bonus
    assert next(i for i in county.items if i.id == "topic-study").points == 20
    assert county.total == 100 and county.grades == load_rubric(SAMPLE).grades
    assert county.files[0] == "<ideo>/rubrics/sample.yaml" and county.files[-1].endswith("county.yaml")


@pytest.mark.parametrize(
    "fixture, code, line, words",
    [
        ("bad-total.yaml", "IDEO953", 7, "合计 20 分，与总分 25 分不符"),
        ("cycle-a.yaml", "IDEO952", 6, "继承关系成环：cycle-a.yaml → cycle-b.yaml → cycle-a.yaml"),
        ("unknown-kind.yaml", "IDEO011", 15, "“O99”不是有效的事项类别"),
        ("unknown-code.yaml", "IDEO955", 15, "“IDEO999”不是 ideo check 的检查代码"),
        ("veto-no-trigger.yaml", "IDEO956", 25, "没有 ideo 能观察到的触发条件"),
        ("cap-over.yaml", "IDEO954", 16, "扣分上限 12 分超过本项分值 10 分"),
        ("unknown-form.yaml", "IDEO955", 25, "“警告”不是问责形式"),
    ],
)
def test_rubric_errors_are_located_and_exit_2(fixture, code, line, words):
    run = run_ideo("score", UNIT, "--rubric", REL / fixture, "--year", 2026, "--as-of", "2026-12-01")
    assert_no_traceback(run)
    assert run.code == 2, run
    assert run.out == "", run
    assert code in run.err and words in run.err, run
    shown = "cycle-b.yaml" if fixture == "cycle-a.yaml" else fixture
    assert f"tests/fixtures/rubric/{shown}:{line}:" in run.err, run


def test_rubric_errors_in_english():
    run = run_ideo("score", UNIT, "--rubric", REL / "bad-total.yaml", "--year", 2026, "--lang", "en")
    assert run.code == 2 and "the 2 items add up to 20 points, not the total of 25" in run.err, run


def test_every_problem_is_reported_at_once(tmp_path):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace("总分: 20", "总分: 30").replace("[通报批评, 诫勉, 组织处理, 纪律处分]", "[警告]")
    path = tmp_path / "two-problems.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    assert sorted(d.code for d in caught.value.diagnostics) == ["IDEO953", "IDEO955"]


@pytest.mark.parametrize(
    "replace, code",
    [
        (("文件类型: 考核细则", "文件类型: 计划"), "IDEO951"),
        (("  - {名称: 不合格, 最低分: 0}", "  - {名称: 不合格, 最低分: 5}"), "IDEO958"),
        (("    评定: {最低分: 0, 最高分: 10}", "    评定: {最低分: 0, 最高分: 11}"), "IDEO954"),
        (("    后果: {取消评优: true}", "    后果: {等次降为: 优秀}"), "IDEO955"),
        (("    后果: {取消评优: true}", "    后果: {}"), "IDEO956"),
        (("    评定: {最低分: 0, 最高分: 10}\n", ""), "IDEO959"),
        (("  - 编号: assessment", "  - 编号: topic-study"), "IDEO957"),
    ],
)
def test_more_rubric_errors(tmp_path, replace, code):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    assert text.count(replace[0]) == 1
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(*replace), encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    found = caught.value.diagnostics
    assert [d.code for d in found] == [code], found
    assert found[0].file == path.as_posix() and found[0].line > 1


def test_extends_unknown_parent_is_located(tmp_path):
    path = tmp_path / "orphan.yaml"
    path.write_text("格式版本: 1\n文件类型: 考核细则\n编号: orphan\n名称: 孤儿\n继承: [nowhere.yaml]\n", encoding="utf-8")
    run = run_ideo("score", UNIT, "--rubric", path, "--year", 2026)
    assert run.code == 2 and "IDEO952" in run.err and f"{path.as_posix()}:5:" in run.err and "nowhere.yaml" in run.err, run


@pytest.mark.parametrize(
    "text, code",
    [
        ("格式版本: 1\n文件类型: 考核细则\n编号: x\n名称: [未闭合\n", "IDEO004"),
        ("格式版本: 1\n文件类型: 考核细则\n编号: x\n名称: 甲\ntitle: 乙\n", "IDEO006"),  # a Chinese key and its English twin
        ("格式版本: 1\n文件类型: 考核细则\n编号: x\n名称: 甲\n总数: 100\n", "IDEO010"),
        ("", "IDEO009"),
    ],
)
def test_unreadable_rubrics_are_located_and_exit_2(tmp_path, text, code):
    path = tmp_path / "细则.yaml"
    path.write_text(text, encoding="utf-8")
    run = run_ideo("score", UNIT, "--rubric", path, "--year", 2026)
    assert_no_traceback(run)
    assert run.code == 2 and code in run.err and f"{path.as_posix()}:" in run.err and run.out == "", run
