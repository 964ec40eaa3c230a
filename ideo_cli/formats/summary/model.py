"""The status summary, format version 2, as pydantic models.

Strict: a string is a JSON string, an integer a JSON integer (bounded), a
date an ISO ``YYYY-MM-DD`` string, nothing else in any place.  The nesting is
the model's own (five levels); every list and string has a bound, so a
hostile summary costs at most its size to refuse.  The format is documented
in ``ideo_cli/rollup/SUMMARY-FORMAT.md``; the committed schema is
``schema/ideo-summary.schema.json``.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from ideo_cli.documents.validate import problem

SUMMARY_VERSION = 2
STATUSES = ("done", "done-late", "evidence-missing", "in-progress", "pending", "overdue", "waived")

# bounds (README §2d)
MAX_TEXT = 4096  # a title, a name, a path
MAX_ITEMS = 10_000  # occurrences, findings, requirements … of one unit
MAX_SMALL = 1_000  # owners, evidence of one occurrence
MAX_COUNT = 10_000_000  # a line, a column, a count
MAX_DAYS = 100_000  # days late
MIN_YEAR, MAX_YEAR = 1900, 2100


def _iso_date(value: str) -> str:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise problem("summary.bad-date", value=value[:40]) from None
    if len(value) != 10 or not MIN_YEAR <= day.year <= MAX_YEAR:
        raise problem("summary.bad-date", value=value[:40])
    return value


Text = Annotated[str, Field(max_length=MAX_TEXT)]
Name = Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]
IsoDate = Annotated[str, Field(max_length=10, json_schema_extra={"format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}), AfterValidator(_iso_date)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Position = Annotated[int, Field(ge=1, le=MAX_COUNT)]
Status = Literal["done", "done-late", "evidence-missing", "in-progress", "pending", "overdue", "waived"]


def texts(limit: int = MAX_SMALL):
    return Annotated[list[Text], Field(max_length=limit)]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Unit(Strict):
    id: Name
    name: Name
    short_name: Text
    type: Name
    level: Text
    superior: Text | None
    superior_id: Name | None
    file: Text
    line: Position
    col: Position


class Requirement(Strict):
    id: Name
    title: Text
    kind: Text
    applies_to: texts()
    recurrence: Text
    feeds: Text | None
    feeds_title: Text


class RecordAt(Strict):
    file: Text
    line: Position


class Occurrence(Strict):
    obligation: Name
    period: Text
    title: Text
    kind: Name
    rule: Text
    start: IsoDate
    due: IsoDate
    nominal_due: IsoDate
    provisional: bool
    status: Status
    owners: texts()
    evidence: texts()
    evidence_files: texts()
    done_on: IsoDate | None
    days_late: Annotated[int, Field(ge=-MAX_DAYS, le=MAX_DAYS)] | None
    record: RecordAt | None


class Rectification(Strict):
    id: Name
    problem: Text
    owner: Text
    deadline: IsoDate | None
    ongoing: bool
    completed_on: IsoDate | None
    status: Status
    # added within version 2 (absent in older files: null): the same facts the to-do list's 整改 row shows
    days_late: Annotated[int, Field(ge=-MAX_DAYS, le=MAX_DAYS)] | None = None
    record: RecordAt | None = None


class Citation(Strict):
    document: Text
    section: Text
    quote: Text


class Finding(Strict):
    code: Name
    name: Text
    severity: Text
    file: Text
    line: Position
    col: Position
    path: Text
    citation: Citation | None


class Summary(Strict):
    """One unit's year: what ``ideo rollup`` and ``ideo html`` read in place of its files."""

    ideo_status: Literal[2] = Field(description="format version / 格式版本")
    generator: Text
    year: Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
    as_of: IsoDate
    unit: Unit
    requires: Annotated[list[Requirement], Field(max_length=MAX_ITEMS)]
    occurrences: Annotated[list[Occurrence], Field(max_length=MAX_ITEMS)]
    rectifications: Annotated[list[Rectification], Field(max_length=MAX_ITEMS)] = []
    counts: dict[Status, Count]
    findings: Annotated[list[Finding], Field(max_length=MAX_ITEMS)] = []

    @field_validator("ideo_status", mode="before")
    @classmethod
    def _version(cls, value):
        if isinstance(value, int) and not isinstance(value, bool) and value == SUMMARY_VERSION:
            return value
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value < SUMMARY_VERSION:
            raise problem("summary.version-old", found=value, supported=SUMMARY_VERSION)
        found = str(value)[:20] if isinstance(value, (int, str)) and not isinstance(value, bool) else "—"
        raise problem("rollup.summary-version", found=found, supported=SUMMARY_VERSION)
