"""Atomic file output: a reader never sees a half-written file."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    """An output file or directory could not be written; message is user-facing."""

    def __init__(self, path: Path | str, reason: str, directory: bool = False):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason
        self.directory = directory  # the folder could not be created


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Write ``data`` to a temp file beside ``path``, fsync, then rename over it."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(target, exc.strerror or str(exc)) from None
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; a report is an ordinary file
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(target, exc.strerror or str(exc)) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    atomic_write_bytes(path, text.encode(encoding))


def write_set(outputs, output_dir=None) -> None:
    """Write several files so that a failure leaves none of the new ones half-written.

    Every file goes to a temporary name beside its target first; only when all
    are written are they renamed into place.  (Renames are atomic one by one;
    a crash between two renames leaves complete files only.)
    """
    staged: list[tuple[str, Path]] = []
    try:
        if output_dir is not None:
            try:
                Path(output_dir).mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise OutputError(output_dir, exc.strerror or str(exc), directory=True) from None
        for item in outputs:
            target = Path(item.path)
            directory = target.parent if str(target.parent) else Path(".")
            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
            except OSError as exc:
                raise OutputError(target, exc.strerror or str(exc)) from None
            staged.append((tmp, target))
            try:
                os.fchmod(fd, 0o666 & ~_umask())
                with os.fdopen(fd, "wb") as handle:
                    handle.write(item.data)
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError as exc:
                raise OutputError(target, exc.strerror or str(exc)) from None
        for tmp, target in staged:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise OutputError(target, exc.strerror or str(exc)) from None
        staged = []
    finally:
        for tmp, _ in staged:
            try:
                os.unlink(tmp)
            except OSError:
                pass
