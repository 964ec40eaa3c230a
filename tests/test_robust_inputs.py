"""Issue 18: every class of hostile input the independent harness found, through the real entry point.

Each test builds a real unit (a copy of plans/town-branch, in Chinese) with one
hostile thing in it and checks what a user sees: the exit code, a located
message in the user's language, no traceback, no ``None``, nothing read or
written where it must not be.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from helpers import REPO, assert_no_traceback, run_ideo

BRANCH = REPO / "plans" / "town-branch"
WORKSPACE = Path(__file__).parent / "fixtures" / "tree" / "workspace"
LEDGER = Path("台账") / "2026.yaml"
FIRST_EVIDENCE = "文件: 佐证/2026/annual-plan-2026.txt"


def _unit(tmp_path: Path, name: str = "unit") -> Path:
    unit = tmp_path / name
    shutil.copytree(BRANCH, unit)
    return unit


def _edit_ledger(unit: Path, old: str, new: str) -> None:
    path = unit / LEDGER
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _clean(run) -> None:
    assert_no_traceback(run)
    assert "内部错误" not in run.err and "internal error" not in run.err, run
    assert "None" not in run.out + run.err, run


# ── evidence paths: loop, NUL, too long, FIFO ──────────────────────────────

EVIDENCE_CASES = {
    "loop": ("文件: 佐证/loop-a", "循环的符号链接"),
    "nul": ('文件: "佐证/a\\0b.txt"', "含空字符或过长"),
    "long": ("文件: 佐证/" + "长" * 200 + ".txt", "含空字符或过长"),
    "fifo": ("文件: 佐证/pipe.txt", "不是普通文件"),
}


@pytest.mark.parametrize("case", sorted(EVIDENCE_CASES))
def test_hostile_evidence_paths_are_findings_in_every_command(tmp_path, case):
    unit = _unit(tmp_path)
    os.symlink("loop-b", unit / "佐证" / "loop-a")
    os.symlink("loop-a", unit / "佐证" / "loop-b")
    os.mkfifo(unit / "佐证" / "pipe.txt")
    path_text, message = EVIDENCE_CASES[case]
    _edit_ledger(unit, FIRST_EVIDENCE, path_text)
    check = run_ideo("check", "unit", cwd=tmp_path, timeout=60)
    _clean(check)
    assert check.code == 1, check
    assert "IDEO705" in check.out and message in check.out, check
    assert f"unit/{LEDGER.as_posix()}:15:" in check.out, check
    for args in (("ledger", unit, "--year", "2026"), ("ledger", unit, "--year", "2026", "--pack", tmp_path / "p.zip"),
                 ("score", unit, "--rubric", "sample", "--year", "2026"), ("status", unit, "--year", "2026", "--format", "json"),
                 ("rollup", unit, "--year", "2026"), ("html", unit, "--year", "2026", "-o", tmp_path / "site"),
                 ("todo", unit, "--year", "2026")):
        run = run_ideo(*args, cwd=tmp_path, timeout=60)
        _clean(run)
        assert run.code in (0, 1), (args, run)


# ── dates at the edge ──────────────────────────────────────────────────────

def test_accountability_decided_9999_12_31_is_a_located_finding(tmp_path):
    unit = _unit(tmp_path)
    _edit_ledger(unit, "决定时间: 2026-09-10", "决定时间: 9999-12-31")
    for args in (("check", "unit"), ("ledger", "unit", "--year", "2026"), ("score", "unit", "--rubric", "sample", "--year", "2026")):
        run = run_ideo(*args, cwd=tmp_path)
        _clean(run)
        assert run.code == 2, (args, run)
        assert "日期 9999-12-31 超出支持的范围 1900–2100 年" in run.both, run
        assert f"unit/{LEDGER.as_posix()}:" in run.both


def test_record_period_0000_is_refused(tmp_path):
    unit = _unit(tmp_path)
    run = run_ideo("record", unit / "计划.yaml", "annual-plan", "0000", cwd=tmp_path)
    _clean(run)
    assert run.code == 2 and "周期“0000”应以年份开头" in run.err, run


def test_record_accountability_with_an_obligation_field_is_refused_not_a_crash(tmp_path):
    unit = _unit(tmp_path)
    before = (unit / LEDGER).read_bytes()
    run = run_ideo("record", unit / "计划.yaml", "--accountability", "--field", "事项=annual-plan", cwd=tmp_path)
    _clean(run)
    # 事项 is not a field of an accountability record: refused with a did-you-mean, nothing written
    assert run.code == 2 and "没有字段“事项”" in run.err, run
    assert (unit / LEDGER).read_bytes() == before


@pytest.mark.parametrize(("command", "option", "value"), [
    ("check", "--today", "1899-12-31"), ("check", "--today", "9999-12-31"),
    ("ledger", "--year", "0"), ("ledger", "--today", "9999-01-01"),
    ("status", "--year", "0"), ("status", "--as-of", "1899-01-01"),
    ("rollup", "--year", "0"), ("rollup", "--as-of", "9999-12-31"),
    ("html", "--year", "0"), ("score", "--year", "0"), ("score", "--as-of", "9999-12-31"),
])
def test_years_outside_1900_2100_are_refused_on_every_option(tmp_path, command, option, value):
    unit = _unit(tmp_path)
    extra = {"html": ["-o", tmp_path / "site"], "score": ["--rubric", "sample"] + (["--year", "2026"] if option != "--year" else [])}.get(command, [])
    run = run_ideo(command, unit, option, value, *extra, cwd=tmp_path)
    _clean(run)
    assert run.code == 2, run
    assert "1900–2100" in run.err and value.lstrip("0") in run.err, run
    assert not (tmp_path / "site").exists()


# ── a ledger's 计划: stays inside the unit ─────────────────────────────────

def test_ledger_plan_path_outside_the_unit_is_a_finding_never_opened(tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("绝密口令: SECRET-TOKEN-1234\n", encoding="utf-8")
    unit = _unit(tmp_path)
    _edit_ledger(unit, "单位: xx-town-village-branch", f"计划: {secret}\n单位: xx-town-village-branch")
    for args in (("check", "unit"), ("check", "unit/" + LEDGER.as_posix()), ("ledger", "unit", "--year", "2026")):
        run = run_ideo(*args, cwd=tmp_path)
        _clean(run)
        assert "SECRET-TOKEN" not in run.both, run  # never read, so never shown
        assert run.code == 2, run
        assert "不在本单位文件夹内" in run.both and f"unit/{LEDGER.as_posix()}:6:5" in run.both, run


def test_ledger_plan_path_etc_passwd_in_english(tmp_path):
    unit = _unit(tmp_path)
    _edit_ledger(unit, "单位: xx-town-village-branch", "计划: /etc/passwd\n单位: xx-town-village-branch")
    run = run_ideo("check", "unit", "--lang", "en", cwd=tmp_path)
    _clean(run)
    assert run.code == 2 and "plan path /etc/passwd is not inside the unit's folder" in run.both, run
    assert "root:" not in run.both


# ── kinds told by parsing ──────────────────────────────────────────────────

@pytest.mark.parametrize("header", [
    '"格式版本": 1\n"文件类型": 台账\n',
    "#" + " 注释" * 2000 + "\n格式版本: 1\n文件类型: 台账\n",
    "格式版本: 1\n'文件类型': '台账'\n",
])
def test_a_ledger_is_a_ledger_however_its_kind_key_is_written(tmp_path, header):
    from ideo_cli.formats.ledger.detect import is_ledger_file

    unit = _unit(tmp_path)
    path = unit / LEDGER
    text = path.read_text(encoding="utf-8").replace("格式版本: 1\n文件类型: 台账\n", header, 1)
    path.write_text(text, encoding="utf-8")
    assert is_ledger_file(path)
    run = run_ideo("ledger", unit, "--year", "2026", "--today", "2026-12-31", cwd=tmp_path, env={"COLUMNS": "200"})
    _clean(run)
    assert run.code in (0, 1) and "2026-03-28" in run.out and "已完成" in run.out, run  # its records are read


def test_a_plan_whose_nested_key_says_ledger_is_still_a_plan(tmp_path):
    from ideo_cli.formats.ledger.detect import is_ledger_file

    path = tmp_path / "计划.yaml"
    path.write_text("格式版本: 1\n组织:\n  文件类型: 台账\n", encoding="utf-8")
    assert not is_ledger_file(path)
    os.mkfifo(tmp_path / "pipe.yaml")
    assert not is_ledger_file(tmp_path / "pipe.yaml")  # never blocks


# ── rubric over a unit whose 台账 cannot be read ─────────────────────────

@pytest.mark.parametrize("command", ["rollup", "html"])
def test_rubric_over_a_unit_with_a_broken_ledger_says_so(tmp_path, command):
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "plans" / "xiaozhaiba-town", ws / "town")
    unit = _unit(ws, "branch")
    (unit / LEDGER).write_text("格式版本: 1\n文件类型: 台账\n单位: xx-town-village-branch\n年度: 2026\n记录: [\n", encoding="utf-8")
    extra = ["-o", tmp_path / "site"] if command == "html" else ["--format", "csv"]
    run = run_ideo(command, "ws", "--year", "2026", "--rubric", "sample", *extra, cwd=tmp_path, timeout=90)
    _clean(run)
    assert run.code in (1, 2), run  # the roll-up may refuse the unit (2) or score without it (1): never a crash
    assert f"ws/branch/{LEDGER.as_posix()}:6:1" in run.err, run


# ── summaries ──────────────────────────────────────────────────────────────

@pytest.mark.parametrize(("text", "expected", "where"), [
    ('{"ideo_status": 2, "unit": ' + "[" * 300 + "]" * 300 + "}", "嵌套过深", ":1:"),
    ('{"ideo_status": 2, "year": 1' + "0" * 5000 + "}", "数字过大", ":1:"),
    ('{"ideo_status": 1, "year": 2027}', "请用本版 ideo 重新运行 ideo status", ":1:17"),
    ('[{"ideo_status": 2}, 5]', "缺少必填的键", ":1:2"),
    ("", "JSON", ":1:1"),
])
def test_hostile_summaries_are_located_and_left_out(tmp_path, text, expected, where):
    ws = tmp_path / "ws"
    shutil.copytree(WORKSPACE, ws)
    (ws / "bad.status.json").write_text(text, encoding="utf-8")
    for command in ("rollup", "status", "html"):
        extra = ["-o", tmp_path / "site"] if command == "html" else []
        run = run_ideo(command, "ws", "--year", "2027", "--as-of", "2027-07-15", *extra, cwd=tmp_path)
        _clean(run)
        assert run.code == 1, (command, run)
        assert expected in run.err and "ws/bad.status.json" + where in run.err, (command, run)
        assert "该汇总文件未计入本次汇总" in run.err


def test_a_fifo_named_status_json_does_not_block(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(WORKSPACE, ws)
    os.mkfifo(ws / "pipe.status.json")
    for command in ("rollup", "html"):
        extra = ["-o", tmp_path / "site"] if command == "html" else []
        run = run_ideo(command, "ws", "--year", "2027", "--as-of", "2027-07-15", *extra, cwd=tmp_path, timeout=30)
        _clean(run)
        assert run.code == 1 and "ws/pipe.status.json:1:1" in run.err and "不是普通文件" in run.err, run


def test_summary_of_another_year_never_says_none(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(WORKSPACE, ws)
    path = ws / "branches" / "village.status.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["year"] = None
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = run_ideo("html", ws, "--year", "2027", "--as-of", "2027-07-15", "-o", tmp_path / "site", cwd=tmp_path)
    _clean(run)
    assert run.code == 1, run
    pages = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "site").glob("*.html"))
    assert "None" not in pages


# ── outputs ────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("name", ["=1+1", "@SUM(1,1)"])
def test_a_unit_named_like_a_formula_stays_text_in_rollup_csv(tmp_path, name):
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "plans" / "xiaozhaiba-town", ws / "town")
    plan = ws / "town" / "计划.yaml"
    text = plan.read_text(encoding="utf-8")
    short = next(line for line in text.splitlines() if line.strip().startswith("简称:"))
    plan.write_text(text.replace(short, short.split("简称:")[0] + f'简称: "{name}"', 1), encoding="utf-8")
    for extra in ([], ["--rubric", "sample"]):
        run = run_ideo("rollup", ws, "--year", "2026", "--format", "csv", *extra, cwd=tmp_path, timeout=60)
        _clean(run)
        cells = [c for row in csv.reader(io.StringIO(run.out.lstrip("\ufeff"))) for c in row]
        assert "'" + name in cells, run
        assert name not in cells


def test_html_output_through_a_missing_folder_creates_nothing_there(tmp_path):
    unit = _unit(tmp_path)
    run = run_ideo("html", unit, "--year", "2026", "-o", "site/../site2", cwd=tmp_path)
    _clean(run)
    assert run.code in (0, 1), run
    assert (tmp_path / "site2" / "index.html").is_file()
    assert not (tmp_path / "site").exists()


def test_two_folders_with_one_plan_id_name_both_files(tmp_path):
    _unit(tmp_path, "a")
    _unit(tmp_path, "b")
    for args in (("ledger", "a", "b", "--year", "2026"), ("todo", "a", "b", "--year", "2026"), ("score", "a", "b", "--rubric", "sample", "--year", "2026")):
        run = run_ideo(*args, cwd=tmp_path)
        _clean(run)
        assert run.code == 2 and "a/计划.yaml" in run.err and "b/计划.yaml" in run.err, run
        # the location (file:line:col at 组织.编号) comes with the unit year's YearError (ideo_cli/year, the lead's)


def test_every_choice_names_its_kind_in_both_languages():
    """IDEO011 on a choice says what it is ("问责形式"), never a raw catalogue id."""
    import re

    from ideo_cli.i18n.catalog import has_message

    names = set()
    for path in (REPO / "ideo_cli" / "formats").rglob("*.py"):
        names.update(re.findall(r'\bchoice\([^)]*?,\s*"([a-z ]+)"\)', path.read_text(encoding="utf-8")))
    assert {"accountability form", "report mode"} <= names
    for name in names:
        for lang in ("zh", "en"):
            assert has_message("doc.what." + name.replace(" ", "-"), lang), (name, lang)


def test_a_wrong_accountability_form_names_the_field_not_the_id(tmp_path):
    unit = _unit(tmp_path)
    _edit_ledger(unit, "形式: 诫勉", "形式: 罚款")
    for lang, words in (("zh", "问责形式"), ("en", "accountability form")):
        run = run_ideo("check", "unit", "--lang", lang, cwd=tmp_path)
        _clean(run)
        assert words in run.both and "doc.what" not in run.both, run
