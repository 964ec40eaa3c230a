"""`ideo check` end to end: exit codes, languages, formats, profiles, rulebooks, waivers.

Plans with findings are variants of plans/xiaozhaiba-town/计划.yaml written into
tmp_path, so every position asserted here is a real line of a real plan.
"""
from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from helpers import ANSI, EXAMPLE, HOSTILE, assert_no_traceback, listing, run_ideo, variant

# one finding each; positions are those in the example plan
O1_YEARLY = ("    类别: O1\n    负责人: chenlin\n    频次: 每半年", "    类别: O1\n    负责人: chenlin\n    频次: 每年")  # IDEO201 at 65:9
NO_SECRETARY = ("角色: [书记, 第一责任人, 班子成员]", "角色: [第一责任人, 班子成员]")  # IDEO102 at 19:9 (and IDEO105)
NO_PORTFOLIO = ("    分管: 纪检监察\n", "")  # IDEO104 (warning) at 30:5

CITE_201 = "= 依据: 002《XX镇意识形态工作责任制实施方案（各党总支、支部）》二(一)4 “党组织每年至少两次专题研究意识形态工作”"


@pytest.fixture
def failing(tmp_path: Path) -> Path:
    """tmp_path with o1.yaml (IDEO201) and sec.yaml (IDEO102, IDEO105)."""
    variant(tmp_path, "o1.yaml", O1_YEARLY)
    variant(tmp_path, "sec.yaml", NO_SECRETARY)
    return tmp_path


# --- a clean plan --------------------------------------------------------


def test_clean_example_passes_in_chinese() -> None:
    run = run_ideo("check", "plans/xiaozhaiba-community-branch/计划.yaml")
    assert (run.code, run.out, run.err) == (0, "全部通过：检查了 1 个文件\n", ""), run


@pytest.mark.parametrize(("args", "env"), [(("--lang", "en"), {}), ((), {"IDEO_LANG": "en"}), (("--lang", "en-US"), {"IDEO_LANG": "zh"})])
def test_clean_example_passes_in_english(args: tuple[str, ...], env: dict[str, str]) -> None:
    run = run_ideo("check", *args, "plans/xiaozhaiba-community-branch/计划.yaml", env=env)
    assert (run.code, run.out, run.err) == (0, "All checks passed: 1 file checked\n", ""), run


def test_lang_option_beats_ideo_lang() -> None:
    run = run_ideo("check", "--lang", "zh", "plans/xiaozhaiba-community-branch/计划.yaml", env={"IDEO_LANG": "en"})
    assert (run.code, run.out, run.err) == (0, "全部通过：检查了 1 个文件\n", ""), run


# --- findings ------------------------------------------------------------


def test_rule_errors_exit_1_with_location_caret_help_and_citation(failing: Path) -> None:
    run = run_ideo("check", "o1.yaml", "sec.yaml", cwd=failing)
    assert run.code == 1, run
    assert run.err == ""
    assert_no_traceback(run)
    out = run.out
    # IDEO201: header, location, snippet with caret under 每年, help, citation
    assert "IDEO201 [错误] “O1 专题研究意识形态工作”每年至少 2 次，计划中只有 1 次 (topic-study-twice-a-year)\n  --> o1.yaml:65:9\n" in out
    assert "65 |     频次: 每年\n   |           ^^^^\n" in out  # 每年 is two wide characters: four carets
    assert "   = 路径: obligations[1].recurrence\n" in out
    assert "   = 建议: 在 事项 中添加 类别 为 O1 的专题研究事项" in out
    assert CITE_201 in out
    # IDEO102 in the second file, located on the roles list
    assert "IDEO102 [错误] 第一责任人 陈林 不是书记 (first-responsible-is-secretary)\n  --> sec.yaml:19:9\n" in out
    assert "19 |     角色: [第一责任人, 班子成员]\n   |           ^^^^^^^^^^^^^^^^^^^^^^\n" in out
    assert "= 依据: 000《" in out and "“党委、总支、支部书记是第一责任人”" in out
    assert "  --> sec.yaml:42:7\n" in out  # IDEO105: the leading group's leader is no longer the secretary
    # files in the order given, one summary line at the end
    assert out.index("o1.yaml:65:9") < out.index("sec.yaml:19:9") < out.index("sec.yaml:42:7")
    assert out.endswith("\n\n发现 3 个问题（错误 3）；检查了 2 个文件\n")


