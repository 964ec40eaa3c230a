"""Evidence files: kept inside the unit's folder, hashed streaming.

A path is refused when it is absolute, climbs out with ``..``, or resolves
(through a symlink) to somewhere outside the unit's folder.  Hashing reads
1 MiB at a time, so a 2 GB video costs memory of one block, not of the file.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path, PurePosixPath, PureWindowsPath

from ideo_cli.fsutil import note_input

CHUNK = 1 << 20

ABSOLUTE, OUTSIDE, MISSING, NOT_A_FILE, MISMATCH, NO_HASH = "absolute", "outside", "missing", "not-a-file", "mismatch", "no-hash"

_hash_cache: dict[tuple[str, int, int], str] = {}


def sha256_file(path: Path) -> str:
    note_input(path)  # evidence is an input: no output may replace it
    st = os.stat(path)
    key = (str(path), st.st_size, st.st_mtime_ns)
    cached = _hash_cache.get(key)
    if cached is not None:
        return cached
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while True:
            block = handle.read(CHUNK)
            if not block:
                break
            digest.update(block)
    value = digest.hexdigest()
    _hash_cache[key] = value
    return value


def path_problem(folder: Path, relative: str) -> str | None:
    """Why ``relative`` is not an acceptable evidence path in ``folder`` (None: fine)."""
    if PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).is_absolute() or PureWindowsPath(relative).drive:
        return ABSOLUTE
    parts = PurePosixPath(relative.replace("\\", "/")).parts
    if ".." in parts:
        return OUTSIDE
    root = folder.resolve()
    target = (folder / relative).resolve()
    if target != root and root not in target.parents:
        return OUTSIDE  # a symlink leading out of the unit's folder
    if not target.exists():
        return MISSING
    if not target.is_file():
        return NOT_A_FILE
    return None


def file_problem(folder: Path, relative: str, sha256: str | None) -> str | None:
    """Path problems, then a hash that is absent or differs from the file's."""
    problem = path_problem(folder, relative)
    if problem:
        return problem
    if not sha256:
        return NO_HASH
    if sha256_file(folder / relative).lower() != sha256.lower():
        return MISMATCH
    return None
