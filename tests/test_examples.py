"""Example-driven tests, in the style of check-jsonschema's example suite.

Two folders drive them; adding a file adds a test:

* ``plans/*.yaml``: complete example plans.  Each must pass ``ideo check`` with no
  finding at all (a finding may only be silenced by a valid waiver), start with the
  ``$schema`` modeline, name its source document, and validate against
  ``schema/ideo-plan.schema.json``.
* ``ideo_cli/rulebooks/examples/<CODE>/``: for every rule code in the rulebooks and
  every input-error code (``INPUT_CODES``), ``fail.yaml`` (and any ``fail-*.yaml``)
  must produce CODE and ``pass.yaml`` must not.  ``ideo rule CODE`` shows them.

Most checks run in-process (one ``check_files`` call for all examples); a handful go
through the real CLI (``python -m ideo_cli``) to pin exit codes and the JSON report.
The date is fixed with ``--today`` so that waiver expiry does not depend on the clock.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from ideo_cli.app.check import CheckOptions, check_files
from ideo_cli.app.explain import explain_rule
from ideo_cli.diagnostics import Severity
from ideo_cli.documents.errors import INPUT_CODES
from ideo_cli.documents.read import MAX_BYTES

REPO = Path(__file__).resolve().parents[1]
PLANS_DIR = REPO / "plans"
RULEBOOKS = REPO / "ideo_cli" / "data" / "rulebooks"
EXAMPLES = RULEBOOKS / "examples"
SCHEMA_FILE = REPO / "schema" / "ideo-plan.schema.json"
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/ideo-plan.schema.json"
TODAY = dt.date(2026, 11, 22)
TODAY_ARG = ["--today", TODAY.isoformat()]

PLANS = sorted(PLANS_DIR.glob("*/计划.yaml"))
LEDGERS = sorted(PLANS_DIR.glob("*/台账/*.yaml"))  # checked with their plans (IDEO7xx)


def _rulebook_codes() -> list[str]:
    codes: set[str] = set()
    for path in sorted(RULEBOOKS.glob("*.yaml")):
        if path.name == "documents.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        codes.update(rule["code"] for rule in data.get("rules") or [])
    return sorted(codes)


RULE_CODES = _rulebook_codes()
INPUT = sorted(INPUT_CODES)
ALL_CODES = sorted(set(RULE_CODES) | set(INPUT))

# Codes no single file can show: an unreadable path (IDEO001) and a file over 2 MB
# (IDEO003).  Their folders hold only pass.yaml; test_unrepresentable_input_codes
# builds the failing input at run time instead.
NO_FAIL_FILE = {"IDEO001", "IDEO003", "IDEO902"}  # IDEO902 needs the superior's plan too: tests/test_tree_checks.py
# A failing example may show a second code when that is the point of the example:
# an incomplete, expired or misspelled waiver waives nothing, so the finding it
# meant to waive (IDEO209, no training) is reported as well.
COMPANIONS = {"IDEO601": {"IDEO209"}, "IDEO602": {"IDEO209"}, "IDEO603": {"IDEO209"}}
# Read as GB18030, not UTF-8 (that is what IDEO002 is about).
ENCODINGS = {"IDEO002": "gb18030"}
# Examples re-run through the real command line.
CLI_SAMPLE = ["IDEO002", "IDEO004", "IDEO008", "IDEO013", "IDEO101", "IDEO201", "IDEO305", "IDEO602", "IDEO806"]


def _fail_files(code: str) -> list[Path]:
    folder = EXAMPLES / code
    return sorted(folder.glob("fail.yaml")) + sorted(folder.glob("fail-*.yaml"))


FAIL_CASES = [pytest.param(code, path, id=f"{code}/{path.name}") for code in ALL_CODES for path in _fail_files(code)]
PASS_CASES = [pytest.param(code, EXAMPLES / code / "pass.yaml", id=f"{code}/pass.yaml") for code in ALL_CODES if (EXAMPLES / code / "pass.yaml").is_file()]


# The example ledgers under plans/ hold work up to the end of November 2026: checked as
# of an earlier day, those records would be dated after the check (IDEO715).
PLANS_TODAY_ARG = ["--today", "2026-12-01"]


def _run_cli(*args: str, today: list[str] = TODAY_ARG) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ideo_cli", "check", *today, "--format", "json", "--color", "never", *args],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )


def _check(paths: list[Path]):
    files = [(p, p.as_posix()) for p in paths]
    results, _ = check_files(files, CheckOptions(paths=list(paths), lang="zh", today=TODAY))
    return {Path(r.file): r for r in results}


def _show(result) -> str:
    return "\n".join(f"  {d.code} {d.severity.value} {d.file}:{d.line}:{d.col} {d.path} {d.message}" for d in result.diagnostics) or "  (none)"


@pytest.fixture(scope="module")
def example_results():
    """One in-process run over every example file."""
    return _check(sorted(EXAMPLES.glob("*/*.yaml")))


# ── plans/ ────────────────────────────────────────────────────────────────

@pytest.fixture(scope="module")
def plans_report():
    """`ideo check plans/` through the real CLI, once."""
    proc = _run_cli("plans", today=PLANS_TODAY_ARG)
    assert proc.stdout, proc.stderr
    return proc, json.loads(proc.stdout)


def test_there_are_example_plans():
    assert len(PLANS) >= 6, [p.name for p in PLANS]


def test_plans_directory_passes(plans_report):
    proc, report = plans_report
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert report["summary"]["files"] == len(PLANS) + len(LEDGERS)


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.parent.name)
def test_plan_has_no_findings(plan, plans_report):
    _, report = plans_report
    entry = next((f for f in report["files"] if Path(f["file"]).name == plan.name), None)
    assert entry is not None, f"{plan.name} missing from the report"
    found = [f"{d['code']} {d['severity']} line {d['line']}: {d['message']}" for d in entry["diagnostics"]]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.parent.name)
def test_plan_starts_with_schema_modeline_and_source(plan):
    lines = plan.read_text(encoding="utf-8").splitlines()
    assert lines[0] == SCHEMA_LINE
    assert (plan.parent / SCHEMA_LINE.split("$schema=", 1)[1]).resolve() == SCHEMA_FILE.resolve()
    header = "\n".join(line for line in lines[1:8] if line.startswith("#"))
    assert re.search(r"\b00[0-4]\b", header), f"{plan.name}: the opening comment should name its source document (000…004)"


def _jsonable(value):
    """PyYAML gives dates; JSON (and so the schema) has strings."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def schema_validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.parent.name)
