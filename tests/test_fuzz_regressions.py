"""Each failure class the fuzz harness (tests/fuzz) found, as its minimal example.

Every test runs the real entry point and checks exit code, stdout and stderr;
the fixtures are copies of the example unit ``plans/town-branch`` (real
Chinese files) with one change.
"""
from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.helpers import REPO, assert_no_traceback, run_ideo

UNIT = REPO / "plans" / "town-branch"


@pytest.fixture
def unit(tmp_path: Path) -> Path:
    target = tmp_path / "unit"
    shutil.copytree(UNIT, target)
    return target


def _with_recurrence(unit: Path, rule: str) -> Path:
    plan = unit / "计划.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "频次: 每年" in text
    plan.write_text(text.replace("频次: 每年", f'频次: "{rule}"', 1), encoding="utf-8")
    return plan


# ---- sub-daily recurrences: bounded, refused by the RRULE check with a location

@pytest.mark.parametrize("rule", ["FREQ=SECONDLY", "FREQ=MINUTELY", "FREQ=HOURLY", "FREQ=DAILY;BYHOUR=8,14"])
def test_a_recurrence_of_more_than_400_a_year_is_refused_located(unit, rule):
    plan = _with_recurrence(unit, rule)
    line = next(i for i, text in enumerate(plan.read_text(encoding="utf-8").splitlines(), 1) if rule in text)
    run = run_ideo("check", plan, timeout=20)
    assert run.code == 1, run  # a finding, like any other rule
    assert "IDEO304" in run.out and "超过 400 次" in run.out, run
    assert f"计划.yaml:{line}:" in run.out, run
    assert run.seconds < 15, run
    assert_no_traceback(run)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_todo_with_a_secondly_rule_stops_quickly_and_writes_nothing(unit, tmp_path, fmt):
    _with_recurrence(unit, "FREQ=SECONDLY")
    out = tmp_path / f"todo.{fmt}"
    run = run_ideo("todo", unit, "--year", "2026", "--format", fmt, "-o", out, timeout=20)
    assert run.code == 2, run
    assert "超过 400 次" in run.both, run
    assert not out.exists()
    assert run.seconds < 15, run


def test_a_secondly_rule_from_a_distant_dtstart_is_refused_without_walking_the_centuries():
    from ideo_cli.schedule.periods import DueRuleError, rrule_dates

    with pytest.raises(DueRuleError) as caught:
        rrule_dates("DTSTART:19000101T000000\nRRULE:FREQ=SECONDLY", 2026)
    assert caught.value.key == "too_many"


def test_a_weekday_rule_is_not_refused_and_hourly_instances_of_one_day_give_one_day():
    from ideo_cli.schedule.periods import rrule_dates

    assert len(rrule_dates("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", 2026)) == 261
    assert rrule_dates("FREQ=HOURLY;COUNT=3", 2026) == [__import__("datetime").date(2026, 1, 1)]


def test_english_message_for_too_many_occurrences(unit):
    plan = _with_recurrence(unit, "FREQ=MINUTELY")
    run = run_ideo("check", plan, "--lang", "en", timeout=20)
    assert run.code == 1, run
    assert "more than 400 times in" in run.out, run


# ---- -o onto an input, a device or a FIFO: refused, the input untouched

@pytest.mark.parametrize("args", [
    ("check", "{plan}"),
    ("todo", "{unit}", "--year", "2026", "--format", "csv"),
    ("schema",),
    ("ledger", "{unit}", "--year", "2026", "--format", "json"),
    ("status", "{unit}", "--year", "2026", "--format", "json"),
    ("score", "{unit}", "--year", "2026", "--rubric", "sample", "--format", "json"),
])
def test_output_onto_the_plan_is_refused(unit, args):
    plan = unit / "计划.yaml"
    before = plan.read_bytes()
    run = run_ideo(*(a.format(plan=plan, unit=unit) for a in args), "-o", plan)
    assert run.code == 2, run
    assert "-o/--output" in run.err and "不会被输出覆盖" in run.err, run
    assert plan.read_bytes() == before


def test_output_onto_an_evidence_file_the_command_read_is_refused(unit):
    evidence = unit / "佐证" / "2026" / "training-2026.txt"
    before = evidence.read_bytes()
    run = run_ideo("ledger", unit, "--year", "2026", "--format", "json", "-o", evidence)
    assert run.code == 2, run
    assert "本次读取的输入文件" in run.err, run
    assert evidence.read_bytes() == before


