"""The ledger (台账): format, derived statuses, IDEO7xx checks, `ideo ledger`, hostile input."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest
import yaml

from helpers import REPO, run_ideo

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ledger"
SEEDS = next((p for p in (REPO.parent / "shared" / "seeds", Path("/work/shared/seeds")) if p.is_dir()), None)
RULEBOOKS = REPO / "ideo_cli" / "data" / "rulebooks"
EPOCH_DEC_1 = "1796083200"  # 2026-12-01T00:00:00Z
XIAOZHAIBA = REPO / "plans" / "xiaozhaiba-town"


def _ledger_rules():
    for path in sorted(RULEBOOKS.glob("*.yaml")):
        if path.name == "documents.yaml":
            continue
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            if rule["code"].startswith("IDEO7") and "source" in rule:
                yield rule


@pytest.mark.parametrize("rule", list(_ledger_rules()), ids=lambda r: r["code"])
def test_ledger_rule_quotes_its_seed_verbatim(rule):
    if SEEDS is None:
        pytest.skip("seed documents not present")
    docs = yaml.safe_load((RULEBOOKS / "documents.yaml").read_text(encoding="utf-8"))["documents"]
    for cite in [rule["source"], *(rule.get("also") or [])]:
        seed = next(SEEDS.glob(docs[cite["document"]]["file_prefix"] + "*")).read_text(encoding="utf-8")
        assert cite["quote"] in seed, f"{rule['code']}: {cite['quote']!r} not in {cite['document']}"


def test_there_are_seventeen_ledger_rules_with_examples():
    codes = sorted(r["code"] for r in _ledger_rules())
    assert codes == [f"IDEO7{n:02d}" for n in range(17)]  # IDEO714, IDEO715, IDEO716: issue 17
    for code in codes:
        assert (RULEBOOKS / "examples" / code / "fail.yaml").is_file()


def test_committed_schema_matches_the_models():
    from ideo_cli.formats.ledger.schema import schema_text

    assert (REPO / "schema" / "ideo-ledger.schema.json").read_text(encoding="utf-8") == schema_text()


@pytest.mark.parametrize("ledger", sorted((REPO / "plans").glob("*/台账/*.yaml")), ids=lambda p: p.parent.parent.name)
def test_example_ledgers_validate_against_the_json_schema(ledger):
    import jsonschema

    schema = json.loads((REPO / "schema" / "ideo-ledger.schema.json").read_text(encoding="utf-8"))
    data = json.loads(json.dumps(yaml.safe_load(ledger.read_text(encoding="utf-8")), default=str))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert not errors, [e.message for e in errors]


def test_kind_detection():
    from ideo_cli.formats.ledger import is_ledger, is_ledger_file

    assert is_ledger({"ideo": 1, "kind": "ledger"}) and is_ledger({"文件类型": "台账"})
    assert not is_ledger({"ideo": 1, "organisation": {}}) and not is_ledger([1])
    assert is_ledger_file(XIAOZHAIBA / "台账" / "2026.yaml")
    assert not is_ledger_file(XIAOZHAIBA / "计划.yaml")


# ── status ───────────────────────────────────────────────────────────────

def _statuses(unit_folder: Path, today: dt.date) -> dict[tuple[str, str], str]:
    from ideo_cli.app.inputs import discover
    from ideo_cli.app.schedule import ScheduleOptions, build_schedule
    from ideo_cli.schedule.expand import DateRange

    schedule = build_schedule(ScheduleOptions(files=discover([unit_folder]), span=DateRange.year(2026), today=today))
    return {(o.obligation, o.period): o.status for o in schedule.occurrences}


H1_MINUTES = "      - {类型: 会议纪要, 纸质存档: 党委办公室档案柜 2026-H1}\n"


@pytest.fixture
def minutes_unfiled(tmp_path) -> Path:
    """The example unit with its 2026H1 topic-study minutes not filed: past the deadline
    that is IDEO714, an error, so the example ledger itself files them (issue 17)."""
    folder = tmp_path / "xiaozhaiba-town"
    shutil.copytree(XIAOZHAIBA, folder)
    ledger = folder / "台账" / "2026.yaml"
    text = ledger.read_text(encoding="utf-8")
    assert text.count(H1_MINUTES) == 1
    ledger.write_text(text.replace(H1_MINUTES, ""), encoding="utf-8")
    return folder


def test_statuses_of_the_example_unit(minutes_unfiled):
    assert Counter(_statuses(XIAOZHAIBA, dt.date(2026, 12, 1)).values())["evidence-missing"] == 0
    found = _statuses(minutes_unfiled, dt.date(2026, 12, 1))
    assert Counter(found.values()) == {"done": 6, "in-progress": 6, "evidence-missing": 1, "done-late": 1, "pending": 1}
    assert found[("topic-study", "2026H1")] == "evidence-missing"  # the minutes are not filed
    assert found[("situation-analysis", "2026Q3")] == "done-late"
    # the same records, judged in January: nothing is overdue, nothing in progress yet
    assert set(_statuses(minutes_unfiled, dt.date(2026, 1, 2)).values()) <= {"done", "done-late", "evidence-missing", "pending", "in-progress"}


@pytest.fixture
def unit(tmp_path) -> Path:
    folder = tmp_path / "xiaozhaiba-town"
    shutil.copytree(XIAOZHAIBA, folder)
    return folder


def test_a_missing_record_is_overdue_and_a_changed_file_loses_its_evidence(unit):
    ledger = unit / "台账" / "2026.yaml"
    text = ledger.read_text(encoding="utf-8")
    start = text.index("  - 事项: training")
    end = min(i for i in (text.find("  - 事项:", start + 5), text.find("\n事件记录:", start)) if i != -1)
    ledger.write_text(text[:start] + text[end:], encoding="utf-8")
    (unit / "佐证" / "2026" / "annual-plan-2026.txt").write_text("改过的内容\n", encoding="utf-8")
    found = _statuses(unit, dt.date(2026, 12, 1))
    assert found[("training", "2026")] == "overdue"
    assert found[("annual-plan", "2026")] == "evidence-missing"


def test_ledger_json_shows_statuses_and_consequences(minutes_unfiled):
    run = run_ideo("ledger", minutes_unfiled, "--year", "2026", "--today", "2026-12-01", "--format", "json")
    assert run.code == 0, run
    unit = json.loads(run.out)["units"][0]
    rows = {s["kind"]: s["rows"] for s in unit["sections"]}
    assert {"meetings", "study", "analysis", "reports", "inspection", "events", "accountability"} <= set(rows)
    statuses = Counter(r["status"] for kind, rs in rows.items() if kind not in ("events", "accountability") for r in rs)
    assert statuses["done-late"] == 1 and statuses["evidence-missing"] == 1
    note = rows["accountability"][0]["note"]
    # 调离岗位 (1 year) with an 18-month sanction: the longer period applies (000 第十九条)
    assert "取消当年考核评优和评先资格（至 2026-12-31）" in note and "不得提拔（至 2028-03-09）" in note


def test_consequences_follow_article_19():
    from ideo_cli.formats.ledger.model import AccountabilityRecord
    from ideo_cli.ledger.accountability import consequences

    def ends(**kw):
        rec = AccountabilityRecord(subject="某", form="组织处理", decided=dt.date(2026, 3, 1), **kw)
        return {c.code: c.end for c in consequences(rec)}

    assert ends(measure="调离岗位") == {"no-awards": dt.date(2026, 12, 31), "no-promotion": dt.date(2027, 2, 28)}
    assert ends(measure="免职") == {"no-awards": dt.date(2026, 12, 31), "no-equivalent-post": dt.date(2027, 2, 28), "no-promotion": dt.date(2028, 2, 29)}
    assert ends(measure="降职", discipline="撤销党内职务", discipline_months=36)["no-promotion"] == dt.date(2029, 2, 28)
    assert ends() == {"no-awards": dt.date(2026, 12, 31)}


def test_ledger_table_at_80_columns_and_english(minutes_unfiled):
    run = run_ideo("ledger", minutes_unfiled, "--year", "2026", "--today", "2026-12-01", env={"COLUMNS": "80"})
    assert run.code == 0, run
    assert run.out.startswith("小寨坝镇党委 2026 年意识形态工作台账（截至 2026-12-01）")
    for word in ("会议", "学习", "研判", "问责", "佐证材料：", "【逾期完成】", "【缺佐证】", "不得提拔（至 2028-03-09）"):
        assert word in run.out
    from rich.cells import cell_len

    assert max(cell_len(line) for line in run.out.splitlines()) <= 80
    wide = run_ideo("ledger", XIAOZHAIBA, "--year", "2026", "--today", "2026-12-01", env={"COLUMNS": "160"})
    assert "序号" in wide.out and max(cell_len(line) for line in wide.out.splitlines()) <= 160
    english = run_ideo("ledger", XIAOZHAIBA, "--year", "2026", "--today", "2026-12-01", "--lang", "en", "--format", "markdown")
    assert english.code == 0 and "## Meetings" in english.out and "| No. | Date |" in english.out


def test_xlsx_prints_on_a4_landscape_with_header_and_chinese_font(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "台账.xlsx"
    run = run_ideo("ledger", XIAOZHAIBA, "--year", "2026", "--today", "2026-12-01", "-f", "xlsx", "-o", out)
    assert run.code == 0, run
    book = load_workbook(out)
    sheet = book[book.sheetnames[0]]
    assert sheet["A1"].value.startswith("小寨坝镇党委 2026 年意识形态工作台账（截至 2026-12-01）")
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.print_title_rows == "$2:$2"
    assert sheet["A2"].value == "序号" and sheet["A3"].font.name == "宋体"


def test_pack_is_deterministic_and_holds_ledger_evidence_and_index(tmp_path):
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    for target in (first, second):
        run = run_ideo("ledger", XIAOZHAIBA, "--year", "2026", "--today", "2026-12-01", "--pack", target, "-o", tmp_path / "x.md", "-f", "markdown")
        assert run.code == 0, run
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert "index.md" in names and "xiaozhaiba/台账/2026.yaml" in names
        assert "xiaozhaiba/佐证/2026/topic-study-2026H1.png" in names
        assert {i.date_time for i in archive.infolist()} == {(2025, 1, 1, 0, 0, 0)}  # SOURCE_DATE_EPOCH of the run (helpers pin 2025-01-01)
        assert "校验一致" in archive.read("index.md").decode("utf-8")


# ── checks and hostile input ─────────────────────────────────────────────

def _town_unit(tmp_path: Path) -> Path:
    folder = tmp_path / "town-branch"
    shutil.copytree(REPO / "plans" / "town-branch", folder)
    return folder


def test_evidence_paths_out_of_the_unit_are_refused(tmp_path):
    folder = _town_unit(tmp_path)
    outside = tmp_path / "外部.txt"
    outside.write_text("单位目录之外\n", encoding="utf-8")
    (folder / "佐证" / "外部链接.txt").symlink_to(outside)
    shutil.copy(FIXTURES / "hostile-evidence-2026.yaml", folder / "台账" / "2026.yaml")
    run = run_ideo("check", "--format", "json", folder / "台账" / "2026.yaml")
    assert run.code == 1, run
    found = [(d["code"], d["line"], d["message"]) for d in json.loads(run.out)["files"][0]["diagnostics"] if d["code"] == "IDEO705"]
    assert [line for _, line, _ in found] == [12, 13, 14]
    assert "指向单位目录" in found[0][2] and "绝对路径" in found[1][2] and "指向单位目录" in found[2][2]


def test_a_ledger_without_its_plan(tmp_path):
    shutil.copy(FIXTURES / "no-plan-2026.yaml", tmp_path / "2026.yaml")
    run = run_ideo("check", tmp_path / "2026.yaml")
    assert run.code == 1, run
    assert "IDEO700" in run.out and "不存在的单位/计划.yaml" in run.out and "Traceback" not in run.both


def test_a_hand_broken_ledger_is_located_for_check_todo_and_record(tmp_path):
    folder = _town_unit(tmp_path)
    ledger = folder / "台账" / "2026.yaml"
    shutil.copy(FIXTURES / "broken-2026.yaml", ledger)
    before = ledger.read_bytes()
    for args in (("check", folder), ("todo", folder, "--year", "2026"), ("record", folder / "计划.yaml", "training", "2026", "--on", "2026-09-20")):
        run = run_ideo(*args, env={"SOURCE_DATE_EPOCH": EPOCH_DEC_1})
        assert run.code == 2, run
        assert "台账/2026.yaml:8:" in run.both and "Traceback" not in run.both
    assert ledger.read_bytes() == before


def test_check_walks_ledgers_beside_plans(minutes_unfiled):
    run = run_ideo("check", "--today", "2026-12-01", "--format", "json", REPO / "plans")
    assert run.code == 0, run  # the example ledgers carry warnings only (work done late)
    files = {Path(f["file"]).as_posix(): f for f in json.loads(run.out)["files"]}
    ledger = next(f for name, f in files.items() if name.endswith("xiaozhaiba-town/台账/2026.yaml"))
    assert sorted(d["code"] for d in ledger["diagnostics"]) == ["IDEO706"]
    unfiled = run_ideo("check", "--today", "2026-12-01", minutes_unfiled)
    assert unfiled.code == 1 and "IDEO714 [错误] 事项“topic-study”（2026H1）的截止日期 2026-06-18 已过" in unfiled.out, unfiled


def test_checking_one_plan_file_also_checks_the_ledgers_beside_it(tmp_path):
    import shutil

    unit = tmp_path / "unit"
    shutil.copytree(REPO / "tests/fixtures/rubric/bad-scores-unit", unit)
    plan = unit / "计划.yaml"
    clean = run_ideo("check", plan, "--today", "2027-01-15")
    assert clean.code == 0 and "检查了 2 个文件" in clean.out, clean
    ledger = unit / "台账" / "2027.yaml"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("评分方: 考核组", "评分方: 上级"), encoding="utf-8")
    run = run_ideo("check", plan, "--today", "2027-01-15")
    assert run.code == 2 and "台账/2027.yaml:20:" in run.out and "Traceback" not in run.out + run.err, run
    # named twice (the plan and its ledger) the ledger is read once
    both = run_ideo("check", plan, ledger, "--today", "2027-01-15")
    assert both.out.count("台账/2027.yaml:20:") == 1 and "检查了 2 个文件" in both.out, both


def test_ledger_at_80_columns_has_no_line_wider_than_the_terminal():
    from rich.cells import cell_len

    run = run_ideo("ledger", REPO / "plans" / "town-branch", "--year", "2026", env={"COLUMNS": "80"})
    assert run.code == 0, run
    wide = [line for line in run.out.splitlines() if cell_len(line) > 80]
    assert not wide, wide
