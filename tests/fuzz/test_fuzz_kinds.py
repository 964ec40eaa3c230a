"""The file kinds issue 18 found broken, fuzzed: status summaries, hostile evidence
paths and 计划: keys in ledgers, unit trees (cycles, duplicates, deep chains, wide
forests, hostile names) and the year/date arguments of every command.

Same properties as every fuzz case (tests/fuzz/harness.py), including the audit
hook: no file outside the case is opened.
"""
from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.harness import Link
from tests.fuzz.strategies import ODD_DATE, ODD_TEXT, ODD_YEAR, REPO
from tests.fuzz.test_fuzz import _run
from tests.fuzz.units import unit_folder

LANGS = st.sampled_from(["zh", "en"])
SUMMARY = json.loads((REPO / "tests" / "fixtures" / "tree" / "workspace" / "branches" / "village.status.json").read_text(encoding="utf-8"))
HOSTILE_TEXT = st.one_of(ODD_TEXT, st.sampled_from([
    "=1+1", "@SUM(1,1)", "<script>alert(1)</script>", "\u202eabc", "a\x00b", "长" * 5000, "", " ", "None", "{year}", "%s", "../..",
]))
WRONG_JSON = st.one_of(
    HOSTILE_TEXT, st.integers(min_value=-(10 ** 40), max_value=10 ** 40), st.floats(allow_nan=False), st.booleans(), st.none(),
    st.lists(st.integers(), max_size=3), st.just({"a": 1}), st.sampled_from(["2027/01/01", "2027-02-30", "9999-12-31", "0001-01-01"]),
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node[:3]):
            yield from _paths(value, prefix + (i,))


SUMMARY_PATHS = [p for p in _paths(SUMMARY) if p]


@st.composite
def summary_text(draw) -> bytes:
    """A real v2 summary with one field changed, removed or nested deep; or its bytes cut or broken."""
    data = json.loads(json.dumps(SUMMARY))
    how = draw(st.sampled_from(["set", "set", "delete", "deep", "bytes", "many", "as-is"]))
    if how in ("set", "delete", "deep"):
        path = draw(st.sampled_from(SUMMARY_PATHS))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if how == "delete":
            if isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent.pop(path[-1])
        else:
            parent[path[-1]] = draw(WRONG_JSON) if how == "set" else json.loads("[" * 120 + "]" * 120)
    if how == "many":
        data = [data] * draw(st.integers(0, 5))
    text = json.dumps(data, ensure_ascii=draw(st.booleans())).encode("utf-8")
    if how == "bytes":
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from([b"", b"\x00", b"\xff", b"}", b",", b"[" * 300]))
    return text


@given(summary=summary_text(), command=st.sampled_from(["rollup", "status", "html"]), fmt=st.sampled_from(["table", "json", "csv"]), lang=LANGS)
def test_fuzz_summaries(summary, command, fmt, lang):
    files = {"ws/a.status.json": json.dumps(SUMMARY | {"unit": SUMMARY["unit"] | {"id": "other", "superior_id": None}}).encode("utf-8"),
             "ws/b.status.json": summary}
    args = [command, "ws", "--year", "2027", "--as-of", "2027-07-15", "--lang", lang]
    if command == "html":
        args += ["-o", "site"]
    elif command == "rollup":
        args += ["--format", fmt]
    _run(files, args)


EVIDENCE_PATHS = st.sampled_from([
    '"佐证/a\\0b.txt"', "佐证/" + "长" * 200 + ".txt", "佐证/loop-a", "佐证/link-out", "/etc/passwd", "../../outside.txt",
    "佐证/pipe.txt", "佐证", '"佐证/\\u202e.txt"', "C:/x.txt", "\\\\server\\share\\x", "佐证/2026/annual-plan-2026.txt",
])
PLAN_KEYS = st.sampled_from(["", "计划: /etc/passwd\n", "计划: ../../outside.txt\n", "计划: ../计划.yaml\n", "计划: ../../../../../../etc/hosts.yaml\n",
                             '计划: "a\\0b.yaml"\n', "计划: 台账/2026.yaml\n", "计划: " + "x" * 300 + ".yaml\n"])


@given(files=unit_folder(), evidence=EVIDENCE_PATHS, plan_key=PLAN_KEYS,
       command=st.sampled_from(["check", "ledger", "score", "status", "todo", "pack"]), lang=LANGS)
