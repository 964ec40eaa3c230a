"""Things every command needs: today's date, input discovery, output."""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

DEFAULT_EXCLUDES = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache", ".pytest_cache"}


def today_from_env(explicit: dt.date | None = None) -> dt.date:
    """--today, else SOURCE_DATE_EPOCH (reproducible builds), else the real date."""
    if explicit is not None:
        return explicit
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def now_from_env() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def discover(paths: list[Path], excludes: tuple[str, ...] = ()) -> list[tuple[Path, str]]:
    """Files to read, each with the name to show; directories recurse for *.yaml/*.yml.

    A path given explicitly is always read (even if it does not exist, so the
    user gets a located error); files found by walking skip hidden and
    excluded folders and are sorted for deterministic output.
    """
    found: list[tuple[Path, str]] = []
    seen: set[str] = set()
    skip = DEFAULT_EXCLUDES | set(excludes)
    for root in paths:
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames[:] = sorted(d for d in dirnames if d not in skip and not d.startswith("."))
                for name in sorted(filenames):
                    if name.endswith((".yaml", ".yml")) and not name.startswith(".") and name not in skip:
                        path = Path(dirpath) / name
                        _add(found, seen, path)
        else:
            _add(found, seen, root)
    return found


def _add(found, seen, path: Path) -> None:
    shown = path.as_posix()
    if shown.startswith("./"):
        shown = shown[2:]
    if shown not in seen:
        seen.add(shown)
        found.append((path, shown))


def use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def read_source(path: Path | str) -> str | None:
    """A file's text for report snippets, or None if it cannot be read as UTF-8 (a FIFO is never waited on)."""
    from ideo_cli.fsutil import read_regular

    try:
        raw = read_regular(path, 64 * 1024 * 1024)
        return raw.decode("utf-8")
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def parse_date_option(option: str, value: str) -> dt.date:
    """``--today 2027-06-30`` → a date; anything else is a usage error naming the option."""
    from ideo_cli.app.result import UsageError
    from ideo_cli.i18n import msg

    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(msg("cli.bad-date-option", option=option, value=value)) from None
