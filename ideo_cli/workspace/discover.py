"""Find a workspace's units: plan files in any folder layout, and status summaries.

A workspace is a directory of units.  Every ``*.yaml``/``*.yml`` below it is a
plan, except inside a unit's ledger and evidence folders (``台账/``, ``佐证/``)
and hidden or tool folders; every ``*.status.json`` is a summary written by
``ideo status`` that stands in for a unit's files.  ``os.scandir`` is used
because a province keeps 10⁵ files in one folder: listing must not stat each
file twice or sort more than once.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_EXCLUDES = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache", ".pytest_cache"}

UNIT_FOLDERS = {"台账", "ledger", "ledgers", "佐证", "evidence"}  # belong to the unit beside them
SUMMARY_SUFFIX = ".status.json"


@dataclass
class Found:
    plans: list[tuple[Path, str]] = field(default_factory=list)  # (path, name to show)
    summaries: list[tuple[Path, str]] = field(default_factory=list)


def _shown(path: Path) -> str:
    """How every command names a file: relative to the working directory when it is below
    it (however it was typed: absolute, ``./x``, ``a/../x``), else absolute; posix."""
    text = os.path.normpath(str(path))
    if os.path.isabs(text):
        try:
            relative = os.path.relpath(text)
        except ValueError:  # another drive
            relative = ".."
        if relative != ".." and not relative.startswith(".." + os.sep):
            text = relative
    return Path(text).as_posix()


def discover_workspace(paths: list[Path], excludes: tuple[str, ...] = ()) -> Found:
    found = Found()
    seen: set[str] = set()
    skip = DEFAULT_EXCLUDES | UNIT_FOLDERS | set(excludes)

    def add(path: Path) -> None:
        shown = _shown(path)
        if shown in seen:
            return
        seen.add(shown)
        if shown.endswith(SUMMARY_SUFFIX) or shown.endswith(".json"):
            found.summaries.append((path, shown))
        else:
            found.plans.append((path, shown))

    for root in paths:
        if not root.is_dir():
            add(root)  # named explicitly: read it, so a missing file is a located error
            continue
        stack = [root]
        while stack:  # iterative: a tree 50 levels deep is no recursion problem
            folder = stack.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                continue
            subfolders = []
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    if name not in skip:
                        subfolders.append(folder / name)
                elif name.endswith((".yaml", ".yml")) or name.endswith(SUMMARY_SUFFIX):
                    add(folder / name)
            stack.extend(reversed(subfolders))
    return found


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
    shown = _shown(path)
    if shown not in seen:
        seen.add(shown)
        found.append((path, shown))
