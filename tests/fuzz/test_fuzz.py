"""Generated and mutated files of every kind, odd arguments, every command and format.

Each test draws a case (files + command line), runs it in-process through the
real entry point (tests/fuzz/harness.py) and fails with the case's problems if
any property is broken; hypothesis then shrinks it to a minimal example.
A small sample also runs through real subprocesses.
"""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
import types
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.harness import run_case
from tests.fuzz.strategies import ODD_DATE, ODD_LANG, ODD_YEAR, SEEDS, mutated_file

# one tally per process: pytest may import this file under two names (``fuzz.test_fuzz``
# as a test module, ``tests.fuzz.test_fuzz`` from test_fuzz_commands), so the counter
# lives in sys.modules rather than in a module global that could exist twice
CASES = sys.modules.setdefault("ideo_fuzz_tally", types.ModuleType("ideo_fuzz_tally")).__dict__.setdefault("counts", {"n": 0, "failures": 0})
CHECK_FORMATS = ["text", "concise", "json", "github", "sarif", "junit"]
TODO_FORMATS = ["table", "markdown", "csv", "json", "xlsx"]
REPO = Path(__file__).resolve().parents[2]


def _run(files: dict[str, bytes], args: list[str], absolute_marker: str | None = None, fifo: str | None = None):
    """One case in a fresh folder ``w`` inside a temporary one (the rest of the disk).

    ``absolute_marker`` in ``args`` becomes the absolute path of a file outside
    the case; ``fifo`` names a FIFO made in the case folder, held open for
    reading so that a writer would not block.
    """
    CASES["n"] += 1
    # the tally per harness test (the file kind it mutates) and per command, for the closing note
    test = os.environ.get("PYTEST_CURRENT_TEST", "?").split("::")[-1].split("[")[0].split(" ")[0]
    key = f"{test} · {args[0] if args else '-'}"
    per = CASES.setdefault("per", {})
    per.setdefault(key, [0, 0])[0] += 1
    with tempfile.TemporaryDirectory(prefix="ideo-fuzz-") as tmp:
        workdir = Path(tmp) / "w"
        if absolute_marker:
            args = [str(Path(tmp) / "outside.txt") if a == absolute_marker else a for a in args]
        reader = None
        if fifo:
            (workdir / fifo).parent.mkdir(parents=True, exist_ok=True)
            os.mkfifo(workdir / fifo)
            reader = os.open(workdir / fifo, os.O_RDONLY | os.O_NONBLOCK)
        try:
            outcome = run_case(files, args, workdir)
        finally:
            if reader is not None:
                os.close(reader)
        changed_inputs = sorted(p.relative_to(workdir).as_posix() for p in outcome.written if p.relative_to(workdir).as_posix() in files)
        if changed_inputs and args[0] != "record":
            outcome.problems.append(f"changed input file(s) {changed_inputs[:3]}")
        if fifo and (workdir / fifo).exists() and not stat.S_ISFIFO((workdir / fifo).lstat().st_mode):
            outcome.problems.append("replaced a FIFO by a regular file")
    if outcome.problems:
        CASES["failures"] += 1
        per[key][1] += 1
        detail = f"args={args}\nexit={outcome.code}\nstdout={outcome.out[-1500:]}\nstderr={outcome.err[-1500:]}"
        pytest.fail("; ".join(outcome.problems) + "\n" + detail, pytrace=False)
    return outcome


@st.composite
def unit_files(draw, with_ledger: bool = True):
    """A unit folder: a (mutated) plan, sometimes a (mutated) ledger beside it."""
    files = {"unit/计划.yaml": draw(mutated_file("plan"))[1]}
    if with_ledger and SEEDS["ledger"] and draw(st.booleans()):
        files["unit/台账/2026.yaml"] = draw(mutated_file("ledger"))[1]
    return files


