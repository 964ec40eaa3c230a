"""The commands that read ledgers, rubrics and unit trees, fuzzed like test_fuzz.py.

ledger, record, status, rollup, html, score and check --tree, every output
format, with mutated unit folders (plan, ledger, evidence side by side) or the
whole mutated example workspace, and odd arguments: evidence paths that leave
the unit, absolute paths, symlinks out of it, odd dates and what-ifs.
"""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.harness import Link
from tests.fuzz.strategies import ODD_DATE, ODD_TEXT, ODD_YEAR, mutated_file
from tests.fuzz.test_fuzz import _run
from tests.fuzz.units import unit_folder, workspace

LANGS = st.sampled_from(["zh", "en"])
LEDGER_YEAR = st.one_of(st.just("2026"), ODD_YEAR)


@given(files=unit_folder(), fmt=st.sampled_from(["table", "markdown", "json", "xlsx"]), year=LEDGER_YEAR, lang=LANGS,
       today=st.one_of(st.none(), ODD_DATE), to_file=st.booleans(), pack=st.booleans())
def test_fuzz_ledger(files, fmt, year, lang, today, to_file, pack):
    args = ["ledger", "unit/", "--year", year, "--format", fmt, "--lang", lang]
    if today is not None:
        args += ["--today", today]
    if fmt == "xlsx" or to_file:
        args += ["-o", f"out/ledger.{ {'table': 'txt', 'markdown': 'md'}.get(fmt, fmt) }"]
    if pack:
        args += ["--pack", "out/pack.zip"]
    _run(files, args)


EVIDENCE = st.sampled_from([
    "new.txt", "会议记录=new.txt", "../outside.txt", "sub/../../outside.txt", "ABS", "link-out.txt", "link-dir/x.txt",
    "missing.txt", "=new.txt", "类型=", "", "new.txt", "佐证/2026/new.txt", ".", "unit", "\u202enew.txt",
])
FIELDS = st.sampled_from([
    "地点=会议室", "参加人员=a,b", "参加人员=", "=x", "x", "形式=会议", "a[b]=1", "地点=[bold red]红[/]", "内容==1+2",
    "主持人=None", "时间=9999-12-31", "缺席=liuzq", "记录人=<script>alert(1)</script>",
])


@given(files=unit_folder(), obligation=st.one_of(st.sampled_from(["annual-plan", "member-checks", "situation-analysis", "topic-study", "training"]), ODD_TEXT),
       period=st.sampled_from(["2026", "2026H1", "2026H2", "2026Q1", "2026-05", "2026W20", "9999", "2026H3", "", "abc"]),
       on=st.one_of(st.none(), st.sampled_from(["2026-05-20", "2026-05-20 09:30", "2026-05-20 25:00", "9999-12-31", "0001-01-01", "2026-02-30", "x"])),
       evidence=st.lists(EVIDENCE, max_size=3), fields=st.lists(FIELDS, max_size=3),
       mode=st.sampled_from(["obligation", "obligation", "obligation", "event", "rectification", "accountability"]), lang=LANGS)
def test_fuzz_record(files, obligation, period, on, evidence, fields, mode, lang):
    obligation = obligation.replace("\x00", "")  # a NUL cannot reach argv from a shell
    files = {**files, "unit/new.txt": "会议记录（示意）\n".encode(), "../outside.txt": b"outside\n",
             "unit/link-out.txt": Link("../../outside.txt"), "unit/link-dir": Link("../..")}
    args = ["record", "unit/计划.yaml"]
    if mode == "obligation":
        args += [obligation, period]
    elif mode == "event":
        args += ["--event", obligation]
    elif mode == "rectification":
        args += ["--rectification", obligation]
    else:
        args += ["--accountability"]
    if on is not None:
        args += ["--on", on]
    for item in evidence:
        args += ["--evidence", item]
    for item in fields:
        args += ["--field", item]
    args += ["--lang", lang]
    _run(files, args, absolute_marker="ABS")


@given(files=st.one_of(unit_folder(), workspace()), fmt=st.sampled_from(["table", "json"]), year=LEDGER_YEAR, lang=LANGS,
       as_of=st.one_of(st.none(), ODD_DATE), to=st.sampled_from([None, "out/status.json", "out/"]))
def test_fuzz_status(files, fmt, year, lang, as_of, to):
    root = "ws/" if "ws/town-branch/计划.yaml" in files else "unit/"
    args = ["status", root, "--year", year, "--format", fmt, "--lang", lang]
    if as_of is not None:
        args += ["--as-of", as_of]
    if to:
        args += ["-o", to]
    _run(files, args)


