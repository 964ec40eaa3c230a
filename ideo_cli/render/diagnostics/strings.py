"""The few labels renderers print themselves, in Chinese (default) and English.

Messages, help texts and rule titles arrive already translated on the
``Diagnostic``; only the scaffolding around them (severity labels, "help",
"source", summary lines) lives here.  An entry is either one string or a
``(singular, plural)`` pair chosen by :func:`plural`.
"""
from __future__ import annotations

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

_CATALOG: dict[str, dict[str, str | tuple[str, str]]] = {
    "zh": {
        "severity.fatal": "无法读取",
        "severity.error": "错误",
        "severity.warning": "警告",
        "severity.info": "提示",
        "label.path": "路径",
        "label.help": "建议",
        "label.citation": "依据",
        "label.url": "详见",
        "count.fatal": "无法读取 {n}",
        "count.error": "错误 {n}",
        "count.warning": "警告 {n}",
        "count.info": "提示 {n}",
        "sep": "，",
        "summary.found": "发现 {problems} 个问题（{breakdown}）；检查了 {files} 个文件",
        "summary.clean": "全部通过：检查了 {files} 个文件",
        "summary.waived": "；已豁免 {n}",
    },
    "en": {
        "severity.fatal": "fatal",
        "severity.error": "error",
        "severity.warning": "warning",
        "severity.info": "info",
        "label.path": "path",
        "label.help": "help",
        "label.citation": "source",
        "label.url": "see",
        "count.fatal": ("{n} fatal", "{n} fatal"),
        "count.error": ("{n} error", "{n} errors"),
        "count.warning": ("{n} warning", "{n} warnings"),
        "count.info": ("{n} info", "{n} infos"),
        "sep": ", ",
        "problems": ("{n} problem", "{n} problems"),
        "files": ("{n} file", "{n} files"),
        "summary.found": "Found {problems} ({breakdown}) in {files} checked",
        "summary.clean": "All checks passed: {files} checked",
        "summary.waived": "; {n} waived",
    },
}


def normalize_lang(lang: str | None) -> str:
    """``en``, ``en-US``, ``EN_gb`` -> ``en``; anything else -> Chinese (the default)."""
    if lang and lang.strip().lower().startswith("en"):
        return "en"
    return DEFAULT_LANG


def text(lang: str, key: str, **fields: object) -> str:
    entry = _CATALOG[normalize_lang(lang)].get(key)
    if entry is None:
        entry = _CATALOG[DEFAULT_LANG][key]
    if isinstance(entry, tuple):
        entry = entry[1]
    return entry.format(**fields) if fields else entry


def plural(lang: str, key: str, n: int) -> str:
    """``key`` formatted with ``n``; English picks singular/plural, Chinese has one form."""
    entry = _CATALOG[normalize_lang(lang)].get(key)
    if entry is None:  # Chinese has no "3 files" style entries: just the number
        return str(n)
    if isinstance(entry, tuple):
        entry = entry[0] if n == 1 else entry[1]
    return entry.format(n=n)


def severity_label(lang: str, severity: str) -> str:
    """Localized severity label: 错误/警告/提示/无法读取 or error/warning/info/fatal."""
    return text(lang, f"severity.{severity}")
