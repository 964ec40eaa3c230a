"""Hypothesis profiles for the fuzz harness, and the case counter.

``make test`` runs the ``fast`` profile: few, seeded (derandomized) cases per
command, so the suite stays quick and deterministic.  ``make fuzz`` sets
IDEO_FUZZ_EXAMPLES (≥ 10,000 cases in all) and prints the totals last.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("IDEO_FUZZ_EXAMPLES", "0") or 0)
COMMON = dict(deadline=None, suppress_health_check=list(HealthCheck), print_blob=True)
settings.register_profile("fast", max_examples=12, derandomize=True, database=None, **COMMON)
settings.register_profile("fuzz", max_examples=max(EXAMPLES, 1), derandomize=False, **COMMON)
settings.load_profile("fuzz" if EXAMPLES else "fast")

COUNTS = {"cases": 0, "failed_tests": 0}


def pytest_runtest_logreport(report):
    if report.when == "call" and report.failed and "fuzz" in report.nodeid:
        COUNTS["failed_tests"] += 1


def pytest_sessionfinish(session, exitstatus):
    target = os.environ.get("IDEO_FUZZ_REPORT")
    if target:
        import sys

        tally = getattr(sys.modules.get("ideo_fuzz_tally"), "counts", {"n": 0, "failures": 0})  # see test_fuzz.CASES
        COUNTS["cases"] = tally["n"]
        COUNTS["failures"] = tally["failures"]
        COUNTS["per_test_and_command"] = {key: {"cases": n, "failed": bad} for key, (n, bad) in sorted(tally.get("per", {}).items())}
        Path(target).write_text(json.dumps(COUNTS), encoding="utf-8")
