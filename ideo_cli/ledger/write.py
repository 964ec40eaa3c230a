"""Writing a record: the ledger and its copied evidence land together or not at all.

Evidence is copied (streaming) to temporary names beside its destinations and
the new ledger text to a temporary file, all fsynced; then the ledger is
renamed into place and the evidence after it.  If any step fails, the old
ledger is restored and every temporary file removed, so there is never a
half-written ledger, nor a copied file without its record.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ideo_cli.fsutil import OutputError


def _temp_beside(target: Path) -> tuple[int, str]:
    target.parent.mkdir(parents=True, exist_ok=True)
    return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)


def commit_record(ledger_path: Path, text: bytes, copies: list[tuple[Path, Path]]) -> None:
    commit_ledgers([(ledger_path, text)], copies)


def commit_ledgers(ledgers: list[tuple[Path, bytes]], copies: list[tuple[Path, Path]]) -> None:
    """Every ledger's new bytes and every evidence copy, as one transaction."""
    staged: list[tuple[str, Path]] = []
    old = {path: (path.read_bytes() if path.exists() else None) for path, _text in ledgers}
    replaced: list[Path] = []
    ledger_tmps: list[tuple[str, Path]] = []
    try:
        for source, dest in copies:
            fd, tmp = _temp_beside(dest)
            staged.append((tmp, dest))
            with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
                shutil.copyfileobj(src, out, 1 << 20)
                out.flush()
                os.fsync(out.fileno())
        for path, text in ledgers:
            fd, tmp = _temp_beside(path)
            ledger_tmps.append((tmp, path))
            with os.fdopen(fd, "wb") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, 0o644)
        for tmp, path in ledger_tmps:
            os.replace(tmp, path)
            replaced.append(path)
        ledger_tmps = []
        for tmp, dest in staged:
            os.chmod(tmp, 0o644)
            os.replace(tmp, dest)
        staged = []
    except OSError as exc:
        for path in replaced:
            if old[path] is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(old[path])
        if replaced:
            for _src, dest in copies_done(staged, copies):
                dest.unlink(missing_ok=True)
        for tmp, _dest in staged + ledger_tmps:
            Path(tmp).unlink(missing_ok=True)
        raise OutputError(getattr(exc, "filename", None) or ledgers[0][0], exc.strerror or str(exc)) from None


def copies_done(staged: list[tuple[str, Path]], copies: list[tuple[Path, Path]]) -> list[tuple[Path, Path]]:
    """Copies already renamed into place (those no longer staged)."""
    pending = {dest for _tmp, dest in staged}
    return [(src, dest) for src, dest in copies if dest not in pending]
