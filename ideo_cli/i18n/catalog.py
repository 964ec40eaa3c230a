"""Translate a Message with the gettext catalogue; format its typed arguments.

The catalogues are standard gettext ``.mo`` files read with the standard
library (no dependency, ~1 ms to load); the ``.po`` sources are edited by hand
or with Poedit and compiled by ``make catalog`` (Babel).  A message whose
``en`` entry is missing falls back to Chinese, and one missing from both shows
its id — a test keeps both catalogues complete so neither happens.
"""
from __future__ import annotations

import datetime as dt
import gettext
import string
from functools import lru_cache
from importlib import resources
from pathlib import PurePath
from typing import Any

from ideo_cli.i18n.message import LocalText, Message

DOMAIN = "ideo"
_FORMATTER = string.Formatter()


@lru_cache(maxsize=None)
def _catalog(lang: str) -> gettext.GNUTranslations | gettext.NullTranslations:
    path = resources.files("ideo_cli.i18n").joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.mo")
    try:
        with path.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    except OSError:
        return gettext.NullTranslations()


def _template(lang: str, id: str, n: Any) -> str | None:
    cat = _catalog(lang)
    entries = getattr(cat, "_catalog", {})
    if isinstance(n, int) and (id, 0) in entries:
        return entries[(id, cat.plural(n))]
    return entries.get(id)


def has_message(id: str, lang: str) -> bool:
    entries = getattr(_catalog(lang), "_catalog", {})
    return id in entries or (id, 0) in entries


def t(value: Any, lang: str) -> str:
    """Any text carrier in ``lang``: Message, LocalText, user ``str``, or None ("")."""
    if value is None:
        return ""
    if isinstance(value, Message):
        template = _template(lang, value.id, value.get("n"))
        if template is None and lang != "zh":
            template = _template("zh", value.id, value.get("n"))
        if template is None:
            return value.id
        if not value.args:
            return template
        fields = {k: format_value(v, lang) for k, v in value.args}
        try:
            return _FORMATTER.vformat(template, (), _Missing(fields))
        except (ValueError, IndexError):  # a broken catalogue entry must not crash a run
            return template
    if isinstance(value, LocalText):
        return value.pick(lang)
    return format_value(value, lang)


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_value(value: Any, lang: str) -> str:
    """One argument as the user reads it: never a Python repr."""
    if isinstance(value, (Message, LocalText)):
        return t(value, lang)
    if value is None:
        return t(Message("value.null"), lang)
    if isinstance(value, bool):
        return t(Message("value.true" if value else "value.false"), lang)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [format_value(v, lang) for v in (sorted(value, key=str) if isinstance(value, (set, frozenset)) else value)]
        # codes and ids read best comma-separated in either language; Chinese words take 、
        sep = ", " if all(item.isascii() for item in items) else t(Message("value.separator"), lang)
        return sep.join(items)
    if isinstance(value, dict):
        return t(Message("value.mapping"), lang)
    if isinstance(value, PurePath):
        return value.as_posix()
    return str(value)