ROOTS = st.sampled_from([None, "xiaozhaiba", "xx-town-village-branch", "nope", "", "../x", "[/]"])


@given(files=workspace(), fmt=st.sampled_from(["table", "csv", "json", "xlsx", "html"]), year=LEDGER_YEAR, lang=LANGS,
       as_of=st.one_of(st.none(), ODD_DATE), root=ROOTS, to_file=st.booleans())
def test_fuzz_rollup(files, fmt, year, lang, as_of, root, to_file):
    args = ["rollup", "ws/", "--year", year, "--format", fmt, "--lang", lang]
    if as_of is not None:
        args += ["--as-of", as_of]
    if root is not None:
        args += ["--root", root]
    if fmt == "xlsx" or to_file:
        args += ["-o", f"out/rollup.{ {'table': 'txt'}.get(fmt, fmt) }"]
    _run(files, args)


@given(files=workspace(), year=LEDGER_YEAR, lang=LANGS, as_of=st.one_of(st.none(), ODD_DATE), root=ROOTS,
       out=st.sampled_from(["site", "out/site", "ws", ".", "ws/town-branch/计划.yaml"]))
def test_fuzz_html(files, year, lang, as_of, root, out):
    args = ["html", "ws/", "--year", year, "-o", out, "--lang", lang]
    if as_of is not None:
        args += ["--as-of", as_of]
    if root is not None:
        args += ["--root", root]
    _run(files, args)


ASSUME = st.sampled_from([
    "annual-plan:2026=done", "member-checks:2026H1=done", "x:y=done", "annual-plan:2026=maybe", "annual-plan", ":=", "=done",
    "annual-plan:9999=done", "a[b]:2026=done", "annual-plan:2026=", "None:None=None",
])


@given(files=unit_folder(), rubric=st.one_of(st.just(None), mutated_file("rubric")), fmt=st.sampled_from(["table", "json", "xlsx", "html"]),
       year=LEDGER_YEAR, lang=LANGS, as_of=st.one_of(st.none(), ODD_DATE), assume=st.lists(ASSUME, max_size=3), to_file=st.booleans())
def test_fuzz_score(files, rubric, fmt, year, lang, as_of, assume, to_file):
    args = ["score", "unit/", "--year", year, "--format", fmt, "--lang", lang]
    if rubric is None:
        args += ["--rubric", "sample"]
    else:
        files = {**files, "rubric.yaml": rubric[1]}
        args += ["--rubric", "rubric.yaml"]
    if as_of is not None:
        args += ["--as-of", as_of]
    for item in assume:
        args += ["--assume", item]
    if fmt in ("xlsx", "html") or to_file:
        args += ["-o", f"out/score.{ {'table': 'txt'}.get(fmt, fmt) }"]
    _run(files, args)


@given(files=workspace(), fmt=st.sampled_from(["text", "json", "sarif"]), lang=LANGS, today=st.one_of(st.none(), ODD_DATE))
def test_fuzz_check_tree(files, fmt, lang, today):
    args = ["check", "ws/", "--tree", "--format", fmt, "--lang", lang]
    if today is not None:
        args += ["--today", today]
    _run(files, args)


# never a real device such as /dev/null: run as root, a rename over it would replace the device
INPUT_TARGETS = st.sampled_from(["unit/计划.yaml", "unit/台账/2026.yaml", "unit/佐证/2026/new.txt", "unit/", "fifo"])


@given(files=unit_folder(), command=st.sampled_from(["check", "todo", "schema", "ledger", "status", "score", "rollup", "ics", "doc"]), target=INPUT_TARGETS)
def test_fuzz_output_onto_inputs(files, command, target):
    """-o onto an input file, the unit folder, a device or a FIFO: refused, the input untouched."""
    args = {
        "check": ["check", "unit/计划.yaml"],
        "todo": ["todo", "unit/", "--year", "2026", "--format", "csv"],
        "schema": ["schema"],
        "ledger": ["ledger", "unit/", "--year", "2026", "--format", "json"],
        "status": ["status", "unit/", "--year", "2026", "--format", "json"],
        "score": ["score", "unit/", "--year", "2026", "--rubric", "sample", "--format", "json"],
        "rollup": ["rollup", "unit/", "--year", "2026", "--format", "json"],
        "ics": ["ics", "unit/", "--year", "2026"],
        "doc": ["doc", "report", "unit/", "--year", "2026", "--period", "2026H1"],
    }[command]
    _run(files, [*args, "-o", target], fifo="fifo")
