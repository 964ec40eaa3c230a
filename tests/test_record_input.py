"""`ideo record` reads input as people type it and writes a ledger as a person would.

Dates in three spellings, periods in any case, people by id or name, paper
evidence, field names with did-you-mean; early work inside its period is
accepted (and not flagged by IDEO706), late work is written and reported; a
new ledger states whose it is; BOM and CRLF are kept; files keep ISO dates.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from helpers import REPO, run_ideo

EPOCH_DEC_1 = {"SOURCE_DATE_EPOCH": "1796083200"}  # 2026-12-01
EPOCH_DEC_20 = {"SOURCE_DATE_EPOCH": "1797724800"}  # 2026-12-20


@pytest.fixture
def unit(tmp_path) -> Path:
    folder = tmp_path / "town-branch"
    shutil.copytree(REPO / "plans" / "town-branch", folder)
    return folder


def _records(ledger: Path) -> list[dict]:
    return yaml.safe_load(ledger.read_text(encoding="utf-8-sig"))["记录"]


@pytest.mark.parametrize("typed", ["2026-8-10", "2026/8/10", "2026年8月10日", "２０２６年８月１０日"])
def test_dates_as_people_type_them_are_written_iso(unit, typed):
    run = run_ideo("record", unit / "计划.yaml", "topic-study", "2026h2", "--on", typed, "--field", "主持人=liuzq", env=EPOCH_DEC_1)
    assert run.code == 0, run
    record = _records(unit / "台账" / "2026.yaml")[-1]
    assert record["周期"] == "2026H2" and str(record["时间"]) == "2026-08-10"
    assert "时间: 2026-08-10\n" in (unit / "台账" / "2026.yaml").read_text(encoding="utf-8")


def test_early_work_in_its_period_is_accepted_and_not_flagged(unit):
    # the H2 window opens in November; work done in August belongs to H2 all the same
    run = run_ideo("record", unit / "计划.yaml", "topic-study", "2026H2", "--on", "2026-08-10", "--field", "主持人=刘志强",
                   "--evidence", "支委会会议记录=纸质存档:党建档案盒", "--evidence", "照片=纸质存档:党建档案盒", env=EPOCH_DEC_1)
    assert run.code == 0, run
    assert "现在的状态：已完成" in run.out and "IDEO706" not in run.out
    check = run_ideo("check", unit, "--today", "2026-12-01", "--format", "json")
    on_new = [d for f in json.loads(check.out)["files"] for d in f["diagnostics"] if d["path"].startswith(f"records[{len(_records(unit / '台账' / '2026.yaml')) - 1}]")]
    assert on_new == [], check


def test_after_writing_it_says_what_the_record_lacks(unit):
    run = run_ideo("record", unit / "计划.yaml", "topic-study", "2026H2", "--on", "2026-11-30", env=EPOCH_DEC_1)
    assert run.code == 0, run
    assert "IDEO708 错误：专题研究的记录没有写主持人" in run.out
    assert "IDEO704 警告" in run.out and "支委会会议记录、照片" in run.out
    assert "“支部委员会专题研究意识形态工作”2026H2 现在的状态：缺佐证" in run.out


def test_late_work_is_written_and_reported_late(unit):
    run = run_ideo("record", unit / "计划.yaml", "member-checks", "2026H2", "--on", "2026-12-15",
                   "--evidence", "检查记录=纸质存档:档案室", "--lang", "en", env=EPOCH_DEC_20)
    assert run.code == 0, run
    assert "IDEO706 warning" in run.out and "2026-12-15" in run.out
    assert "2026H2 is now: done late" in run.out.replace("\n", " ") or "逾期" in run.out, run


@pytest.mark.parametrize(("args", "words"), [
    (("--field", "主持人=刘志强,王秀芬"), "没有“刘志强,王秀芬”"),
    (("--field", "参加人员=liuzq,张三"), "没有“张三”"),
    (("--field", "chiar=liuzq", "--lang", "en"), "did you mean 'chair'?"),
    (("--evidence", "照片=paper:", "--lang", "en"), "must say where the paper is kept"),
])
def test_bad_fields_are_refused_with_the_reason(unit, args, words):
    before = (unit / "台账" / "2026.yaml").read_bytes()
    run = run_ideo("record", unit / "计划.yaml", "topic-study", "2026H2", "--on", "2026-11-30", *args, env=EPOCH_DEC_1)
    assert run.code == 2, run
    assert words in run.err and run.out == "" and "Traceback" not in run.err
    assert (unit / "台账" / "2026.yaml").read_bytes() == before


def test_an_ambiguous_name_lists_the_candidates(unit):
    plan = unit / "计划.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("姓名: 杨丽", "姓名: 刘志强"), encoding="utf-8")
    run = run_ideo("record", plan, "topic-study", "2026H2", "--on", "2026-11-30", "--field", "主持人=刘志强", env=EPOCH_DEC_1)
    assert run.code == 2, run
    assert "有不止一人叫“刘志强”" in run.err and "liuzq（刘志强，村党支部书记、村委会主任）" in run.err and "yangli（刘志强" in run.err
    todo = run_ideo("todo", plan, "--year", "2026", "--person", "刘志强", env=EPOCH_DEC_1)
    assert todo.code == 2 and "有不止一人叫“刘志强”" in todo.err, todo


def test_todo_person_by_name_is_the_same_as_by_id(unit):
    by_id = run_ideo("todo", unit / "计划.yaml", "--year", "2026", "--person", "wangxf", "--format", "csv", env=EPOCH_DEC_1)
    by_name = run_ideo("todo", unit / "计划.yaml", "--year", "2026", "--person", "王秀芬", "--format", "csv", env=EPOCH_DEC_1)
    assert by_id.code == 0 and by_name.code == 0, by_name
    assert by_id.out == by_name.out and by_id.out.count("\n") > 3


def test_a_new_ledger_states_its_unit_and_plan_and_is_seen_by_todo(tmp_path):
    folder = tmp_path / "卫生院"
    folder.mkdir()
    init = run_ideo("init", "--type", "党支部", "--name", "中共某卫生院支部委员会", "-o", folder / "plan.yaml", env=EPOCH_DEC_1)
    assert init.code == 0, init
    run = run_ideo("record", folder / "plan.yaml", "topic-study", "2026H2", "--on", "2026-11-20", "--field", "主持人=张XX",
                   "--evidence", "会议纪要=纸质存档:党建档案盒", env=EPOCH_DEC_1)
    assert run.code == 0, run
    data = yaml.safe_load((folder / "台账" / "2026.yaml").read_text(encoding="utf-8"))
    unit_id = yaml.safe_load((folder / "plan.yaml").read_text(encoding="utf-8"))["组织"]["编号"]
    assert data["单位"] == unit_id and data["计划"] == "../plan.yaml" and data["年度"] == 2026
    todo = run_ideo("todo", folder / "plan.yaml", "--year", "2026", "--format", "csv", env=EPOCH_DEC_1)
    line = next(l for l in todo.out.splitlines() if "2026H2" in l and "专题研究" in l)
    assert "已完成" in line, todo


def test_the_usual_plan_name_is_not_written(unit):
    shutil.rmtree(unit / "台账")
    run = run_ideo("record", unit / "计划.yaml", "topic-study", "2026H2", "--on", "2026-11-20", env=EPOCH_DEC_1)
    assert run.code == 0, run
    text = (unit / "台账" / "2026.yaml").read_text(encoding="utf-8")
    assert text.startswith("格式版本: 1\n文件类型: 台账\n单位: xx-town-village-branch\n年度: 2026\n") and "计划:" not in text


def test_bom_and_crlf_are_kept(unit):
    ledger = unit / "台账" / "2026.yaml"
    ledger.write_bytes(b"\xef\xbb\xbf" + ledger.read_bytes().replace(b"\n", b"\r\n"))
    run = run_ideo("record", unit / "计划.yaml", "topic-study", "2026H2", "--on", "2026-11-20", env=EPOCH_DEC_1)
    assert run.code == 0, run
    data = ledger.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\n") == data.count(b"\r\n") and b"\r\r" not in data
    assert _records(ledger)[-1]["周期"] == "2026H2"


@pytest.mark.parametrize(("written", "words"), [("2026/6/10", "写成 2026-06-10"), ("2026年6月10日", "写成 2026-06-10"), ("2026-06-31", "6 月只有 30 天")])
def test_a_files_bad_date_says_how_to_write_it(unit, written, words):
    ledger = unit / "台账" / "2026.yaml"
    text = ledger.read_text(encoding="utf-8")
    ledger.write_text(text.replace("时间: 2026-05-28", f"时间: {written}", 1), encoding="utf-8")
    run = run_ideo("check", unit, "--today", "2026-12-01")
    assert run.code == 2, run
    assert words in run.both and "台账/2026.yaml:" in run.both
