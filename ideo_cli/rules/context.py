"""What a check function sees: the unit (plan, files, schedule), its rule's parameters, and ``report``.

Language-neutral: a check reports a :class:`~ideo_cli.i18n.Message`; the rule's
title, help and citation stay :class:`~ideo_cli.i18n.LocalText` data.  Renderers
translate.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping

from ideo_cli.diagnostics import Diagnostic
from ideo_cli.documents.convert import format_path
from ideo_cli.i18n import Message
from ideo_cli.rules.rulebook import Rule
from ideo_cli.workspace.unit import Unit


@dataclass
class CheckContext:
    unit: Unit
    rule: Rule
    today: dt.date
    known_codes: frozenset[str] = frozenset()
    found: list[Diagnostic] = field(default_factory=list)

    @property
    def loaded(self):
        return self.unit.plan

    @property
    def plan(self):
        return self.unit.plan.plan

    @property
    def params(self) -> Mapping:
        return self.rule.params

    @property
    def reference_year(self) -> int:
        return self.today.year

    def report(self, path: tuple, message: Message, *, key: bool = False, help: Message | None = None) -> None:
        """Record a finding at ``path`` (its key with ``key=True``)."""
        pos = self.loaded.doc.locate(path, key=key)
        rule = self.rule
        self.found.append(
            Diagnostic(
                code=rule.code,
                name=rule.name,
                severity=rule.severity,
                message=message,
                file=self.loaded.file,
                line=pos.line,
                col=pos.col,
                end_line=pos.end_line,
                end_col=pos.end_col,
                path=format_path(path),
                help=help if help is not None else rule.local("help"),
                title=rule.local("title"),
                citation=rule.cite_for(self.plan.organisation.type),
            )
        )
