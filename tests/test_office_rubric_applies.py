"""A rubric item scores a unit only where it applies: a 党支部 has no 理论学习中心组 and loses
no points for it (``适用于`` on the item, validated like every other key)."""
from __future__ import annotations

import json

from helpers import REPO, run_ideo

AS_OF = ("--year", "2026", "--as-of", "2026-12-01")
SAMPLE = REPO / "ideo_cli" / "data" / "rubrics" / "sample.yaml"


def _item(unit: str, item_id: str, *extra) -> dict:
    run = run_ideo("score", REPO / "plans" / unit, "--rubric", "sample", *AS_OF, "-f", "json", *extra)
    assert run.code in (0, 1), run
    [card] = json.loads(run.out)["units"] if "units" in json.loads(run.out) else json.loads(run.out)["scorecards"]
    return next(i for i in card["items"] if i["id"] == item_id)


def test_a_branch_loses_nothing_for_a_central_group_it_does_not_have():
    item = _item("town-branch", "central-group-study")
    assert item["not_applicable"] == "党支部" and item["awarded"] == item["points"] == 10 and item["deductions"] == []
    table = run_ideo("score", REPO / "plans" / "town-branch", "--rubric", "sample", *AS_OF, env={"COLUMNS": "120"})
    assert "不适用（本单位为党支部），不扣分" in table.out, table
    english = run_ideo("score", REPO / "plans" / "town-branch", "--rubric", "sample", *AS_OF, "--lang", "en", env={"COLUMNS": "120"})
    assert "not applicable (this unit is a Party branch)" in english.out and "党支部" not in english.out.split("not applicable")[1][:40], english


def test_a_committee_is_still_scored_on_it():
    item = _item("xiaozhaiba-town", "central-group-study")
    assert item["not_applicable"] is None


def test_an_unknown_organisation_type_in_a_rubric_is_a_located_error(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8").replace("适用于: [党委, 党组, 党工委]", "适用于: [党委, 村委会]")
    assert "村委会" in text
    rubric = tmp_path / "细则.yaml"
    rubric.write_text(text, encoding="utf-8")
    run = run_ideo("score", REPO / "plans" / "town-branch", "--rubric", rubric, *AS_OF)
    assert run.code == 2, run
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "村委会" in l)
    assert f"细则.yaml:{line}:" in run.both and "村委会" in run.both and "Traceback" not in run.both, run
