"""What a check function sees: the plan, its rule's parameters, and ``report``."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping

from ideo_cli.diagnostics import Diagnostic
from ideo_cli.i18n import pick
from ideo_cli.documents.convert import format_path
from ideo_cli.formats.plan.load import LoadedPlan
from ideo_cli.rules.rulebook import Rule


@dataclass
class CheckContext:
    loaded: LoadedPlan
    rule: Rule
    lang: str
    today: dt.date
    known_codes: frozenset[str] = frozenset()
    found: list[Diagnostic] = field(default_factory=list)

    @property
    def plan(self):
        return self.loaded.plan

    @property
    def params(self) -> Mapping:
        return self.rule.params

    @property
    def reference_year(self) -> int:
        return self.today.year

    def report(self, path: tuple, message: Mapping[str, str], *, key: bool = False, help: Mapping[str, str] | None = None, **fields: object) -> None:
        """Record a finding at ``path`` (its key with ``key=True``)."""
        pos = self.loaded.doc.locate(path, key=key)
        rule = self.rule
        self.found.append(
            Diagnostic(
                code=rule.code,
                name=rule.name,
                severity=rule.severity,
                message=pick(message, self.lang, **fields),
                file=self.loaded.file,
                line=pos.line,
                col=pos.col,
                end_line=pos.end_line,
                end_col=pos.end_col,
                path=format_path(path),
                help=pick(help, self.lang, **fields) if help else rule.text("help", self.lang),
                title=rule.text("title", self.lang),
                citation=rule.citation(self.lang),
            )
        )
