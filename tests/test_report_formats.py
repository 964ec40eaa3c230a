"""Report renderers: snapshots per format x language, plus targeted checks.

Snapshots live in tests/snapshots/report/<format>.<lang>.txt; regenerate with
``IDEO_UPDATE_SNAPSHOTS=1 pytest tests/test_report_formats.py``.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ideo_cli.diagnostics.model import Citation, Diagnostic, FileResult, RuleInfo, Severity
from ideo_cli.render.diagnostics import (
    FORMATS,
    REPORTERS,
    RenderOptions,
    UnknownFormatError,
    get_reporter,
    register,
    render,
)

SNAPSHOTS = Path(__file__).parent / "snapshots" / "report"
ANSI = re.compile(r"\x1b\[[0-9;]*m")

PLAN = """\
# 小寨坝镇党委 2025 年意识形态工作责任制计划
版本: 1
组织:
  名称: 中共小寨坝镇委员会
  类型: 党委
  上级: 中共XX县委
人员:
  - 姓名: 张三
    职务: 党委书记
    角色: 第一责任人
  - 姓名: 李四
    职务: 党委副书记、宣传委员
    角色: 直接责任人
事项:
  - 编号: topic-study
    名称: 专题研究意识形态工作
    频次: 每年
    次数: 1
    牵头: 张三
    截止: 期末
  - 编号: report-to-superior
    名称: 向上级党委报告意识形态工作
    频次: 每年
    牵头: 王五
    截止: 年底
