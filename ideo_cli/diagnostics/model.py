"""Diagnostic: what a check found, where, why, and on whose authority.

Language-neutral: ``message`` and ``help`` are :class:`~ideo_cli.i18n.Message`
(a catalogue id and typed arguments); ``title`` and the citation's document
title are :class:`~ideo_cli.i18n.LocalText` from rulebook data.  Renderers
(``ideo_cli/render/``) translate them with :func:`~ideo_cli.i18n.t` — nothing
below the renderers holds text in one language.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Union

from ideo_cli.i18n import LocalText, Message

# what a text field may hold: a catalogue message, data in both languages, or
# (names, quotes, titles the user wrote) plain text that is never translated
Text = Union[Message, LocalText, str]


class Severity(str, enum.Enum):
    """Ordered: ``fatal`` means the file could not be read as a plan at all."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
    FATAL = "fatal"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2, Severity.FATAL: 3}


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a rule comes from: seed document, section/article, verbatim quote."""

    document: str  # e.g. "000" or "003 篇二"; title resolved by the rulebook
    title: "Text"  # the document's title (LocalText from documents.yaml), e.g. 小寨坝镇意识形态工作责任制工作计划
    section: str  # e.g. "三(二)2" or "第九条"
    quote: str  # verbatim text found in the seed

    def short(self) -> str:
        return f"{self.document} {self.section}".strip()


@dataclass(slots=True)
class Diagnostic:
    code: str  # "IDEO101"
    name: str  # "first-responsible-is-secretary"
    severity: Severity
    message: Text  # a Message; renderers translate
    file: str  # path as given on the command line (posix separators)
    line: int  # 1-based
    col: int  # 1-based, in characters
    end_line: int | None = None
    end_col: int | None = None
    path: str = ""  # data path, e.g. "obligations[3].owner"
    help: Text | None = None  # a "help:" hint (Message), else the rule's help (LocalText)
    title: Text | None = None  # the rule's title (LocalText)
    citation: Citation | None = None
    url: str = ""  # where `ideo rule CODE` text lives, if published

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.col, self.code, self.message.id if isinstance(self.message, Message) else str(self.message))


@dataclass(slots=True)
class FileResult:
    """Everything found in one input file, plus its text for snippets."""

    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source: str | None = None  # decoded text, None if the file could not be decoded
    waived: int = 0  # number of diagnostics suppressed by valid waivers

    @property
    def fatal(self) -> bool:
        return any(d.severity is Severity.FATAL for d in self.diagnostics)


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule's metadata (LocalText from the rulebook), for SARIF rule lists and `ideo rules`."""

    code: str
    name: str
    severity: Severity  # default severity
    title: Text
    help: Text
    why: Text = ""
    profiles: tuple[str, ...] = ()
    citation: Citation | None = None
