"""A file kind's bilingual key vocabulary: every spelling → its canonical (English) key.

Keys are mapped while the file is read (so ``组织`` and ``organisation`` written
side by side are a duplicate), and the validator asks the vocabulary for the
other language's spellings when it suggests a key or lists the known ones.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping


# the header every kind shares, spelt at the top level only (``kind`` is also an
# obligation field, ``类别``): ``格式版本: 1`` + ``文件类型: 台账``
HEADER_ALIASES: dict[str, str] = {"格式版本": "ideo", "版本": "ideo", "文件类型": "kind"}


@dataclass(frozen=True)
class Vocabulary:
    aliases: Mapping[str, str]  # spelling as written -> canonical key
    _spellings: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for spelling, canonical in self.aliases.items():
            if spelling != canonical:
                self._spellings.setdefault(canonical, []).append(spelling)

    def __call__(self, raw: str, path: tuple = ()) -> str:
        """The canonical key for ``raw`` at ``path`` (used as the loader's ``translate_key``)."""
        if not isinstance(raw, str):
            return raw
        if not path and raw in HEADER_ALIASES:
            return HEADER_ALIASES[raw]
        return self.aliases.get(raw, raw)

    def spellings(self, canonical: str) -> list[str]:
        """Other spellings of ``canonical`` (Chinese ones first, as declared)."""
        return list(self._spellings.get(canonical, ()))

    def chinese(self, canonical: str) -> list[str]:
        return [s for s in self.spellings(canonical) if not s.isascii()]


def vocabulary_of(model) -> Vocabulary:
    """A model's vocabulary from its fields' ``json_schema_extra={"zh": [...]}``, nested models included.

    For kinds that declare their Chinese keys on the model rather than in a
    ``vocab.py`` table (``Field(json_schema_extra={"zh": ["日期"]})``).
    """
    import typing

    from pydantic import BaseModel

    aliases: dict[str, str] = {}
    seen: set[type] = set()

    def models_in(annotation):
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield annotation
        for arg in typing.get_args(annotation):
            yield from models_in(arg)

    def walk(cls) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for name, info in cls.model_fields.items():
            key = info.alias or name
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            for zh in extra.get("zh", ()):
                aliases.setdefault(zh, key)
            for inner in models_in(info.annotation):
                walk(inner)

    walk(model)
    return Vocabulary(aliases)
