"""Benchmark: what the ledger (台账) adds to `ideo check` and `ideo todo --format json`.

Generates N units (default 1,000), each a folder with a plan and a 2026 ledger
of about 40 records with evidence files, by cycling through the example units
in plans/ with fresh organisation ids.  A second tree holds the same plans
without ledgers.  Each command runs over all units in one process; the ratio
(with ledgers / plans only) is printed.  Target: the ledger adds no more than
the plans cost (ratio ≤ 2.0).

    .venv/bin/python bench/ledger_bench.py --units 1000 --repeat 3
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-12-01"


def generate(root: Path, units: int, with_ledgers: bool) -> int:
    """Write ``units`` unit folders under ``root``; returns the number of records."""
    sources = sorted(p for p in (REPO / "plans").iterdir() if (p / "计划.yaml").is_file() and (p / "台账" / "2026.yaml").is_file())
    records = 0
    for i in range(units):
        source = sources[i % len(sources)]
        plan = (source / "计划.yaml").read_text(encoding="utf-8")
        ledger = (source / "台账" / "2026.yaml").read_text(encoding="utf-8")
        old_id = re.search(r"^(?:单位|unit): (\S+)", ledger, re.M).group(1)
        new_id = f"{old_id}-{i:04d}"
        unit = root / f"unit-{i:04d}"
        unit.mkdir(parents=True)
        (unit / "计划.yaml").write_text(re.sub(rf"((?:编号|id): ){re.escape(old_id)}\b", rf"\g<1>{new_id}", plan, count=1), encoding="utf-8")
        if with_ledgers:
            (unit / "台账").mkdir()
            ledger = with_extra_events(ledger.replace(f": {old_id}\n", f": {new_id}\n", 1), 40)
            (unit / "台账" / "2026.yaml").write_text(ledger, encoding="utf-8")
            shutil.copytree(source / "佐证", unit / "佐证")
            records += len(re.findall(r"^  - (?:事项|obligation|事件|event|整改|rectification|对象|subject):", ledger, re.M))
    return records


def with_extra_events(ledger: str, target: int) -> str:
    """Opinion incidents up to ``target`` records (a busy year; events may repeat)."""
    have = len(re.findall(r"^  - (?:事项|obligation|事件|event|整改|rectification|对象|subject):", ledger, re.M))
    match = re.search(r"^(事件记录|events):\n  - (?:事件|event): (\S+)\n", ledger, re.M)
    if match is None or have >= target:
        return ledger
    chinese, event = match.group(1) == "事件记录", match.group(2)
    keys = ("事件", "标题", "发现时间", "报告时间") if chinese else ("event", "title", "found", "reported")
    items = []
    for n in range(target - have):
        day = f"2026-{1 + n % 11:02d}-{1 + n % 27:02d}"
        items.append(f"  - {keys[0]}: {event}\n    {keys[1]}: 舆情 {n + 1}\n    {keys[2]}: {day} 09:00\n    {keys[3]}: {day} 10:00\n")
    head = match.group(1) + ":\n"
    return ledger.replace(head, head + "".join(items), 1)


def timed(args: list[str], repeat: int) -> float:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1796083200", PYTHONPATH=str(REPO))
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "ideo_cli", *args], capture_output=True, env=env)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"ideo {' '.join(args[:2])} failed ({proc.returncode}):\n{proc.stderr.decode()[:2000]}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ideo-ledger-bench-") as tmp:
        plans_only, with_ledgers = Path(tmp) / "plans-only", Path(tmp) / "with-ledgers"
        generate(plans_only, options.units, False)
        records = generate(with_ledgers, options.units, True)
        print(f"{options.units} units, {records} records ({records / options.units:.0f} per unit), median of {options.repeat}")
        for name, args in (("check", ["check", "--today", TODAY, "--format", "concise"]), ("todo --format json", ["todo", "--year", "2026", "--format", "json"])):
            base = timed(args + [str(plans_only)], options.repeat)
            full = timed(args + [str(with_ledgers)], options.repeat)
            print(f"ideo {name:18} plans only {base:6.2f} s   with ledgers {full:6.2f} s   ratio {full / base:4.2f}x   ledger adds {full - base:+.2f} s ({'≤' if full - base <= base else '>'} plan cost)")


if __name__ == "__main__":
    main()
