"""`ideo ics` owns its output folder (issue 10 §3, issue 11): revisions, stale
files, foreign files, name collisions, odd ids, one identity per event.

Every run goes through the real entry point (``python -m ideo_cli``).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.helpers import REPO, listing, run_ideo, variant
from tests.support.ics_lint import lint_ics

UNIT = REPO / "tests" / "fixtures" / "ics" / "unit.yaml"
MANIFEST = ".ideo-manifest.json"
FIRST_EPOCH = "1795392000"  # 2026-11-23T00:00:00Z
LATER_EPOCH = "1798761600"  # 2027-01-01T00:00:00Z


def ics(*args, epoch: str = FIRST_EPOCH):
    return run_ideo("ics", *args, env={"SOURCE_DATE_EPOCH": epoch}, timeout=120)


def events(path: Path) -> dict[str, object]:
    return {str(e["UID"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def unit_variant(tmp_path: Path, name: str, *replacements: tuple[str, str]) -> Path:
    return variant(tmp_path, name, *replacements, source=UNIT)


# --------------------------------------------------------------------------- SEQUENCE and LAST-MODIFIED


def test_a_moved_date_raises_sequence_and_last_modified(tmp_path):
    out = tmp_path / "out"
    first = ics("plans/", "--year", "2027", "-o", out)
    assert first.code == 0, first
    before = {name: events(out / name) for name in ("xiaozhaiba.ics",)}
    # the official notice arrives: the calendar file moves some dates
    second = ics("plans/", "--year", "2027", "-o", out, "--calendar", "calendars/2027.yaml", epoch=LATER_EPOCH)
    assert second.code == 0, second
    after = events(out / "xiaozhaiba.ics")
    changed = unchanged = 0
    for uid, old in before["xiaozhaiba.ics"].items():
        new = after[uid]
        assert int(old["SEQUENCE"]) == 0
        if (old.decoded("DTSTART"), str(old["SUMMARY"]), str(old["DESCRIPTION"])) == (new.decoded("DTSTART"), str(new["SUMMARY"]), str(new["DESCRIPTION"])):
            unchanged += 1
            assert int(new["SEQUENCE"]) == 0
            assert new.decoded("LAST-MODIFIED") == old.decoded("LAST-MODIFIED")
        else:
            changed += 1
            assert int(new["SEQUENCE"]) == 1, uid
            assert new.decoded("LAST-MODIFIED").isoformat() == "2027-01-01T00:00:00+00:00"
        assert new.decoded("DTSTAMP").isoformat() == "2027-01-01T00:00:00+00:00"
    assert changed, "the calendar file changed nothing: the test proves nothing"
    # the same run again: nothing changes, byte for byte (regeneration stays deterministic)
    kept = snapshot(out)
    third = ics("plans/", "--year", "2027", "-o", out, "--calendar", "calendars/2027.yaml", epoch=LATER_EPOCH)
    assert third.code == 0, third
    assert snapshot(out) == kept
    # back to the provisional dates: the moved events go to SEQUENCE 2
    fourth = ics("plans/", "--year", "2027", "-o", out, epoch="1800000000")
    assert fourth.code == 0, fourth
    again = events(out / "xiaozhaiba.ics")
    assert sorted(int(e["SEQUENCE"]) for e in again.values()).count(2) == changed


def test_manifest_lists_what_was_written(tmp_path):
    out = tmp_path / "out"
    result = ics(UNIT, "--year", "2027", "-o", out, "--per-person")
    assert result.code == 0, result
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["ideo-manifest"] == 1
    assert sorted(manifest["files"]) == ["ics-branch.ics", "ics-branch/liuzq.ics", "ics-branch/wangfang.ics"]
    uids = set(events(out / "ics-branch.ics"))
    assert set(manifest["events"]) == uids
    assert all(value[1] == 0 and value[2] == "20261123T000000Z" for value in manifest["events"].values())


# --------------------------------------------------------------------------- stale and foreign files


def test_files_no_longer_produced_are_removed_and_nothing_else(tmp_path):
    out = tmp_path / "out"
    assert ics(UNIT, "--year", "2027", "-o", out, "--per-person").code == 0
    (out / "说明.txt").write_text("我的笔记\n", encoding="utf-8")  # the user's own files
    (out / "ics-branch" / "mine.ics").write_bytes(b"BEGIN:VCALENDAR\r\nPRODID:-//someone else//\r\nEND:VCALENDAR\r\n")
    result = ics(UNIT, "--year", "2027", "-o", out)  # no --per-person this time
    assert result.code == 0, result
    assert "删除了上次写入、本次不再产生的 2 个文件" in result.out
    assert listing(out) == {MANIFEST, "ics-branch.ics", "说明.txt", "ics-branch", "ics-branch/mine.ics"}
    # and once the user's file is gone, the emptied folder goes too
    (out / "ics-branch" / "mine.ics").unlink()
    assert ics(UNIT, "--year", "2027", "-o", out, "--per-person").code == 0
    assert ics(UNIT, "--year", "2027", "-o", out).code == 0
    assert listing(out) == {MANIFEST, "ics-branch.ics", "说明.txt"}


def test_a_person_with_nothing_due_loses_last_runs_file(tmp_path):
    out = tmp_path / "out"
    assert ics(UNIT, "--year", "2027", "-o", out, "--per-person").code == 0
    assert (out / "ics-branch" / "wangfang.ics").exists()
    moved = unit_variant(tmp_path, "unit.yaml", ("    负责人: wangfang\n", "    负责人: liuzq\n"))
    result = ics(moved, "--year", "2027", "-o", out, "--per-person")
    assert result.code == 0, result
    assert not (out / "ics-branch" / "wangfang.ics").exists()
    assert "ics-branch/wangfang.ics" in result.out  # said so: no empty calendar was written
    assert "删除了上次写入、本次不再产生的 1 个文件" in result.out


def test_a_file_the_user_changed_is_not_deleted(tmp_path):
    out = tmp_path / "out"
    assert ics(UNIT, "--year", "2027", "-o", out, "--per-person").code == 0
    edited = out / "ics-branch" / "liuzq.ics"
    edited.write_bytes(edited.read_bytes().replace(b"X-WR-CALNAME:", b"X-WR-CALNAME:(edited) "))
    assert ics(UNIT, "--year", "2027", "-o", out).code == 0
    assert edited.exists()  # it is no longer what ideo wrote: left alone


def test_a_foreign_file_is_never_overwritten(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    theirs = out / "ics-branch.ics"
    theirs.write_text("not a calendar of ours\n", encoding="utf-8")
    result = ics(UNIT, "--year", "2027", "-o", out)
    assert result.code == 2, result
    assert result.out == ""
    assert f"{theirs.as_posix()} 已存在，但不是 ideo 写的" in result.err
    assert listing(out) == {"ics-branch.ics"} and theirs.read_text(encoding="utf-8") == "not a calendar of ours\n"


def test_a_file_of_another_case_counts_as_the_same_name(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "ICS-Branch.ics").write_text("mine\n", encoding="utf-8")
    result = ics(UNIT, "--year", "2027", "-o", out)
    assert result.code == 2, result
    assert "ICS-Branch.ics 已存在，但不是 ideo 写的" in result.err


def test_a_broken_manifest_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_text("{not json", encoding="utf-8")
    result = ics(UNIT, "--year", "2027", "-o", out, "--lang", "en")
    assert result.code == 2, result
    assert "the output folder's manifest cannot be read" in result.err and MANIFEST in result.err
    assert listing(out) == {MANIFEST}


def test_a_manifest_cannot_make_ideo_delete_outside_the_folder(tmp_path):
    out = tmp_path / "out"
    assert ics(UNIT, "--year", "2027", "-o", out).code == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("keep\n", encoding="utf-8")
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    import hashlib

    manifest["files"]["../victim.txt"] = hashlib.sha256(b"keep\n").hexdigest()
    manifest["files"][str(victim)] = hashlib.sha256(b"keep\n").hexdigest()
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    assert ics(UNIT, "--year", "2027", "-o", out).code == 0
    assert victim.read_text(encoding="utf-8") == "keep\n"


# --------------------------------------------------------------------------- names


def test_plan_and_person_names_that_used_to_collide_now_do_not(tmp_path):
    """plan a + person b-liuzq and plan a-b + person liuzq both wrote a-b-liuzq.ics."""
    one = unit_variant(tmp_path, "one.yaml", ("  编号: ics-branch\n", "  编号: a\n"), ("  - 编号: liuzq\n", "  - 编号: b-liuzq\n"), ("负责人: liuzq\n    频次: 每半年", "负责人: b-liuzq\n    频次: 每半年"), ("负责人: liuzq\n    频次: 每年", "负责人: b-liuzq\n    频次: 每年"))
    two = unit_variant(tmp_path, "two.yaml", ("  编号: ics-branch\n", "  编号: a-b\n"), ("  名称: 中共测试社区支部委员会\n", "  名称: 中共另一社区支部委员会\n"))
    out = tmp_path / "out"
    result = ics(one, two, "--year", "2027", "-o", out, "--per-person")
    assert result.code == 0, result
    assert {"a/b-liuzq.ics", "a-b/liuzq.ics"} <= listing(out)
    for name in ("a/b-liuzq.ics", "a-b/liuzq.ics"):
        assert lint_ics((out / name).read_bytes()) == []


def test_ids_that_differ_only_in_case_are_refused(tmp_path):
    upper = unit_variant(tmp_path, "upper.yaml", ("  编号: ics-branch\n", "  编号: Town\n"))
    lower = unit_variant(tmp_path, "lower.yaml", ("  编号: ics-branch\n", "  编号: town\n"), ("  名称: 中共测试社区支部委员会\n", "  名称: 中共另一社区支部委员会\n"))
    out = tmp_path / "out"
    result = ics(upper, lower, "--year", "2027", "-o", out)
    assert result.code == 2, result
    assert "IDEO302" in result.err and "town.ics 与 Town.ics 重名" in result.err
    assert re.search(r"lower\.yaml:6:7", result.err), result.err
    assert not out.exists()


def test_a_plan_id_that_names_another_plans_folder_is_refused(tmp_path):
    a = unit_variant(tmp_path, "a.yaml", ("  编号: ics-branch\n", "  编号: a\n"))
    a_ics = unit_variant(tmp_path, "a-ics.yaml", ("  编号: ics-branch\n", "  编号: a.ics\n"), ("  名称: 中共测试社区支部委员会\n", "  名称: 中共另一社区支部委员会\n"))
    result = ics(a, a_ics, "--year", "2027", "-o", tmp_path / "out", "--per-person")
    assert result.code == 2, result
    assert "IDEO302" in result.err and "重名" in result.err
    assert not (tmp_path / "out").exists()


def test_a_person_called_feed_is_just_a_person(tmp_path):
    feed = unit_variant(tmp_path, "unit.yaml", ("  - 编号: wangfang\n", "  - 编号: feed\n"), ("    负责人: wangfang\n", "    负责人: feed\n"))
    out = tmp_path / "out"
    result = ics(feed, "--year", "2027", "-o", out, "--per-person", "--profile", "feed")
    assert result.code == 0, result
    assert {"ics-branch.ics", "ics-branch/feed.ics", "ics-branch/liuzq.ics"} <= listing(out)


@pytest.mark.parametrize("bad, reason", [
    ('"con"', "Windows 的保留设备名"),
    ('"a:b"', "含有 :"),
    ('".hidden"', "以点开头"),
    ('"a\\0b"', "控制字符"),
    ('"a\\u202eb"', "控制字符或不可见"),
    ('"a\\\\b"', "含有 \\"),
])
def test_person_ids_that_cannot_be_file_names_are_refused_where_they_are_written(tmp_path, bad, reason):
    plan = unit_variant(tmp_path, "unit.yaml", ("  - 编号: wangfang\n", f"  - 编号: {bad}\n"), ("    负责人: wangfang\n", f"    负责人: {bad}\n"))
    result = ics(plan, "--year", "2027", "-o", tmp_path / "out", "--per-person")
    assert result.code == 2, result
    # the plan's id rule refuses such ids as the plan is read; the calendar writer's
    # own check (which says why the name cannot be a calendar file) stands behind it
    assert "IDEO011" in result.err or ("不能用作日历文件名" in result.err and reason in result.err), result.err
    assert re.search(r"unit\.yaml:18:\d+", result.err), result.err
    assert "\x00" not in result.err and "\u202e" not in result.err
    assert not (tmp_path / "out").exists()


def test_a_very_long_id_is_refused_before_anything_is_written(tmp_path):
    long_id = "😀" * 60  # 60 characters but 240 bytes: over the id rule's 64-byte limit
    plan = unit_variant(tmp_path, "unit.yaml", ("  - 编号: wangfang\n", f"  - 编号: {long_id}\n"), ("    负责人: wangfang\n", f"    负责人: {long_id}\n"))
    result = ics(plan, "--year", "2027", "-o", tmp_path / "out", "--per-person")
    assert result.code == 2, result
    assert "IDEO011" in result.err and re.search(r"unit\.yaml:18:\d+", result.err), result.err
    assert not (tmp_path / "out").exists()


def test_a_nul_in_an_obligation_id_is_refused_where_it_is_written(tmp_path):
    plan = unit_variant(tmp_path, "unit.yaml", ("  - 编号: analysis\n", '  - 编号: "ana\\0lysis"\n'))
    out = tmp_path / "out"
    result = ics(plan, "--year", "2027", "-o", out)
    assert result.code == 2, result
    assert "IDEO011" in result.err and "\x00" not in result.err, result.err
    assert not out.exists()


# --------------------------------------------------------------------------- one identity, one event


def test_two_obligations_with_one_id_are_a_located_error(tmp_path):
    plan = unit_variant(tmp_path, "unit.yaml", ("  - 编号: analysis\n", "  - 编号: topic-study\n"))
    out = tmp_path / "out"
    result = ics(plan, "--year", "2027", "-o", out)
    assert result.code == 2, result
    assert "IDEO302" in result.err and "两个事项的编号都是“topic-study”" in result.err
    assert re.search(r"unit\.yaml:34:9", result.err), result.err
    assert "第 28 行已用过“topic-study”" in result.err
    assert "Traceback" not in result.err and "duplicate calendar UID" not in result.err
    assert not out.exists()
    english = run_ideo("ics", plan, "--year", "2027", "-o", out, "--lang", "en")
    assert english.code == 2 and "two obligations have the id 'topic-study'" in english.err


# --------------------------------------------------------------------------- empty calendars


def test_no_empty_calendar_is_written(tmp_path):
    out = tmp_path / "out"
    # 1–10 January: nothing of this plan falls due
    result = ics(UNIT, "--from", "2027-01-01", "--to", "2027-01-10", "-o", out, "--per-person")
    assert result.code == 0, result
    assert "已写入 0 个日历文件" in result.out
    assert "3 个日历在此期间没有事项，未写入：ics-branch.ics、ics-branch/liuzq.ics、ics-branch/wangfang.ics" in result.out or \
        "3 个日历在此期间没有事项，未写入：ics-branch.ics, ics-branch/liuzq.ics, ics-branch/wangfang.ics" in result.out
    assert listing(out) == {MANIFEST}