def test_output_onto_a_fifo_is_refused_and_the_fifo_stays(unit, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    run = run_ideo("todo", unit, "--year", "2026", "--format", "csv", "-o", fifo, "--lang", "en")
    assert run.code == 2, run
    assert "not a regular file" in run.err, run
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_output_onto_a_device_is_refused_and_the_device_stays(unit, tmp_path):
    """As root, renaming over /dev/null would replace the device; a private node stands in for it."""
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        pytest.skip("creating a device node needs root")
    run = run_ideo("check", unit / "计划.yaml", "--format", "json", "-o", device)
    assert run.code == 2, run
    assert "不是普通文件" in run.err, run
    assert stat.S_ISCHR(device.lstat().st_mode)


def test_output_onto_a_folder_is_refused(unit):
    run = run_ideo("check", unit / "计划.yaml", "-o", unit)
    assert run.code == 2, run
    assert "不是普通文件" in run.err, run


def test_init_force_still_replaces_a_yaml_file(tmp_path):
    target = tmp_path / "计划.yaml"
    target.write_text("旧内容\n", encoding="utf-8")
    refused = run_ideo("init", "--type", "党支部", "-o", target)
    assert refused.code == 2 and target.read_text(encoding="utf-8") == "旧内容\n", refused
    forced = run_ideo("init", "--type", "党支部", "-o", target, "--force")
    assert forced.code == 0, forced
    assert "组织" in target.read_text(encoding="utf-8")


def test_a_new_output_file_and_replacing_an_old_report_still_work(unit, tmp_path):
    report = tmp_path / "report.json"
    for _ in range(2):
        run = run_ideo("check", unit / "计划.yaml", "--today", "2026-12-01", "--format", "json", "-o", report)
        assert run.code == 0, run
    assert report.read_text(encoding="utf-8").startswith(("{", "["))


@pytest.mark.parametrize("extra", [[], ["--rubric", "sample"]])
def test_rollup_xlsx_never_stores_a_unit_name_as_a_formula(tmp_path, extra):
    import openpyxl

    plans = tmp_path / "plans"
    shutil.copytree(REPO / "plans" / "town-branch", plans / "b")
    shutil.copytree(REPO / "plans" / "xiaozhaiba-town", plans / "town")  # its superior
    plan = plans / "b" / "计划.yaml"
    text = plan.read_text(encoding="utf-8")
    short = next(line for line in text.splitlines() if line.strip().startswith("简称:"))
    plan.write_text(text.replace(short, short.split(":")[0] + ': "=1+2"'), encoding="utf-8")
    out = tmp_path / "r.xlsx"
    run = run_ideo("rollup", plans, "--year", "2026", "--as-of", "2026-12-01", "--format", "xlsx", "-o", out, *extra)
    assert run.code == 0, run
    book = openpyxl.load_workbook(out)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert any(c.value == "=1+2" for c in cells)  # shown as written …
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # … never as a formula


def test_a_user_rulebook_whose_source_document_is_blank_is_not_an_internal_error(tmp_path):
    """Found by `make fuzz` (test_fuzz_user_rulebook): a citation's document ' ' crashed cite()."""
    book = tmp_path / "county.yaml"
    book.write_text(
        "profile: xifeng-county\ntitle: {zh: 息烽县规则, en: Xifeng county}\nextends: [baseline]\nrules:\n"
        "- code: IDEO201\n  params: {kind: O1, min_per_year: 4}\n"
        "  source: {document: ' ', section: 二(一), quote: 每季度至少专题研究一次意识形态工作}\n", encoding="utf-8")
    plan = tmp_path / "unit" / "计划.yaml"
    plan.parent.mkdir()
    shutil.copy(REPO / "plans" / "town-branch" / "计划.yaml", plan)
    run = run_ideo("check", plan, "--rulebook", book, "--profile", "xifeng-county", "--today", "2026-12-01", cwd=tmp_path)
    assert run.code in (0, 1) and "内部错误" not in run.err and "Traceback" not in run.err, run


# ---- a control character in the plan's text reaches the Word documents (found by make fuzz)

@pytest.mark.parametrize("document", ["report", "plan"])
def test_a_control_character_in_a_title_is_dropped_from_the_docx_not_a_crash(unit, tmp_path, document):
    from docx import Document

    plan = unit / "计划.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "  简称: XX村党支部" in text
    plan.write_text(text.replace("  简称: XX村党支部", '  简称: "XX村\\x01党支部"', 1), encoding="utf-8")
    out = tmp_path / f"{document}.docx"
    args = ("--period", "2026H1") if document == "report" else ()
    run = run_ideo("doc", document, unit, "--year", "2026", *args, "-o", out)
    assert_no_traceback(run)
    assert run.code in (0, 1) and "内部错误" not in run.err, run
    body = "\n".join(p.text for p in Document(out).paragraphs)
    assert "\x01" not in body and "XX村党支部" in body
    # written onto the plan itself: refused, located, the plan untouched
    before = plan.read_bytes()
    onto = run_ideo("doc", document, unit, "--year", "2026", *args, "-o", plan)
    assert onto.code == 2 and "内部错误" not in onto.err and plan.read_bytes() == before, onto


# ---- a control character in a unit's name reaches the roll-up workbook's title (found by make fuzz)

def test_a_control_character_in_the_root_name_is_dropped_from_the_rollup_xlsx(unit, tmp_path):
    from openpyxl import load_workbook

    plan = unit / "计划.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("  简称: XX村党支部", '  简称: "XX村\\x01党支部"', 1), encoding="utf-8")
    out = tmp_path / "汇总.xlsx"
    run = run_ideo("rollup", unit, "--year", "2026", "--as-of", "2026-12-01", "--format", "xlsx", "-o", out)
    assert_no_traceback(run)
    assert run.code in (0, 1) and "内部错误" not in run.err, run
    title = load_workbook(out).properties.title
    assert "\x01" not in title and "XX村党支部" in title, title
