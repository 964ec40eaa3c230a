"""Diagnostic: what a check found, where, why, and on whose authority.

Renderers (``ideo_cli/report/``) turn a list of ``FileResult`` into text, JSON,
SARIF ... and never compute anything themselves: everything a format needs is
on these objects, already translated into the user's language.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field


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
    title: str  # human title of the document, e.g. 小寨坝镇意识形态工作责任制工作计划
    section: str  # e.g. "三(二)2" or "第九条"
    quote: str  # verbatim text found in the seed

    def short(self) -> str:
        return f"{self.document} {self.section}".strip()


@dataclass(slots=True)
class Diagnostic:
    code: str  # "IDEO101"
    name: str  # "first-responsible-is-secretary"
    severity: Severity
    message: str  # already in the user's language
    file: str  # path as given on the command line (posix separators)
    line: int  # 1-based
    col: int  # 1-based, in characters
    end_line: int | None = None
    end_col: int | None = None
    path: str = ""  # data path, e.g. "obligations[3].owner"
    help: str = ""  # a "help:" hint, user's language
    title: str = ""  # the rule's title, user's language
    citation: Citation | None = None
    url: str = ""  # where `ideo rule CODE` text lives, if published

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.col, self.code, self.message)


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
    """A rule's metadata in the user's language, for SARIF rule lists and `ideo rules`."""

    code: str
    name: str
    severity: Severity  # default severity
    title: str
    help: str
    why: str = ""
    profiles: tuple[str, ...] = ()
    citation: Citation | None = None