def test_rule_errors_in_english(failing: Path) -> None:
    run = run_ideo("check", "--lang", "en", "o1.yaml", cwd=failing)
    assert (run.code, run.err) == (1, ""), run
    assert "IDEO201 [error] 'O1 topic study of ideological work' must happen at least 2 times a year; the plan has 1 (topic-study-twice-a-year)\n  --> o1.yaml:65:9\n" in run.out
    assert "   |           ^^^^\n" in run.out
    assert "   = help: Add an obligation of kind O1" in run.out
    assert "   = source: 002" in run.out and "“党组织每年至少两次专题研究意识形态工作”" in run.out  # quotes stay verbatim
    assert run.out.endswith("\n\nFound 1 problem (1 error) in 1 file checked\n")


def test_warning_only_passes_unless_strict(tmp_path: Path) -> None:
    variant(tmp_path, "warn.yaml", NO_PORTFOLIO)
    normal = run_ideo("check", "warn.yaml", cwd=tmp_path)
    strict = run_ideo("check", "--strict", "warn.yaml", cwd=tmp_path)
    assert (normal.code, normal.err) == (0, ""), normal
    assert (strict.code, strict.err) == (1, ""), strict
    assert normal.out == strict.out  # --strict changes the exit code only
    assert "IDEO104 [警告] 班子成员 王勇 没有写明分管领域（一岗双责） (one-post-two-duties)\n  --> warn.yaml:30:5\n" in normal.out
    assert normal.out.endswith("发现 1 个问题（警告 1）；检查了 1 个文件\n")


# --- output formats -------------------------------------------------------


def test_format_concise(failing: Path) -> None:
    run = run_ideo("check", "--format", "concise", "o1.yaml", "sec.yaml", cwd=failing)
    assert (run.code, run.err) == (1, ""), run
    assert run.out.splitlines() == [
        "o1.yaml:65:9: IDEO201 [错误] “O1 专题研究意识形态工作”每年至少 2 次，计划中只有 1 次",
        "sec.yaml:19:9: IDEO102 [错误] 第一责任人 陈林 不是书记",
        "sec.yaml:42:7: IDEO105 [错误] 领导小组组长 陈林 不是书记",
        "发现 3 个问题（错误 3）；检查了 2 个文件",
    ]


def test_format_json(failing: Path) -> None:
    run = run_ideo("check", "-f", "json", "o1.yaml", "sec.yaml", cwd=failing)
    assert (run.code, run.err) == (1, ""), run
    report = json.loads(run.out)
    assert report["version"] == 1 and report["tool"] == {"name": "ideo", "version": "0.1.0"}
    assert report["summary"] == {"files": 2, "fatal": 0, "errors": 3, "warnings": 0, "infos": 0, "waived": 0}
    found = [(f["file"], d["code"], d["line"], d["column"], d["severity"]) for f in report["files"] for d in f["diagnostics"]]
    assert found == [("o1.yaml", "IDEO201", 65, 9, "error"), ("sec.yaml", "IDEO102", 19, 9, "error"), ("sec.yaml", "IDEO105", 42, 7, "error")]
    first = report["files"][0]["diagnostics"][0]
    assert first["path"] == "obligations[1].recurrence"
    assert first["citation"]["quote"] == "党组织每年至少两次专题研究意识形态工作"
    assert "\x1b" not in run.out


def test_format_github(failing: Path) -> None:
    variant(failing, "warn.yaml", NO_PORTFOLIO)
    run = run_ideo("check", "--output-format", "github", "o1.yaml", "warn.yaml", cwd=failing)
    assert (run.code, run.err) == (1, ""), run
    lines = run.out.splitlines()
    assert lines[0].startswith("::error file=o1.yaml,line=65,col=9,endLine=65,endColumn=11,title=IDEO201 topic-study-twice-a-year::“O1 专题研究意识形态工作”")
    assert "%0A依据: 002《" in lines[0] and "\n" not in lines[0]
    assert lines[1].startswith("::warning file=warn.yaml,line=30,col=5,")
    assert "title=IDEO104 one-post-two-duties::" in lines[1]


