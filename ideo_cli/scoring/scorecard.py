"""The scorecard: points per item, every deduction explained, vetoes, total, grade.

Language-neutral: reasons are catalogue Messages with typed arguments;
titles and quotes are the rubric's own text.  Renderers translate.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ideo_cli.formats.rubric.model import Citation
from ideo_cli.i18n import Message


@dataclass(frozen=True, slots=True)
class Deduction:
    points: float  # points lost (for a risk: points that would be lost)
    reason: Message
    occurrence: str | None = None  # the occurrence's uid
    obligation: str | None = None
    period: str | None = None
    due: dt.date | None = None
    status: str | None = None
    record: str | None = None  # where the record that settled it is written
    finding: str | None = None  # "file:line:col CODE"
    assumed: bool = False  # the status came from --assume


@dataclass
class ItemScore:
    id: str
    title: str
    method: str  # ledger | findings | manual | bonus
    points: float  # the item's value
    awarded: float
    deductions: list[Deduction] = field(default_factory=list)
    at_risk: list[Deduction] = field(default_factory=list)  # still open: lost if not done by the due date
    capped: bool = False  # 扣完为止: deductions exceeded the cap
    citation: Citation | None = None
    evidence: list[str] = field(default_factory=list)  # 佐证: evidence paths of the records scored
    scored_by: str | None = None  # manual items: who scored, as "role"
    not_applicable: str | None = None  # the unit's type, when the item does not apply to it (full points)

    @property
    def lost(self) -> float:
        return round(self.points - self.awarded, 6) if self.method != "bonus" else 0.0

    @property
    def risk_points(self) -> float:
        return min(sum(d.points for d in self.at_risk), self.awarded) if self.method != "bonus" else 0.0


@dataclass
class VetoResult:
    id: str
    title: str
    triggered: bool
    causes: list[Deduction] = field(default_factory=list)  # the facts that triggered it (points 0)
    grade: str | None = None  # the grade it imposes
    loses_award: bool = False
    citation: Citation | None = None


@dataclass
class Scorecard:
    unit: str
    unit_name: str
    year: int
    as_of: dt.date
    rubric_id: str
    rubric_title: str
    total_points: float
    items: list[ItemScore]
    bonus: list[ItemScore]
    vetoes: list[VetoResult]
    score: float  # items awarded + bonus
    grade: str  # after vetoes
    grade_by_score: str  # before vetoes
    loses_award: bool
    at_risk: float  # points still open
    problems: list = field(default_factory=list)  # Diagnostic: manual scores that could not be used
    plan_file: str = ""

    @property
    def vetoed(self) -> bool:
        return any(v.triggered for v in self.vetoes)
