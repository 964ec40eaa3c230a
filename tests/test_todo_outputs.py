"""`ideo todo` outputs as people meet them (issues 10 §4, 11, 7 §2).

CLI runs go through the real entry point (``tests/helpers.py: run_ideo``).
Status, holiday and Citation values are not produced by any plan yet (the
ledger and the rules helpers set them later), so those tests expand a real
plan with ideo's scheduler and set the fields on the occurrences before
calling the renderers.
"""
from __future__ import annotations

from dataclasses import replace

import csv
import dataclasses
import datetime as dt
import io
import json
import re
import shutil
import time
import unicodedata
from pathlib import Path

import pytest

from tests.helpers import REPO, run_ideo

INJECTION = "tests/fixtures/todo/injection.yaml"
MARKUP = "tests/fixtures/todo/markup.yaml"
SCHOOL = "plans/school-branch/计划.yaml"
FORMULA = ("=", "+", "-", "@", "\t", "\r")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def ok(run):
    assert run.code == 0 and run.err == "", run
    return run


# --------------------------------------------------------------------------- formula injection, XML characters


@pytest.fixture(scope="module")
def injected_csv() -> list[list[str]]:
    run = ok(run_ideo("todo", INJECTION, "--year", "2026", "--format", "csv"))
    return list(csv.reader(io.StringIO(run.out.lstrip("\ufeff"), newline="")))


@pytest.fixture(scope="module")
def injected_xlsx(tmp_path_factory):
    from openpyxl import load_workbook

    out = tmp_path_factory.mktemp("xlsx") / "injection.xlsx"
    ok(run_ideo("todo", INJECTION, "--year", "2026", "--format", "xlsx", "-o", out))
    return load_workbook(out)


def column(rows: list[list[str]], header: str) -> list[str]:
    index = rows[0].index(header)
    return [r[index] for r in rows[1:]]


@pytest.mark.parametrize("header, expected", [
    ("事项", "'=1+2"),  # title
    ("负责人", "'=1+2"),  # person name
    ("留痕材料", "'@SUM(1+1)、+会议纪要"),  # evidence
    ("报送", "'=1+1、-县委"),  # recipients (the loader trims the TAB)
    ("单位", "'-2+3单位"),  # unit name
])
def test_csv_field_starting_like_a_formula_gets_the_quote(injected_csv, header, expected):
    assert expected in column(injected_csv, header)


def test_csv_no_field_starts_like_a_formula_and_xml_characters_are_gone(injected_csv):
    for row in injected_csv:
        for field in row:
            assert not field.startswith(FORMULA), field
            assert "\x00" not in field and "\x1b" not in field, field
    titles = column(injected_csv, "事项")
    assert "专题[31m研究意识形态工作" in titles  # ESC and NUL removed, the rest kept
    assert "'@SUM(1,2)、张三" in column(injected_csv, "负责人")
    assert "'=2+2" in column(injected_csv, "留痕材料")  # CR then "=": CR is a formula start too


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1", "@A1", "\t=1", "\r=1"])
def test_every_owasp_formula_start_is_neutralised(text):
    from ideo_cli.render.occurrences.cells import csv_text, sheet_name

    assert csv_text(text) == "'" + text
    assert not sheet_name(text, set()).startswith(FORMULA)
    assert csv_text("a\x00b\x1bc\ufffe") == "abc"