def test_github_actions_environment_selects_github_format(failing: Path) -> None:
    run = run_ideo("check", "o1.yaml", cwd=failing, env={"GITHUB_ACTIONS": "true"})
    assert (run.code, run.err) == (1, ""), run
    assert run.out.startswith("::error file=o1.yaml,line=65,col=9,")
    assert "-->" not in run.out
    explicit = run_ideo("check", "-f", "concise", "o1.yaml", cwd=failing, env={"GITHUB_ACTIONS": "true"})
    assert explicit.out.startswith("o1.yaml:65:9: IDEO201 ")  # an explicit --format wins


def test_format_sarif(failing: Path) -> None:
    run = run_ideo("check", "-f", "sarif", "o1.yaml", "sec.yaml", cwd=failing)
    assert (run.code, run.err) == (1, ""), run
    sarif = json.loads(run.out)
    assert sarif["version"] == "2.1.0"
    [sarif_run] = sarif["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "ideo" and driver["version"] == "0.1.0"
    rule_ids = [r["id"] for r in driver["rules"]]
    results = [
        (r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["locations"][0]["physicalLocation"]["region"]["startLine"], r["locations"][0]["physicalLocation"]["region"]["startColumn"])
        for r in sarif_run["results"]
    ]
    assert results == [("IDEO201", "error", "o1.yaml", 65, 9), ("IDEO102", "error", "sec.yaml", 19, 9), ("IDEO105", "error", "sec.yaml", 42, 7)]
    for result in sarif_run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]


def test_format_junit(failing: Path) -> None:
    run = run_ideo("check", "-f", "junit", "o1.yaml", "sec.yaml", cwd=failing)
    assert (run.code, run.err) == (1, ""), run
    root = ET.fromstring(run.out.encode("utf-8"))
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "2", "2")  # one test case per file
    failures = [(case.get("name"), f.get("type"), f.text.splitlines()[0]) for case in root.iter("testcase") for f in case.findall("failure")]
    assert failures == [("o1.yaml", "IDEO201", "o1.yaml:65:9"), ("sec.yaml", "IDEO102", "sec.yaml:19:9"), ("sec.yaml", "IDEO105", "sec.yaml:42:7")]


