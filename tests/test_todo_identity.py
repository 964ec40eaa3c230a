"""`ideo todo` and `ideo ics` name an occurrence by one identity: the JSON's uid is the
calendar's UID, and a plan whose two obligations share an id is refused by both."""
from __future__ import annotations

import json
import re

from icalendar import Calendar

from tests.helpers import REPO, run_ideo, variant

PLAN = "plans/xiaozhaiba-town/计划.yaml"


def test_todo_json_uid_is_the_calendar_uid(tmp_path):
    todo = run_ideo("todo", PLAN, "--year", 2027, "--format", "json")
    assert todo.code == 0, todo
    uids = [item["uid"] for item in json.loads(todo.out)]
    assert len(uids) == len(set(uids)) and all(u.endswith("@ideo.invalid") for u in uids)
    out = tmp_path / "ics"
    ics = run_ideo("ics", PLAN, "--year", 2027, "-o", out)
    assert ics.code == 0, ics
    calendar = Calendar.from_ical((out / "xiaozhaiba.ics").read_bytes())
    assert {str(e["UID"]) for e in calendar.walk("VEVENT")} == set(uids)


def test_score_deductions_cite_the_same_uids_as_todo():
    todo = run_ideo("todo", "plans/xiaozhaiba-community-branch", "--year", 2026, "--format", "json")
    score = run_ideo("score", "plans/xiaozhaiba-community-branch", "--rubric", "sample", "--year", 2026, "--as-of", "2026-12-01", "--format", "json")
    assert todo.code == score.code == 0, (todo, score)
    cited = {d["occurrence"] for card in json.loads(score.out)["scorecards"] for i in card["items"] for d in i["deductions"] if d["occurrence"]}
    assert cited and cited <= {item["uid"] for item in json.loads(todo.out)}


def test_two_obligations_with_one_id_are_refused_by_todo_where_written(tmp_path):
    plan = variant(tmp_path, "unit.yaml", ("  - 编号: analysis\n", "  - 编号: topic-study\n"), source=REPO / "tests/fixtures/ics/unit.yaml")
    for fmt in ("json", "table"):
        result = run_ideo("todo", plan, "--year", 2027, "--format", fmt)
        assert result.code == 2 and result.out == "", result
        assert "IDEO302" in result.err and "两个事项的编号都是“topic-study”" in result.err
        assert re.search(r"unit\.yaml:34:9", result.err) and "第 28 行已用过“topic-study”" in result.err
        assert "Traceback" not in result.err
    english = run_ideo("todo", plan, "--year", 2027, "--lang", "en")
    assert english.code == 2 and "two obligations have the id 'topic-study'" in english.err