def all_cells(wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                yield ws, cell


def test_xlsx_has_no_formula_cell(injected_xlsx):
    texts = set()
    for ws, cell in all_cells(injected_xlsx):
        assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
        if isinstance(cell.value, str):
            assert "\x00" not in cell.value and "\x1b" not in cell.value
            texts.add(cell.value)
    # every field is kept as written, as text
    for value in ("=1+2", "@SUM(1+1)、+会议纪要", "=1+1、-县委", "-2+3单位", "专题[31m研究意识形态工作", "@SUM(1,2)、张三", "=2+2"):
        assert value in texts, value


def test_xlsx_formula_like_text_is_quote_prefixed(injected_xlsx):
    sheet = injected_xlsx.worksheets[0]
    prefixed = [c for _, c in all_cells(injected_xlsx) if isinstance(c.value, str) and c.value.startswith(FORMULA)]
    assert prefixed and all(c.quotePrefix and c.data_type == "s" for c in prefixed)
    assert sheet["A3"].value == "-2+3单位"  # the unit column comes first


def test_xlsx_sheet_names_cannot_read_as_formulas(injected_xlsx):
    names = injected_xlsx.sheetnames
    assert names[0] == "全部"
    assert "_1+2" in names and "_SUM(1,2)" in names and "张三" in names
    for name in names:
        assert not name.startswith(FORMULA) and "\x00" not in name and "\x1b" not in name


# --------------------------------------------------------------------------- markup


@pytest.mark.parametrize("env", [{}, {"FORCE_COLOR": "1"}])
def test_user_text_is_never_markup(env):
    run = ok(run_ideo("todo", MARKUP, "--year", "2024", env={"COLUMNS": "140", **env}))
    plain = re.sub(r"\x1b\[[0-9;]*m", "", run.out)
    assert plain.startswith("[/]支部 2024 年意识形态工作待办")
    for text in ("[bold red]专题研究意识形态工作[/]", "[bold red]李书记", "[i]会议纪要"):
        assert text in plain, plain
    if env:
        assert "\x1b[31m" in run.out  # the overdue mark is still red


# --------------------------------------------------------------------------- width


@pytest.mark.parametrize("width", [60, 80, 100, 140])
def test_table_follows_columns_without_trailing_spaces(width):
    run = ok(run_ideo("todo", "plans/", "--year", "2027", env={"COLUMNS": str(width)}))
    lines = run.out.splitlines()
    assert max(cells(line) for line in lines) <= width
    assert not [line for line in lines if line != line.rstrip()]
    header = next(line for line in lines if line.startswith("截止日期"))
    if width >= 80:
        assert "单位" in header  # several plans: a unit column
    assert ("留痕材料" in header) == (width >= 140)
    # every month's table has the same columns (they line up down the page)
    headers = {line for line in lines if line.startswith("截止日期")}
    assert len(headers) == 1, headers


def test_table_at_80_columns_as_people_see_it():
    text = ok(run_ideo("todo", "plans/xiaozhaiba-town/计划.yaml", "--year", "2027", "--month", "12", env={"COLUMNS": "80"})).out
    # the unit keeps a 台账, so 状态 is shown; at 80 columns it outranks 周期
    assert text.splitlines()[3].split() == ["截止日期", "事项", "负责人", "状态"]
    assert "12月10日 周五   【暂定】对各村（社区）、站所意识" in text
    assert "\n                作专题督查" in text  # folded inside the title column
    assert "共 7 项，其中 7 项日期暂定（官方节假日安排未公布）" in text


def test_markdown_names_the_unit_when_several_plans():
    several = ok(run_ideo("todo", "plans/", "--year", "2027", "--format", "markdown")).out
    items = [line for line in several.splitlines() if line.startswith("- [ ]")]
    assert items and all("单位：" in line for line in items)
    one = ok(run_ideo("todo", SCHOOL, "--year", "2027", "--format", "markdown")).out
    assert "单位：" not in one


# --------------------------------------------------------------------------- json is the same however the path is typed


def test_json_bytes_do_not_depend_on_how_the_path_is_typed(tmp_path):
    relative = ok(run_ideo("todo", SCHOOL, "--year", "2027", "--format", "json")).out
    absolute = ok(run_ideo("todo", REPO / SCHOOL, "--year", "2027", "--format", "json")).out
    dotted = ok(run_ideo("todo", "./plans/../plans/school-branch/计划.yaml", "--year", "2027", "--format", "json")).out
    assert relative == absolute == dotted
    assert {i["plan_file"] for i in json.loads(relative)} == {"plans/school-branch/计划.yaml"}


def test_every_command_names_a_file_relative_to_the_working_directory(tmp_path):
    """todo, check and score name the same plan the same way: from where the command runs."""
    for unit in ("a", "b"):
        (tmp_path / "units" / unit).mkdir(parents=True)
    shutil.copy(REPO / SCHOOL, tmp_path / "units" / "a" / "计划.yaml")
    shutil.copy(REPO / "plans/town-branch/计划.yaml", tmp_path / "units" / "b" / "计划.yaml")
    inside = ok(run_ideo("todo", "units", "--year", "2027", "--format", "json", cwd=tmp_path)).out
    typed_absolute = ok(run_ideo("todo", tmp_path / "units", "--year", "2027", "--format", "json", cwd=tmp_path)).out
    assert inside == typed_absolute
    assert {i["plan_file"] for i in json.loads(inside)} == {"units/a/计划.yaml", "units/b/计划.yaml"}
    check = json.loads(run_ideo("check", tmp_path / "units", "--format", "json", cwd=tmp_path).out)
    assert {f["file"] for f in check["files"]} == {"units/a/计划.yaml", "units/b/计划.yaml"}
    outside = ok(run_ideo("todo", tmp_path / "units", "--year", "2027", "--format", "json", cwd=REPO)).out
    assert {i["plan_file"] for i in json.loads(outside)} == {(tmp_path / "units" / u / "计划.yaml").as_posix() for u in "ab"}


# --------------------------------------------------------------------------- status


def test_status_filter_without_a_ledger_uses_the_dates():
    """SOURCE_DATE_EPOCH of run_ideo is 2025-01-01: all of 2024 is past, all of 2026 ahead."""
    past = json.loads(ok(run_ideo("todo", SCHOOL, "--year", "2024", "--format", "json", "--status", "已逾期")).out)
    everything = json.loads(ok(run_ideo("todo", SCHOOL, "--year", "2024", "--format", "json")).out)
    assert past == everything and past
    english = ok(run_ideo("todo", SCHOOL, "--year", "2024", "--format", "json", "--status", "overdue")).out
    assert json.loads(english) == past
    ahead = json.loads(ok(run_ideo("todo", SCHOOL, "--year", "2026", "--format", "json", "--status", "已逾期")).out)
    assert ahead == []
    pending = json.loads(ok(run_ideo("todo", SCHOOL, "--year", "2026", "--format", "json", "--status", "待办")).out)
    assert pending and all(i["status"] in (None, "pending") for i in pending)


@pytest.mark.parametrize("lang, expected", [("zh", "未知的状态“完成了”；可选：已完成 (done)、"), ("en", "unknown status '完成了'; choose one of: done (已完成), ")])
def test_unknown_status_is_a_usage_error_listing_the_choices(lang, expected):
    run = run_ideo("todo", SCHOOL, "--year", "2026", "--status", "完成了", "--lang", lang)
    assert run.code == 2 and run.out == "" and expected in run.err, run
    assert "Traceback" not in run.err and "已豁免" in run.err


def expanded(path: str = SCHOOL, year: int = 2026):
    from ideo_cli.app.schedule import ScheduleOptions, build_schedule
    from ideo_cli.schedule.expand import DateRange

    return build_schedule(ScheduleOptions(files=[(REPO / path, path)], span=DateRange.year(year))).occurrences


def render(fmt: str, occurrences, lang: str = "zh", today=dt.date(2026, 7, 1), width: int = 200) -> bytes:
    from ideo_cli.render.occurrences.todo import TodoOptions, export_todo

    return export_todo(fmt, occurrences, TodoOptions(lang=lang, today=today, title="测试" if lang == "zh" else "Test", sources=("2026: chinese-calendar",), width=width, stamp=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)))


