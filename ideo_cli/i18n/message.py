"""The language-neutral carriers of text: Message (id + typed args) and LocalText."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping


@dataclass(frozen=True, slots=True)
class Message:
    """A catalogue message id and its arguments, translated only when rendered.

    Arguments are typed values, not preformatted text: ``str`` (user data, shown
    as written), ``int``/``float``, ``datetime.date``, ``bool``, ``None`` (shown
    as the language's word for an empty value), lists/tuples (joined with the
    language's separator), and nested ``Message``/``LocalText`` (translated).
    """

    id: str
    args: tuple[tuple[str, Any], ...] = ()

    @property
    def kwargs(self) -> dict[str, Any]:
        return dict(self.args)

    def get(self, name: str, default: Any = None) -> Any:
        for key, value in self.args:
            if key == name:
                return value
        return default

    def with_args(self, **args: Any) -> "Message":
        merged = dict(self.args)
        merged.update(args)
        return Message(self.id, tuple(merged.items()))

    def __str__(self) -> str:  # for logs and assertion messages only; renderers use t()
        # imported here: breaks the import cycle i18n.message → i18n.catalog → i18n.message
        from ideo_cli.i18n.catalog import t

        return t(self, "en")


def msg(id: str, **args: Any) -> Message:
    """``msg("check.summary.clean", files=3)``."""
    return Message(id, tuple(args.items()))


@dataclass(frozen=True, slots=True)
class LocalText:
    """Text supplied as data in both languages (rulebooks, document titles)."""

    zh: str
    en: str = ""

    def pick(self, lang: str) -> str:
        if lang == "en":
            return self.en or self.zh
        return self.zh or self.en

    def __bool__(self) -> bool:
        return bool(self.zh or self.en)


def local(texts: Mapping[str, str] | LocalText | str | None) -> LocalText | None:
    """A ``{"zh": ..., "en": ...}`` mapping from data as LocalText (None stays None)."""
    if texts is None or isinstance(texts, LocalText):
        return texts
    if isinstance(texts, str):
        return LocalText(texts, texts)
    return LocalText(str(texts.get("zh") or texts.get("en") or ""), str(texts.get("en") or texts.get("zh") or ""))
