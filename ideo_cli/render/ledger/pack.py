"""`ideo ledger --pack FILE.zip`: the ledger files, the evidence, and an index, for 迎检.

Deterministic: entries sorted, one fixed timestamp (SOURCE_DATE_EPOCH, else
1980-01-01), fixed permissions.  Evidence is streamed into the archive in
blocks; the index says for each file whether its sha256 still matches.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import zipfile
from pathlib import Path

from ideo_cli.fsutil import open_regular
from ideo_cli.i18n import msg, t
from ideo_cli.ledger.evidence import file_problem
from ideo_cli.render.ledger.markdown import render_markdown


def _info(name: str, when) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def build_pack(views, lang: str, stamp: dt.datetime | None) -> bytes:
    when = (stamp.astimezone(dt.timezone.utc).replace(tzinfo=None) if stamp else dt.datetime(1980, 1, 1))
    when = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]
    entries: dict[str, tuple[str, object]] = {}  # archive name → ("bytes", data) | ("file", path)
    index = [render_markdown(views, lang), f"## {t(msg('ledger.pack.files'), lang)}", ""]
    for view in views:
        prefix = f"{view.plan_id}/"
        for path in view.ledger_files:
            entries[prefix + "台账/" + path.name] = ("file", path)
        for relative, sha in view.evidence:
            problem = file_problem(view.folder, relative, sha)
            state = t(msg("ledger.pack.ok"), lang) if problem is None else t(msg(f"ledger.evidence-{problem}", file=relative, folder=view.folder.as_posix()), lang)
            index.append(f"- `{prefix}{relative}` sha256 `{sha or ''}` — {state}")
            if problem in (None, "mismatch", "no-hash"):
                entries[prefix + relative] = ("file", view.folder / relative)
    entries["index.md"] = ("bytes", ("\n".join(index) + "\n").encode("utf-8"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for name in sorted(entries):
            kind, value = entries[name]
            if kind == "bytes":
                archive.writestr(_info(name, when), value)
            else:
                with os.fdopen(open_regular(Path(value)), "rb") as source, archive.open(_info(name, when), "w", force_zip64=True) as target:
                    shutil.copyfileobj(source, target, 1 << 20)
    return out.getvalue()