def test_fuzz_hostile_ledger_paths(files, evidence, plan_key, command, lang):
    ledger = next((n for n in sorted(files) if "/台账/" in n and n.endswith(".yaml")), None)
    if ledger is None:
        return
    text = files[ledger].decode("utf-8", errors="replace")
    text = text.replace("文件: 佐证/", f"文件: {evidence} #", 1).replace("file: 佐证/", f"file: {evidence} #", 1)
    text = text.replace("\n单位:", "\n" + plan_key + "单位:", 1).replace("\nunit:", "\n" + plan_key.replace("计划:", "plan:") + "unit:", 1)
    files = {**files, ledger: text.encode("utf-8"), "unit/佐证/loop-a": Link("loop-b"), "unit/佐证/loop-b": Link("loop-a"),
             "unit/佐证/link-out": Link("../../outside.txt"), "outside.txt": "绝密 SECRET\n".encode()}
    year = ["--year", "2026"]
    args = {"check": ["check", "unit/"], "ledger": ["ledger", "unit/", *year, "--today", "2026-12-31"], "score": ["score", "unit/", "--rubric", "sample", *year],
            "status": ["status", "unit/", *year, "--format", "json"], "todo": ["todo", "unit/", *year],
            "pack": ["ledger", "unit/", *year, "--pack", "out/p.zip"]}[command]
    _run(files, args + ["--lang", lang], fifo="unit/佐证/pipe.txt")


@st.composite
def unit_tree(draw) -> dict[str, bytes]:
    """Up to 12 summaries with random superiors: cycles, duplicates, chains, forests, hostile names."""
    n = draw(st.integers(1, 12))
    shape = draw(st.sampled_from(["chain", "flat", "random", "cycle"]))
    ids = [f"u{i}" for i in range(n)]
    if draw(st.booleans()):
        ids[draw(st.integers(0, n - 1))] = ids[0]  # a duplicate id
    files = {}
    for i, uid in enumerate(ids):
        if shape == "chain":
            sup = ids[i - 1] if i else None
        elif shape == "flat":
            sup = ids[0] if i else None
        elif shape == "cycle":
            sup = ids[(i + 1) % n]
        else:
            sup = draw(st.one_of(st.none(), st.sampled_from(ids + ["missing"])))
        unit = SUMMARY["unit"] | {"id": uid, "superior_id": sup, "name": draw(HOSTILE_TEXT.filter(lambda t: "\x00" not in t)) or "单位",
                                  "short_name": draw(HOSTILE_TEXT)}
        files[f"ws/{i}.status.json"] = json.dumps(SUMMARY | {"unit": unit}, ensure_ascii=False).encode("utf-8")
    return files


@given(files=unit_tree(), command=st.sampled_from(["rollup", "html", "status"]), fmt=st.sampled_from(["table", "json", "csv", "xlsx"]),
       root=st.one_of(st.none(), st.sampled_from(["u0", "u1", "missing"])), lang=LANGS)
def test_fuzz_unit_trees(files, command, fmt, root, lang):
    args = [command, "ws", "--year", "2027", "--as-of", "2027-07-15", "--lang", lang]
    if command == "html":
        args += ["-o", "site"]
    elif command == "rollup":
        args += ["--format", fmt] + (["-o", "out/r.xlsx"] if fmt == "xlsx" else [])
    if root and command != "status":
        args += ["--root", root]
    _run(files, args)


@given(files=unit_folder(), command=st.sampled_from(["check", "ledger", "status", "rollup", "html", "score", "todo"]),
       year=st.one_of(st.none(), ODD_YEAR), date=st.one_of(st.none(), ODD_DATE), lang=LANGS)
def test_fuzz_year_arguments(files, command, year, date, lang):
    args = [command, "unit/", "--lang", lang]
    if year is not None and command != "check":
        args += ["--year", year]
    elif command == "score":
        args += ["--year", "2026"]
    if date is not None:
        args += [{"check": "--today", "ledger": "--today", "todo": "--today"}.get(command, "--as-of"), date]
    if command == "html":
        args += ["-o", "site"]
    if command == "score":
        args += ["--rubric", "sample"]
    _run(files, args)