"""
PLAN_LINES = PLAN.split("\n")

CITE_TOPIC = Citation(
    document="002",
    title="XX镇意识形态工作责任制实施方案",
    section="二(一)4",
    quote="党组织每年至少两次专题研究意识形态工作",
)
CITE_REPORT = Citation(
    document="000",
    title="小寨坝镇意识形态工作责任制工作计划",
    section="三(二)2",
    quote="每年至少两次向上级党委专题报告意识形态工作",
)

TEXTS = {
    "IDEO201": {
        "zh": ("专题研究意识形态工作次数不足：每年至少 2 次，计划中只有 1 次", "把 频次 改为 每半年，或再增加一个 O1 事项", "每年至少两次专题研究意识形态工作"),
        "en": ("Too few dedicated studies of ideological work: at least 2 a year, the plan has 1", "change 频次 to 每半年, or add another O1 obligation", "Study ideological work at least twice a year"),
    },
    "IDEO202": {
        "zh": ("向上级党委报告次数不足：每年至少 2 次，计划中只有 1 次", "把 频次 改为 每半年", "每年至少两次向上级报告"),
        "en": ("Too few reports to the superior Party committee: at least 2 a year, the plan has 1", "change 频次 to 每半年", "Report to the superior twice a year"),
    },
    "IDEO105": {
        "zh": ("牵头人“王五”不在人员名单中", "在 人员 中添加 王五，或改为已列出的人员", "牵头人必须是已列出的人员"),
        "en": ("Owner “王五” is not listed under 人员", "add 王五 to 人员, or pick a listed person", "Owners must be listed people"),
    },
    "IDEO110": {
        "zh": ("人员中缺少意识形态工作联络员", "增加一名 角色: 联络员 的人员", "须指定联络员"),
        "en": ("No ideological-work liaison among the people", "add a person with 角色: 联络员", "A liaison must be named"),
    },
    "IDEO310": {
        "zh": ("截止日期不明确：“{v}”", "写成具体日期，如 6月30日", "截止日期应具体"),
        "en": ("Vague deadline: “{v}”", "write a concrete date such as 6月30日", "Deadlines should be concrete"),
    },
    "IDEO120": {
        "zh": ("计划未包含年度总结事项", "在 事项 末尾增加 编号: annual-summary", "计划应含年度总结"),
        "en": ("The plan has no annual summary obligation", "append an obligation with 编号: annual-summary", "Plans should include an annual summary"),
    },
    "IDEO004": {
        "zh": ("计划文件为空", "", ""),
        "en": ("The plan file is empty", "", ""),
    },
    "IDEO001": {
        "zh": ("无法按 UTF-8 解码：第 57 字节 0xB8 不合法", "请以 UTF-8 编码另存该文件", ""),
        "en": ("Cannot decode as UTF-8: byte 0xB8 at offset 57 is invalid", "save the file as UTF-8", ""),
    },
}

NAMES = {
    "IDEO001": "undecodable-file",
    "IDEO004": "empty-plan",
    "IDEO105": "owner-is-listed-person",
    "IDEO110": "liaison-named",
    "IDEO120": "annual-summary-present",
    "IDEO201": "topic-study-twice-a-year",
    "IDEO202": "report-to-superior-twice-a-year",
    "IDEO310": "concrete-deadline",
}

CITES = {"IDEO201": CITE_TOPIC, "IDEO202": CITE_REPORT}


def diag(lang, code, severity, file, line, col, end_line=None, end_col=None, path="", value=""):
    message, help_, title = TEXTS[code][lang]
    return Diagnostic(
        code=code,
        name=NAMES[code],
        severity=severity,
        message=message.format(v=value),
        file=file,
        line=line,
        col=col,
        end_line=end_line,
        end_col=end_col,
        path=path,
        help=help_,
        title=title,
        citation=CITES.get(code),
    )


def make_results(lang: str = "zh") -> list[FileResult]:
    plan = "plans/xiaozhaiba.yaml"
    E, W, I, F = Severity.ERROR, Severity.WARNING, Severity.INFO, Severity.FATAL
    # deliberately out of order: renderers sort by file, line, col, code
    diagnostics = [
        diag(lang, "IDEO105", W, plan, 24, 9, path="obligations[1].owner"),
        diag(lang, "IDEO310", I, plan, 25, 9, 25, 11, path="obligations[1].deadline", value="年底"),
        diag(lang, "IDEO201", E, plan, 17, 5, 17, 11, path="obligations[0].recurrence"),
        diag(lang, "IDEO120", I, plan, 26, 1, path="obligations"),
        diag(lang, "IDEO110", E, plan, 7, 1, 13, 11, path="people"),
        diag(lang, "IDEO202", E, plan, 23, 5, 23, 11, path="obligations[1].recurrence"),
        diag(lang, "IDEO310", I, plan, 20, 9, 20, 11, path="obligations[0].deadline", value="期末"),
    ]
    return [
        FileResult(plan, diagnostics, PLAN, waived=1),
        FileResult("plans/clean.yaml", [], "版本: 1\n", waived=2),
        FileResult("plans/empty.yaml", [diag(lang, "IDEO004", E, "plans/empty.yaml", 1, 1)], ""),
        FileResult("plans/broken.yaml", [diag(lang, "IDEO001", F, "plans/broken.yaml", 0, 0)], None),
    ]


def make_rules(lang: str = "zh") -> dict[str, RuleInfo]:
    severities = {"IDEO105": Severity.WARNING, "IDEO310": Severity.INFO, "IDEO120": Severity.INFO}
    rules = {
        code: RuleInfo(
            code=code,
            name=NAMES[code],
            severity=severities.get(code, Severity.ERROR),
            title=TEXTS[code][lang][2],
            help=TEXTS[code][lang][1],
            why="依据责任制文件" if lang == "zh" else "Required by the responsibility-system documents",
            profiles=("township",) if code != "IDEO120" else ("township", "village"),
            citation=CITES.get(code),
        )
        for code in ("IDEO201", "IDEO202", "IDEO105", "IDEO110", "IDEO310", "IDEO120")
    }
    rules["IDEO101"] = RuleInfo(
        code="IDEO101",
        name="first-responsible-is-secretary",
        severity=Severity.ERROR,
        title="第一责任人应为党组织书记" if lang == "zh" else "The first responsible person is the secretary",
        help="",
    )
    return rules


def options(lang: str = "zh", **kw) -> RenderOptions:
    return RenderOptions(lang=lang, rules=make_rules(lang), tool_version="0.1.0", **kw)


def width(value: str) -> int:
    """Independent display-width count for the assertions."""
    total = 0
    for ch in value:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


# --- snapshots ------------------------------------------------------------------

SNAPSHOT_CASES = [(fmt, lang) for fmt in (*FORMATS, "statistics") for lang in ("zh", "en")]


def render_case(fmt: str, lang: str) -> str:
    if fmt == "statistics":
        return render("text", make_results(lang), options(lang, statistics=True))
    return render(fmt, make_results(lang), options(lang))


@pytest.mark.parametrize(("fmt", "lang"), SNAPSHOT_CASES)
def test_snapshot(fmt: str, lang: str) -> None:
    actual = render_case(fmt, lang)
    path = SNAPSHOTS / f"{fmt}.{lang}.txt"
    if os.environ.get("IDEO_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    assert path.exists(), f"missing snapshot {path}; run with IDEO_UPDATE_SNAPSHOTS=1"
    assert actual == path.read_bytes().decode("utf-8")


# --- registry -------------------------------------------------------------------


def test_every_format_resolves_and_unknown_raises() -> None:
    for name in (*FORMATS, "statistics"):
        assert callable(get_reporter(name))
    with pytest.raises(UnknownFormatError) as info:
        get_reporter("yaml")
    assert isinstance(info.value, ValueError)
    assert "sarif" in str(info.value)


def test_register_custom_reporter() -> None:
    @register("count-only")
    def _count(results, opts):
        return f"{sum(len(r.diagnostics) for r in results)}\n"

    try:
        assert render("count-only", make_results()) == "9\n"
    finally:
        REPORTERS.pop("count-only")


def test_lang_normalized() -> None:
    assert RenderOptions(lang="en-US").lang == "en"
    assert RenderOptions(lang="zh_CN").lang == "zh"
    assert RenderOptions().lang == "zh"


def test_import_is_cheap_and_text_needs_no_rich() -> None:
    code = (
        "import sys\n"
        "import ideo_cli.render.diagnostics as r\n"
        "assert not [m for m in sys.modules if m.startswith('ideo_cli.render.diagnostics.')"
        " and m != 'ideo_cli.render.diagnostics.strings'], sorted(sys.modules)\n"
        "from ideo_cli.diagnostics.model import FileResult\n"
        "r.render('text', [FileResult('a.yaml', [], '')], r.RenderOptions(color=True))\n"
        "assert 'rich' not in sys.modules\n"
        "assert 'ideo_cli.render.diagnostics.sarif' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- text -----------------------------------------------------------------------


def test_no_ansi_without_color_and_ansi_with_color() -> None:
    for fmt in (*FORMATS, "statistics"):
        for lang in ("zh", "en"):
            assert "\x1b" not in render_case(fmt, lang), fmt
    for fmt in ("text", "concise", "statistics"):
        coloured = render(fmt, make_results(), options(color=True))
        assert ANSI.search(coloured), fmt
        assert ANSI.sub("", coloured) == render(fmt, make_results(), options()), fmt
    for fmt in ("json", "github", "sarif", "junit"):
        assert "\x1b" not in render(fmt, make_results(), options(color=True)), fmt


def test_escape_sequences_from_plan_are_neutralised() -> None:
    source = "组织:\n  名称: \x1b[31m红\x1b[0m\u202e镇\n"
    d = Diagnostic("IDEO105", "x", Severity.ERROR, "名称 \x1b]0;pwned\x07", "a.yaml", 2, 7, end_col=13)
    for fmt in ("text", "concise"):
        out = render(fmt, [FileResult("a.yaml", [d], source)])
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    out = render("text", [FileResult("a.yaml", [d], source)])
    numbered = next(l for l in out.splitlines() if l.startswith("2 |"))
    carets = out.splitlines()[out.splitlines().index(numbered) + 1]
    assert carets.index("^") == width(numbered[: numbered.index("\ufffd")])


def _snippet_rows(out: str, line: int) -> tuple[str, str]:
    rows = out.splitlines()
    for i, row in enumerate(rows):
        if re.match(rf"\s*{line} \|", row) and "^" in rows[i + 1]:
            return row, rows[i + 1]
    raise AssertionError(f"line {line} not in snippet:\n{out}")


def test_caret_alignment_under_cjk() -> None:
    out = render("text", make_results())
    # 王五 on line 24, no end: underline runs to end of line
    numbered, carets = _snippet_rows(out, 24)
    source_line = PLAN_LINES[23]
    gutter = numbered.index("|") + 2
    assert width(carets[: carets.index("^")]) == gutter + width(source_line[:8])
    assert carets.count("^") == width("王五") == 4
    # 频次: 每年 on line 17, col 5..11 exclusive
    numbered, carets = _snippet_rows(out, 17)
    assert carets.count("^") == width("频次: 每年") == 10
    assert width(carets[: carets.index("^")]) == gutter + 4


@pytest.mark.parametrize(
    ("line", "col", "end_col", "expected"),
    [
        ("  名称: ＡＢＣ专题会", 10, 12, "专题"),
        ("  名称: ＡＢＣ专题会", 7, None, "ＡＢＣ专题会"),
        ("- 牵头: 张三 # 注释", 7, 9, "张三"),
        ("\t频次: 每年", 2, 4, "频次"),
        ("ascii only: value", 13, 18, "value"),
    ],
)
def test_caret_width_and_position(line: str, col: int, end_col: int | None, expected: str) -> None:
    d = Diagnostic("IDEO9", "n", Severity.WARNING, "m", "a.yaml", 1, col, end_col=end_col)
    numbered, carets = _snippet_rows(render("text", [FileResult("a.yaml", [d], line + "\n")]), 1)
    shown = line.replace("\t", "    ")
    prefix = shown[: shown.index(expected)]
    gutter = numbered.index("|") + 2
    assert carets.index("^") == gutter + width(prefix)
    assert carets.count("^") == width(expected)
    assert numbered[gutter:] == shown


def test_text_edge_cases() -> None:
    def text_for(source, line, col, **kw):
        d = Diagnostic("IDEO9", "n", Severity.ERROR, "消息", "a.yaml", line, col, **kw)
        return render("text", [FileResult("a.yaml", [d], source)], RenderOptions(lang="en"))

    # col 0: caret at the start of the line
    numbered, carets = _snippet_rows(text_for("版本: 1\n", 1, 0), 1)
    assert carets.endswith("| ^^^^^^^")
    # line past end of file: header and location, no snippet
    out = text_for("版本: 1\n", 99, 3)
    assert " --> a.yaml:99:3" in out and "|" not in out
    # line just after the final newline (end of file) is shown, with context
    out = text_for("a: 1\nb: 2\n", 3, 1)
    assert "2 | b: 2\n3 |\n  | ^" in out
    # empty source and undecodable source: no snippet
    for source in ("", None):
        out = text_for(source, 1, 1)
        assert "|" not in out and "--> a.yaml:1:1" in out
    # end before start and end past end of line: at least one caret, clamped
    assert _snippet_rows(text_for("ab: 1\n", 1, 3, end_col=2), 1)[1].endswith("|   ^")
    assert _snippet_rows(text_for("ab: 1\n", 1, 1, end_col=40), 1)[1].endswith("| ^^^^^")
    # col past the end of the line: one caret after the text
    assert _snippet_rows(text_for("ab\n", 1, 9), 1)[1].endswith("|   ^")
    # CRLF and lone CR line breaks
    assert _snippet_rows(text_for("a: 1\r\nb: 2\rc: 3\r\n", 3, 1), 3)[0] == "3 | c: 3"
    # multi-line span: underline to the end of the first line
    assert _snippet_rows(text_for("人员:\n  - x\n", 1, 1, end_line=2, end_col=5), 1)[1].endswith("| ^^^^^")


def test_summary_lines() -> None:
    clean = [FileResult(f"{i}.yaml") for i in range(5)]
    assert render("text", clean) == "全部通过：检查了 5 个文件\n"
    assert render("text", clean, RenderOptions(lang="en")) == "All checks passed: 5 files checked\n"
    one = [FileResult("a.yaml", [Diagnostic("X1", "n", Severity.ERROR, "m", "a.yaml", 1, 1)], waived=2)]
    assert render("concise", one, RenderOptions(lang="en")).splitlines()[-1] == (
        "Found 1 problem (1 error) in 1 file checked; 2 waived"
    )
    assert render("concise", one).splitlines()[-1] == "发现 1 个问题（错误 1）；检查了 1 个文件；已豁免 2"
    zh = render("text", make_results()).splitlines()[-1]
    assert zh == "发现 9 个问题（无法读取 1，错误 4，警告 1，提示 3）；检查了 4 个文件；已豁免 3"


def test_text_header_and_notes() -> None:
    out = render("text", make_results())
    assert "IDEO201 [错误] 专题研究意识形态工作次数不足：每年至少 2 次，计划中只有 1 次 (topic-study-twice-a-year)" in out
    assert "   = 依据: 002《XX镇意识形态工作责任制实施方案》二(一)4 “党组织每年至少两次专题研究意识形态工作”" in out
    assert "IDEO001 [无法读取]" in out
    en = render("text", make_results("en"), options("en"))
    assert "IDEO001 [fatal]" in en and "= path: obligations[0].recurrence" in en and "= source: 002 (" in en and "《" not in en.split("= source: 002 (", 1)[1].split("\n", 1)[0]


def test_order_by_file_line_col_code_and_files_as_given() -> None:
    out = render("concise", make_results())
    locations = [l.split(": ")[0] for l in out.splitlines()[:-1]]
    assert locations == [
        "plans/xiaozhaiba.yaml:7:1",
        "plans/xiaozhaiba.yaml:17:5",
        "plans/xiaozhaiba.yaml:20:9",
        "plans/xiaozhaiba.yaml:23:5",
        "plans/xiaozhaiba.yaml:24:9",
        "plans/xiaozhaiba.yaml:25:9",
        "plans/xiaozhaiba.yaml:26:1",
        "plans/empty.yaml:1:1",
        "plans/broken.yaml:1:1",
    ]


@pytest.mark.parametrize("fmt", [*FORMATS, "statistics"])
def test_deterministic(fmt: str) -> None:
    first = render_case(fmt, "zh")
    assert render_case(fmt, "zh") == first
    shuffled = make_results()
    shuffled[0].diagnostics.reverse()
    opts = options(statistics=fmt == "statistics")
    assert render("text" if fmt == "statistics" else fmt, shuffled, opts) == first


# --- statistics -------------------------------------------------------------------


def test_statistics_text_and_json() -> None:
    out = render("concise", make_results(), options(statistics=True))
    rows = out.splitlines()
    assert rows[0] == "  2 IDEO310 [提示]     concrete-deadline"
    assert rows[1].startswith("  1 IDEO001 [无法读取] undecodable-file")
    data = json.loads(render("json", make_results(), options(statistics=True)))
    assert [s["code"] for s in data["statistics"]][:2] == ["IDEO310", "IDEO001"]
    assert sum(s["count"] for s in data["statistics"]) == 9
    assert "statistics" not in json.loads(render("json", make_results(), options()))


# --- json -------------------------------------------------------------------------


def test_json_shape_and_counts() -> None:
    results = make_results()
    out = render("json", results, options())
    assert out.endswith("}\n") and "专题研究" in out  # not ASCII-escaped
    data = json.loads(out)
    assert data["version"] == 1
    assert data["tool"] == {"name": "ideo", "version": "0.1.0"}
    expected = {s: sum(d.severity is s for r in results for d in r.diagnostics) for s in Severity}
    assert data["summary"] == {
        "files": 4,
        "fatal": expected[Severity.FATAL],
        "errors": expected[Severity.ERROR],
        "warnings": expected[Severity.WARNING],
        "infos": expected[Severity.INFO],
        "waived": 3,
    }
    assert [f["file"] for f in data["files"]] == [r.file for r in results]
    first = data["files"][0]["diagnostics"][1]
    assert list(first) == [
        "code", "name", "severity", "message", "file", "line", "column", "end_line",
        "end_column", "path", "help", "title", "url", "citation",
    ]
    assert first["citation"] == {
        "document": "002",
        "title": "XX镇意识形态工作责任制实施方案",
        "section": "二(一)4",
        "quote": "党组织每年至少两次专题研究意识形态工作",
    }
    assert data["files"][3]["diagnostics"][0]["severity"] == "fatal"
    assert data["files"][3]["diagnostics"][0]["citation"] is None


def test_json_default_version_is_package_version() -> None:
    from ideo_cli import __version__

    assert json.loads(render("json", []))["tool"]["version"] == __version__


# --- github -----------------------------------------------------------------------


def test_github_escaping() -> None:
    d = Diagnostic(
        code="IDEO105",
        name="owner,listed:x",
        severity=Severity.INFO,
        message="完成 50%\r\n第二行: a,b",
        file="plans/a,b:c%.yaml",
        line=3,
        col=7,
        end_col=9,
        help="改为 100%",
        citation=Citation("002", "方案", "二(一)4", "至少两次"),
    )
    out = render("github", [FileResult(d.file, [d])], RenderOptions(lang="en"))
    assert out == (
        "::notice file=plans/a%2Cb%3Ac%25.yaml,line=3,col=7,endLine=3,endColumn=9,"
        "title=IDEO105 owner%2Clisted%3Ax::完成 50%25%0D%0A第二行: a,b"
        "%0Ahelp: 改为 100%25%0Asource: 002 (方案) 二(一)4 “至少两次”\n"
    )


def test_github_levels_and_missing_positions() -> None:
    lines = render("github", make_results()).splitlines()
    assert len(lines) == 9
    assert [l.split(" ", 1)[0] for l in lines].count("::error") == 5
    assert [l.split(" ", 1)[0] for l in lines].count("::warning") == 1
    assert [l.split(" ", 1)[0] for l in lines].count("::notice") == 3
    assert lines[-1].startswith("::error file=plans/broken.yaml,title=IDEO001 undecodable-file::")
    assert render("github", [FileResult("a.yaml")]) == ""


# --- sarif ------------------------------------------------------------------------

SARIF_SUBSET = {
    "type": "object",
    "required": ["$schema", "version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "maxItems": 1,
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name", "rules"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "version": {"type": "string", "minLength": 1},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id", "shortDescription", "defaultConfiguration"],
                                            "properties": {
                                                "id": {"type": "string"},
                                                "shortDescription": {"$ref": "#/$defs/message"},
                                                "fullDescription": {"$ref": "#/$defs/message"},
                                                "help": {"$ref": "#/$defs/message"},
                                                "defaultConfiguration": {
                                                    "type": "object",
                                                    "properties": {"level": {"$ref": "#/$defs/level"}},
                                                },
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["ruleId", "level", "message", "locations"],
                            "properties": {
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": 0},
                                "level": {"$ref": "#/$defs/level"},
                                "message": {"$ref": "#/$defs/message"},
                                "partialFingerprints": {
                                    "type": "object",
                                    "additionalProperties": {"type": "string"},
                                },
                                "locations": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["physicalLocation"],
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "required": ["artifactLocation"],
                                                "properties": {
                                                    "artifactLocation": {
                                                        "type": "object",
                                                        "required": ["uri"],
                                                        "properties": {"uri": {"type": "string", "format": "uri-reference"}},
                                                    },
                                                    "region": {
                                                        "type": "object",
                                                        "required": ["startLine"],
                                                        "additionalProperties": False,
                                                        "properties": {
                                                            "startLine": {"type": "integer", "minimum": 1},
                                                            "startColumn": {"type": "integer", "minimum": 1},
                                                            "endLine": {"type": "integer", "minimum": 1},
                                                            "endColumn": {"type": "integer", "minimum": 1},
                                                        },
                                                    },
                                                },
                                            }
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
    "$defs": {
        "level": {"enum": ["none", "note", "warning", "error"]},
        "message": {
            "type": "object",
            "required": ["text"],
            "properties": {"text": {"type": "string", "minLength": 1}},
        },
    },
}


def test_sarif_structure_levels_and_rule_index() -> None:
    import jsonschema

    data = json.loads(render("sarif", make_results(), options()))
    jsonschema.validate(data, SARIF_SUBSET)
    assert data["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    run = data["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(make_rules())  # every active rule, used or not
    assert rules[[r["id"] for r in rules].index("IDEO201")]["help"]["text"].endswith(
        "依据: 002《XX镇意识形态工作责任制实施方案》二(一)4 “党组织每年至少两次专题研究意识形态工作”"
    )
    assert rules[1]["properties"] == {"profiles": ["township"]}
    assert rules[0]["properties"] == {"profiles": []}
    levels = {}
    for result in run["results"]:
        if "ruleIndex" in result:
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        else:
            assert result["ruleId"] in {"IDEO001", "IDEO004"}
        levels.setdefault(result["ruleId"], set()).add(result["level"])
    assert levels == {
        "IDEO001": {"error"},  # fatal
        "IDEO004": {"error"},
        "IDEO105": {"warning"},
        "IDEO110": {"error"},
        "IDEO120": {"note"},
        "IDEO201": {"error"},
        "IDEO202": {"error"},
        "IDEO310": {"note"},
    }
    fatal = run["results"][-1]
    assert fatal["properties"]["severity"] == "fatal"
    assert "region" not in fatal["locations"][0]["physicalLocation"]
    topic = run["results"][1]
    assert topic["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "plans/xiaozhaiba.yaml"},
        "region": {"startLine": 17, "startColumn": 5, "endLine": 17, "endColumn": 11},
    }
    assert topic["properties"]["path"] == "obligations[0].recurrence"
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_uri_encoding_and_unknown_rules() -> None:
    d = Diagnostic("IDEO002", "", Severity.ERROR, "bad", "计划/第 1 #.yaml", 2, 0)
    data = json.loads(render("sarif", [FileResult(d.file, [d])]))
    result = data["runs"][0]["results"][0]
    assert data["runs"][0]["tool"]["driver"]["rules"] == []
    assert "ruleIndex" not in result and result["ruleId"] == "IDEO002"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "%E8%AE%A1%E5%88%92/%E7%AC%AC%201%20%23.yaml"
    assert location["region"] == {"startLine": 2}


# --- junit ------------------------------------------------------------------------


def test_junit_parses_and_counts() -> None:
    out = render("junit", make_results(), options())
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite.attrib == {"name": "ideo", "tests": "4", "failures": "2", "errors": "1"}
    assert root.attrib["failures"] == "2" and root.attrib["errors"] == "1"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [r.file for r in make_results()]
    assert all(c.get("classname") == "ideo" for c in cases)
    assert len(root.findall(".//failure")) == 4  # error-severity diagnostics
    assert len(root.findall(".//error")) == 1  # the fatal one
    failure = cases[0].findall("failure")[1]
    assert failure.get("type") == "IDEO201"
    assert failure.get("message").startswith("专题研究意识形态工作次数不足")
    assert failure.text.splitlines()[0] == "plans/xiaozhaiba.yaml:17:5"
    assert "依据: 002《XX镇意识形态工作责任制实施方案》" in failure.text
    system_out = cases[0].find("system-out").text.splitlines()
    assert system_out[0] == "plans/xiaozhaiba.yaml:20:9: IDEO310 [提示] 截止日期不明确：“期末”"
    assert len(system_out) == 4
    assert list(cases[1]) == []  # clean file passes


def test_junit_survives_illegal_xml_characters() -> None:
    d = Diagnostic("IDEO9", "n", Severity.ERROR, "坏\x00字符\x1b<&>\"", "a\x01.yaml", 1, 1)
    root = ET.fromstring(render("junit", [FileResult(d.file, [d])]).encode("utf-8"))
    assert root.find(".//failure").get("message") == "坏\ufffd字符\ufffd<&>\""
