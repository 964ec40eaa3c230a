"""`ideo check` start-up: the typer-free fast path (ideo_cli/cli/fast.py) answers
exactly as typer does, takes the arguments it should, and leaves typer unimported."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import EXAMPLE, HOSTILE, REPO, ideo_env, run_ideo

from ideo_cli.cli.fast import parse_check

KINDS = REPO / "tests" / "fixtures" / "kinds"
E = str(EXAMPLE)

# argument lists the fast path parses itself
FAST = [
    ["check", E],
    ["check", E, "--lang", "en"],
    ["check", "--lang=en", E, "-f", "json"],
    ["check", E, "--format", "concise", "--strict", "--statistics"],
    ["check", E, "--output-format=github", "--color", "never"],
    ["check", E, "--color", "always"],
    ["check", E, "--format", "sarif"],
    ["check", E, "-f", "junit", "--lang", "en"],
    ["check", "plans", "--exclude", "台账", "--exclude", "佐证"],
    ["check", E, "--profile", "不存在的规则集"],
    ["check", E, "-p", "quarterly-analysis", "--profile", "baseline"],
    ["check", E, "--today", "2026-13-01"],
    ["check", E, "--today", "2027-06-01", "--lang", "en"],
    ["check", "没有这个文件.yaml"],
    ["check", E, "--tree"],
    ["check", E, "--rulebook", str(KINDS / "规则集-正确.yaml")],
    ["check", E, "--rulebook", str(KINDS / "规则集-错误.yaml"), "--lang", "en"],
    ["check", str(HOSTILE / "duplicate-key.yaml"), str(HOSTILE / "tab-indent.yaml"), str(HOSTILE / "python-tag.yaml")],
    ["check", str(KINDS / "日历-错误.yaml"), str(KINDS / "未知类型.yaml"), "--lang", "en"],
    ["check", str(HOSTILE / "alias-bomb.yaml"), "-f", "json"],
]
# argument lists it hands to typer (help, errors, spellings it does not copy)
TYPER = [
    ["check"],
    ["check", "--help"],
    ["check", E, "-h"],
    ["check", E, "--format", "xml"],
    ["check", E, "--format"],
    ["check", E, "--bogus"],
    ["check", E, "--strict", "--strict"],
    ["check", E, "--lang", "en", "--lang", "zh"],
    ["check", E, "--color=sometimes"],
    ["check", "--", E],
    ["check", E, "-fjson"],
    ["check", E, "--strict=yes"],
    ["check", E, "--today", "--lang"],
    ["check", ""],
]


def test_parser_takes_the_common_spellings_and_hands_the_rest_to_typer():
    for args in FAST:
        assert parse_check(args) is not None, args
    for args in TYPER:
        assert parse_check(args) is None, args


def test_parser_builds_the_options_typer_would():
    options = parse_check(["check", "a.yaml", "--format=json", "-p", "x", "--profile", "y", "--strict", "--today", "2026-01-02",
                           "-o", "out.json", "--color", "never", "--exclude", "旧", "b", "--tree", "--lang", "en-US", "--rulebook", "r.yaml"]).options()
    assert [p.as_posix() for p in options.paths] == ["a.yaml", "b"]
    assert (options.format, options.profiles, options.strict, options.statistics, options.today_text) == ("json", ("x", "y"), True, False, "2026-01-02")
    assert (options.output.as_posix(), options.color, options.excludes, options.tree, options.lang) == ("out.json", "never", ("旧",), True, "en")
    assert [p.as_posix() for p in options.rulebook_files] == ["r.yaml"]


@pytest.mark.parametrize("args", FAST + TYPER, ids=lambda a: " ".join(a[1:])[:60] or "(none)")
def test_fast_path_answers_exactly_as_typer(args):
    fast = run_ideo(*args)
    slow = run_ideo(*args, env={"IDEO_NO_FAST_PATH": "1"})
    assert (fast.code, fast.out, fast.err) == (slow.code, slow.out, slow.err), f"fast:\n{fast}\ntyper:\n{slow}"
    assert "Traceback" not in fast.err


@pytest.mark.parametrize("env", [{"IDEO_LANG": "en"}, {"GITHUB_ACTIONS": "true"}, {"NO_COLOR": "1", "FORCE_COLOR": "1"}])
def test_fast_path_reads_the_environment_as_typer_does(env):
    fast = run_ideo("check", E, "--today", "2025-03-01", env=env)
    slow = run_ideo("check", E, "--today", "2025-03-01", env={**env, "IDEO_NO_FAST_PATH": "1"})
    assert (fast.code, fast.out, fast.err) == (slow.code, slow.out, slow.err)


def test_fast_path_writes_the_same_report_file(tmp_path):
    reports = []
    for name, extra in (("fast", {}), ("typer", {"IDEO_NO_FAST_PATH": "1"})):
        (tmp_path / name).mkdir()
        target = tmp_path / name / "报告.json"
        run = run_ideo("check", E, "--today", "2026-12-01", "-f", "json", "-o", target, env=extra)
        assert run.code == 0 and run.out == "" and run.err == "", run
        reports.append(target.read_bytes())
    assert reports[0] == reports[1] and reports[0].startswith(b"{")


def test_check_on_one_plan_does_not_import_typer_or_rich():
    code = (
        "import os, sys\n"
        "from ideo_cli.entry import main\n"
        f"rc = main(['check', {E!r}, '--today', '2026-12-01'])\n"  # after the example ledger's last record (IDEO715)
        "os.write(2, repr((rc, sorted(m for m in ('typer', 'click', 'rich') if m in sys.modules))).encode())\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=ideo_env(PYTHONPATH=str(REPO)), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "检查了" in proc.stdout, proc  # the plan and the ledger beside it
    assert proc.stderr == "(0, [])"


def _check_in_process(cache: Path, *extra_env: tuple[str, str]) -> tuple[str, str]:
    """stdout of `ideo check` on the example, and whether `holidays` was imported."""
    code = (
        "import os, sys\n"
        "from ideo_cli.entry import main\n"
        f"rc = main(['check', {E!r}, '--today', '2026-12-01', '--lang', 'en'])\n"
        "os.write(2, repr((rc, 'holidays' in sys.modules)).encode())\n"
    )
    shutil.rmtree(cache / "check", ignore_errors=True)  # the holiday cache is under test, not the result cache
    env = ideo_env(PYTHONPATH=str(REPO), IDEO_CACHE_DIR=str(cache), **dict(extra_env))
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    return proc.stdout, proc.stderr


def test_holiday_years_are_computed_once_then_read_from_the_cache(tmp_path):
    cache = tmp_path / "缓存"
    first_out, first = _check_in_process(cache)
    assert first == "(0, True)"  # the plan's check reaches years chinese_calendar does not cover
    files = sorted((cache / "holidays-china").rglob("*.json"))
    assert files, "no holiday year was cached"
    again_out, again = _check_in_process(cache)
    assert again == "(0, False)" and again_out == first_out
    uncached_out, uncached = _check_in_process(tmp_path / "unused", ("IDEO_NO_CACHE", "1"))
    assert uncached == "(0, True)" and uncached_out == first_out
    assert not (tmp_path / "unused").exists()


def test_a_damaged_holiday_cache_is_recomputed_not_believed(tmp_path):
    cache = tmp_path / "cache"
    good_out, _ = _check_in_process(cache)
    for i, path in enumerate(sorted((cache / "holidays-china").rglob("*.json"))):
        path.write_text(['{"year": 1999, "days": []}', "not json", '{"year": 2027, "days": [["2027-02-30", "春节"]]}'][i % 3], encoding="utf-8")
    out, state = _check_in_process(cache)
    assert state == "(0, True)" and out == good_out


def _in_process(args: list[str], cache: Path, cwd: Path = REPO) -> tuple[str, str, str]:
    """(stdout, stderr, "exit code, checker imported?") of `ideo ARGS` in a fresh interpreter."""
    code = (
        "import os, sys\n"
        "from ideo_cli.entry import main\n"
        f"rc = main({args!r})\n"
        "sys.stdout.flush(); sys.stderr.flush()\n"
        "os.write(2, ('|' + repr((rc, 'ideo_cli.rules.engine' in sys.modules))).encode())\n"
    )
    env = ideo_env(PYTHONPATH=str(REPO), IDEO_CACHE_DIR=str(cache))
    proc = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    err, _, state = proc.stderr.rpartition("|")
    return proc.stdout, err, state


def test_an_unchanged_file_is_answered_from_the_result_cache_byte_for_byte(tmp_path):
    plan = tmp_path / "计划.yaml"
    plan.write_text(EXAMPLE.read_text(encoding="utf-8").replace("规则集: [baseline, quarterly-analysis]", "规则集: [baseline, quarterly-analysis, 没有这个]"), encoding="utf-8")
    args = ["check", str(plan), "--lang", "en", "--format", "concise"]
    cold = _in_process(args, tmp_path / "c")
    assert cold[2] == "(2, True)" and "没有这个" in cold[0], cold
    warm = _in_process(args, tmp_path / "c")
    assert warm == (cold[0], cold[1], "(2, False)")
    assert run_ideo(*args, env={"IDEO_NO_CACHE": "1"}).out == cold[0]
    # the file changes: computed again, not served stale
    plan.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    changed = _in_process(args, tmp_path / "c")
    assert changed[2] == "(0, True)" and "没有这个" not in changed[0]
    # another "today", another language: computed again
    assert _in_process([*args, "--today", "2026-03-01"], tmp_path / "c")[2] == "(0, True)"
    assert _in_process(["check", str(plan), "--format", "concise"], tmp_path / "c")[2] == "(0, True)"


def test_what_the_result_cache_never_stores(tmp_path):
    ledger = next((REPO / "plans" / "xiaozhaiba-town" / "台账").glob("*.yaml"))
    # a plan whose unit keeps a 台账 is never stored either: its check reads the ledger and
    # verifies the evidence files' hashes, which the key does not cover
    for args in (["check", str(ledger)], ["check", str(EXAMPLE.parent)], ["check", E], ["check", E, "--tree"], ["check", "没有这个文件.yaml"]):
        _in_process(args, tmp_path / "c")
        assert _in_process(args, tmp_path / "c")[2].endswith("True)"), args
    assert not list((tmp_path / "c").glob("check/*/*.json"))


def test_a_damaged_result_entry_is_recomputed(tmp_path):
    plan = tmp_path / "unit" / "计划.yaml"  # a unit without a 台账: its answer is stored
    plan.parent.mkdir()
    plan.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    args = ["check", str(plan), "-f", "json"]
    good = _in_process(args, tmp_path / "c")
    entries = list((tmp_path / "c").glob("check/*/*.json"))
    assert len(entries) == 1
    for damage in ("{", '{"format": "ideo-check-result-1"}', entries[0].read_text().replace('"exit_code": 0', '"exit_code": "0"')):
        entries[0].write_text(damage, encoding="utf-8")
        assert _in_process(args, tmp_path / "c") == good


def test_shipped_rulebooks_read_through_the_cache_equal_pyyaml(tmp_path, monkeypatch):
    import json

    import yaml

    from ideo_cli.rules import rulebook

    monkeypatch.setenv("IDEO_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("IDEO_NO_CACHE", raising=False)
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "ideo_cli" / "data" / "rulebooks").glob("*.yaml"))]
    assert len(texts) >= 2
    expected = [yaml.load(text, Loader=yaml.CSafeLoader) for text in texts]
    assert [rulebook._parsed(text) for text in texts] == expected  # computed, stored
    stored = sorted((tmp_path / "rulebook-yaml").rglob("*.json"))
    assert len(stored) == len(texts)
    assert [rulebook._parsed(text) for text in texts] == expected  # read back
    for path in stored:  # damaged or foreign entries are not believed
        path.write_text(json.dumps({"key": "another", "data": {"profile": "假的"}}), encoding="utf-8")
    assert [rulebook._parsed(text) for text in texts] == expected
    # data JSON cannot carry unchanged (a date) is parsed every time, never stored
    dated = "profile: x\nsince: 2026-01-01\n"
    assert rulebook._parsed(dated) == yaml.safe_load(dated)
    assert len(sorted((tmp_path / "rulebook-yaml").rglob("*.json"))) == len(texts)
