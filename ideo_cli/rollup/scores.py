"""``ideo rollup --rubric`` / ``ideo html --rubric``: the subtree's units scored and ranked.

Each unit read from its own files (plan and 台账) is scored by the same engine as
``ideo score``; a unit known only from a summary (``ideo status``) carries no
plan or ledger, so it is listed as not scored rather than guessed.  Pure data;
renderers translate.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from ideo_cli.rollup.aggregate import unit_name
from ideo_cli.scoring.adapt import ScoringInputError, observations_from_schedule
from ideo_cli.scoring.engine import score_unit
from ideo_cli.scoring.rank import grade_counts, histogram, rank

PLAN_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class ScoreRow:
    rank: int
    unit_id: str
    unit_name: str
    score: float
    grade: str
    grade_by_score: str
    vetoed: bool
    loses_award: bool
    at_risk: float
    file: str


@dataclass
class ScoreRanking:
    rubric_id: str
    rubric_title: str
    total: float
    grades: list[str]  # best first
    rows: list[ScoreRow] = field(default_factory=list)
    grade_counts: dict[str, int] = field(default_factory=dict)
    histogram: list[tuple[float, float, int]] = field(default_factory=list)
    unscored: list[str] = field(default_factory=list)  # unit names read from summaries
    problems: list = field(default_factory=list)  # Diagnostic: manual scores that could not be used


def score_cards(summaries: dict[str, dict], members: list[str], rubric, year: int, as_of: dt.date) -> dict[str, object]:
    """{unit id: Scorecard} for the members read from plan files (one schedule for all)."""
    files = []
    for uid in members:
        shown = summaries[uid]["unit"].get("file") or ""
        if shown.endswith(PLAN_SUFFIXES):
            files.append((Path(shown), shown))
    cards = Cards()
    while files:
        try:
            observations = observations_from_schedule(files, year, as_of)
        except ScoringInputError as exc:  # a unit's 台账 cannot be read: it goes unscored, its problems are said
            failed = [d for r in exc.results for d in r.diagnostics]
            cards.problems.extend(failed)
            broken = {d.file for d in failed}
            keep = [(p, s) for p, s in files if not any(f == s or f.startswith(Path(s).parent.as_posix() + "/") for f in broken)]
            if len(keep) == len(files):  # nothing to tell which unit failed: none is scored
                return cards
            files = keep
            continue
        cards.update({obs.unit: score_unit(rubric, obs) for obs in observations})
        break
    return cards


class Cards(dict):
    """{unit id: Scorecard}, and the problems of the units that could not be scored."""

    def __init__(self):
        super().__init__()
        self.problems: list = []


def ranking(cards: dict[str, object], summaries: dict[str, dict], members: list[str], rubric) -> ScoreRanking:
    """The members' scorecards ranked (vetoed units last), their grade counts and histogram."""
    grades = [g.title for g in rubric.grades]
    mine = [cards[uid] for uid in members if uid in cards]
    out = ScoreRanking(rubric.id, rubric.title, rubric.total, grades)
    for ranked in rank(mine):
        card = ranked.card
        out.rows.append(ScoreRow(ranked.rank, card.unit, unit_name(summaries[card.unit]["unit"]), card.score, card.grade, card.grade_by_score,
                                 card.vetoed, card.loses_award, card.at_risk, card.plan_file))
        out.problems.extend(card.problems)
    out.problems.extend(getattr(cards, "problems", ()))
    out.grade_counts = grade_counts(mine, grades)
    out.histogram = histogram(mine, rubric.total)
    out.unscored = [unit_name(summaries[uid]["unit"]) for uid in members if uid not in cards]
    return out
