"""The ledger file format, version 1, as pydantic models.

A record names the occurrence it settles by the same identity as the calendar
UID: the plan's obligation id and the period label.  Dates a check compares
are typed; who and what stay plain text as the clerk wrote them.  Fields whose
absence is a *compliance* finding (a missing 佐证, an accountability record not
filed) are optional here so the rulebook reports them with a citation.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from ideo_cli.documents.validate import problem
from ideo_cli.formats.dates import DateTextError, iso_text, read_date
from ideo_cli.formats.ledger import vocab
from ideo_cli.formats.plan.model import FORMAT_VERSION, Identifier, StrList, choice
from ideo_cli.fsutil import name_problem

_TIME_TEXT = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$")


def _parse_when(value: Any) -> Any:
    """A date, or a date and time ("2026-06-18 15:00"); other values fail as dates."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        match = _TIME_TEXT.match(value)
        if match:
            try:
                day = dt.date.fromisoformat(match.group(1))
                if match.group(2) is None:
                    return day
                return dt.datetime(day.year, day.month, day.day, int(match.group(2)), int(match.group(3)), int(match.group(4) or 0))
            except ValueError:
                pass
        _explain_date_text(value)
        raise PydanticCustomError("date_parsing", "not a date")
    raise PydanticCustomError("date_type", "not a date")


def _explain_date_text(value: str) -> None:
    """A date typed as people type it (``2026/6/10``) or a day the month lacks: say so."""
    try:
        day = read_date(value)
    except DateTextError as exc:
        if exc.message.id in ("date.no-such-day", "date.no-such-month", "date.bad-time"):
            raise problem(exc.message.id, **dict(exc.message.args)) from None
        return
    raise problem("date.write-as", value=value.strip(), iso=iso_text(day))


def _in_years(value):
    """Every date of a ledger within 1900–2100 (README §2d): 9999-12-31 must not reach date arithmetic."""
    if value is not None and not 1900 <= value.year <= 2100:
        raise problem("ledger.date-out-of-range", date=value.isoformat(), low=1900, high=2100)
    return value


Day = Annotated[dt.date, AfterValidator(_in_years)]

When = Annotated[
    dt.datetime | dt.date,
    BeforeValidator(_parse_when),
    AfterValidator(_in_years),
    WithJsonSchema({"type": "string", "description": "YYYY-MM-DD, optionally with HH:MM"}),
]


def day_of(value: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


AccountabilityForm = choice(vocab.ACCOUNTABILITY_FORMS, "accountability form")
Measure = choice(vocab.MEASURES, "organisational measure")
ReportMethod = choice(vocab.REPORT_METHODS, "report method")
ScoreRole = choice(vocab.SCORE_ROLES, "score role")
Period = Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v), Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Evidence(Strict):
    """One piece of 佐证: a file inside the unit's folder with its sha256, or paper."""

    type: str = Field(min_length=1)  # 会议纪要、书面报告、照片、签到表 …
    file: str | None = None  # relative to the unit's folder
    sha256: Annotated[str, Field(pattern=r"^[0-9a-fA-F]{64}$")] | None = None
    paper: str | None = None  # 纸质存档: where the paper original is filed
    note: str | None = None


class Absence(Strict):
    person: str = Field(min_length=1)
    reason: str | None = None


class Registration(Strict):
    """登记: who entered the record and when (not when the work happened)."""

    by: str | None = None
    date: Day | None = None


class Record(Strict):
    obligation: Identifier
    period: Period
    time: When
    place: str | None = None
    form: str | None = None
    chair: str | None = None
    attendees: StrList = []
    absent: list[Absence] = []
    recorder: str | None = None
    content: str | None = None
    decision: str | None = None
    evidence: list[Evidence] = []
    sent_to: StrList = []
    doc_number: str | None = None
    method: ReportMethod | None = None
    sent_on: Day | None = None
    registered: Registration | None = None
    note: str | None = None


