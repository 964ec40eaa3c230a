"""`ideo doc plan|report|self-check`: Word documents in the GB/T 9704-2012 format (issue 16).

The documents are read back with python-docx for their facts (every date, count and
owner comes from the plan, its schedule and the ledger; a changed ledger changes the
report) and for the page setup and fonts; then LibreOffice prints them to PDF and the
pages are measured: A4, the text inside the 156 × 225 mm block, "— N —" on every page,
no empty page.  Without LibreOffice/poppler the PDF tests are skipped loudly, except
under CI=true, where they fail.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from tests.helpers import EPOCH, REPO, assert_no_traceback, run_ideo

UNIT = REPO / "plans" / "xiaozhaiba-town"
PT_PER_MM = 72 / 25.4
HANGING = "，。、；：）”！？"


# ---------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("docx")


def write(out_dir: Path, name: str, *args) -> Path:
    path = out_dir / name
    run = run_ideo("doc", *args, "-o", path)
    assert run.code == 0, run
    assert run.err == "", run
    assert path.exists() and path.stat().st_size > 0
    return path


@pytest.fixture(scope="module")
def plan_docx(out_dir) -> Path:
    return write(out_dir, "实施方案.docx", "plan", UNIT, "--year", "2026", "--as-of", "2026-01-05")


@pytest.fixture(scope="module")
def report_h1(out_dir) -> Path:
    return write(out_dir, "汇报-2026H1.docx", "report", UNIT, "--year", "2026", "--period", "2026H1", "--as-of", "2026-06-30")


@pytest.fixture(scope="module")
def report_h2(out_dir) -> Path:
    return write(out_dir, "汇报-2026H2.docx", "report", UNIT, "--year", "2026", "--period", "2026H2", "--as-of", "2026-12-31")


@pytest.fixture(scope="module")
def self_check(out_dir) -> Path:
    return write(out_dir, "自查报告.docx", "self-check", UNIT, "--year", "2026", "--rubric", "sample", "--as-of", "2026-12-31")


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def schedule_2026():
    """The year's occurrences as `ideo todo` computes them: where the plan document's dates must come from."""
    from ideo_cli.app.schedule import ScheduleOptions, build_schedule
    from ideo_cli.schedule.expand import DateRange

    return build_schedule(ScheduleOptions(files=[(UNIT / "计划.yaml", "计划.yaml")], span=DateRange.year(2026))).occurrences


# ---------------------------------------------------------------- the 实施方案
def test_plan_title_sections_and_sources(plan_docx):
    text = paragraphs(plan_docx)
    assert text[0] == "中共小寨坝镇委员会\n2026年意识形态工作责任制实施方案"  # broken where the sense allows
    for heading in ("一、总体要求", "二、责任分工", "三、工作安排", "四、保障措施"):
        assert heading in text, heading
    for group in ("（一）研究部署", "（二）学习教育", "（三）分析研判", "（四）通报报告", "（五）检查考核"):
        assert group in text, group
    opening = text[2]
    assert "（000）" in opening and "小寨坝镇党委意识形态工作责任制工作计划" in opening  # the rule sources, cited
    assert any(line.startswith("《") and "三(二)2" in line for line in text)  # the section cited
    assert "【待填写：指导思想和工作目标】" in text  # not invented
    assert text[-2:] == ["中共小寨坝镇委员会", "2026年1月5日"]  # 成文日期 in Arabic numerals


def test_plan_every_obligation_with_its_working_day_deadlines_owner_and_records(plan_docx):
    text = paragraphs(plan_docx)
    occurrences = schedule_2026()
    titles = {o.title for o in occurrences}
    assert len(titles) == 10
    for title in titles:
        line = next(line for line in text if line.startswith(title + "。"))
        mine = sorted((o for o in occurrences if o.title == title), key=lambda o: o.due)
        for occ in mine:
            assert f"{occ.due.month}月{occ.due.day}日" in line, (title, occ.due, line)
        assert ("分别于" in line) == (len(mine) > 1), line
        for name in (p.name for p in mine[0].owners):
            assert name in line, (name, line)
        for material in mine[0].evidence:
            assert material in line, (material, line)
    # the working-day move: topic-study is due 6-20 nominally, a Saturday → Thursday 6-18
    assert "党委会专题研究意识形态工作。每半年至少1次，分别于6月18日、12月18日前完成。责任人：镇党委书记陈林。留痕材料：会议纪要、照片。" in text


def test_plan_responsibilities_group_and_safeguards(plan_docx):
    text = paragraphs(plan_docx)
    assert "镇党委书记陈林为意识形态工作第一责任人，对本单位意识形态工作负主体责任。" in text
    assert any(line.startswith("镇党委副书记（分管意识形态）杨世雄为意识形态工作直接责任人") for line in text)
    assert "镇党委委员、宣传委员蔡雷江：分管宣传、网络舆情，落实“一岗双责”，抓好分管领域意识形态工作。" in text
    assert "成立小寨坝镇意识形态工作领导小组，镇党委书记陈林任组长，镇党委副书记（分管意识形态）杨世雄任副组长，成员为蔡雷江、王勇。" in text
    assert "领导小组办公室设在党政办，党政办主任张敏任办公室主任，负责日常工作。" in text
    assert "重大舆情：发生突发情况或重大舆情时，由陈林、杨世雄负责，第一时间处置，并报告县委、县委宣传部。" in text
    assert "讲座论坛审批：举办报告会、研讨会、讲座论坛时，由镇党委副书记（分管意识形态）杨世雄负责，事前履行审批程序（提前7日）。" in text
    assert any("问责情况由镇纪委书记王勇负责" in line for line in text)


def test_plan_marks_provisional_dates(out_dir):
    """A year without an official holiday schedule: every date says 暂定, and a note says why."""
    path = write(out_dir, "实施方案-2031.docx", "plan", UNIT, "--year", "2031", "--as-of", "2030-12-20")
    text = paragraphs(path)
    line = next(line for line in text if line.startswith("党委会专题研究意识形态工作。"))
    assert line.count("（暂定）") == 2, line
    assert any(line.startswith("注：标“暂定”的日期") for line in text)


# ---------------------------------------------------------------- the 半年专题汇报
def test_report_first_half_counts_dates_and_problems(report_h1):
    text = paragraphs(report_h1)
    assert text[0] == "中共小寨坝镇委员会关于\n2026年上半年意识形态工作情况的报告"
    assert "中共息烽县委员会：" in text  # the superior named in the plan
    assert "上半年召开党委会专题研究意识形态工作1次（6月12日）。" in text
    assert "上半年召开意识形态形势分析会2次（3月17日、6月13日）。" in text
    assert "上半年开展理论学习中心组意识形态安全专题学习1次（6月23日）。" in text
    # every required 留痕 is there (the 会议纪要 on paper): no evidence problem is claimed
    assert not any("缺少会议纪要" in line for line in text)
    # 下步打算: the second half's schedule with its owners
    assert "党内通报意识形态领域情况，于12月15日前完成（杨世雄负责）。" in text
    for placeholder in ("【待填写：主要做法和成效】", "【待填写：其他存在的问题及原因分析】", "【待填写：下一步工作思路和措施】"):
        assert placeholder in text
    assert text[-2:] == ["中共小寨坝镇委员会", "2026年6月30日"]
    # nothing done after June is counted in the first half
    assert not any("9月26日" in line for line in text)


def test_report_second_half_late_items_events_and_next_year(report_h2):
    text = paragraphs(report_h2)
    assert "下半年召开意识形态形势分析会1次（9月26日）。" in text
    assert "意识形态形势分析会应于9月20日前完成，实际于9月26日完成，超期6天。" in text
    assert "重大舆情：网民发帖反映道路施工扰民（8月3日），处置情况：当日回应，施工方公示工期。" in text
    assert "问责：杨世雄，组织处理（9月10日）。" in text
    assert "党内通报意识形态领域情况应于12月15日前完成，截至12月31日尚未完成。" in text
    # 下步打算 reaches into next year's first half, with the year written out
    assert any(line.startswith("制定年度意识形态工作计划和中心组学习计划，于2027年3月31日") for line in text)


def test_every_done_line_and_late_line_is_the_unit_years(report_h2):
    """Counts, dates and days late in the second-half report, against ``compute_years`` itself."""
    from ideo_cli.ledger import status as st
    from ideo_cli.schedule.expand import DateRange
    from ideo_cli.year import YearOptions, compute_years

    unit = compute_years(YearOptions(plans=[(UNIT / "计划.yaml", "计划.yaml")], as_of=dt.date(2026, 12, 31), span=DateRange.year(2026))).units[0]
    text = paragraphs(report_h2)
    done: dict[str, list] = {}
    for occ in unit.occurrences:
        if occ.status in (st.DONE, st.DONE_LATE, st.EVIDENCE_MISSING) and occ.done_on and occ.done_on >= dt.date(2026, 7, 1):
            done.setdefault(occ.title, []).append(occ.done_on)
    assert done  # the example ledger has second-half records
    for title, days in done.items():
        line = next(line for line in text if line.startswith("下半年") and title + f"{len(days)}次（" in line)
        for day in days:
            assert f"{day.month}月{day.day}日" in line, (title, day, line)
    late = [o for o in unit.occurrences if o.status == st.DONE_LATE and o.done_on >= dt.date(2026, 7, 1)]
    assert late
    for occ in late:
        assert f"{occ.title}应于{occ.due.month}月{occ.due.day}日前完成，实际于{occ.done_on.month}月{occ.done_on.day}日完成，超期{occ.days_late}天。" in text
    overdue = [o for o in unit.occurrences if o.status == st.OVERDUE and o.due >= dt.date(2026, 7, 1)]
    for occ in overdue:
        assert f"{occ.title}应于{occ.due.month}月{occ.due.day}日前完成，截至12月31日尚未完成。" in text


def test_a_changed_ledger_changes_the_report(tmp_path):
    unit = tmp_path / "unit"
    shutil.copytree(UNIT, unit)
    ledger = unit / "台账" / "2026.yaml"
    text = ledger.read_text(encoding="utf-8")
    paper_minutes = "      - {类型: 会议纪要, 纸质存档: 党委办公室档案柜 2026-H1}\n"
    assert text.count("时间: 2026-06-12 15:00") == 1 and text.count(paper_minutes) == 1
    text = text.replace("时间: 2026-06-12 15:00", "时间: 2026-06-05 09:30").replace(paper_minutes, "")
    ledger.write_text(text, encoding="utf-8")
    out = tmp_path / "汇报.docx"
    run = run_ideo("doc", "report", unit, "--year", "2026", "--period", "2026H1", "--as-of", "2026-06-30", "-o", out)
    assert run.code == 0, run
    lines = paragraphs(out)
    assert "上半年召开党委会专题研究意识形态工作1次（6月5日）。" in lines
    assert not any("6月12日" in line for line in lines)
    # the record now has a photo but no 会议纪要: the ledger's own fact, not an opinion
    assert "党委会专题研究意识形态工作已开展，但缺少会议纪要等佐证材料。" in lines


def test_open_rectifications_are_problems_until_the_ledger_completes_them(tmp_path):
    unit = tmp_path / "unit"
    shutil.copytree(UNIT, unit)
    plan = unit / "计划.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + """
整改:
  - 编号: opinion-duty
    问题: 网络舆情值班制度落实不到位
    措施: [建立周末值班表]
    负责人: cailj
    期限: 2026-05-31
""", encoding="utf-8")
    out = tmp_path / "汇报.docx"
    args = ("doc", "report", unit, "--year", "2026", "--period", "2026H1", "--as-of", "2026-06-30", "-o", out)
    # before its deadline the item is open; after it, 已逾期 — as the 台账, the to-do list and IDEO716 say
    early = ("doc", "report", unit, "--year", "2026", "--period", "2026H1", "--as-of", "2026-05-25", "-o", out)
    assert run_ideo(*early).code == 0
    assert "整改事项“网络舆情值班制度落实不到位”（蔡雷江负责，期限2026年5月31日）尚未完成。" in paragraphs(out)
    assert run_ideo(*args).code == 0
    assert "整改事项“网络舆情值班制度落实不到位”（蔡雷江负责）期限2026年5月31日，已逾期30天，尚未完成。" in paragraphs(out)
    ledger = unit / "台账" / "2026.yaml"
    ledger.write_text(ledger.read_text(encoding="utf-8") + """
整改记录:
  - 整改: opinion-duty
    完成时间: 2026-05-20
""", encoding="utf-8")
    assert run_ideo(*args).code == 0
    assert not any("网络舆情值班制度" in line for line in paragraphs(out))
    plan_out = tmp_path / "方案.docx"
    assert run_ideo("doc", "plan", unit, "--year", "2026", "-o", plan_out).code == 0
    assert "网络舆情值班制度落实不到位：建立周末值班表，由镇党委委员、宣传委员蔡雷江负责，于2026年5月31日前完成。" in paragraphs(plan_out)


def test_report_in_english(out_dir):
    path = write(out_dir, "report-en.docx", "report", UNIT, "--year", "2026", "--period", "2026H1", "--as-of", "2026-06-30", "--lang", "en")
    text = paragraphs(path)
    assert text[0] == "中共小寨坝镇委员会: report on ideological work in the first half of 2026"
    assert "1. Main work" in text and "2. Problems" in text and "3. Next steps" in text
    assert "In the first half: held 党委会专题研究意识形态工作, 1 time(s) (6/12)." in text
    assert "[TO BE WRITTEN: main practices and results]" in text


# ---------------------------------------------------------------- the 自查报告
def test_self_check_uses_the_score_engine(self_check, tmp_path):
    import json

    run = run_ideo("score", UNIT, "--rubric", "sample", "--year", "2026", "--as-of", "2026-12-31", "--format", "json")
    assert run.code in (0, 1), run
    card = json.loads(run.out)["scorecards"][0]
    text = paragraphs(self_check)
    assert text[0] == "中共小寨坝镇委员会\n2026年意识形态工作责任制\n落实情况自查报告"
    summary = next(line for line in text if line.startswith("自查得分"))
    assert summary.startswith(f"自查得分{card['score']:g}分（满分100分），扣{sum(i['lost'] for i in card['items']):g}分，等次为“{card['grade']}”"), (summary, card["score"])
    for item in card["items"]:
        heading = text.index(next(line for line in text if line.endswith(f"{item['title']}（{item['points']:g}分）")))
        assert text[heading + 1].startswith(f"自评得分{item['awarded']:g}分"), (item["title"], text[heading + 1])
    assert any(line.startswith("扣2分：意识形态形势分析会 2026Q3") for line in text)  # a deduction with its occurrence
    assert any(line.startswith("佐证材料：佐证/2026/situation-analysis-2026Q1.txt") for line in text)  # the evidence scored
    assert any("受到责任追究的" in line and "已触发" in line for line in text)  # the veto the ledger's 问责 triggers
    assert "【待填写：存在问题的原因分析和整改措施】" in text


# ---------------------------------------------------------------- the page (GB/T 9704)
def test_page_setup_is_gbt_9704(report_h1):
    document = Document(str(report_h1))
    section = document.sections[0]
    def mm(length) -> float:  # stored in twips: within 0.05 mm of the intended value
        return round(length / 36000, 1)  # EMU → mm

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)  # A4
    assert (mm(section.top_margin), mm(section.left_margin)) == (37, 28)
    assert mm(section.page_width - section.left_margin - section.right_margin) == 156  # the text block
    assert mm(section.page_height - section.top_margin - section.bottom_margin) == 225
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 225 mm / 22 lines
    assert document.settings.odd_and_even_pages_header_footer is True
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.text == even.text == "— 1 —"
    assert "PAGE" in odd._p.xml and "PAGE" in even._p.xml  # a field: every page its number
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert odd.paragraph_format.right_indent == Pt(14) and even.paragraph_format.left_indent == Pt(14)  # 空一字


def test_fonts_are_named_with_east_asian_fallbacks(report_h1):
    import zipfile

    document = Document(str(report_h1))

    def east_asia(style_name):
        style = document.styles[style_name]
        return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")), style.font.size

    assert east_asia("GB Title") == ("方正小标宋简体", Pt(22))  # 2号 小标宋
    assert east_asia("GB Body") == ("仿宋_GB2312", Pt(16))  # 3号 仿宋
    assert east_asia("GB Heading 1") == ("黑体", Pt(16))
    assert east_asia("GB Heading 2") == ("楷体_GB2312", Pt(16))
    assert east_asia("GB Page Number") == ("宋体", Pt(14))  # 4号 宋体
    used = {p.style.name for p in document.paragraphs}
    assert {"GB Title", "GB Addressee", "GB Heading 1", "GB Body", "GB Signature"} <= used
    table = zipfile.ZipFile(report_h1).read("word/fontTable.xml").decode("utf-8")
    for font, fallback in (("方正小标宋简体", "华文中宋"), ("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体")):
        assert re.search(f'<w:font w:name="{font}"><w:altName w:val="{fallback}"/>', table), font


def test_placeholders_are_highlighted(report_h1):
    document = Document(str(report_h1))
    marked = [p for p in document.paragraphs if p.text.startswith("【待填写")]
    assert marked and all(run.font.highlight_color is not None for p in marked for run in p.runs)


# ---------------------------------------------------------------- reproducible
def test_same_inputs_same_bytes_and_the_epoch_pins_the_dates(tmp_path):
    args = ("doc", "plan", UNIT, "--year", "2026", "--as-of", "2026-01-05")
    first, second, later = tmp_path / "a.docx", tmp_path / "b.docx", tmp_path / "c.docx"
    assert run_ideo(*args, "-o", first).code == 0
    assert run_ideo(*args, "-o", second).code == 0
    assert first.read_bytes() == second.read_bytes()
    assert run_ideo(*args, "-o", later, env={"SOURCE_DATE_EPOCH": str(int(EPOCH) + 86400)}).code == 0
    assert later.read_bytes() != first.read_bytes()
    props = Document(str(first)).core_properties
    pinned = dt.datetime.fromtimestamp(int(EPOCH), dt.timezone.utc)
    assert props.created.replace(tzinfo=dt.timezone.utc) == props.modified.replace(tzinfo=dt.timezone.utc) == pinned
    assert props.author == "ideo" and props.title == "中共小寨坝镇委员会2026年意识形态工作责任制实施方案"


# ---------------------------------------------------------------- bad input
@pytest.mark.parametrize(("args", "said"), [
    (("report", UNIT, "--year", "2026", "--period", "2026H3"), "--period “2026H3”不是半年"),
    (("report", UNIT, "--year", "2026", "--period", "2027H1"), "--period 2027H1 不在 --year 2026 内"),
    (("plan", UNIT, "--year", "3000"), "年份 3000 超出支持范围"),
    (("plan", REPO / "plans", "--year", "2026"), "有多个计划"),
])
def test_bad_options_exit_2_and_write_nothing(tmp_path, args, said):
    out = tmp_path / "x.docx"
    run = run_ideo("doc", *args, "-o", out)
    assert run.code == 2, run
    assert_no_traceback(run)
    assert said in run.err and run.out == "", run
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_bad_period_in_english(tmp_path):
    run = run_ideo("doc", "report", UNIT, "--year", "2026", "--period", "2026H3", "--lang", "en", "-o", tmp_path / "x.docx")
    assert run.code == 2 and "--period '2026H3' is not a half year" in run.err, run


def test_a_broken_plan_is_located_and_nothing_is_written(tmp_path):
    unit = tmp_path / "unit"
    shutil.copytree(UNIT, unit)
    plan = unit / "计划.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count("    频次: 每季度\n") == 1
    plan.write_text(text.replace("    频次: 每季度\n", "    频次: 每两周\n"), encoding="utf-8")
    line = text[: text.index("    频次: 每季度\n")].count("\n") + 1
    for kind in ("plan", "report", "self-check"):
        out = tmp_path / f"{kind}.docx"
        run = run_ideo("doc", kind, unit, "--year", "2026", "--as-of", "2026-06-30", "-o", out)
        assert run.code == 2, run
        assert_no_traceback(run)
        assert f"计划.yaml:{line}:" in run.err, run
        assert not out.exists()


def test_a_broken_rubric_is_located_and_nothing_is_written(tmp_path):
    rubric = tmp_path / "细则.yaml"
    rubric.write_text("格式版本: 1\n文件类型: 考核细则\n名称: 示例\n", encoding="utf-8")
    out = tmp_path / "自查.docx"
    run = run_ideo("doc", "self-check", UNIT, "--year", "2026", "--rubric", rubric, "-o", out)
    assert run.code == 2, run
    assert_no_traceback(run)
    assert "细则.yaml:1:1" in run.err and "编号" in run.err, run
    assert not out.exists()


def test_refuses_to_write_onto_its_input(tmp_path):
    unit = tmp_path / "unit"
    shutil.copytree(UNIT, unit)
    before = (unit / "台账" / "2026.yaml").read_bytes()
    run = run_ideo("doc", "report", unit, "--year", "2026", "--period", "2026H1", "--as-of", "2026-06-30", "-o", unit / "台账" / "2026.yaml")
    assert run.code == 2, run
    assert (unit / "台账" / "2026.yaml").read_bytes() == before


# ---------------------------------------------------------------- printed (LibreOffice)
def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if not found:
        message = f"{name} is not installed, so the printed documents are NOT checked: apt-get install -y {package}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI must install it: .ci/run)")
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def printed(out_dir, plan_docx, report_h2, self_check) -> dict[str, Path]:
    soffice = _tool("soffice", "libreoffice-writer-nogui")
    _tool("pdftotext", "poppler-utils")
    profile = out_dir / "lo-profile"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOURCE_DATE")}
    docs = {"plan": plan_docx, "report": report_h2, "self-check": self_check}
    pdf_dir = out_dir / "pdf"
    proc = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(pdf_dir), *map(str, docs.values())],
        capture_output=True, timeout=240, env=env,
    )
    pdfs = {kind: pdf_dir / (path.stem + ".pdf") for kind, path in docs.items()}
    assert proc.returncode == 0 and all(p.exists() for p in pdfs.values()), proc.stderr.decode("utf-8", "replace")
    return pdfs


def _words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Every page's words with their boxes (points, origin top left), from pdftotext -bbox."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout.decode("utf-8")
    pages = []
    for page in html.split("<page ")[1:]:
        pages.append([(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)])
    return pages


@pytest.mark.parametrize("kind", ["plan", "report", "self-check"])
def test_printed_pages_are_a4_numbered_and_inside_the_text_block(printed, kind):
    from pypdf import PdfReader

    reader = PdfReader(str(printed[kind]))
    pages = _words(printed[kind])
    assert len(reader.pages) == len(pages) >= 2
    left, right = 28 * PT_PER_MM, (28 + 156) * PT_PER_MM
    top, bottom = 37 * PT_PER_MM, (37 + 225) * PT_PER_MM
    mm = PT_PER_MM
    for number, (page, words) in enumerate(zip(reader.pages, pages), start=1):
        assert abs(float(page.mediabox.width) - 595.3) < 1 and abs(float(page.mediabox.height) - 841.9) < 1  # A4
        body = [w for w in words if w[1] < bottom]
        footer = [w for w in words if w[1] >= bottom]
        assert body, f"page {number} of the {kind} is empty"
        for x0, y0, x1, y1, text in body:  # nothing outside the 156 × 225 mm block (within a millimetre)
            # LibreOffice hangs a closing full-width mark past the edge (标点悬挂; it ignores w:overflowPunct,
            # which Word and WPS honour): one 3号 character, and only a punctuation mark
            hanging = 16 if text[-1] in HANGING else 0
            assert left - mm <= x0 and x1 <= right + mm + hanging, (number, text, x0, x1)
            assert top - mm <= y0 and y1 <= bottom + mm, (number, text, y0, y1)
        assert [w[4] for w in footer] == ["—", str(number), "—"], (number, footer)
        if number % 2:  # odd pages right, even pages left, one 4号 character (4.9 mm) in from the block's edge
            assert right - 7 * mm <= max(w[2] for w in footer) <= right - 4 * mm, (number, footer)
        else:
            assert left + 4 * mm <= min(w[0] for w in footer) <= left + 7 * mm, (number, footer)
        assert min(w[1] for w in footer) >= bottom + 5 * mm  # the number stands ~7 mm below the block
    # the signature (issuer, date) never stands alone on the last page: text keeps with it
    by_line: dict[int, list] = {}
    for w in pages[-1]:
        if w[1] < bottom:
            by_line.setdefault(round(w[3]), []).append(w)  # one baseline, one line (digits and CJK are separate words)
    assert len(by_line) >= 3, by_line
    issuer, date = (sorted(by_line[y], key=lambda w: w[0]) for y in sorted(by_line)[-2:])
    assert "".join(w[4] for w in issuer) == "中共小寨坝镇委员会" and "".join(w[4] for w in date).startswith("2026年")
    # GB/T 9704 7.3.5.2: the issuer two characters in from the right, the date starting two characters right of it
    assert abs(right - issuer[-1][2] - 2 * 15.75) < mm, issuer
    assert abs(date[0][0] - issuer[0][0] - 2 * 15.75) < mm, (issuer, date)


def test_printed_body_has_28_characters_a_line(printed):
    """A full body line of the plan holds 28 characters (3号 on the 156 mm line), not 27 and not 14."""
    widest = 0
    for words in _words(printed["plan"]):
        for x0, _y0, x1, _y1, text in words:
            if x0 < 28 * PT_PER_MM + 1 and all("\u4e00" <= ch <= "\u9fff" or ch in "，。、：；（）“”" for ch in text):
                widest = max(widest, len(text))
    assert widest == 28, widest
