"""For ``ideo rollup --rubric``: rank a subtree's scorecards and describe their spread.

Pure functions over :class:`~ideo_cli.scoring.scorecard.Scorecard`; the roll-up
decides how to show them.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Ranked:
    rank: int  # 1 = best; equal scores share a rank (1, 2, 2, 4)
    card: object


def rank(cards) -> list[Ranked]:
    """Best first: vetoed units after all others (a veto outranks points), then by score, then by unit id."""
    ordered = sorted(cards, key=lambda c: (c.vetoed, -c.score, c.unit))
    out: list[Ranked] = []
    for index, card in enumerate(ordered, start=1):
        previous = out[-1] if out else None
        same = previous is not None and (previous.card.vetoed, previous.card.score) == (card.vetoed, card.score)
        out.append(Ranked(previous.rank if same else index, card))
    return out


def grade_counts(cards, grades: list[str]) -> dict[str, int]:
    """Units per grade, in the rubric's order (best first), zeros included."""
    counts = {g: 0 for g in grades}
    for card in cards:
        counts[card.grade] = counts.get(card.grade, 0) + 1
    return counts


def histogram(cards, total: float, bins: int = 10) -> list[tuple[float, float, int]]:
    """Score distribution: ``bins`` equal bands from 0 to ``total`` as (low, high, count); the top band includes ``total``."""
    width = total / bins
    counts = [0] * bins
    for card in cards:
        index = min(int(max(card.score, 0) / width), bins - 1) if width else 0
        counts[index] += 1
    return [(round(i * width, 6), round((i + 1) * width, 6), counts[i]) for i in range(bins)]
