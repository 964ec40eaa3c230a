"""Shared helpers for the CLI tests: run the real entry point in a subprocess.

Every CLI test goes through ``python -m ideo_cli`` with a controlled
environment: GITHUB_ACTIONS, NO_COLOR, IDEO_LANG (and other switches that
change the output) are removed unless the test sets them, and
SOURCE_DATE_EPOCH pins "today" to 2025-01-01 so waiver expiry is stable.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "plans" / "xiaozhaiba-town" / "计划.yaml"
HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
EPOCH = "1735689600"  # 2025-01-01T00:00:00Z
ANSI = re.compile(r"\x1b\[[0-9;]*m")

# variables that change ideo's output; removed unless a test sets them
_CONTROLLED = ("GITHUB_ACTIONS", "NO_COLOR", "IDEO_LANG", "FORCE_COLOR", "IDEO_DEBUG", "LANG", "LC_ALL", "LANGUAGE")


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float

    @property
    def both(self) -> str:
        return self.out + self.err

    def __str__(self) -> str:  # shown by pytest when an assertion fails
        return f"exit {self.code}\n--- stdout ---\n{self.out}\n--- stderr ---\n{self.err}"


def ideo_env(**overrides: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _CONTROLLED}
    env["SOURCE_DATE_EPOCH"] = EPOCH
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONUTF8"] = "1"
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_ideo(*args: object, cwd: Path | str | None = None, env: dict[str, str | None] | None = None, timeout: float = 30) -> Run:
    """``ideo ARGS`` through the real entry point; text decoded as strict UTF-8."""
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "ideo_cli", *(str(a) for a in args)],
        cwd=str(cwd or REPO),
        env=ideo_env(**(env or {})),
        capture_output=True,
        timeout=timeout,
    )
    elapsed = time.monotonic() - start
    return Run(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"), elapsed)


def assert_no_traceback(run: Run) -> None:
    assert "Traceback" not in run.out, run
    assert "Traceback" not in run.err, run
    assert "内部错误" not in run.err and "internal error" not in run.err, run


def variant(tmp_path: Path, name: str, *replacements: tuple[str, str], append: str = "", source: Path = EXAMPLE) -> Path:
    """A copy of ``source`` with each ``old`` (which must occur exactly once) replaced."""
    text = source.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {source.name}"
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text + append, encoding="utf-8")
    return path


def listing(folder: Path) -> set[str]:
    """Every path under ``folder`` (relative, posix), hidden files included."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}
