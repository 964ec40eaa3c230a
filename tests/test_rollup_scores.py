"""`ideo rollup --rubric` and `ideo html --rubric`: the subtree's units ranked by the
score `ideo score` gives them, with the distribution, through the real entry point."""
from __future__ import annotations

import csv
import io
import json

import pytest
from helpers import assert_no_traceback, run_ideo

ARGS = ("plans/", "--year", 2026, "--as-of", "2026-12-01", "--root", "xiaozhaiba", "--rubric", "sample")


def score_of(unit: str) -> dict:
    run = run_ideo("score", f"plans/{unit}", "--rubric", "sample", "--year", 2026, "--as-of", "2026-12-01", "--format", "json")
    assert run.code == 0, run
    [card] = json.loads(run.out)["scorecards"]
    return card


FOLDERS = ("xiaozhaiba-community-branch", "town-branch", "xiaozhaiba-town")  # the subtree of xiaozhaiba


def grade_counts() -> dict:
    counts = {"好": 0, "较好": 0, "一般": 0, "差": 0}
    for folder in FOLDERS:
        counts[score_of(folder)["grade"]] += 1
    return counts


def histogram_text() -> str:
    """The table's score-band line, from what `ideo score` gives each unit (bands of 10)."""
    bands: dict[int, int] = {}
    for folder in FOLDERS:
        low = min(int(score_of(folder)["score"] // 10) * 10, 90)
        bands[low] = bands.get(low, 0) + 1
    return "  ".join(f"{low}–{low + 10}:{n}" for low, n in sorted(bands.items()))


def test_json_ranks_the_subtree_by_the_score_ideo_score_gives():
    run = run_ideo("rollup", *ARGS, "--format", "json")
    assert run.code == 0 and run.err == "", run
    data = json.loads(run.out)
    assert data["ideo_score_ranking"] == 1 and data["root"] == "xiaozhaiba" and data["rubric"]["id"]
    units = data["units"]
    assert [u["unit"] for u in units] == ["xiaozhaiba-community-branch", "xx-town-village-branch", "xiaozhaiba"]
    assert [u["rank"] for u in units] == [1, 2, 3]
    for folder, unit in zip(FOLDERS, units):
        card = score_of(folder)
        assert (unit["score"], unit["grade"], unit["vetoed"]) == (card["score"], card["grade"], card["vetoed"]), folder
    # vetoed units rank after every unit that is not, whatever their points
    assert not units[0]["vetoed"] and units[0]["score"] < units[1]["score"] and units[1]["vetoed"]
    assert data["grade_counts"] == grade_counts()  # the branches lose nothing for the 中心组 they do not have
    assert sum(b["count"] for b in data["histogram"]) == 3 and len(data["histogram"]) == 10
    assert data["unscored"] == []


def test_table_and_csv_show_the_ranking_and_distribution():
    table = run_ideo("rollup", *ARGS, env={"COLUMNS": "80"})
    assert table.code == 0, table
    lines = table.out.splitlines()
    assert lines[1] == "按考核细则计分排名：意识形态工作责任制落实情况考核细则（示例）"
    counts = grade_counts()
    assert "等次分布：" + "  ".join(f"{g} {n}" for g, n in counts.items()) in table.out and "一票否决" in table.out
    assert "得分分布（分数段:单位数）：" + histogram_text() in table.out
    raw = run_ideo("rollup", *ARGS, "--format", "csv")
    assert raw.code == 0 and raw.out.startswith("\ufeff"), raw
    rows = list(csv.reader(io.StringIO(raw.out.lstrip("\ufeff"))))
    assert rows[0] == ["名次", "单位", "得分", "等次", "否决", "待完成分值"]
    first = score_of(FOLDERS[0])
    assert rows[1][:4] == ["1", "XX社区党支部", f"{first['score']:g}", first["grade"]] and rows[2][4] == "一票否决"
    english = run_ideo("rollup", *ARGS, "--lang", "en")
    assert english.code == 0 and "Ranked by score against the rubric" in english.out and "Units per grade" in english.out


def test_xlsx_ranking_is_deterministic(tmp_path):
    from openpyxl import load_workbook

    out, again = tmp_path / "排名.xlsx", tmp_path / "again.xlsx"
    assert run_ideo("rollup", *ARGS, "--format", "xlsx", "-o", out).code == 0
    assert run_ideo("rollup", *ARGS, "--format", "xlsx", "-o", again).code == 0
    assert out.read_bytes() == again.read_bytes()
    book = load_workbook(out)
    assert book.sheetnames == ["得分排名", "等次分布"]
    first = score_of(FOLDERS[0])
    assert [c.value for c in book["得分排名"][2]][:4] == [1, "XX社区党支部", first["score"], first["grade"]]


def test_html_rollup_page_has_the_histogram_and_grade_counts():
    run = run_ideo("rollup", *ARGS, "--format", "html")
    assert run.code == 0, run
    assert '<svg id="score-histogram"' in run.out and 'id="grade-counts"' in run.out and 'id="score-rank"' in run.out
    assert run.out.count('<g class="bar"') == 10 and 'data-count="1"' in run.out


def test_html_site_with_a_rubric_ranks_every_rollup_page(tmp_path):
    out = tmp_path / "site"
    run = run_ideo("html", *ARGS, "-o", out)
    assert run.code == 0, run
    for page in ("index.html", "tree-xiaozhaiba.html"):
        text = (out / page).read_text(encoding="utf-8")
        assert '<svg id="score-histogram"' in text and 'href="unit-xiaozhaiba-community-branch.html"' in text, page
    assert "score-histogram" not in (out / "unit-xiaozhaiba.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["rollup", "html"])
def test_a_bad_rubric_is_a_located_exit_2_and_writes_nothing(command, tmp_path):
    out = tmp_path / "out"
    args = ("plans/", "--year", 2026, "--root", "xiaozhaiba", "--rubric", "tests/fixtures/rubric/bad-total.yaml", "-o", out)
    run = run_ideo(command, *args)
    assert_no_traceback(run)
    assert run.code == 2 and "tests/fixtures/rubric/bad-total.yaml:" in run.err and not out.exists(), run
