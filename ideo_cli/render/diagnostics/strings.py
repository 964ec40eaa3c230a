"""The labels report renderers print themselves, from the one catalogue (``report.*`` ids).

An English count entry has singular and plural forms (``msgid_plural``);
Chinese has one form.
"""
from __future__ import annotations

from ideo_cli.i18n import msg, normalize_lang, t

__all__ = ["normalize_lang", "plural", "severity_label", "text"]


def text(lang: str, key: str, **fields: object) -> str:
    return t(msg(f"report.{key}", **fields), normalize_lang(lang))


def plural(lang: str, key: str, n: int) -> str:
    """``key`` formatted with ``n``; English picks singular/plural, Chinese has one form."""
    return t(msg(f"report.{key}", n=n), normalize_lang(lang))


def severity_label(lang: str, severity: str) -> str:
    """Localized severity label: 错误/警告/提示/无法读取 or error/warning/info/fatal."""
    return text(lang, f"severity.{severity}")