def test_plan_validates_against_json_schema(plan, schema_validator):
    data = _jsonable(yaml.safe_load(plan.read_text(encoding="utf-8")))
    errors = sorted(schema_validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


def test_plans_use_both_key_languages():
    english = [p.name for p in PLANS if re.search(r"^organisation:", p.read_text(encoding="utf-8"), re.M)]
    chinese = [p.name for p in PLANS if re.search(r"^组织:", p.read_text(encoding="utf-8"), re.M)]
    assert len(english) >= 2 and len(chinese) >= 2, (english, chinese)


# ── rule examples: presence ──────────────────────────────────────────────

def test_every_rule_has_an_example_folder():
    missing = [code for code in ALL_CODES if not (EXAMPLES / code).is_dir()]
    assert not missing, f"no ideo_cli/rulebooks/examples/<CODE>/ for: {', '.join(missing)}"


def test_no_example_folder_without_a_rule():
    stray = sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir() and p.name not in ALL_CODES)
    assert not stray, f"example folders for unknown codes: {stray}"


@pytest.mark.parametrize("code", ALL_CODES)
def test_example_files_exist(code):
    folder = EXAMPLES / code
    assert (folder / "pass.yaml").is_file(), f"{code}: no pass.yaml"
    if code in NO_FAIL_FILE:
        assert not _fail_files(code), f"{code} is tested at run time; a fail.yaml here would be misleading"
    else:
        assert (folder / "fail.yaml").is_file(), f"{code}: no fail.yaml"
    # IDEO700 also holds the plan every ledger example (IDEO7xx) is checked against
    unit_plan = {"计划.yaml"} if code == "IDEO700" else set()
    assert {p.name for p in folder.iterdir()} <= {"pass.yaml", "fail.yaml"} | unit_plan | {p.name for p in _fail_files(code)}


# ── rule examples: behaviour (in-process) ────────────────────────────────

@pytest.mark.parametrize(("code", "path"), FAIL_CASES)
def test_fail_example_yields_its_code(code, path, example_results):
    result = example_results[path]
    codes = [d.code for d in result.diagnostics]
    assert code in codes, f"{path.relative_to(REPO)} should produce {code}; got\n{_show(result)}"


@pytest.mark.parametrize(("code", "path"), FAIL_CASES)
def test_fail_example_is_focused(code, path, example_results):
    """Nothing but CODE (and its documented companions) fires; a rule example is otherwise a clean plan."""
    result = example_results[path]
    others = {d.code for d in result.diagnostics} - {code} - COMPANIONS.get(code, set())
    assert not others, f"{path.relative_to(REPO)} also produces {sorted(others)}:\n{_show(result)}"
    if code not in INPUT_CODES:
        fatal = [d for d in result.diagnostics if d.severity is Severity.FATAL]
        assert not fatal, f"{path.relative_to(REPO)} cannot be read as a plan:\n{_show(result)}"


