#!/usr/bin/env python3
"""ideo performance benchmark: ideo vs yamllint, check-jsonschema and icalendar.

Usage (from the repository root)::

    .venv/bin/python bench/run.py [--plans N] [--repeat R] [--year Y]

1. generates N plan files into ``bench/.work/plans/`` from ``plans/*.yaml``
   (ids, names and due days varied with a seeded RNG, so files differ but
   stay clean under ``ideo check``);
2. writes the JSON Schema with ``ideo schema -o bench/.work/schema.json``;
3. times every command R times as a subprocess (round-robin, after one
   untimed warm-up run that also checks the exit code), plus the in-process
   icalendar parse of the generated .ics files;
4. prints median / min wall times and ratios against the anchors, and writes
   everything to ``bench/.work/results.json``;
5. times `ideo check` on one plan against `yamllint -d relaxed` on it in paired
   runs (the single-file ratio; cold, and with the caches for comparison).

``--only ics`` and ``--only single`` run one comparison alone.

The machines this runs on are shared and noisy: read medians and ratios only.
See bench/README.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
PLANS = WORK / "plans"
SCHEMA = WORK / "schema.json"
ICS_DIR = WORK / "ics"
TODO_JSON = WORK / "todo.json"
RESULTS = WORK / "results.json"
SOURCE_DATE_EPOCH = 1796083200  # 2026-12-01T00:00:00Z: after the example 台账 records (earlier, they are in the future: IDEO715)
BIN = Path(sys.executable).parent  # the venv's bin/: ideo, yamllint, check-jsonschema


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# --------------------------------------------------------------------------- generation

# Chinese place-name parts and personal names for the varied copies.
_PLACE_A = "青红白黑金银石木水花柳松竹梅桃杏枫槐杨李王马牛龙凤鹤鹿云雾雪霞山岭峰岗坡沟河溪湖塘泉井桥坪坝寨屯堡营庄店集"
_PLACE_B = "山岭峰岗坡沟河溪湖塘泉井桥坪坝寨屯堡营庄店集田园林阳川口湾洲滩"
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国建华志强海波永刚晓东春梅国庆文斌雪梅德明俊峰丹宇浩然思远"
_PINYIN = ["an", "bai", "chen", "deng", "fang", "gao", "hu", "jin", "kong", "lin", "ma", "ning", "ou", "pan", "qin", "ren", "shi", "tang", "wu", "xu", "yan", "zhou"]


def _scalars(text: str):
    """Every scalar node of a plan with its path in English keys: [(path, node)]."""
    import yaml

    from ideo_cli.formats.plan import vocab

    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    out = []

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, path + (vocab.translate_key(key.value),))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, path + (i,))
        elif isinstance(node, yaml.ScalarNode):
            out.append((path, node))

    walk(root, ())
    return out


_PLACE_SUFFIXES = ("街道", "社区", "镇", "乡", "县", "区", "市", "村", "局")
_XX = re.compile(r"XX(街道|社区|[\u4e00-\u9fff])")


def _vocab_words() -> list[str]:
    """Chinese keys and enumerated values: text a rename must never touch."""
    from ideo_cli.formats.plan import vocab

    words = list(vocab.KEY_ALIASES)
    for table in (vocab.ORG_TYPES, vocab.ROLES, vocab.RECURRENCES, vocab.OBLIGATION_KINDS, vocab.ADJUST, vocab.EVENT_KINDS, vocab.RESPONSES):
        for canonical, aliases in table.items():
            words += [canonical, *aliases]
    return words + list(vocab.PERIOD_LAST)


def _common_substring(a: str, b: str) -> str:
    best = ""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best


def _place(rng: random.Random) -> str:
    return rng.choice(_PLACE_A) + rng.choice(_PLACE_A + _PLACE_B) * rng.randint(0, 1) + rng.choice(_PLACE_B)


def _person_name(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))
        if name not in taken:
            taken.add(name)
            return name


def vary_plan(text: str, index: int, rng: random.Random) -> tuple[str, str]:
    """A varied but equally valid copy of a plan's text, and its organisation id.

    Scalars are rewritten in place (by their libyaml positions), so the copy
    keeps the original's layout, comments and Chinese keys.
    """
    scalars = _scalars(text)
    values = {path: node.value for path, node in scalars}
    org_id = values.get(("organisation", "id")) or "plan"
    new_org_id = f"{org_id}-{index:05d}"
    person_ids = {node.value for path, node in scalars if len(path) == 3 and path[0] == "people" and path[2] == "id"}
    person_map: dict[str, str] = {}
    for pid in sorted(person_ids):
        new = pid
        while new == pid or new in person_map.values():
            new = f"{rng.choice(_PINYIN)}{rng.choice(_PINYIN)}{rng.randint(1, 99)}"
        person_map[pid] = new
    item_map = {}  # obligation / event ids
    for path, node in scalars:
        if len(path) == 3 and path[0] in ("obligations", "events", "rectifications") and path[2] == "id":
            item_map[node.value] = f"{node.value}-{rng.randint(1, 9999):04d}"
    reminder_nodes = [node for path, node in scalars if path[:2] == ("defaults", "reminders") and len(path) == 3]
    reminders = iter(sorted(rng.sample(range(1, 31), len(reminder_nodes)), reverse=True))
    names_taken: set[str] = set()
    edits: list[tuple[int, int, str]] = []
    for path, node in scalars:
        start, end = node.start_mark.index, node.end_mark.index
        value, new = node.value, None
        if path == ("organisation", "id"):
            new = new_org_id
        elif len(path) == 3 and path[0] == "people" and path[2] == "id":
            new = person_map[value]
        elif len(path) == 3 and path[0] == "people" and path[2] == "name":
            new = _person_name(rng, names_taken)
        elif len(path) == 3 and path[0] in ("obligations", "events", "rectifications") and path[2] == "id":
            new = item_map[value]
        elif path[:1] == ("subordinate_obligations",) and path[-1] == "feeds" and value in item_map:
            new = item_map[value]  # what the subordinates' work goes into: the renamed obligation
        elif path[:1] == ("waivers",) and path[-1] == "target" and value in (item_map | person_map):
            new = (item_map | person_map)[value]
        elif value in person_map and path[0] in ("leading_group", "obligations", "events", "rectifications"):
            new = person_map[value]  # a reference to a person
        elif len(path) == 4 and path[0] == "obligations" and path[2] == "due" and path[3] == "day" and value.isdigit():
            day = int(value)  # only ever earlier: keeps any "due by" deadline met
            new = str(rng.randint(max(1, day - 10), day))
        elif path[:2] == ("defaults", "reminders") and len(path) == 3 and value.isdigit():
            new = str(next(reminders))
        if new is not None and new != value:
            if node.style in ("'", "\""):  # quoted: keep the quotes
                start, end = start + 1, end - 1
            edits.append((start, end, new))
    out = text
    for start, end, new in sorted(edits, reverse=True):
        out = out[:start] + new + out[end:]
    # Place names, everywhere in the file (comments too), never inside a key or
    # an enumerated value: the stem that the organisation's name and short
    # name share ("小寨坝" in 中共小寨坝镇委员会 / 小寨坝镇党委), and the "XX"
    # placeholders of the anonymised examples (XX县, XX街道: one place each).
    name, short = values.get(("organisation", "name"), ""), values.get(("organisation", "short_name"), "")
    common = _common_substring(name, short) if name and short else ""
    stem = common[: -len(next((s for s in _PLACE_SUFFIXES if common.endswith(s)), ""))] if any(common.endswith(s) for s in _PLACE_SUFFIXES) else ""
    if len(stem) >= 2 and "XX" not in stem and not any(stem in word for word in _vocab_words()):
        new_stem = _place(rng)
        while new_stem == stem:
            new_stem = _place(rng)
        out = out.replace(stem, new_stem)
    places: dict[str, str] = {}
    out = _XX.sub(lambda m: places.setdefault(m.group(1), _place(rng)) + m.group(1), out)
    return out, new_org_id


def generate(count: int, seed: int) -> list[Path]:
    sys.path.insert(0, str(ROOT))
    sources = sorted((ROOT / "plans").glob("*/计划.yaml"))
    if not sources:
        sys.exit("bench: no plans/*.yaml to generate from")
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sources]
    if PLANS.exists():
        shutil.rmtree(PLANS)
    PLANS.mkdir(parents=True)
    rng = random.Random(seed)
    files, digests = [], set()
    for i in range(count):
        stem, text = texts[i % len(texts)]
        varied, _ = vary_plan(text, i, rng)
        path = PLANS / f"{i:05d}-{stem}.yaml"
        path.write_text(varied, encoding="utf-8")
        digests.add(hashlib.sha256(varied.encode()).hexdigest())
        files.append(path)
    if len(digests) != count:
        sys.exit(f"bench: only {len(digests)} distinct files out of {count}")
    return files


# --------------------------------------------------------------------------- timing


class Cmd:
    def __init__(self, key: str, label: str, argv: list[str], expect: int = 0, before=None, rounds: int | None = None):
        self.key, self.label, self.argv, self.expect, self.before, self.rounds = key, label, argv, expect, before, rounds
        self.times: list[float] = []

    def run_once(self, env: dict[str, str]) -> float:
        if self.before:
            self.before()
        t0 = time.perf_counter()
        proc = subprocess.run(self.argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=env)
        elapsed = time.perf_counter() - t0
        if proc.returncode != self.expect:
            sys.stderr.write(f"bench: `{self.shown()}` exited {proc.returncode}, expected {self.expect}\n{proc.stderr.decode(errors='replace')[:4000]}\n")
            sys.exit(1)
        return elapsed

    def shown(self, limit: int = 110) -> str:
        text = " ".join(self.argv).replace(str(BIN) + "/", "")
        return text if len(text) <= limit else text[: limit - 1] + "…"


def _wipe_ics() -> None:
    shutil.rmtree(ICS_DIR, ignore_errors=True)


def _summary(times: list[float]) -> dict:
    return {"runs": len(times), "median_s": statistics.median(times), "min_s": min(times), "times_s": [round(t, 6) for t in times]}


def parse_ics_times(repeat: int) -> tuple[list[float], int, int]:
    """In-process icalendar parse of every generated .ics file, R times."""
    import icalendar

    blobs = [p.read_bytes() for p in sorted(ICS_DIR.glob("*.ics"))]
    if not blobs:
        sys.exit("bench: `ideo ics` wrote no .ics files")
    events = sum(len(icalendar.Calendar.from_ical(b).walk("VEVENT")) for b in blobs)  # warm-up + sanity
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for blob in blobs:
            icalendar.Calendar.from_ical(blob)
        times.append(time.perf_counter() - t0)
    return times, len(blobs), events


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plans", type=int, default=1000, help="plan files to generate (default 1000)")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per command (default 5)")
    ap.add_argument("--year", type=int, default=2026, help="year for `ideo ics` / `ideo todo` (default 2026)")
    ap.add_argument("--startup-repeat", type=int, default=20, help="timed runs of each --version (default 20)")
    ap.add_argument("--seed", type=int, default=20240501, help="RNG seed for the generated plans")
    ap.add_argument("--todo-rows", type=int, default=6000, help="rows of the csv-vs-xlsx to-do case (default 6000)")
    ap.add_argument("--only-todo-rows", action="store_true", help="run only the csv-vs-xlsx to-do case")
    ap.add_argument("--only", choices=["ics", "single"], help="time one comparison only (ics: `ideo ics` against icalendar parsing its output; single: `ideo check` on one plan against yamllint on it)")
    ap.add_argument("--single-file", default=_rel(SINGLE_FILE), help=f"the plan of the single-file case (default {_rel(SINGLE_FILE)})")
    args = ap.parse_args(argv)
    if args.only == "single":
        return 0 if bench_single_file(Path(args.single_file), max(args.repeat, 5))["pass"] else 3
    if args.only_todo_rows:
        bench_todo_rows(args.todo_rows, args.repeat, args.year)
        return 0
    if args.plans < 1 or args.repeat < 1 or args.startup_repeat < 1:
        ap.error("--plans, --repeat and --startup-repeat must be positive")

    ideo, yamllint, cjs = str(BIN / "ideo"), str(BIN / "yamllint"), str(BIN / "check-jsonschema")
    for exe in (ideo,) if args.only else (ideo, yamllint, cjs):
        if not Path(exe).exists():
            sys.exit(f"bench: {exe} not found; install with `pip install -e '.[bench]'`")
    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)
    env["NO_COLOR"] = "1"
    # fixed "today" (waiver expiry, DTSTAMP) so runs are reproducible; an explicit one wins
    env.setdefault("SOURCE_DATE_EPOCH", str(SOURCE_DATE_EPOCH))

    print(f"generating {args.plans} plans into {_rel(PLANS)} (seed {args.seed}) …", flush=True)
    t0 = time.perf_counter()
    files = generate(args.plans, args.seed)
    size = sum(f.stat().st_size for f in files)
    print(f"  {len(files)} files, {size / 1024:.0f} KiB, {time.perf_counter() - t0:.1f} s", flush=True)
    subprocess.run([ideo, "schema", "-o", _rel(SCHEMA)], cwd=ROOT, env=env, check=True)

    file_args = [_rel(f) for f in files]
    arg_bytes = sum(len(a) + 1 for a in file_args)
    arg_max = os.sysconf("SC_ARG_MAX") if hasattr(os, "sysconf") else 2**17
    if arg_bytes > arg_max // 2:
        sys.exit(f"bench: {len(file_args)} paths ({arg_bytes} bytes) are too long for one command line (ARG_MAX {arg_max}); use fewer --plans")

    plans = _rel(PLANS)
    year = str(args.year)
    main_cmds = [
        Cmd("ideo_check", "ideo check", [ideo, "check", plans]),
        Cmd("yamllint", "yamllint -d relaxed", [yamllint, "-d", "relaxed", plans]),
        Cmd("check_jsonschema", "check-jsonschema", [cjs, "--schemafile", _rel(SCHEMA), *file_args]),
        Cmd("ideo_ics", "ideo ics", [ideo, "ics", plans, "--year", year, "-o", _rel(ICS_DIR)], before=_wipe_ics),
        Cmd("ideo_todo", "ideo todo --format json", [ideo, "todo", plans, "--year", year, "--format", "json", "-o", _rel(TODO_JSON)]),
    ]
    startup_cmds = [
        Cmd("ideo_version", "ideo --version", [ideo, "--version"]),
        Cmd("yamllint_version", "yamllint --version", [yamllint, "--version"]),
    ]
    if args.only == "ics":
        main_cmds = [c for c in main_cmds if c.key == "ideo_ics"]
        startup_cmds = []

    print("warm-up (untimed, exit codes checked) …", flush=True)
    for cmd in main_cmds + startup_cmds:
        cmd.run_once(env)

    print(f"timing {len(main_cmds)} commands × {args.repeat} (round-robin) …", flush=True)
    for r in range(args.repeat):
        for cmd in main_cmds:
            cmd.times.append(cmd.run_once(env))
        print(f"  round {r + 1}/{args.repeat}: " + ", ".join(f"{c.key} {c.times[-1]:.2f}s" for c in main_cmds), flush=True)
    print(f"timing start-up × {args.startup_repeat} …", flush=True)
    for _ in range(args.startup_repeat):
        for cmd in startup_cmds:
            cmd.times.append(cmd.run_once(env))
    # the last timed `ideo ics` run left the files in place
    parse_times, n_ics, n_events = parse_ics_times(args.repeat)

    res = {c.key: _summary(c.times) | {"command": c.shown(10**6) if c.key != "check_jsonschema" else f"{cjs.replace(str(BIN) + '/', '')} --schemafile {_rel(SCHEMA)} <{len(file_args)} files>"} for c in main_cmds + startup_cmds}
    res["icalendar_parse"] = _summary(parse_times) | {"command": f"icalendar.Calendar.from_ical() over {n_ics} .ics files ({n_events} events), in-process"}

    def med(key: str) -> float:
        return res[key]["median_s"]

    comparisons = [
        # (subject, anchor, target text, limit on subject/anchor ratio)
        ("ideo_check", "yamllint", "≥10× faster than yamllint", 0.1),
        ("ideo_check", "check_jsonschema", "≤1.0× check-jsonschema", 1.0),
        ("ideo_version", "yamllint_version", "≤ yamllint --version", 1.0),
        ("ideo_ics", "icalendar_parse", "≤ icalendar parse time", 1.0),
        ("ideo_todo", None, "(no target)", None),
    ]
    comparisons = [c for c in comparisons if c[0] in res and (c[1] is None or c[1] in res)]
    comp_out = []
    for subject, anchor, target, limit in comparisons:
        ratio = med(subject) / med(anchor) if anchor else None
        comp_out.append({
            "subject": subject, "anchor": anchor, "ratio": ratio, "target": target, "max_ratio": limit,
            "pass": (ratio <= limit) if limit is not None else None,
        })

    # ---- table
    rows = []
    labels = {c.key: c.label for c in main_cmds + startup_cmds} | {"icalendar_parse": "icalendar parse (in-process)"}
    anchors_done = set()
    for comp in comp_out:
        s, a = comp["subject"], comp["anchor"]
        ratio = comp["ratio"]
        verdict = "" if comp["pass"] is None else ("PASS" if comp["pass"] else "MISS")
        speed = "" if ratio is None else (f"{ratio:.3f}× ({1 / ratio:.1f}× faster)" if ratio < 1 else f"{ratio:.3f}× ({ratio:.1f}× slower)")
        rows.append((labels[s], f"{med(s):.3f}", f"{res[s]['min_s']:.3f}", f"vs {labels[a]}: {speed}" if a else "—", comp["target"], verdict))
        if a and a not in anchors_done:
            anchors_done.add(a)
            rows.append(("  " + labels[a] + " (anchor)", f"{med(a):.3f}", f"{res[a]['min_s']:.3f}", "", "", ""))
    head = ("command", "median s", "min s", "ratio (ideo / anchor)", "target", "")
    widths = [max(_w(r[i]) for r in rows + [head]) for i in range(len(head))]
    print()
    print(f"N={args.plans} plans, R={args.repeat} (start-up: {args.startup_repeat}), year {args.year}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    for row in [head, tuple("-" * w for w in widths), *rows]:
        print("  ".join(_pad(cell, w) for cell, w in zip(row, widths)).rstrip())
    ics_ratio = med("ideo_ics") / med("icalendar_parse")
    print(f"\nics ratio: `ideo ics` {med('ideo_ics'):.2f} s / icalendar parse {med('icalendar_parse'):.2f} s = {ics_ratio:.2f}× "
          f"(target ≤ 1.0×: {'PASS' if ics_ratio <= 1.0 else 'MISS'}); {n_ics} files, {n_events} events, rendered on up to {os.cpu_count()} cores")
    print(f"results in {_rel(RESULTS)}")

    if args.only != "ics":
        res["single_file"] = bench_single_file(Path(args.single_file), max(args.repeat, 5))
    res["todo_rows"] = bench_todo_rows(args.todo_rows, args.repeat, args.year)
    RESULTS.write_text(json.dumps({
        "generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "argv": [".venv/bin/python", "bench/run.py", *(sys.argv[1:] if argv is None else argv)],
        "params": {"plans": args.plans, "repeat": args.repeat, "startup_repeat": args.startup_repeat, "year": args.year, "seed": args.seed, "plan_bytes": size},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "versions": _versions(),
        "results": res,
        "comparisons": comp_out,
    }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0 if all(c["pass"] is not False for c in comp_out) and res.get("single_file", {}).get("pass", True) else 3


# --------------------------------------------------------------------------- one file: ideo check vs yamllint

SINGLE_FILE = ROOT / "plans" / "xiaozhaiba-town" / "计划.yaml"


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


SINGLE_CACHE = WORK / "cache"


def bench_single_file(path: Path, repeat: int = 10) -> dict:
    """`ideo check PLAN` against `yamllint -d relaxed PLAN`: what a clerk's save
    hook and every pre-commit run feel (issue 6, target ≤ 1.0×).

    Paired runs — each round runs every command, in alternating order, so load
    drifting over the machine hits all alike.  ideo three ways, reported apart:
    **cold** (IDEO_NO_CACHE=1: no cache at all; the target figure), **edited**
    (the holiday-year cache filled, the result cache emptied before each run:
    the first check after editing the file) and **warm** (the result cache
    holds this file's answer: a re-run on an unchanged file).  Prints medians,
    ratios and the median of the per-round cold ratios; returns them."""
    env = dict(os.environ, NO_COLOR="1", SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", str(SOURCE_DATE_EPOCH)))
    env.pop("GITHUB_ACTIONS", None)
    env.pop("IDEO_NO_CACHE", None)
    shown = path.relative_to(ROOT).as_posix() if path.is_absolute() and path.is_relative_to(ROOT) else path.as_posix()
    check = [str(BIN / "ideo"), "check", shown]
    shutil.rmtree(SINGLE_CACHE, ignore_errors=True)
    cached_env = dict(env, IDEO_CACHE_DIR=str(SINGLE_CACHE))
    cmds = {  # key: (argv, env, before)
        "ideo_check_cold": (check, dict(env, IDEO_NO_CACHE="1"), None),
        "ideo_check_edited": (check, cached_env, lambda: shutil.rmtree(SINGLE_CACHE / "check", ignore_errors=True)),
        "ideo_check_warm": (check, cached_env, None),
        "yamllint": ([str(BIN / "yamllint"), "-d", "relaxed", shown], env, None),
    }
    for key, (argv, cenv, _) in cmds.items():  # warm-up: page cache, .pyc files, the caches; ideo must pass
        proc = subprocess.run(argv, cwd=ROOT, env=cenv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if proc.returncode != 0:
            sys.exit(f"bench: `{' '.join(argv)}` exited {proc.returncode}\n{proc.stderr.decode(errors='replace')[:2000]}")
    load_before = _load()
    times: dict[str, list[float]] = {key: [] for key in cmds}
    for r in range(repeat):
        for key in (list(cmds) if r % 2 == 0 else list(cmds)[::-1]):
            argv, cenv, before = cmds[key]
            if before:
                before()
            start = time.perf_counter()
            subprocess.run(argv, cwd=ROOT, env=cenv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[key].append(time.perf_counter() - start)
    out = {key: _summary(ts) | {"command": " ".join(a.replace(str(BIN) + "/", "") for a in cmds[key][0])} for key, ts in times.items()}
    anchor = out["yamllint"]["median_s"]
    ratio = out["ideo_check_cold"]["median_s"] / anchor
    pair_ratio = statistics.median(a / b for a, b in zip(times["ideo_check_cold"], times["yamllint"]))
    out |= {"file": shown, "ratio": ratio, "paired_ratio_median": pair_ratio, "max_ratio": 1.0, "pass": ratio <= 1.0,
            "ratio_edited": out["ideo_check_edited"]["median_s"] / anchor, "ratio_warm": out["ideo_check_warm"]["median_s"] / anchor,
            "loadavg_before": load_before, "loadavg_after": _load(), "cpus": os.cpu_count()}
    print(f"\nsingle-file ratio: `ideo check {shown}` cold {out['ideo_check_cold']['median_s']:.3f} s / `yamllint -d relaxed` "
          f"{anchor:.3f} s = {ratio:.2f}× (median of per-round ratios {pair_ratio:.2f}×; target ≤ 1.0×: {'PASS' if ratio <= 1.0 else 'MISS'})\n"
          f"  not the target, for comparison: after an edit (holiday cache filled) {out['ideo_check_edited']['median_s']:.3f} s = {out['ratio_edited']:.2f}×; "
          f"unchanged file (result cache) {out['ideo_check_warm']['median_s']:.3f} s = {out['ratio_warm']:.2f}×\n"
          f"  {repeat} paired rounds, {os.cpu_count()} CPUs, load average {load_before} → {out['loadavg_after']}", flush=True)
    return out


# --------------------------------------------------------------------------- todo: csv vs xlsx rows

TODO_ROWS_DIR = WORK / "todo-rows"


def bench_todo_rows(rows: int = 6000, repeat: int = 3, year: int = 2026) -> dict:
    """`ideo todo --format xlsx` against `--format csv` on one list of ``rows`` rows
    (a county's combined list): the xlsx exporter must stay linear (issue 11: 6,000
    rows took 83 s in xlsx, 3.3 s in csv).  One plan, ``rows / 12`` monthly
    obligations; prints the medians and their ratio, returns them."""
    obligations = max(1, rows // 12)
    TODO_ROWS_DIR.mkdir(parents=True, exist_ok=True)
    plan = TODO_ROWS_DIR / "计划.yaml"
    lines = ["格式版本: 1", "组织:", "  编号: rows", "  名称: 中共测试县委员会", "  类型: 党委", "  上级: 中共测试市委员会",
             "人员:", "  - 编号: shuji", "    姓名: 王书记", "事项:"]
    for i in range(obligations):
        lines += [f"  - 编号: item-{i}", f"    标题: 第{i}项意识形态工作月度检查和网络舆情分析研判会议", "    类别: 其他",
                  "    负责人: shuji", "    频次: 每月", "    截止: {日: 20}", "    留痕: [会议纪要, 照片]"]
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = dict(os.environ, NO_COLOR="1", SOURCE_DATE_EPOCH=str(SOURCE_DATE_EPOCH))
    env.pop("GITHUB_ACTIONS", None)
    ideo = str(BIN / "ideo")
    cmds = {fmt: [ideo, "todo", _rel(plan), "--year", str(year), "--format", fmt, "-o", _rel(TODO_ROWS_DIR / f"todo.{fmt}")] for fmt in ("csv", "xlsx")}
    times: dict[str, list[float]] = {fmt: [] for fmt in cmds}
    for _ in range(repeat):
        for fmt, argv in cmds.items():
            start = time.perf_counter()
            subprocess.run(argv, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
            times[fmt].append(time.perf_counter() - start)
    out = {fmt: _summary(ts) | {"command": " ".join(a.replace(str(BIN) + "/", "") for a in argv)} for fmt, ts in times.items() for argv in [cmds[fmt]]}
    out["rows"] = obligations * 12
    out["xlsx_over_csv"] = out["xlsx"]["median_s"] / out["csv"]["median_s"]
    print(f"\ntodo rows: {out['rows']} rows, csv {out['csv']['median_s']:.2f} s, xlsx {out['xlsx']['median_s']:.2f} s "
          f"(xlsx/csv {out['xlsx_over_csv']:.2f}×, median of {repeat})", flush=True)
    return out


def _w(text: str) -> int:  # display width: CJK counts double
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _w(text))


def _versions() -> dict[str, str]:
    from importlib import metadata

    out = {}
    for dist in ("ideo", "yamllint", "check-jsonschema", "icalendar", "pydantic", "PyYAML"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "?"
    return out


if __name__ == "__main__":
    sys.exit(main())
