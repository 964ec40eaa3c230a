"""`ideo record`: appends with comments intact, copies and hashes evidence, never half-writes."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import REPO, ideo_env, run_ideo

EPOCH_DEC_1 = {"SOURCE_DATE_EPOCH": "1796083200"}  # 2026-12-01


@pytest.fixture
def unit(tmp_path) -> Path:
    folder = tmp_path / "town-branch"
    shutil.copytree(REPO / "plans" / "town-branch", folder)
    return folder


def _ledger_status(unit: Path, obligation: str, period: str) -> str:
    run = run_ideo("ledger", unit, "--year", "2026", "--format", "json", env=EPOCH_DEC_1)
    assert run.code == 0, run
    for section in json.loads(run.out)["units"][0]["sections"]:
        for row in section["rows"]:
            if f"{period} " in str(row["note"]) and row["content"]:
                if obligation in ("topic-study",) and "专题研究" in row["content"]:
                    return row["status"]
    raise AssertionError("row not found")


def test_record_appends_keeps_comments_and_changes_the_status(unit, tmp_path):
    ledger = unit / "台账" / "2026.yaml"
    before = ledger.read_text(encoding="utf-8")
    assert _ledger_status(unit, "topic-study", "2026H2") == "in-progress"
    minutes = tmp_path / "支委会会议记录.txt"
    minutes.write_text("2026年11月28日支委会专题研究意识形态工作记录\n", encoding="utf-8")
    photo = tmp_path / "现场.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    run = run_ideo("record", unit / "计划.yaml", "topic-study", "2026H2", "--on", "2026-11-28 15:00",
                   "--evidence", f"支委会会议记录={minutes}", "--evidence", photo,
                   "--field", "主持人=liuzq", "--field", "参加人员=liuzq,wangxf,chenyh", "--field", "地点=村委会会议室", env=EPOCH_DEC_1)
    assert run.code == 0, run
    assert "台账/2026.yaml" in run.out and run.err == ""
    after = ledger.read_text(encoding="utf-8")
    assert after.startswith(before.split("\n记录:")[0])  # header comments and keys untouched
    assert after.count("# ") == before.count("# ")
    data = yaml.safe_load(after)
    record = next(r for r in data["记录"] if r["事项"] == "topic-study" and r["周期"] == "2026H2")
    assert record["主持人"] == "liuzq" and record["参加人员"] == ["liuzq", "wangxf", "chenyh"]
    copied = {e["类型"]: e for e in record["佐证"]}
    assert copied["支委会会议记录"]["文件"] == "佐证/2026/支委会会议记录.txt"
    assert copied["照片"]["校验值"] == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert (unit / "佐证" / "2026" / "现场.png").read_bytes() == photo.read_bytes()
    assert record["登记"]["日期"].isoformat() == "2026-12-01"
    assert _ledger_status(unit, "topic-study", "2026H2") == "done"
    check = run_ideo("check", unit, "--today", "2026-12-01", "--format", "json")
    assert check.code == 0, check


def test_english_ledgers_get_english_keys(tmp_path):
    unit = tmp_path / "company-committee"
    shutil.copytree(REPO / "plans" / "company-committee", unit)
    run = run_ideo("record", unit / "计划.yaml", "topic-study", "2026H2", "--on", "2026-11-30", "--field", "chair=chenjh", env=EPOCH_DEC_1)
    assert run.code == 0, run
    data = yaml.safe_load((unit / "台账" / "2026.yaml").read_text(encoding="utf-8"))
    assert data["records"][-1]["chair"] == "chenjh" and data["records"][-1]["registered"] == {"date": __import__("datetime").date(2026, 12, 1)}


def test_evidence_inside_the_unit_is_referenced_not_copied(unit):
    inside = unit / "佐证" / "2026" / "支委会记录-H2.txt"
    inside.write_text("记录\n", encoding="utf-8")
    files_before = sorted(p.name for p in (unit / "佐证" / "2026").iterdir())
    run = run_ideo("record", unit / "计划.yaml", "topic-study", "2026H2", "--on", "2026-11-30", "--evidence", inside, env=EPOCH_DEC_1)
    assert run.code == 0, run
    assert sorted(p.name for p in (unit / "佐证" / "2026").iterdir()) == files_before
    assert "文件: 佐证/2026/支委会记录-H2.txt" in (unit / "台账" / "2026.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "words"), [
    (("topic-studx", "2026H2"), "topic-study"),  # did-you-mean
    (("topic-study", "2026Q3"), "2026H1, 2026H2"),  # not one of the year's periods
    (("topic-study", "2026H1"), "已有"),  # a second record for one occurrence
    (("topic-study", "2026H2", "--on", "2027-01-05"), "晚于今天"),
    (("topic-study", "2027H2", "--on", "2026-11-30"), "早于周期 2027H2（2027-07-01 起）"),
    (("topic-study", "2026H2", "--on", "2026-06-30"), "早于周期 2026H2（2026-07-01 起）"),
    (("topic-study", "2026H2", "--on", "2026-11-30", "--field", "地点"), "键=值"),
    (("topic-study", "2026H2", "--on", "2026-11-30", "--evidence", "/no/such/file.pdf"), "找不到佐证文件"),
    (("topic-study", "2026H2"), "--on"),  # never today's date silently: off a terminal, refused
    (("topic-study", "2026H2", "--on", "2026-06-31"), "6 月只有 30 天"),
    (("topic-study", "2026H2", "--on", "2026-11-30", "--field", "地典=会议室"), "是否想写“地点”"),
    (("topic-study", "2026H2", "--on", "2026-11-30", "--field", "主持人=刘志墙"), "是否想写“刘志强”"),
    (("topic-study", "2026H2", "--on", "2026-11-30", "--evidence", "会议纪要=纸质存档"), "存放在哪里"),
    (("topic-study",), "周期"),  # in a script nothing is asked: a usage error
])
def test_refusals_leave_the_ledger_as_it_was(unit, args, words):
    ledger = unit / "台账" / "2026.yaml"
    before = ledger.read_bytes()
    tree = sorted(str(p) for p in unit.rglob("*"))
    run = run_ideo("record", unit / "计划.yaml", *args, env=EPOCH_DEC_1)
    assert run.code == 2, run
    assert words in run.err and "Traceback" not in run.both and run.out == ""
    assert ledger.read_bytes() == before
    assert sorted(str(p) for p in unit.rglob("*")) == tree


def test_an_unwritable_evidence_folder_leaves_no_ledger_change_and_no_copy(unit, tmp_path):
    if os.geteuid() == 0:
        # root ignores permissions; a file where the year folder should be fails for everyone
        shutil.rmtree(unit / "佐证")
        (unit / "佐证").write_text("不是目录\n", encoding="utf-8")
    else:
        (unit / "佐证" / "2026").chmod(0o500)
    ledger = unit / "台账" / "2026.yaml"
    before = ledger.read_bytes()
    source = tmp_path / "纪要.txt"
    source.write_text("纪要\n", encoding="utf-8")
    run = run_ideo("record", unit / "计划.yaml", "topic-study", "2026H2", "--on", "2026-11-30", "--evidence", source, env=EPOCH_DEC_1)
    assert run.code == 2, run
    assert ledger.read_bytes() == before
    assert not [p for p in unit.rglob("*.tmp")] and not [p for p in (unit / "台账").iterdir() if p.name.startswith(".")]


def test_events_rectifications_and_accountability(unit):
    steps = [
        ("--event", "major-opinion", "--on", "2026-11-02", "--field", "发现时间=2026-11-02 08:10", "--field", "报告时间=2026-11-02 09:00", "--field", "报告对象=镇党委"),
        ("--accountability", "--on", "2026-11-20", "--field", "对象=陈永华", "--field", "形式=通报批评", "--field", "事由=舆情迟报"),
    ]
    for step in steps:
        run = run_ideo("record", unit / "计划.yaml", *step, env=EPOCH_DEC_1)
        assert run.code == 0, run
    data = yaml.safe_load((unit / "台账" / "2026.yaml").read_text(encoding="utf-8"))
    assert data["事件记录"][-1]["报告对象"] == ["镇党委"]
    assert data["问责"][-1]["对象"] == "陈永华" and data["问责"][-1]["决定时间"].isoformat() == "2026-11-20"
    check = run_ideo("check", unit, "--today", "2026-12-01", "--format", "json")
    codes = [d["code"] for f in json.loads(check.out)["files"] for d in f["diagnostics"]]
    assert "IDEO713" in codes  # the new accountability record is not filed yet


def test_a_two_gigabyte_file_is_hashed_streaming(unit):
    big = unit / "佐证" / "2026" / "现场录像.mp4"
    with open(big, "wb") as handle:  # sparse: 2 GiB on paper, no disk used
        handle.truncate(2 * 1024 ** 3)
    code = (
        "import resource, sys; sys.argv = ['ideo'] + sys.argv[1:]\n"
        "from ideo_cli.entry import main\n"
        "try:\n    code = main()\nfinally:\n    print('RSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\nsys.exit(code)"
    )
    env = ideo_env(**EPOCH_DEC_1)
    env["PYTHONPATH"] = str(REPO)
    proc = subprocess.run([sys.executable, "-c", code, "record", str(unit / "计划.yaml"), "topic-study", "2026H2", "--on", "2026-11-30", "--evidence", f"照片={big}"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    rss_kb = int(proc.stderr.rsplit("RSS", 1)[1].split()[0])
    assert rss_kb < 400 * 1024, f"peak memory {rss_kb} KB while hashing a 2 GiB file"
    text = (unit / "台账" / "2026.yaml").read_text(encoding="utf-8")
    # sha256 of 2 GiB of zero bytes
    assert "{类型: 照片, 文件: 佐证/2026/现场录像.mp4, 校验值: a7c744c13cc101ed66c29f672f92455547889cc586ce6d44fe76ae824958ea51}" in text
