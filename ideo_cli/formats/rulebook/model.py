"""A rulebook file: one profile (a name, what it extends, rules added or tightened)."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ORG_TYPES = ("党委", "党组", "党工委", "党总支", "党支部")
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Texts(_Strict):
    """Text in both languages (a rule's title, why, help)."""

    zh: str = Field(min_length=1)
    en: str | None = None


class Source(_Strict):
    document: str = Field(min_length=1)
    section: str = ""
    quote: str = Field(min_length=1)
    applies_to: list[Literal["党委", "党组", "党工委", "党总支", "党支部"]] | None = None  # the types this source speaks of


class RuleEntry(_Strict):
    code: Annotated[str, Field(pattern=r"^[A-Z]+[0-9]+$")]
    name: Slug | None = None
    check: str | None = None
    severity: Literal["error", "warning", "info"] | None = None
    applies_to: list[Literal["党委", "党组", "党工委", "党总支", "党支部"]] | None = None
    title: Texts | None = None
    why: Texts | None = None
    help: Texts | None = None
    params: dict[str, Any] | None = None
    source: Source | None = None
    also: list[Source] = []


class RulebookFile(_Strict):
    profile: Slug
    title: Texts | None = None
    description: Texts | None = None
    extends: list[str] = []
    rules: list[RuleEntry] = []
