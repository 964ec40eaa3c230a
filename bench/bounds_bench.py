"""Benchmark for issue 18's item 4 (bounds, and linear cost), on generated files:

* one unit whose 2026 台账 holds 500 and then 2,000 records (舆情 events added to
  an example ledger): ``check``, ``score --rubric sample`` and ``record`` (one
  more record) — the 2,000 run should cost about 4× the 500 run, and ``check``
  ≤ 2 s;
* ``html`` over 2,000 units from ``.status.json`` summaries, once as a chain
  (each unit the superior of the next) and once as a flat tree (one root, 1,999
  children) — the chain should cost about what the flat tree costs.

Each figure is the median of ``--repeat`` runs of the real command line.

    .venv/bin/python bench/bounds_bench.py --repeat 3
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO))

from ledger_bench import with_extra_events  # noqa: E402  (the bench folder is not a package)

UNIT = REPO / "plans" / "xiaozhaiba-town"
YEAR, AS_OF = 2026, "2026-12-01"
ENV = {"SOURCE_DATE_EPOCH": "1796083200", "PYTHONPATH": str(REPO), "COLUMNS": "120"}


def timed(args: list[str], repeat: int, cwd: Path, before=None) -> float:
    import os

    env = dict(os.environ, **ENV)
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "ideo_cli", *args], capture_output=True, env=env, cwd=cwd)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"ideo {' '.join(args[:2])} failed ({proc.returncode}):\n{proc.stderr.decode()[:2000]}")
    return statistics.median(times)


def ledger_unit(root: Path, records: int) -> Path:
    unit = root / f"unit-{records}"
    shutil.copytree(UNIT, unit)
    ledger = unit / "台账" / "2026.yaml"
    ledger.write_text(with_extra_events(ledger.read_text(encoding="utf-8"), records), encoding="utf-8")
    return unit


def summaries(root: Path, n: int, chain: bool) -> Path:
    from ideo_cli.rollup.summary import summary_of
    from ideo_cli.schedule.expand import DateRange
    from ideo_cli.year import YearOptions, compute_years

    plan = UNIT / "计划.yaml"
    result = compute_years(YearOptions(plans=[(plan, "计划.yaml")], as_of=dt.date.fromisoformat(AS_OF), span=DateRange.year(YEAR), findings=True))
    base = json.dumps(summary_of(result.units[0]), ensure_ascii=False)
    out = root / ("chain" if chain else "flat")
    out.mkdir()
    for i in range(n):
        summary = json.loads(base)
        superior = None if i == 0 else (f"u{i - 1}" if chain else "u0")
        summary["unit"].update(id=f"u{i}", superior_id=superior, name=f"中共第{i}单位委员会", short_name=f"第{i}单位")
        (out / f"u{i}.status.json").write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--units", type=int, default=2000, help="units in the html chain and flat tree")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="ideo-bounds-"))
    try:
        rows = []
        for records in (500, 2000):
            unit = ledger_unit(root, records)
            ledger = unit / "台账" / "2026.yaml"
            original = ledger.read_bytes()
            restore = lambda: ledger.write_bytes(original)  # noqa: E731  (record appends: each run starts from the same ledger)
            rows.append((records, {
                "check": timed(["check", str(unit), "--as-of", AS_OF], args.repeat, root),
                "score": timed(["score", str(unit), "--rubric", "sample", "--year", str(YEAR), "--as-of", AS_OF], args.repeat, root),
                "record": timed(["record", str(unit / "计划.yaml"), "party-briefing", "2026", "--on", "2026-11-20", "--field", "地点=会议室"], args.repeat, root, restore),
            }))
        for records, times in rows:
            print(f"{records:>5}-record ledger: " + "  ".join(f"{cmd} {t:6.2f} s" for cmd, t in times.items()), flush=True)
        small, large = rows[0][1], rows[1][1]
        print("2,000 / 500: " + "  ".join(f"{cmd} {large[cmd] / small[cmd]:4.2f}×" for cmd in small) + "  (linear: ≈4×, or less where start-up dominates)")
        chain = timed(["html", str(summaries(root, args.units, chain=True)), "--year", str(YEAR), "--as-of", AS_OF, "-o", str(root / "site-chain")], args.repeat, root)
        flat = timed(["html", str(summaries(root, args.units, chain=False)), "--year", str(YEAR), "--as-of", AS_OF, "-o", str(root / "site-flat")], args.repeat, root)
        size = lambda site: sum(p.stat().st_size for p in (root / site).rglob("*")) / 1e6  # noqa: E731
        print(f"html, {args.units} units: chain {chain:6.2f} s ({size('site-chain'):.1f} MB)  flat {flat:6.2f} s ({size('site-flat'):.1f} MB)  chain/flat {chain / flat:4.2f}×")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
