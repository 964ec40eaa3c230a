"""`ideo record` on a terminal (a pseudo-terminal): it asks like ``hledger add``.

Every field the obligation needs is asked with a default; a bad answer is asked
again with the reason; a duplicate is found before the first question; Ctrl-C
says so in the user's language and writes nothing.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from helpers import REPO
from support.terminal import Session

EPOCH_DEC_1 = {"SOURCE_DATE_EPOCH": "1796083200"}  # 2026-12-01


@pytest.fixture
def unit(tmp_path) -> Path:
    folder = tmp_path / "town-branch"
    shutil.copytree(REPO / "plans" / "town-branch", folder)
    return folder


def _record(unit: Path, obligation: str, period: str) -> dict:
    data = yaml.safe_load((unit / "台账" / "2026.yaml").read_text(encoding="utf-8"))
    return next(r for r in data["记录"] if r["事项"] == obligation and r["周期"] == period)


def test_every_field_is_asked_checked_and_asked_again(unit, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "纪要.txt").write_text("支委会会议记录\n", encoding="utf-8")
    term = Session("record", unit / "计划.yaml", "topic-study", env={**EPOCH_DEC_1, "HOME": str(home)})
    term.expect("周期（2026H1, 2026H2）")
    term.expect("[2026H2]")  # the period under way is the default
    term.send("2026h2")  # any case
    term.expect("开展日期 [2026-12-01]")
    term.send("2026-06-31")
    term.expect("6 月只有 30 天")
    term.expect("开展日期")
    term.send("2026/6/30")
    term.expect("早于周期 2026H2（2026-07-01 起）")
    term.expect("开展日期")
    term.send("2026年11月28日")
    term.expect("地点")
    term.send("村委会会议室")
    term.expect("主持人")
    term.expect("[liuzq]")  # the secretary chairs the topic study
    term.send("刘志墙")
    term.expect("是否想写“刘志强”")
    term.expect("主持人")
    term.send("刘志强")
    term.expect("参加人员")
    term.send("liuzq，王秀芬")
    term.expect("内容 [支部委员会专题研究意识形态工作]")
    term.send("")
    term.expect("佐证“支委会会议记录”")
    term.send("~/没有这个文件.txt")
    term.expect("找不到佐证文件")
    term.expect("佐证“支委会会议记录”")
    term.send("~/纪要.txt")
    term.expect("佐证“照片”")
    term.send("纸质存档:党建档案盒")
    assert term.wait() == 0, term.text
    assert "已写入" in term.text and "现在的状态：已完成" in term.text
    record = _record(unit, "topic-study", "2026H2")
    assert str(record["时间"]) == "2026-11-28" and record["地点"] == "村委会会议室"
    assert record["主持人"] == "刘志强" and record["参加人员"] == ["liuzq", "王秀芬"]
    assert record["内容"] == "支部委员会专题研究意识形态工作"
    assert record["佐证"][0]["文件"] == "佐证/2026/纪要.txt" and (unit / "佐证" / "2026" / "纪要.txt").is_file()
    assert record["佐证"][1] == {"类型": "照片", "纸质存档": "党建档案盒"}


def test_a_duplicate_is_found_before_the_first_question(unit):
    before = (unit / "台账" / "2026.yaml").read_bytes()
    term = Session("record", unit / "计划.yaml", "topic-study", "2026H1", env=EPOCH_DEC_1)
    assert term.wait() == 2, term.text
    assert "台账/2026.yaml:43 已有事项“topic-study”周期 2026H1 的记录" in term.text
    assert "开展日期" not in term.text
    assert (unit / "台账" / "2026.yaml").read_bytes() == before


@pytest.mark.parametrize(("lang", "words"), [("zh", "已取消，未写入任何内容。"), ("en", "Cancelled; nothing was written.")])
def test_ctrl_c_says_so_and_writes_nothing(unit, lang, words):
    before = (unit / "台账" / "2026.yaml").read_bytes()
    term = Session("record", unit / "计划.yaml", "topic-study", "2026H2", "--lang", lang, env=EPOCH_DEC_1)
    term.expect("[2026-12-01]")
    term.send("2026-11-28")
    term.expect("地点" if lang == "zh" else "Place")
    term.interrupt()
    assert term.wait() == 130, term.text
    assert words in term.text and "Traceback" not in term.text and "Aborted" not in term.text
    assert (unit / "台账" / "2026.yaml").read_bytes() == before


def test_given_options_are_not_asked_again(unit):
    term = Session("record", unit / "计划.yaml", "topic-study", "2026H2", "--field", "地点=会议室", "--field", "主持人=liuzq",
                   "--evidence", "照片=纸质存档:档案盒", env=EPOCH_DEC_1)
    term.expect("开展日期")
    term.send("2026-11-28")
    term.expect("参加人员")
    term.send("")
    term.expect("内容")
    term.send("专题研究")
    term.expect("佐证“支委会会议记录”")
    term.send("")  # skipped: the record is written and says what it lacks
    assert term.wait() == 0, term.text
    assert "地点" not in term.text.split("开展日期", 1)[1].split("已写入")[0]
    assert "IDEO704" in term.text and "支委会会议记录" in term.text and "现在的状态：缺佐证" in term.text