def test_colour_only_when_asked(failing: Path) -> None:
    piped = run_ideo("check", "o1.yaml", cwd=failing)  # stdout is a pipe: no colour
    no_color = run_ideo("check", "o1.yaml", cwd=failing, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    always = run_ideo("check", "--color", "always", "o1.yaml", cwd=failing, env={"NO_COLOR": "1"})
    always_json = run_ideo("check", "--color", "always", "-f", "json", "o1.yaml", cwd=failing)
    assert piped.code == no_color.code == always.code == always_json.code == 1
    assert "\x1b[" not in piped.out and "\x1b[" not in no_color.out
    assert no_color.out == piped.out
    assert "\x1b[1;31m[错误]\x1b[0m" in always.out  # an explicit --color always beats NO_COLOR
    assert ANSI.sub("", always.out) == piped.out
    assert "\x1b" not in always_json.out  # machine formats are never coloured
    json.loads(always_json.out)


def test_statistics(failing: Path) -> None:
    variant(failing, "warn.yaml", NO_PORTFOLIO)
    run = run_ideo("check", "--statistics", "o1.yaml", "sec.yaml", "warn.yaml", cwd=failing)
    assert (run.code, run.err) == (1, ""), run
    lines = run.out.splitlines()
    assert [line.split()[:3] for line in lines[:4]] == [["1", "IDEO102", "[错误]"], ["1", "IDEO104", "[警告]"], ["1", "IDEO105", "[错误]"], ["1", "IDEO201", "[错误]"]]
    assert lines[-1] == "发现 4 个问题（错误 3，警告 1）；检查了 3 个文件"
    assert "-->" not in run.out
    as_json = run_ideo("check", "--statistics", "-f", "json", "o1.yaml", "sec.yaml", cwd=failing)
    stats = json.loads(as_json.out)["statistics"]
    assert {(s["code"], s["count"]) for s in stats} == {("IDEO102", 1), ("IDEO105", 1), ("IDEO201", 1)}


def test_output_file_is_written_atomically(failing: Path) -> None:
    before = listing(failing)
    run = run_ideo("check", "-f", "json", "-o", "report.json", "o1.yaml", "sec.yaml", cwd=failing)
    assert (run.code, run.out, run.err) == (1, "", ""), run
    assert listing(failing) == before | {"report.json"}  # no temp file left beside it
    report = json.loads((failing / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["errors"] == 3
    # an unwritable destination: exit 2, a message, no traceback
    bad = run_ideo("check", "-o", "no-such-dir/report.txt", "o1.yaml", cwd=failing)
    assert bad.code == 2 and bad.out == "", bad
    assert bad.err.startswith("ideo: 无法写入 no-such-dir/report.txt："), bad
    assert_no_traceback(bad)


# --- profiles and rulebooks -------------------------------------------------


def test_network_profile_adds_network_rules() -> None:
    run = run_ideo("check", "--profile", "network", "-f", "concise", "plans/xiaozhaiba-town/计划.yaml")
    assert (run.code, run.err) == (1, ""), run
    # the plan's own lines (its 台账/, checked with it, has ledger warnings of its own)
    codes = {line.split(": ")[1].split()[0] for line in run.out.splitlines()[:-1] if line.startswith("plans/xiaozhaiba-town/计划.yaml:")}
    assert {"IDEO801", "IDEO802", "IDEO805", "IDEO808"} <= codes
    assert all(code.startswith("IDEO8") for code in codes)
    assert "plans/xiaozhaiba-town/计划.yaml:53:1: IDEO801 [错误] 计划中没有“O10 网信领导小组会议”事项（每年至少 1 次）\n" in run.out


def test_unknown_profile_is_refused() -> None:
    run = run_ideo("check", "--profile", "netwrok", "plans/xiaozhaiba-town/计划.yaml")
    assert (run.code, run.out) == (2, ""), run
    assert run.err.startswith("ideo: 未知的规则集“netwrok”；可用：baseline, ")
    assert "network" in run.err
    en = run_ideo("check", "--lang", "en", "-p", "netwrok", "plans/xiaozhaiba-town/计划.yaml")
    assert (en.code, en.out) == (2, "") and en.err.startswith("ideo: unknown profile 'netwrok'; known: "), en


COUNTY = """\
# 某县意识形态工作责任制补充规定：党委每季度专题研究一次
profile: county-strict
title: {zh: 某县补充规定, en: County supplement}
extends: [baseline]
rules:
  - code: IDEO201
    params: {kind: O1, min_per_year: 4}
    source: {document: "县委办〔2025〕1号", section: "三", quote: "党委每季度至少专题研究一次意识形态工作"}
"""


def test_county_rulebook_tightens_a_rule(tmp_path: Path) -> None:
    (tmp_path / "county.yaml").write_text(COUNTY, encoding="utf-8")
    shutil.copy(EXAMPLE, tmp_path / "plan.yaml")
    run = run_ideo("check", "--rulebook", "county.yaml", "plan.yaml", cwd=tmp_path)
    assert (run.code, run.err) == (1, ""), run
    assert "IDEO201 [错误] “O1 专题研究意识形态工作”每年至少 4 次，计划中只有 2 次 (topic-study-twice-a-year)\n  --> plan.yaml:65:9\n" in run.out
    assert "= 依据: 县委办〔2025〕1号 三 “党委每季度至少专题研究一次意识形态工作”" in run.out
    assert run.out.endswith("发现 1 个问题（错误 1）；检查了 1 个文件\n")


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("profile: county-strict\nextends: [baseline]\nrules: [\n", "county.yaml:4:1", "IDEO004 [无法读取] "),
        ("profile: county-strict\nextends: [baseline]\nrulez: []\n", "county.yaml:3:1", "IDEO010 [无法读取] 未知的键“rulez”"),
        ("profile: county-strict\nextends: [baseline, 省级]\n", "county.yaml:2:21", "IDEO011 [无法读取] 未知的上级规则集“省级”"),
    ],
    ids=["yaml-syntax", "unknown-key", "unknown-parent"],
)
def test_malformed_rulebook_is_located(tmp_path: Path, text: str, where: str, message: str) -> None:
    (tmp_path / "county.yaml").write_text(text, encoding="utf-8")
    run = run_ideo("check", "--rulebook", "county.yaml", EXAMPLE, cwd=tmp_path)
    assert run.code == 2, run
    assert run.err == ""
    assert_no_traceback(run)
    assert f"--> {where}\n" in run.out
    assert message in run.out
    assert "xiaozhaiba" not in run.out  # no plan was checked


def test_malformed_rulebook_report_goes_to_output_file(tmp_path: Path) -> None:
    (tmp_path / "county.yaml").write_text("profile: county-strict\nrules: [\n", encoding="utf-8")
    run = run_ideo("check", "--rulebook", "county.yaml", "-f", "json", "-o", "report.json", EXAMPLE, cwd=tmp_path)
    assert (run.code, run.out, run.err) == (2, "", ""), run
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    [diag] = report["files"][0]["diagnostics"]
    assert (report["files"][0]["file"], diag["code"], diag["line"]) == ("county.yaml", "IDEO004", 3)


# --- directories ---------------------------------------------------------------


def test_directory_recursion_skips_hidden_and_is_deterministic(tmp_path: Path) -> None:
    root = tmp_path / "县委"
    (root / "镇").mkdir(parents=True)
    (root / "村").mkdir()
    (root / ".git").mkdir()
    (root / ".草稿").mkdir()
    (root / "node_modules").mkdir()
    variant(root / "镇", "小寨坝镇.yaml", O1_YEARLY)
    variant(root / "镇", "a-clean.yml")
    shutil.copy(HOSTILE / "good-branch.yaml", root / "村" / "大寨村.yaml")
    variant(root, "b-warn.yaml", NO_PORTFOLIO)
    (root / "说明.txt").write_text("不是计划\n", encoding="utf-8")
    for hidden in (root / ".git" / "x.yaml", root / ".草稿" / "草稿.yaml", root / "node_modules" / "y.yml", root / ".hidden.yaml"):
        hidden.write_text("组织: [\n", encoding="utf-8")  # would be IDEO004 if read

    first = run_ideo("check", "-f", "concise", "县委", cwd=tmp_path)
    second = run_ideo("check", "-f", "concise", "县委", cwd=tmp_path)
    assert (first.code, first.err) == (1, ""), first
    assert first.out == second.out
    assert first.out.splitlines() == [
        "县委/b-warn.yaml:30:5: IDEO104 [警告] 班子成员 王勇 没有写明分管领域（一岗双责）",
        "县委/镇/小寨坝镇.yaml:65:9: IDEO201 [错误] “O1 专题研究意识形态工作”每年至少 2 次，计划中只有 1 次",
        "发现 2 个问题（错误 1，警告 1）；检查了 4 个文件",
    ]
    as_json = json.loads(run_ideo("check", "-f", "json", "县委", cwd=tmp_path).out)
    assert [f["file"] for f in as_json["files"]] == ["县委/b-warn.yaml", "县委/村/大寨村.yaml", "县委/镇/a-clean.yml", "县委/镇/小寨坝镇.yaml"]


# --- waivers -------------------------------------------------------------------

WAIVER = """
豁免:
  - 规则: IDEO201
    理由: 2025 年换届，上半年专题研究并入换届工作会议，经县委宣传部同意全年安排一次
    批准人: 县委宣传部
    有效期至: 2025-12-31
"""


def test_valid_waiver_suppresses_its_rule(tmp_path: Path) -> None:
    variant(tmp_path, "plan.yaml", O1_YEARLY, append=WAIVER)
    run = run_ideo("check", "plan.yaml", cwd=tmp_path)  # SOURCE_DATE_EPOCH: 2025-01-01
    assert (run.code, run.out, run.err) == (0, "全部通过：检查了 1 个文件；已豁免 1\n", ""), run
    en = run_ideo("check", "--lang", "en", "--today", "2025-12-31", "plan.yaml", cwd=tmp_path)
    assert (en.code, en.out, en.err) == (0, "All checks passed: 1 file checked; 1 waived\n", ""), en


def test_expired_waiver_is_an_error_and_no_longer_suppresses(tmp_path: Path) -> None:
    variant(tmp_path, "plan.yaml", O1_YEARLY, append=WAIVER)
    run = run_ideo("check", "--today", "2026-01-05", "-f", "concise", "plan.yaml", cwd=tmp_path)
    assert (run.code, run.err) == (1, ""), run
    assert run.out.splitlines() == [
        "plan.yaml:65:9: IDEO201 [错误] “O1 专题研究意识形态工作”每年至少 2 次，计划中只有 1 次",
        "plan.yaml:161:11: IDEO602 [错误] 对 IDEO201 的豁免已于 2025-12-31 到期",
        "发现 2 个问题（错误 2）；检查了 1 个文件",
    ]


def test_waiver_without_approver_does_not_suppress(tmp_path: Path) -> None:
    variant(tmp_path, "plan.yaml", O1_YEARLY, append=WAIVER.replace("    批准人: 县委宣传部\n", ""))
    run = run_ideo("check", "-f", "concise", "plan.yaml", cwd=tmp_path)
    assert (run.code, run.err) == (1, ""), run
    assert run.out.splitlines() == [
        "plan.yaml:65:9: IDEO201 [错误] “O1 专题研究意识形态工作”每年至少 2 次，计划中只有 1 次",
        "plan.yaml:158:5: IDEO601 [错误] 对 IDEO201 的豁免缺少：批准人，因此不生效",
        "发现 2 个问题（错误 2）；检查了 1 个文件",
    ]


def test_bad_today_is_refused() -> None:
    run = run_ideo("check", "--today", "2025/12/31", "plans/xiaozhaiba-town/计划.yaml")
    assert (run.code, run.out, run.err) == (2, "", "ideo: --today 应为 YYYY-MM-DD，收到“2025/12/31”\n"), run


# --- Chinese and English keys --------------------------------------------------

EN_KEYS = {
    "格式版本": "ideo", "组织": "organisation", "人员": "people", "领导小组": "leading_group", "默认": "defaults",
    "事项": "obligations", "事件": "events", "编号": "id", "名称": "name", "简称": "short_name", "类型": "type",
    "层级": "level", "上级": "superior", "抄送": "copy_to", "规则集": "profiles", "姓名": "name", "职务": "post",
    "角色": "roles", "分管": "portfolio", "组长": "leader", "副组长": "deputies", "成员": "members", "办公室": "office",
    "设在": "located_in", "主任": "director", "遇节假日": "adjust", "提醒": "reminders", "标题": "title", "类别": "kind",
    "负责人": "owner", "频次": "recurrence", "截止": "due", "月": "month", "日": "day", "留痕": "evidence",
    "报送": "recipients", "情形": "trigger", "响应": "response", "天数": "days", "责任人": "actors", "报告对象": "report_to",
    "下级事项": "subordinate_obligations", "适用对象": "applies_to", "汇入": "feeds",  # the unit tree (issue 8)
}


def _english_keys(value):
    if isinstance(value, dict):
        return {EN_KEYS[k]: _english_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_english_keys(v) for v in value]
    return value


def test_chinese_and_english_keys_give_the_same_findings(tmp_path: Path) -> None:
    zh = variant(tmp_path, "zh.yaml", O1_YEARLY, NO_SECRETARY, NO_PORTFOLIO)
    data = _english_keys(yaml.safe_load(zh.read_text(encoding="utf-8")))
    (tmp_path / "en.yaml").write_text("# the same plan with English keys\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    run = run_ideo("check", "-f", "json", "zh.yaml", "en.yaml", cwd=tmp_path)
    assert (run.code, run.err) == (1, ""), run
    zh_file, en_file = json.loads(run.out)["files"]
    assert (zh_file["file"], en_file["file"]) == ("zh.yaml", "en.yaml")
    found = lambda f: [(d["code"], d["path"], d["message"]) for d in f["diagnostics"]]  # noqa: E731
    assert sorted(found(zh_file)) == sorted(found(en_file))
    assert {d["code"] for d in zh_file["diagnostics"]} == {"IDEO102", "IDEO104", "IDEO105", "IDEO201"}
    for diag in en_file["diagnostics"]:
        assert diag["line"] > 1 and diag["column"] >= 1  # located in the English file too
