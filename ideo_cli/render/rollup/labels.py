"""Shared labels for the roll-up renderers (all through the catalogue)."""
from __future__ import annotations

from ideo_cli.i18n import msg, t
from ideo_cli.ledger.status import STATUSES
from ideo_cli.rollup.aggregate import unit_name  # noqa: F401  (re-exported for the renderers)

KIND_IDS = {f"O{i}" for i in range(1, 14)} | {"custom"}


def kind_label(kind: str, lang: str) -> str:
    return t(msg(f"rollup.kind.{kind}"), lang) if kind in KIND_IDS else kind


def kind_code(kind: str, lang: str) -> str:
    """The short heading of a kind's column: its code (O1…O13); a plan's own kinds
    (``custom``) have no code and are headed by their name."""
    return kind if kind.startswith("O") else kind_label(kind, lang)


def kind_heading(kind: str, lang: str) -> str:
    """A kind as a row of the rates: "O1 专题研究", or the name alone for ``custom``."""
    code = kind_code(kind, lang)
    label = kind_label(kind, lang)
    return label if code == label else f"{code} {label}"


def status_label(status: str | None, lang: str) -> str:
    return t(msg(f"status.{status}"), lang) if status else ""


def status_short(status: str | None, lang: str) -> str:
    return t(msg(f"rollup.short.{status}"), lang) if status else ""


def legend(lang: str) -> str:
    sep = "  "
    return sep.join(f"{status_short(s, lang)}={status_label(s, lang)}" for s in STATUSES)


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.0f}%"


def text(id_: str, lang: str, **args) -> str:
    return t(msg(id_, **args), lang)
