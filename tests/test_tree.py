"""The unit tree: built from superior ids; what cannot form a tree is located."""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from helpers import REPO, assert_no_traceback, run_ideo

from ideo_cli.workspace.discover import discover_workspace
from ideo_cli.workspace.tree import CYCLE, DUPLICATE, SEVERAL_ROOTS, UNKNOWN_SUPERIOR, TreeUnit, build_tree

TOWN = REPO / "plans" / "xiaozhaiba-town" / "计划.yaml"
BRANCH = REPO / "plans" / "town-branch" / "计划.yaml"
FIXTURES = Path(__file__).parent / "fixtures" / "tree"


def unit(uid: str, superior: str | None) -> TreeUnit:
    return TreeUnit(uid, f"中共{uid}委员会", "党支部", superior, f"{uid}/计划.yaml", 8, 9)


def test_tree_from_superior_ids():
    tree = build_tree([unit("town", None), unit("b2", "town"), unit("b1", "town"), unit("v1", "b1")])
    assert tree.problems == []
    assert tree.roots == ["town"]
    assert tree.children["town"] == ["b1", "b2"]
    assert tree.walk("town") == [("town", 0), ("b1", 1), ("v1", 2), ("b2", 1)]
    assert tree.ancestors("v1") == ["b1", "town"]


def test_problems_are_located_and_named():
    tree = build_tree([unit("a", None), unit("a", None), unit("x", "nowhere"), unit("c1", "c2"), unit("c2", "c3"), unit("c3", "c1"), unit("self", "self")])
    kinds = sorted(p.kind for p in tree.problems)
    assert kinds.count(DUPLICATE) == 1 and kinds.count(UNKNOWN_SUPERIOR) == 1 and kinds.count(CYCLE) == 2
    cycle = next(p for p in tree.problems if p.kind == CYCLE and "c1" in str(p.message))
    assert cycle.message.get("path") == ["c1", "c2", "c3", "c1"]
    assert (cycle.file, cycle.line, cycle.col) == ("c1/计划.yaml", 8, 9)
    assert tree.fatal


def test_several_roots_is_a_warning_kind_not_fatal():
    tree = build_tree([unit("a", None), unit("b", None)])
    assert [p.kind for p in tree.problems] == [SEVERAL_ROOTS]
    assert not tree.fatal
    assert build_tree([unit("a", None), unit("b", None)], one_root=False).problems == []


def test_fifty_levels_deep():
    units = [unit("u0", None)] + [unit(f"u{i}", f"u{i - 1}") for i in range(1, 2000)]
    tree = build_tree(units)
    assert tree.problems == []
    walk = tree.walk("u0")
    assert walk[-1] == ("u1999", 1999)
    assert len(tree.ancestors("u1999")) == 1999


def _copy_plan(src: Path, dest: Path, *replacements: tuple[str, str]) -> Path:
    text = src.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8")
    return dest


def test_rollup_refuses_a_cycle_with_a_located_message(tmp_path):
    _copy_plan(TOWN, tmp_path / "town" / "计划.yaml", ("  编号: xiaozhaiba\n", "  编号: xiaozhaiba\n  上级编号: xx-town-village-branch\n"))
    _copy_plan(BRANCH, tmp_path / "branch" / "计划.yaml")
    run = run_ideo("rollup", tmp_path, "--year", "2027", "--as-of", "2027-07-01")
    assert_no_traceback(run)
    assert run.code == 2, run
    assert run.out == ""
    assert "IDEO912" in run.err and "上级关系成环：" in run.err
    assert "town/计划.yaml:7:" in run.err  # where xiaozhaiba names its superior
    assert "未生成输出" in run.err


def test_duplicate_unit_ids_fail(tmp_path):
    _copy_plan(BRANCH, tmp_path / "a" / "计划.yaml")
    _copy_plan(BRANCH, tmp_path / "b" / "计划.yaml", ("上级编号: xiaozhaiba", "上级编号: xiaozhaiba"))
    _copy_plan(TOWN, tmp_path / "town" / "计划.yaml")
    run = run_ideo("rollup", tmp_path, "--year", "2027", "--as-of", "2027-07-01", "--format", "json")
    assert_no_traceback(run)
    assert run.code == 2, run
    assert "IDEO910" in run.err and "两个单位的编号都是“xx-town-village-branch”" in run.err
    assert run.out == ""


