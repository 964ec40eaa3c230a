"""Run one fuzz case through the real CLI entry point and judge what came out.

A case is a set of input files (name → bytes) written into a fresh folder and
one command line.  ``run_case`` runs it in-process through
``ideo_cli.entry.main`` (the console script's own function) with stdout and
stderr captured, and returns the problems found — an empty list when every
property holds:

- the exit code is 0, 1 or 2;
- nothing escapes (no exception, no SystemExit other than the return value);
- no output shows Python internals: a traceback, the catch-all internal-error
  text, a repr (``datetime.date(``, ``ScalarNode(``, ``<class '``, ``object at
  0x``), or ``None`` where the input had none;
- a message of an exit-2 run names a place (``file:line:col``) or an argument;
- nothing is written when the exit code is 2;
- every file written is accepted by its consumer (icalendar, openpyxl with no
  formula cell, json), and csv cells never start a formula.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

INTERNALS = [
    re.compile(r"Traceback \(most recent call last\)"),
    re.compile(r"内部错误|internal error"),
    re.compile(r"datetime\.(date|datetime|time)\("),
    re.compile(r"(Scalar|Mapping|Sequence)Node\("),
    re.compile(r"<class '"),
    re.compile(r"object at 0x[0-9a-f]+"),
    re.compile(r"\b(ValueError|TypeError|KeyError|IndexError|AttributeError|OverflowError)\b"),
]
NONE_WORD = re.compile(r"\bNone\b")
LOCATED = re.compile(r":\d+:\d+|--[a-z][a-z-]*|\bPATH\b|\bCODE\b|'[a-z-]+'|“[^”]+”|[A-Za-z]:|ideo: ")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# seconds one case may take in-process (generous: the machine is shared)
CASE_SECONDS = 20.0


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    seconds: float
    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class _Capture(io.TextIOWrapper):
    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True)

    def text(self) -> str:
        self.flush()
        return self.buffer.getvalue().decode("utf-8", errors="replace")


# ---- reads outside the case: an audit hook on every open() -------------------
#
# While a case runs, every file the process opens must lie inside the case's
# folder (its inputs and the files deliberately put beside it), or be part of
# the installation (Python, ideo's own data, the locale, time zones).  A ledger's
# `计划: /etc/passwd` that got opened would be caught here even if nothing of it
# were ever shown.
_AUDIT = {"root": None, "reads": []}
# ideo's user cache (rulebooks, holidays, roll-up summaries): one folder for the whole run,
# set before ideo first asks where it is
CACHE_DIR = os.environ.setdefault("IDEO_CACHE_DIR", tempfile.mkdtemp(prefix="ideo-fuzz-cache-"))
_ALLOWED = tuple(str(p) for p in {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), Path(__file__).resolve().parents[2] / "ideo_cli",
                                   Path(os.__file__).resolve().parent})
_ALLOWED_EXACT = ("/dev/null", "/dev/urandom", "/etc/localtime", "/etc/ld.so.cache", "/etc/mime.types", tempfile.gettempdir())
_ALLOWED_PREFIX = (os.path.join(tempfile.gettempdir(), "openpyxl."), "/proc/", "/sys/", "/usr/share/zoneinfo/", "/usr/lib/", "/lib/", "/usr/local/lib/", "/dev/pts/", "/tmp/pytest-", "/etc/ssl/")


def _audit(event: str, args: tuple) -> None:
    root = _AUDIT["root"]
    if root is None or event != "open":
        return
    path = args[0]
    if isinstance(path, int):
        return  # an already open descriptor
    text = os.fsdecode(path) if isinstance(path, (bytes, str)) else str(path)
    try:
        full = os.path.abspath(text)
    except (ValueError, OSError):
        return
    if full.startswith(root) or full.startswith(CACHE_DIR) or full.startswith(_ALLOWED) or full in _ALLOWED_EXACT or full.startswith(_ALLOWED_PREFIX):
        return
    if ".egg-info" + os.sep in full or ".dist-info" + os.sep in full:
        return  # package metadata (entry points, version)
    _AUDIT["reads"].append(full)


sys.addaudithook(_audit)


def invoke(args: list[str], cwd: Path) -> tuple[int, str, str, float]:
    """``ideo ARGS`` in-process in ``cwd``: (exit code, stdout, stderr, seconds)."""
    from ideo_cli.entry import main

    out, err = _Capture(), _Capture()
    old = os.getcwd()
    start = time.monotonic()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            env_backup = {k: os.environ.get(k) for k in ("COLUMNS", "NO_COLOR")}
            os.environ["NO_COLOR"] = "1"
            try:
                code = main(args)
            finally:
                for k, v in env_backup.items():
                    if v is None:
                        os.environ.pop(k, None)
                    else:
                        os.environ[k] = v
    except BaseException as exc:  # the property under test: nothing escapes
        code = -1
        err.write(f"\n[escaped] {type(exc).__name__}: {exc}\n")
    finally:
        os.chdir(old)
    return code, out.text(), err.text(), time.monotonic() - start


@dataclass(frozen=True)
class Link:
    """A symbolic link among a case's input files, pointing at ``target``."""

    target: str


def _snapshot(folder: Path) -> dict[Path, bytes]:
    # rglob does not follow symlinked folders, so a link out of the case is not read twice;
    # .cache is the case's own IDEO_CACHE_DIR (ideo's user cache, not an output)
    cache = folder / ".cache"
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and not p.is_relative_to(cache)}


