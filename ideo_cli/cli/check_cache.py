"""The result cache of ``ideo check FILE…`` (ruff-style), consulted before the
checker is imported.

A run's exit code, stdout and stderr are stored under a hash of everything
they depend on:

* the bytes of every file named (only files: a directory's listing is not
  hashed, so a directory argument is never cached);
* ideo itself — its version, and the path, size and mtime of every file in
  the installed package (code, rulebooks, catalogues), so an edited checkout
  never serves a stale answer;
* the versions of the libraries whose answers ideo reports (chinese_calendar's
  and holidays' calendars, pydantic, PyYAML) and of Python;
* the arguments as typed, "today" (--today, SOURCE_DATE_EPOCH or the real
  date), whether stdout is a terminal, and every variable the report reads
  (NO_COLOR, FORCE_COLOR, GITHUB_ACTIONS, IDEO_LANG, TERM, COLUMNS).

Never stored: runs with --tree, --rulebook or --output (they read or write
other files), runs that named a ledger (its check reads the unit's plan) and
runs that ended in a usage error.  It lives beside the roll-up cache
(``ideo_cli/usercache.py``: ``$IDEO_CACHE_DIR``, else
``$XDG_CACHE_HOME/ideo``, else ``~/.cache/ideo``; never a tracked file);
``IDEO_NO_CACHE=1`` turns it off.  JSON, never pickle.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
from pathlib import Path

import ideo_cli

_FORMAT = "ideo-check-result-1"
_ENV = ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "IDEO_LANG", "SOURCE_DATE_EPOCH", "TERM", "COLUMNS")
_LIBRARIES = ("chinesecalendar", "holidays", "pydantic", "pydantic_core", "PyYAML")  # distribution names


def _root() -> Path | None:
    if os.environ.get("IDEO_NO_CACHE"):
        return None
    explicit = os.environ.get("IDEO_CACHE_DIR")
    if explicit:
        return Path(explicit) / "check"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ideo" / "check"


def _package_fingerprint(digest) -> None:
    package = Path(ideo_cli.__file__).parent
    digest.update(ideo_cli.__version__.encode() + b"\0" + str(package).encode() + b"\0")
    stack = [package]
    while stack:
        folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        stack.append(Path(entry.path))
                elif entry.name.endswith((".pyc", ".tmp")):
                    continue
                else:
                    info = entry.stat()
                    digest.update(f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode("utf-8", "surrogateescape"))


def _library_versions(digest) -> None:
    """The installed distributions' metadata folder names (``holidays-0.62.dist-info``):
    their versions, read from a directory listing — importlib.metadata alone
    costs a quarter of a cached answer."""
    wanted = {name.lower().replace("-", "_") for name in _LIBRARIES}
    found = []
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as items:
                for item in items:
                    if item.name.endswith((".dist-info", ".egg-info")) and item.name.split("-", 1)[0].lower().replace("-", "_") in wanted:
                        found.append(f"{entry}/{item.name}")
        except OSError:
            continue
    digest.update(("\0".join(sorted(found)) + "\0" + sys.version + "\0").encode("utf-8", "surrogateescape"))


def _today(parsed) -> str:
    if parsed.one.get("today") is not None:
        return ""  # typed: it is among the arguments
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return ""  # in the environment part of the key
    import datetime as dt

    return dt.date.today().isoformat()


def key_for(parsed) -> str | None:
    """The cache key of this run, or None when it must not be cached."""
    if _root() is None or parsed.flags & {"tree"} or parsed.many["rulebook"] or "output" in parsed.one:
        return None
    digest = hashlib.sha256(_FORMAT.encode() + b"\0")
    arguments = [parsed.paths, sorted(parsed.one.items()), sorted(parsed.many.items()), sorted(parsed.flags)]
    digest.update(json.dumps(arguments, ensure_ascii=False).encode("utf-8", "surrogateescape") + b"\0")
    for path in parsed.paths:
        try:
            if not os.path.isfile(path):
                return None
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        digest.update(len(data).to_bytes(8, "big") + data)
        # a plan's check also reads the ledgers beside it (台账/) and their evidence files,
        # whose hashes it verifies: such a unit's answer is never stored
        if os.path.isdir(os.path.join(os.path.dirname(path) or ".", "台账")):
            return None
    for name in _ENV:
        value = os.environ.get(name)
        digest.update(f"{name}={'-' if value is None else '=' + value}\0".encode("utf-8", "surrogateescape"))
    digest.update(f"tty={_isatty(sys.stdout)}\0{_wire(sys.stdout)}\0{_wire(sys.stderr)}\0".encode("utf-8", "surrogateescape"))
    digest.update(f"today={_today(parsed)}\0".encode())
    _package_fingerprint(digest)
    _library_versions(digest)
    return digest.hexdigest()


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _wire(stream) -> str:
    return f"{getattr(stream, 'encoding', None)}/{getattr(stream, 'errors', None)}"


def storable(options, code: int) -> bool:
    """Not a ledger among the files (its answer depends on the plan beside it)."""
    # imported here: start-up (a cached `ideo check` answer must not load formats.ledger)
    from ideo_cli.formats.ledger import is_ledger_file

    return not any(is_ledger_file(path) for path in options.paths)


def _path(key: str) -> Path:
    return _root() / key[:2] / f"{key}.json"


def get(key: str) -> tuple[int, bytes, bytes] | None:
    try:
        entry = json.loads(_path(key).read_bytes())
        if entry["format"] != _FORMAT or entry["key"] != key:
            return None
        code, out, err = entry["exit_code"], base64.b64decode(entry["stdout"], validate=True), base64.b64decode(entry["stderr"], validate=True)
    except (OSError, ValueError, TypeError, KeyError):  # absent or damaged: compute again
        return None
    return (code, out, err) if isinstance(code, int) and not isinstance(code, bool) else None


def put(key: str, code: int, out: bytes, err: bytes) -> None:
    """Best effort, atomically: a cache that cannot be written only costs time."""
    path = _path(key)
    entry = {"format": _FORMAT, "key": key, "exit_code": code, "stdout": base64.b64encode(out).decode(), "stderr": base64.b64encode(err).decode()}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(entry), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
