"""`ideo init` for a new branch under the example town: placeholders are findings until
replaced, --superior-id writes 上级编号, and the schema line resolves from the written plan."""
from __future__ import annotations

from pathlib import Path

import yaml
from helpers import REPO, run_ideo


def test_a_new_branch_under_the_town(tmp_path):
    plan = tmp_path / "镇" / "新支部" / "计划.yaml"
    plan.parent.mkdir(parents=True)
    run = run_ideo("init", "--type", "党支部", "--superior-id", "xiaozhaiba", "-o", plan)
    assert run.code == 0 and run.err == "", run
    text = plan.read_text(encoding="utf-8")
    assert yaml.safe_load(text)["组织"]["上级编号"] == "xiaozhaiba"
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema="), first
    target = (plan.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == (REPO / "schema" / "ideo-plan.schema.json").resolve() and target.is_file()
    check = run_ideo("check", "-f", "concise", plan)
    found = [line for line in check.out.splitlines() if "IDEO108" in line]
    assert len(found) == 6, check
    assert "组织编号仍是占位的“my-unit”" in check.out and "姓名“张XX”是占位内容" in check.out, check
    english = run_ideo("check", "-f", "concise", "--lang", "en", plan)
    assert "the organisation id is still the placeholder 'my-unit'" in english.out, english
    filled = text.replace("my-unit", "xinzhibu").replace("中共XX支部委员会", "中共小寨坝镇新村支部委员会")
    for placeholder, name in (("张XX", "刘明"), ("李XX", "陈芳"), ("王XX", "杨勇"), ("赵XX", "周丽")):
        filled = filled.replace(placeholder, name)
    plan.write_text(filled, encoding="utf-8")
    again = run_ideo("check", "-f", "concise", plan)
    assert again.code == 0 and "IDEO108" not in again.out, again


def test_to_the_screen_the_schema_line_says_how_to_write_the_schema():
    run = run_ideo("init", "--type", "党委")
    lines = run.out.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=ideo-plan.schema.json"
    assert lines[1] == "# $ ideo schema --kind plan -o ideo-plan.schema.json"
    assert "ideo.invalid" not in run.out
