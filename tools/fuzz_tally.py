"""Print the tally `make fuzz` leaves in .fuzz-report.json: totals, then cases per harness test and command."""
from __future__ import annotations

import json
import sys
from pathlib import Path


def main(path: str = ".fuzz-report.json") -> int:
    report = json.loads(Path(path).read_text(encoding="utf-8"))
    per = report.get("per_test_and_command", {})
    if per:
        width = max(len(key) for key in per)
        for key, row in per.items():
            print(f"  {key:<{width}}  {row['cases']:>6} cases  {row['failed']:>4} failed")
    print(f"fuzz: {report['cases']} cases ran, {report['failures']} failed ({report['failed_tests']} failing tests)")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
