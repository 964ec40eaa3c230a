"""Calendar UIDs: stable, domain-qualified, free of ``/``, unique across counties.

``<plan>.<obligation>.<period>.<namespace>@ideo.invalid``

* the readable part is the occurrence's identity (plan, obligation, period),
  never its date, so a deadline moved off a holiday keeps its UID;
* every character outside ``A-Z a-z 0-9 - _`` is percent-encoded as UTF-8
  (``.`` too, so the three parts can never run into each other, and ``/``,
  which Nextcloud and some CalDAV servers refuse in a UID, never appears;
  a NUL or an escape character in an id becomes ``%00`` / ``%1B``);
* ``namespace`` is a short hash of the organisation's full name and its
  superior: two counties whose plans reuse the same ids (``xiaozhaiba``,
  ``topic-study``) still get different UIDs, so a person who imports both
  never sees one overwrite the other;
* ``.invalid`` is the top-level domain reserved for names that are not real
  hosts (RFC 2606); RFC 5545 only asks the right-hand side to make the UID
  globally unique, which the namespace does.

A plan's 整改 item is not an obligation: its identity is (plan, ``整改``, item),
so its UID never meets an obligation's (no period label is ``整改``) and stays
the same when the item's deadline moves to another year.

A very long readable part is cut and followed by a hash of the whole
identity, so UIDs stay short enough for every client.
"""
from __future__ import annotations

import hashlib
import re

from typing import Any

DOMAIN = "ideo.invalid"
# the kind of a to-do row (and calendar event) that is a plan's 整改 item, and the
# identity part that stands where an occurrence's period stands
RECTIFICATION_KIND = "整改"
MAX_READABLE = 160  # characters of the readable part before it is cut
_SAFE = re.compile(r"[A-Za-z0-9_-]")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def _encode_char(match: re.Match) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group(0).encode("utf-8", "surrogatepass"))


def uid_part(text: str) -> str:
    """One identity component, percent-encoded (see the module docstring)."""
    return _UNSAFE.sub(_encode_char, str(text))


def uid_namespace(name: str, superior: str = "") -> str:
    """8 hex digits naming one organisation: hash of its full name and superior."""
    return hashlib.sha256(f"{name}\x1f{superior}".encode("utf-8", "surrogatepass")).hexdigest()[:8]


def calendar_uid(occurrence: Any, namespace: str = "") -> str:
    """The UID of ``occurrence``'s event (see the module docstring): anything with plan,
    obligation and period (typed loosely: occurrence.py imports this module)."""
    if getattr(occurrence, "kind", None) == RECTIFICATION_KIND:
        parts = (occurrence.plan, RECTIFICATION_KIND, occurrence.obligation)
    else:
        parts = (occurrence.plan, occurrence.obligation, occurrence.period)
    readable = ".".join(uid_part(p) for p in parts)
    if len(readable) > MAX_READABLE:
        cut = readable[:MAX_READABLE]
        cut = re.sub(r"%[0-9A-F]?$", "", cut)  # never end inside a %XX escape
        whole = "\x00".join(parts).encode("utf-8", "surrogatepass")
        readable = f"{cut}~{hashlib.sha256(whole).hexdigest()[:12]}"
    tail = f".{namespace}" if namespace else ""
    return f"{readable}{tail}@{DOMAIN}"