def test_superior_missing_from_workspace_is_located_and_exits_1(tmp_path):
    _copy_plan(BRANCH, tmp_path / "branch" / "计划.yaml")
    run = run_ideo("rollup", tmp_path, "--year", "2027", "--as-of", "2027-07-01", "--lang", "en")
    assert_no_traceback(run)
    assert run.code == 1, run
    assert "IDEO911" in run.err and "superior id 'xiaozhaiba', which no unit in the workspace has" in run.err
    assert "branch/计划.yaml:14:" in run.err
    assert "roll-up 2027" in run.out  # the unit is still shown, as its own root


def test_a_unit_status_does_not_need_its_superior(tmp_path):
    _copy_plan(BRANCH, tmp_path / "branch" / "计划.yaml")
    run = run_ideo("status", tmp_path, "--year", "2027", "--as-of", "2027-07-01")
    assert run.code == 0, run
    assert run.err == ""


def test_ten_thousand_times_ten_files_in_one_folder(tmp_path):
    """10⁵ files in one folder: discovery lists them once and stays fast."""
    folder = tmp_path / "all"
    folder.mkdir()
    for i in range(100_000):
        (folder / f"n{i:06d}.txt").touch()
    shutil.copy(BRANCH, folder / "u1.yaml")
    (folder / "u2.status.json").write_text("{}", encoding="utf-8")
    start = time.monotonic()
    found = discover_workspace([tmp_path])
    elapsed = time.monotonic() - start
    assert [s for _, s in found.plans] == [f"{tmp_path.as_posix()}/all/u1.yaml"]
    assert [s for _, s in found.summaries] == [f"{tmp_path.as_posix()}/all/u2.status.json"]
    assert elapsed < 5, elapsed


def test_ledger_and_evidence_folders_are_not_units(tmp_path):
    _copy_plan(BRANCH, tmp_path / "branch" / "计划.yaml")
    (tmp_path / "branch" / "台账").mkdir()
    (tmp_path / "branch" / "台账" / "2027.yaml").write_text("格式版本: 1\n", encoding="utf-8")
    (tmp_path / "branch" / "佐证").mkdir()
    (tmp_path / "branch" / "佐证" / "note.yaml").write_text("x: 1\n", encoding="utf-8")
    found = discover_workspace([tmp_path])
    assert [Path(p).name for p, _ in found.plans] == ["计划.yaml"]


def test_check_tree_fixture_reports_both_rules_with_citations():
    run = run_ideo("check", "--tree", "--today", "2027-03-01", "--format", "json", FIXTURES / "check-fail")
    assert_no_traceback(run)
    assert run.code == 1, run
    report = json.loads(run.out)
    found = {(Path(f["file"]).parent.name, d["code"]) for f in report["files"] for d in f["diagnostics"]} if "files" in report else None
    if found is None:  # flat list of diagnostics
        found = {(Path(d["file"]).parent.name, d["code"]) for d in report["diagnostics"]}
    assert ("branch-late", "IDEO901") in found
    assert ("branch-late", "IDEO902") in found
    assert ("branch-missing", "IDEO902") in found
    assert not any(code == "IDEO901" for name, code in found if name == "town")
    text = run_ideo("check", "--tree", "--today", "2027-03-01", FIXTURES / "check-fail").out
    assert "离上级小寨坝镇党委的“向县委专题汇报意识形态工作”（2027-06-30）不足 5 个工作日" in text
    assert "依据: 003" in text and "及时报送当地党委宣传部" in text


def test_check_tree_passes_on_the_example_tree():
    run = run_ideo("check", "--tree", "--today", "2027-03-01", REPO / "plans" / "xiaozhaiba-town", REPO / "plans" / "town-branch", REPO / "plans" / "xiaozhaiba-community-branch")
    assert run.code == 0, run
    assert "IDEO9" not in run.out


def test_without_tree_the_child_checks_do_not_run():
    run = run_ideo("check", "--today", "2027-03-01", FIXTURES / "check-fail" / "branch-late")
    assert "IDEO901" not in run.out and "IDEO902" not in run.out
