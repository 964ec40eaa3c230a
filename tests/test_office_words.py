"""Chinese output in Chinese words: help pages without typer's type names or its English
"Show this message and exit.", calendar sources named as the State Council notice, the
roll-up without the internal word "custom"."""
from __future__ import annotations

import re

import pytest
from helpers import REPO, run_ideo

COMMANDS = ["check", "todo", "ics", "ledger", "record", "rollup", "status", "html", "score", "init", "schema", "rule", "rules"]


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_has_no_type_placeholders_nor_english_only_lines(command):
    run = run_ideo(*([command] if command else []), "--help", env={"COLUMNS": "120"})
    assert run.code == 0, run
    assert "<bool>" not in run.out and "list[" not in run.out, run
    assert "Show this message and exit" not in run.out, run
    assert "显示本帮助并退出" in run.out, run


def test_paths_argument_reads_as_paths():
    run = run_ideo("rollup", "--help", env={"COLUMNS": "120"})
    assert re.search(r"paths\.\.\.\s+<path>\.\.\.", run.out), run


def test_calendar_source_is_named_in_chinese():
    run = run_ideo("todo", REPO / "plans" / "town-branch", "--year", "2026")
    assert run.code == 0, run
    last = run.out.splitlines()[-1]
    assert last == "日历来源：2026 年：国务院办公厅节假日安排（chinese-calendar 1.11.0）", last
    assert run.out.startswith("XX村党支部 2026 年意识形态工作待办")
    english = run_ideo("todo", REPO / "plans" / "town-branch", "--year", "2026", "--lang", "en")
    assert english.out.splitlines()[-1] == "Calendar: 2026: State Council holiday notice (chinese-calendar 1.11.0)", english


def test_make_demo_ends_in_chinese():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    [line] = [line for line in makefile.splitlines() if line.strip().startswith("@echo")]
    said = line.split('"', 1)[1].rsplit('"', 1)[0]
    # paths, options and the commands to type stay as typed; every other word is Chinese
    words = [w for w in re.split(r"[\s，。：（）]+", said) if w and not re.search(r"[/.$-]", w) and w not in ("source", "ideo")]
    assert words and not [w for w in words if re.search(r"[A-Za-z]", w)], words
    assert ".venv/bin/ideo" in said and "source .venv/bin/activate" in said  # how to run ideo afterwards


def test_readme_first_screen_says_how_to_run_ideo_after_make_demo():
    first_screen = "\n".join((REPO / "README.md").read_text(encoding="utf-8").splitlines()[:30])
    assert "make demo" in first_screen
    assert ".venv/bin/ideo" in first_screen and "source .venv/bin/activate" in first_screen


def test_packaging_metadata_raises_no_setuptools_deprecation():
    """`make demo` installs quietly: the licence is an SPDX string (a TOML table is deprecated
    by setuptools ≥ 77) and the editable-install notice setuptools prints as a warning is
    silenced in the Makefile's pip lines."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    assert any(r.replace(" ", "").startswith("setuptools>=77") for r in project["build-system"]["requires"])
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line and " -e " in line]
    assert installs and all(line.strip().startswith("$(QUIET_PIP)") for line in installs), installs