def run_case(files: dict[str, bytes], args: list[str], workdir: Path, outputs: Path | None = None) -> Outcome:
    """Write ``files`` under ``workdir``, run ``args`` there, judge the result."""
    workdir.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        path = workdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Link):
            path.symlink_to(data.target)
        else:
            path.write_bytes(data)
    # the folder around the case stands for the rest of the user's disk
    around = workdir.parent
    before = _snapshot(around)
    _AUDIT["root"], _AUDIT["reads"] = os.path.abspath(around) + os.sep, []
    try:
        code, out, err, seconds = invoke(args, workdir)
    finally:
        _AUDIT["root"] = None
    after = _snapshot(around)
    changed = sorted(p for p, data in after.items() if before.get(p) != data)
    written = [p for p in changed if p.is_relative_to(workdir)]
    outcome = Outcome(code, out, err, seconds, written)
    problems = outcome.problems
    outside = [p.name for p in changed if not p.is_relative_to(workdir)]
    if outside:
        problems.append(f"wrote outside the working folder: {outside[:3]}")
    for p in written:
        if p.is_symlink() or not p.resolve().is_relative_to(workdir.resolve()):
            problems.append(f"wrote through a symlink: {p.name}")
    if _AUDIT["reads"]:
        problems.append(f"opened files outside the case: {sorted(set(_AUDIT['reads']))[:3]}")
    if code not in (0, 1, 2):
        problems.append(f"exit code {code}")
    text = out + err
    inputs_text = b"".join(d for d in files.values() if isinstance(d, bytes)).decode("utf-8", errors="replace") + " ".join(args)
    for pattern in INTERNALS:
        match = pattern.search(text)
        if match and not pattern.search(inputs_text):
            problems.append(f"internals in output: {match.group(0)!r}")
    if NONE_WORD.search(text) and not NONE_WORD.search(inputs_text):
        problems.append("'None' in output")
    if code == 2 and err.strip() and not LOCATED.search(err):
        problems.append("exit-2 message names no place or argument")
    # `check -o FILE` writes its report even for unreadable input: the report *is*
    # the requested output (CI uploads the SARIF of a broken file); anything else
    # written on exit 2 is a half-done job
    report = Path(args[args.index("-o") + 1]).name if args[:1] == ["check"] and "-o" in args else None
    written_beyond_report = [p for p in written if p.name != report]
    if code == 2 and written_beyond_report:
        problems.append(f"wrote {len(written_beyond_report)} file(s) although the exit code is 2: {[p.name for p in written_beyond_report][:3]}")
    if seconds > CASE_SECONDS:
        problems.append(f"took {seconds:.1f} s")
    for path in written:
        problems.extend(consumer_problems(path))
    return outcome


def consumer_problems(path: Path) -> list[str]:
    """Each written file read back by an independent consumer."""
    name = path.name
    data = path.read_bytes()
    if name.startswith(".") and name.endswith(".json"):
        return []  # ideo's own bookkeeping (e.g. an output manifest)
    try:
        if name.endswith(".ics"):
            import icalendar

            icalendar.Calendar.from_ical(data)
        elif name.endswith(".xlsx"):
            import openpyxl

            book = openpyxl.load_workbook(io.BytesIO(data))
            for sheet in book.worksheets:
                for row in sheet.iter_rows():
                    for cell in row:
                        if cell.data_type == "f":
                            return [f"{name}: formula in {sheet.title}!{cell.coordinate}: {str(cell.value)[:40]!r}"]
        elif name.endswith((".json", ".sarif")):
            json.loads(data.decode("utf-8"))
        elif name.endswith((".html", ".htm")):
            return html_problems(name, data.decode("utf-8"))
        elif name.endswith(".zip"):
            import zipfile

            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                bad = archive.testzip()
                if bad is not None:
                    return [f"{name}: corrupt member {bad!r}"]
                for member in archive.namelist():
                    if member.startswith("/") or ".." in member.split("/") or "\\" in member:
                        return [f"{name}: member path leaves the archive: {member!r}"]
        elif name.endswith(".csv"):
            import csv

            for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
                for cell in row:
                    if cell.startswith(FORMULA_START) and not cell.startswith("'"):
                        return [f"{name}: csv cell starts a formula: {cell[:40]!r}"]
    except Exception as exc:  # noqa: BLE001 - any consumer failure is the finding
        return [f"{name}: rejected by its consumer: {type(exc).__name__}: {str(exc)[:80]}"]
    return []


INJECTED_SCRIPT = re.compile(r"alert\(1\)")


def html_problems(name: str, text: str) -> list[str]:
    """html.parser reads it; no element or handler came from user text.

    The fuzz inputs carry ``<script>alert(1)</script>``; escaped, it is text.
    Unescaped it would open a script element, so any script element or event
    handler attribute holding ``alert(1)`` is the finding.
    """
    from html.parser import HTMLParser

    found: list[str] = []

    class Reader(HTMLParser):
        in_script = False

        def handle_starttag(self, tag, attrs):
            self.in_script = tag == "script"
            for key, value in attrs:
                if value and INJECTED_SCRIPT.search(value) and (key.startswith("on") or key in ("href", "src")):
                    found.append(f"{name}: attribute {key}={str(value)[:30]!r} on <{tag}>")

        def handle_endtag(self, tag):
            self.in_script = False

        def handle_data(self, data):
            if self.in_script and INJECTED_SCRIPT.search(data):
                found.append(f"{name}: user text ran as a script")

    reader = Reader(convert_charrefs=True)
    reader.feed(text)
    reader.close()
    return found[:1]
