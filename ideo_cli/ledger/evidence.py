"""Evidence files: kept inside the unit's folder, hashed streaming.

A path is refused when it is absolute, climbs out with ``..``, resolves
(through a symlink) to somewhere outside the unit's folder, is no name a file
system can hold (a NUL byte, too long), loops, or is not a regular file (a
FIFO, a device): the checks are ``fsutil``'s, made before anything opens the
path.  Hashing reads 1 MiB at a time, so a 2 GB video costs memory of one
block, not of the file.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path, PurePosixPath, PureWindowsPath

from ideo_cli import fsutil

CHUNK = 1 << 20

ABSOLUTE, OUTSIDE, MISSING, NOT_A_FILE, MISMATCH, NO_HASH = "absolute", "outside", "missing", "not-a-file", "mismatch", "no-hash"
BAD_NAME, LOOP = fsutil.BAD_NAME, fsutil.LOOP  # messages: ledger.evidence-<reason>

_hash_cache: dict[tuple[str, int, int], str] = {}


def sha256_file(path: Path) -> str:
    """The file's SHA-256 (raises OSError; a FIFO or device is refused, never waited on)."""
    st = os.stat(path)
    fsutil.note_input_stat(st)  # evidence is an input: no output may replace it
    key = (str(path), st.st_size, st.st_mtime_ns)
    cached = _hash_cache.get(key)
    if cached is not None:
        return cached
    fd = fsutil.open_regular(path)
    with os.fdopen(fd, "rb") as handle:
        digest = hashlib.sha256()
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
    if fsutil.name_problem(relative):
        return BAD_NAME
    if PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).is_absolute() or PureWindowsPath(relative).drive:
        return ABSOLUTE
    parts = PurePosixPath(relative.replace("\\", "/")).parts
    if ".." in parts:
        return OUTSIDE
    target, problem = fsutil.resolve_inside(folder, relative)
    if problem:
        return problem  # OUTSIDE (a symlink leading out of the unit's folder), LOOP, BAD_NAME
    return fsutil.regular_file_problem(target)  # MISSING, NOT_A_FILE, LOOP …


def file_problem(folder: Path, relative: str, sha256: str | None) -> str | None:
    """Path problems, then a hash that is absent or differs from the file's."""
    problem = path_problem(folder, relative)
    if problem:
        return problem
    if not sha256:
        return NO_HASH
    try:
        actual = sha256_file(folder / relative)
    except OSError as exc:  # changed between the check and the read
        return fsutil.os_reason(exc)
    if actual.lower() != sha256.lower():
        return MISMATCH
    return None