class EventRecord(Strict):
    """Something happened that a plan's event procedure governs."""

    event: Identifier
    title: str | None = None
    found: When | None = None  # 舆情: when it was found
    reported: When | None = None  # … when it was reported
    report_to: StrList = []
    handling: str | None = None
    approved: When | None = None  # 讲座论坛: when approved
    approved_by: str | None = None
    held: When | None = None  # … when held
    first_reviewer: str | None = None  # 信息发布: 初审
    approver: str | None = None  # … 审批
    published: When | None = None
    conclusion: str | None = None  # 结论 of the handling, e.g. 处置得当 / 处置不力 (a rubric veto reads it)
    evidence: list[Evidence] = []
    registered: Registration | None = None
    note: str | None = None


class Followup(Strict):
    date: Day
    finding: str | None = None


class RectificationRecord(Strict):
    rectification: Identifier
    completed: Day
    evidence: list[Evidence] = []
    followups: list[Followup] = []  # for 长期坚持 items: the later checks
    registered: Registration | None = None
    note: str | None = None


class Filing(Strict):
    date: Day | None = None
    filed_with: str | None = None  # the superior's organisation department


class AccountabilityRecord(Strict):
    subject: str = Field(min_length=1)  # the person or leading body held to account
    form: AccountabilityForm
    measure: Measure | None = None  # for 组织处理
    discipline: str | None = None  # a disciplinary sanction imposed as well
    discipline_months: Annotated[int, Field(ge=0, le=120)] | None = None  # its 影响期
    decided: Day
    cause: str | None = None
    filed: Filing | None = None
    evidence: list[Evidence] = []
    registered: Registration | None = None
    note: str | None = None


class ScoreRecord(Strict):
    """评分: a 自评 or 考核组 score for one manual rubric item, with who gave it and when."""

    item: Identifier  # the rubric item (or bonus item) id
    score: Annotated[float, Field(ge=0)]
    role: ScoreRole  # self (自评) or assessor (考核组)
    by: str | None = None
    on: Day | None = None
    note: str | None = None


MAX_RECORDS = 10_000  # per list of one ledger (README §2d): a unit's year has a few hundred


def _plan_reference(value: str | None) -> str | None:
    """``计划:`` stays inside the unit's folder: relative, at most one ``..`` (out of 台账/), a YAML file.

    It is checked here, before anything opens it: ``计划: /etc/passwd`` is a
    located finding, never a read.
    """
    if value is None:
        return None

    text = value.replace("\\", "/")
    if name_problem(value) or not text.strip():
        raise problem("ledger.plan-bad-path", path=value.replace("\x00", "\\0")[:80])
    parts = [p for p in text.split("/") if p not in ("", ".")]
    depth = 0
    climbs = 0
    for part in parts:
        if part == "..":
            depth -= 1
            climbs = min(climbs, depth)
        else:
            depth += 1
    absolute = text.startswith("/") or re.match(r"^[A-Za-z]:", text) is not None
    if absolute or climbs < -1 or not text.lower().endswith((".yaml", ".yml")):
        raise problem("ledger.plan-outside-unit", path=value[:80])
    return value


class Ledger(Strict):
    ideo: Literal[1]
    kind: Annotated[str, BeforeValidator(lambda v: "ledger" if v in ("ledger", "台账") else v), Literal["ledger"], WithJsonSchema({"type": "string", "enum": ["ledger", "台账"]})]
    unit: Identifier  # the plan's organisation id
    year: Annotated[int, Field(ge=1900, le=2100)]
    plan: Annotated[str | None, AfterValidator(_plan_reference)] = None  # path of the plan, relative to this file; default ../计划.yaml
    records: Annotated[list[Record], Field(max_length=MAX_RECORDS)] = []
    events: Annotated[list[EventRecord], Field(max_length=MAX_RECORDS)] = []
    rectifications: Annotated[list[RectificationRecord], Field(max_length=MAX_RECORDS)] = []
    accountability: Annotated[list[AccountabilityRecord], Field(max_length=MAX_RECORDS)] = []
    scores: Annotated[list[ScoreRecord], Field(max_length=MAX_RECORDS)] = []


assert FORMAT_VERSION == 1