@pytest.fixture
def with_status():
    from ideo_cli.ledger import status

    occurrences = expanded()
    codes = [status.DONE, status.DONE_LATE, status.EVIDENCE_MISSING, status.OVERDUE, status.IN_PROGRESS, status.PENDING, status.WAIVED]
    return [replace(occ, status=codes[index % len(codes)]) for index, occ in enumerate(occurrences)]


def test_status_column_in_every_format(with_status, tmp_path):
    from openpyxl import load_workbook

    names = {"done": "已完成", "done-late": "逾期完成", "evidence-missing": "缺佐证", "in-progress": "进行中", "pending": "待办", "overdue": "已逾期", "waived": "已豁免"}
    expected = [names[o.status] for o in with_status]
    table = render("table", with_status).decode()
    assert "状态" in next(line for line in table.splitlines() if line.startswith("截止日期"))
    rows = list(csv.reader(io.StringIO(render("csv", with_status).decode("utf-8-sig"))))
    assert column(rows, "状态") == expected
    (tmp_path / "s.xlsx").write_bytes(render("xlsx", with_status))
    sheet = load_workbook(tmp_path / "s.xlsx").worksheets[0]
    header = [c.value for c in sheet[2]]
    assert [r[header.index("状态")] for r in sheet.iter_rows(min_row=3, values_only=True)] == expected
    markdown = render("markdown", with_status).decode()
    assert [m for m in re.findall(r"状态：(\S+?)[；\n]", markdown)] == expected
    assert [i["status"] for i in json.loads(render("json", with_status))] == [o.status for o in with_status]
    english = render("csv", with_status, lang="en").decode("utf-8-sig")
    assert "Status" in english.splitlines()[0] and "evidence missing" in english


def test_no_status_column_without_a_ledger():
    occurrences = expanded()
    assert "状态" not in render("table", occurrences).decode()
    assert "状态" not in render("csv", occurrences).decode("utf-8-sig").splitlines()[0]


def test_overdue_mark_follows_the_status(with_status):
    """【已逾期】 only where the ledger says overdue; a done item of the past is not overdue."""
    markdown = render("markdown", with_status, today=dt.date(2027, 1, 1)).decode()
    items = [line for line in markdown.splitlines() if line.startswith("- [ ]")]
    assert len(items) == len(with_status)
    for line, occ in zip(items, with_status):
        assert ("【已逾期】" in line) == (occ.status == "overdue"), line
    no_ledger = expanded()
    plain = [line for line in render("markdown", no_ledger, today=dt.date(2026, 7, 1)).decode().splitlines() if line.startswith("- [ ]")]
    for line, occ in zip(plain, no_ledger):
        assert ("【已逾期】" in line) == (occ.due < dt.date(2026, 7, 1)), line