@given(files=unit_files(), fmt=st.sampled_from(CHECK_FORMATS), lang=ODD_LANG, to_file=st.booleans(), today=st.one_of(st.none(), ODD_DATE))
def test_fuzz_check_plans(files, fmt, lang, to_file, today):
    args = ["check", "unit/", "--format", fmt]
    if lang:
        args += ["--lang", lang]
    if to_file:
        args += ["-o", "out-report.txt"]
    if today is not None:
        args += ["--today", today]
    _run(files, args)


@given(kind=st.sampled_from([k for k in ("calendar", "rulebook", "ledger", "rubric") if SEEDS[k]]), data=st.data(), fmt=st.sampled_from(CHECK_FORMATS), lang=st.sampled_from(["zh", "en"]))
def test_fuzz_check_other_kinds(kind, data, fmt, lang):
    name, content = data.draw(mutated_file(kind))
    _run({f"in/{name}": content}, ["check", f"in/{name}", "--format", fmt, "--lang", lang])


@given(files=unit_files(), book=mutated_file("rulebook"), lang=st.sampled_from(["zh", "en"]))
def test_fuzz_user_rulebook(files, book, lang):
    _run({**files, "county.yaml": book[1]}, ["check", "unit/计划.yaml", "--rulebook", "county.yaml", "--lang", lang])


@given(files=unit_files(), fmt=st.sampled_from(TODO_FORMATS), year=ODD_YEAR, lang=ODD_LANG, month=st.one_of(st.none(), st.sampled_from(["1", "6", "12", "0", "13"])), to_file=st.booleans())
def test_fuzz_todo(files, fmt, year, lang, month, to_file):
    args = ["todo", "unit/", "--year", year, "--format", fmt]
    if lang:
        args += ["--lang", lang]
    if month:
        args += ["--month", month]
    if fmt == "xlsx" or to_file:
        args += ["-o", f"out/todo.{ {'table': 'txt', 'markdown': 'md'}.get(fmt, fmt) }"]
    _run(files, args)


@given(files=unit_files(), year=ODD_YEAR, per_person=st.booleans(), feed=st.booleans(), lang=st.sampled_from(["zh", "en"]), calendar=st.one_of(st.none(), mutated_file("calendar")))
def test_fuzz_ics(files, year, per_person, feed, lang, calendar):
    args = ["ics", "unit/", "--year", year, "-o", "out/cal", "--lang", lang]
    if per_person:
        args.append("--per-person")
    if feed:
        args += ["--profile", "feed"]
    if calendar is not None:
        files = {**files, "cal.yaml": calendar[1]}
        args += ["--calendar", "cal.yaml"]
    _run(files, args)


ODD_ARG = st.sampled_from(["", "-", "--", "IDEO201", "ideo201", "IDEO999", "X" * 300, "党支部", "党委", "party-branch", "plan", "calendar", "rulebook", "ledger", "rubric", "nope", "\x00", "../etc/passwd", "--help", "-h"])


@given(command=st.sampled_from(["rule", "rules", "schema", "init"]), arg=ODD_ARG, lang=st.sampled_from(["zh", "en"]))
def test_fuzz_odd_arguments(command, arg, lang):
    if "\x00" in arg:
        arg = arg.replace("\x00", "")  # a NUL cannot reach argv from a shell
    args = {
        "rule": ["rule", arg, "--lang", lang],
        "rules": ["rules", "--profile", arg, "--lang", lang] if arg else ["rules", "--format", "json"],
        "schema": ["schema", "--kind", arg],
        "init": ["init", "--type", arg, "--lang", lang],
    }[command]
    _run({}, args)


@pytest.mark.parametrize("args", [
    ["check", "plans/", "--format", "sarif"],
    ["todo", "plans/", "--year", "2026", "--format", "json"],
    ["check", "tests/fixtures/hostile/", "--format", "json"],
])
def test_fuzz_sample_through_real_subprocess(args):
    """The in-process runs stand for real ones: a sample through the console entry point."""
    proc = subprocess.run([sys.executable, "-m", "ideo_cli", *args], cwd=REPO, capture_output=True, timeout=120)
    assert proc.returncode in (0, 1, 2), proc
    text = (proc.stdout + proc.stderr).decode("utf-8")
    assert "Traceback" not in text and "内部错误" not in text