@pytest.mark.parametrize(("code", "path"), PASS_CASES)
def test_pass_example_does_not_yield_its_code(code, path, example_results):
    result = example_results[path]
    assert code not in [d.code for d in result.diagnostics], _show(result)


@pytest.mark.parametrize(("code", "path"), PASS_CASES)
def test_pass_example_is_clean(code, path, example_results):
    """pass.yaml is a complete plan with no finding, so it cannot pass by failing to load."""
    result = example_results[path]
    assert result.diagnostics == [], f"{path.relative_to(REPO)}:\n{_show(result)}"


@pytest.mark.parametrize(("code", "path"), FAIL_CASES)
def test_fail_example_marks_the_mistake(code, path):
    text = path.read_bytes().decode(ENCODINGS.get(code, "utf-8"))
    assert re.search(r"#.*错误", text), f"{path.relative_to(REPO)}: add a “# 错误：…” comment at the offending spot"


@pytest.mark.parametrize(("code", "path"), PASS_CASES)
def test_pass_example_uses_chinese_keys(code, path):
    def keys(node):
        if isinstance(node, dict):
            for key, value in node.items():
                yield key
                yield from keys(value)
        elif isinstance(node, list):
            for item in node:
                yield from keys(item)

    ascii_keys = sorted({k for k in keys(yaml.safe_load(path.read_text(encoding="utf-8"))) if str(k).isascii()})
    assert not ascii_keys, f"{path.relative_to(REPO)} uses English keys {ascii_keys}"


def test_gbk_example_is_really_gbk():
    data = (EXAMPLES / "IDEO002" / "fail.yaml").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "格式版本" in data.decode("gb18030")


def test_unrepresentable_input_codes(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    results = _check([tmp_path, tmp_path / "missing.yaml", big])
    assert [d.code for d in results[tmp_path].diagnostics] == ["IDEO001"]
    assert [d.code for d in results[tmp_path / "missing.yaml"].diagnostics] == ["IDEO001"]
    assert [d.code for d in results[big].diagnostics] == ["IDEO003"]


# ── rule examples: through the real CLI ──────────────────────────────────

@pytest.mark.parametrize("code", CLI_SAMPLE)
def test_cli_on_examples(code):
    fail = EXAMPLES / code / "fail.yaml"
    passing = EXAMPLES / code / "pass.yaml"
    proc = _run_cli(str(fail.relative_to(REPO)), str(passing.relative_to(REPO)))
    report = json.loads(proc.stdout)
    failed, passed = report["files"]
    assert code in [d["code"] for d in failed["diagnostics"]]
    assert passed["diagnostics"] == []
    worst = max(Severity(d["severity"]).rank for d in failed["diagnostics"])
    expected = 2 if worst >= Severity.FATAL.rank else 1 if worst >= Severity.ERROR.rank else 0
    assert proc.returncode == expected, proc.stdout + proc.stderr


@pytest.mark.parametrize("code", [c for c in ALL_CODES if c not in NO_FAIL_FILE])
def test_rule_explanation_shows_the_example(code):
    text = explain_rule(code, "zh")
    assert f"examples/{code}/fail.yaml" in text
    assert re.search(rf"^\s+{code} \[", text, re.M), f"`ideo rule {code}` does not show the failing example's finding:\n{text}"
    assert f"examples/{code}/pass.yaml" in text


# ── starter templates (`ideo init`) ──────────────────────────────────────

ORG_TYPES = ["党委", "党组", "党工委", "党总支", "党支部"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("org_type", ORG_TYPES)
def test_starter_plan_passes(org_type, lang, tmp_path):
    from ideo_cli.app.init import starter_plan

    path = tmp_path / f"starter-{lang}.yaml"
    text = starter_plan(org_type, lang)
    path.write_text(text, encoding="utf-8")
    # as written, only its placeholders are found (IDEO108): the id, the name, the four people
    result = _check([path])[path]
    assert sorted(d.code for d in result.diagnostics) == ["IDEO108"] * 6, _show(result)
    # with the unit's own id and names it passes clean
    path.write_text(text.replace("my-unit", "test-unit").replace("XX", "测试" if lang == "zh" else "Test"), encoding="utf-8")
    result = _check([path])[path]
    assert result.diagnostics == [], _show(result)


def test_english_starter_has_english_comments():
    """starter.en.yaml: English keys, values and comments; only the list of the types' Chinese spellings stays."""
    text = (REPO / "ideo_cli" / "data" / "templates" / "starter.en.yaml").read_text(encoding="utf-8")
    chinese = [line for line in text.splitlines() if re.search(r"[\u4e00-\u9fff]", line) and "党委 / 党组" not in line]
    assert not chinese, "\n".join(chinese)
    zh = (REPO / "ideo_cli" / "data" / "templates" / "starter.zh.yaml").read_text(encoding="utf-8")
    assert len(text.splitlines()) == len(zh.splitlines())