# --------------------------------------------------------------------------- holiday, citation, language


def test_title_before_a_holiday():
    occurrences = expanded()[:2]
    occurrences[0] = replace(occurrences[0], holiday="春节")
    zh = render("markdown", occurrences).decode()
    en = render("markdown", occurrences, lang="en").decode()
    first, second = [line for line in zh.splitlines() if line.startswith("- [ ]")][:2]
    assert f"{occurrences[0].title}（春节前）" in first
    assert f"{occurrences[0].title} (before Spring Festival)" in en
    assert f"{occurrences[1].title}（" not in second
    rows = list(csv.reader(io.StringIO(render("csv", occurrences).decode("utf-8-sig"))))
    assert column(rows, "事项")[0] == f"{occurrences[0].title}（春节前）"


def test_citation_object_is_formatted_and_a_string_shown_as_is():
    from ideo_cli.diagnostics import Citation
    from ideo_cli.i18n import LocalText

    occurrences = expanded()[:2]
    occurrences[0] = replace(occurrences[0], citation=Citation(document="004", title=LocalText("测试文件", "Test document"), section="二(一)", quote="每半年书面报告一次"))
    occurrences[1] = replace(occurrences[1], citation="原样的依据")
    zh = list(csv.reader(io.StringIO(render("csv", occurrences).decode("utf-8-sig"))))
    assert column(zh, "依据") == ["004《测试文件》二(一) “每半年书面报告一次”", "原样的依据"]
    en = render("markdown", occurrences, lang="en").decode()
    assert "004 (Test document) 二(一) “每半年书面报告一次”" in en
    assert json.loads(render("json", occurrences))[0]["citation"] == "004《测试文件》二(一) “每半年书面报告一次”"


def ascii_user_data(occurrences):
    from ideo_cli.schedule.occurrence import Person

    return [replace(occ, title=f"Topic study {index}", plan_name="Test unit", evidence=["minutes"], recipients=["county"], owners=[Person("li", "Li Ming")],
                    citation="", calendar_source="chinese-calendar") for index, occ in enumerate(occurrences)]


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_english_output_has_no_chinese_but_user_data(fmt, with_status):
    occurrences = ascii_user_data(with_status)
    occurrences[0] = replace(occurrences[0], provisional=True)
    text = render(fmt, occurrences, lang="en").decode("utf-8-sig")
    assert not CJK.findall(text), CJK.findall(text)[:10]


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_chinese_output_has_no_english_but_user_data(fmt, with_status):
    occurrences = ascii_user_data(with_status)
    text = render(fmt, occurrences, lang="zh").decode("utf-8-sig")
    for user in ("Topic study", "Test unit", "Li Ming", "minutes", "county", "chinese-calendar"):
        text = text.replace(user, "")
    words = set(re.findall(r"[A-Za-z]{2,}", text)) - {"IDEO"}
    assert {w for w in words if not re.fullmatch(r"[a-z-]+|H\d|Q\d", w)} == set(), words  # ids (obligation, period) only


# --------------------------------------------------------------------------- linear exporters


def many(n: int):
    base = expanded()
    return [dataclasses.replace(base[i % len(base)], period=f"p{i}") for i in range(n)]


def test_xlsx_time_grows_linearly_with_rows():
    """openpyxl's max_row per appended row made 6,000 rows take 83 s (quadratic)."""
    def seconds(n: int) -> float:
        occurrences = many(n)
        start = time.perf_counter()
        render("xlsx", occurrences)
        return time.perf_counter() - start

    seconds(200)  # imports
    small, large = min(seconds(500) for _ in range(2)), min(seconds(2500) for _ in range(2))
    assert large / small < 10, (small, large)  # 5x the rows: linear ≈ 5x, quadratic ≈ 25x


def test_english_workbook_has_no_chinese_but_user_data(with_status, tmp_path):
    from openpyxl import load_workbook

    (tmp_path / "en.xlsx").write_bytes(render("xlsx", ascii_user_data(with_status), lang="en"))
    wb = load_workbook(tmp_path / "en.xlsx")
    assert wb.sheetnames == ["All", "Li Ming"]
    found = [c.value for _, c in all_cells(wb) if isinstance(c.value, str) and CJK.search(c.value)]
    assert found == []
    assert [c.value for c in wb["All"][2]][:4] == ["Unit", "Due", "Day", "Obligation"]
