"""Reproducible xlsx bytes: every zip entry gets one pinned timestamp (SOURCE_DATE_EPOCH)."""
from __future__ import annotations

import datetime as dt
import io
import zipfile


def pin_zip_times(data: bytes, stamp: dt.datetime) -> bytes:
    when = max(stamp.replace(tzinfo=None), dt.datetime(1980, 1, 1)).timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            pinned = zipfile.ZipInfo(info.filename, date_time=when)
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = 0o600 << 16
            target.writestr(pinned, source.read(info.filename))
    return out.getvalue()
