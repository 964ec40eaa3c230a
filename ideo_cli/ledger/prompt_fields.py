"""The questions `ideo record` asks on a terminal, one per field the obligation needs.

Like ``hledger add``: date, place, chair, attendees, content and each evidence
type the plan requires, each with a default, each answer read at once by the
same functions the command-line options go through (so a bad date or an
unknown person is asked again with the reason).  An answer is kept as text
(``--on``/``--field``/``--evidence`` spelling), so the command that finally
runs is exactly what a script would have typed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from ideo_cli.i18n import Message, msg
from ideo_cli.ledger.entry import (
    EvidencePlan, check_in_period, check_not_future, evidence_item, people_values, person_value, read_when,
)

CHAIR_ROLE = "书记"
CHAIRED_KINDS = {"O1"}  # IDEO708's default kinds: the topic study is chaired by the secretary


@dataclass
class Question:
    name: str  # "on", a record field ("place", "chair" …) or "evidence:<type>"
    label: Message
    default: str  # "" for none
    read: Callable[[str], object]  # raises RecordError with the reason
    optional: bool = True  # an empty answer leaves the field out

    def as_option(self, answer: str) -> tuple[str, str]:
        """(option, value): how the answer is passed on, as a script would type it."""
        if self.name == "on":
            return "--on", answer
        if self.name.startswith("evidence:"):
            return "--evidence", f"{self.name.split(':', 1)[1]}={answer}"
        return "--field", f"{self.name}={answer}"


def questions(unit, occ, today: dt.date, given_fields: set[str], given_evidence: set[str], on_given: bool, year: int) -> list[Question]:
    """Every question still open for the record of ``occ`` (fields given as options are not asked)."""
    plan = unit.plan.plan
    out: list[Question] = []

    if not on_given:
        default = today if today >= occ.start else None

        def read_on(text: str):
            when = read_when(text, None)
            check_not_future(when, today)
            check_in_period(occ, when)
            return when

        out.append(Question("on", msg("record.ask-date"), default.isoformat() if default else "", read_on, optional=False))

    def ask(name: str, label: Message, default: str, read: Callable[[str], object]) -> None:
        if name not in given_fields:
            out.append(Question(name, label, default, read))

    ask("place", msg("record.ask-place"), "", str)
    chair = _default_chair(plan, occ)
    ask("chair", msg("record.ask-chair", people=_people_hint(plan)), chair, lambda text: person_value(plan, text))
    ask("attendees", msg("record.ask-attendees", people=_people_hint(plan)), "", lambda text: people_values(plan, text))
    ask("content", msg("record.ask-content"), occ.title, str)
    for kind in occ.evidence:
        if kind in given_evidence:
            continue
        out.append(Question(
            f"evidence:{kind}", msg("record.ask-evidence", type=kind), "",
            lambda text, kind=kind: evidence_item(kind, text, unit.folder, year, EvidencePlan()),
        ))
    return out


def _default_chair(plan, occ) -> str:
    if occ.kind in CHAIRED_KINDS:
        secretary = next((p for p in plan.people if CHAIR_ROLE in p.roles), None)
        if secretary is not None:
            return secretary.id
    return occ.owners[0].id if occ.owners else ""


def _people_hint(plan) -> list[str]:
    return [f"{p.id}={p.name}" for p in plan.people]

