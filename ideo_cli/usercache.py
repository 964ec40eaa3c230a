"""A content-addressed cache of unit summaries, outside the repository's files.

The key is a hash of everything a summary depends on — the bytes of the plan
and of its ledger, the year, the as-of date and ideo's version — so an
unchanged unit is never recomputed and a changed one never served stale.
It lives in ``$IDEO_CACHE_DIR``, else ``$XDG_CACHE_HOME/ideo``, else
``~/.cache/ideo``: never among the files a repository tracks.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path


def cache_root() -> Path | None:
    if os.environ.get("IDEO_NO_CACHE"):
        return None
    explicit = os.environ.get("IDEO_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ideo"


def content_key(parts: list[bytes], *context: str) -> str:
    digest = hashlib.sha256()
    for item in context:
        digest.update(item.encode("utf-8") + b"\0")
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


class SummaryCache:
    def __init__(self, root: Path | None = None, kind: str = "summary"):
        base = root if root is not None else cache_root()
        self.folder = base / kind if base is not None else None

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        if self.folder is None:
            return None
        try:
            return json.loads(self._path(key).read_bytes())
        except (OSError, ValueError):
            return None

    def put(self, key: str, value: dict) -> None:
        """Best effort: a cache that cannot be written only costs time."""
        if self.folder is None:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass
