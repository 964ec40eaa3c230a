"""The plan file format, version 1, as pydantic models.

Keys arrive already in English (``vocab.translate_key`` runs while the file is
read).  Enumerated values accept Chinese and English spellings and are
normalised to one canonical value here, so rules compare canonical values only.
Fields whose absence is a *compliance* finding (a rectification without a
deadline, a waiver without an approver) are optional here: the rulebook
reports them with a citation instead of a bare schema error.
"""
from __future__ import annotations

import datetime as dt
import difflib
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError

from ideo_cli.formats.calendar.model import CalendarHoliday, CalendarYear  # noqa: F401 - one model for inline calendars and calendar files
from ideo_cli.formats.plan import vocab
from ideo_cli.formats.plan.ids import Identifier

FORMAT_VERSION = 1


def _other_language(canonical: str, aliases: list[str]) -> str:
    want_ascii = not canonical.isascii()
    return next((a for a in aliases if a.isascii() == want_ascii), "")


def choice(table: dict[str, list[str]], what: str):
    """A str type accepting canonical values and aliases; schema lists all spellings."""
    lookup = {canonical: canonical for canonical in table}
    for canonical, aliases in table.items():
        for alias in aliases:
            lookup[alias] = canonical
            lookup[alias.lower()] = canonical
    # each value with one spelling of the other language, so either reader finds theirs
    allowed = [f"{canonical}/{_other_language(canonical, aliases)}" if _other_language(canonical, aliases) else canonical for canonical, aliases in table.items()]

    def normalise(value: Any) -> Any:
        if isinstance(value, str):
            key = value.strip()
            if key in lookup or key.lower() in lookup:
                return lookup.get(key) or lookup[key.lower()]
        suggestion = difflib.get_close_matches(str(value), list(lookup), n=1, cutoff=0.5) if isinstance(value, str) else []
        raise PydanticCustomError(
            "ideo_choice",
            "{value!r} is not a valid {what}",
            {"value": value, "what": what, "allowed": allowed, "suggestion": allowed[list(table).index(lookup[suggestion[0]])] if suggestion else ""},
        )

    return Annotated[str, BeforeValidator(normalise), WithJsonSchema({"type": "string", "enum": sorted(lookup)})]


OrgType = choice(vocab.ORG_TYPES, "organisation type")
Role = choice(vocab.ROLES, "role")
ObligationKind = choice(vocab.OBLIGATION_KINDS, "obligation kind")
Adjust = choice(vocab.ADJUST, "holiday adjustment")
EventKind = choice(vocab.EVENT_KINDS, "event kind")
Response = choice(vocab.RESPONSES, "response")

_RECURRENCE_LOOKUP = {alias: canon for canon, aliases in vocab.RECURRENCES.items() for alias in [canon, *aliases]}


def _normalise_recurrence(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        if text.upper().startswith(("FREQ=", "RRULE:", "DTSTART")):
            return text  # an RFC 5545 rule; IDEO304 checks it with citations
        if text in _RECURRENCE_LOOKUP or text.lower() in _RECURRENCE_LOOKUP:
            return _RECURRENCE_LOOKUP.get(text) or _RECURRENCE_LOOKUP[text.lower()]
        suggestion = difflib.get_close_matches(text, list(_RECURRENCE_LOOKUP), n=1, cutoff=0.5)
        raise PydanticCustomError(
            "ideo_choice", "{value!r} is not a valid recurrence",
            {"value": value, "what": "recurrence", "allowed": [f"{c}/{a[0]}" for c, a in vocab.RECURRENCES.items()] + ["FREQ=…"], "suggestion": _RECURRENCE_LOOKUP[suggestion[0]] if suggestion else ""},
        )
    return value


Recurrence = Annotated[
    str,
    BeforeValidator(_normalise_recurrence),
    WithJsonSchema({"type": "string", "description": "每年/每半年/每季度/每月/节假日前, yearly/half-yearly/quarterly/monthly/holidays, or an RRULE (FREQ=...)"}),
]


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


_ONE_OR_MANY_STR = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
StrList = Annotated[list[str], BeforeValidator(_one_or_many), WithJsonSchema(_ONE_OR_MANY_STR)]
PersonRef = Annotated[str, Field(min_length=1)]
PersonRefs = Annotated[list[PersonRef], BeforeValidator(_one_or_many), WithJsonSchema(_ONE_OR_MANY_STR)]
MonthDayOrLast = Annotated[
    int | Literal["last"],
    BeforeValidator(lambda v: "last" if v in vocab.PERIOD_LAST else v),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 1, "maximum": 31}, {"type": "string", "enum": list(vocab.PERIOD_LAST)}]}),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Organisation(Strict):
    id: Identifier | None = None
    name: str = Field(min_length=1)
    short_name: str | None = None
    type: OrgType
    level: str | None = None
    superior: str = Field(min_length=1)
    copy_to: StrList = []
    profiles: StrList = ["baseline"]
    superior_id: Identifier | None = None  # unit tree (issue 8): the superior unit's 组织.编号


class Person(Strict):
    id: Identifier
    name: str = Field(min_length=1, json_schema_extra={"zh": ["姓名"]})  # a person's 名称 is 姓名
    post: str = ""
    roles: Annotated[list[Role], BeforeValidator(_one_or_many), WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string", "enum": sorted({a for c, al in vocab.ROLES.items() for a in [c, *al]})}}]})] = []
    portfolio: StrList = []
    contact: str | None = None


class Office(Strict):
    located_in: str | None = None
    director: PersonRef | None = None
    members: PersonRefs = []


class LeadingGroup(Strict):
    name: str | None = None
    leader: PersonRef | None = None
    deputies: PersonRefs = []
    members: PersonRefs = []
    office: Office | None = None
    # ---- issue 10 (helper "rules"): members named by post, e.g. 各村（社区）书记
    member_posts: StrList = []


DUE_WORDS = ("period-end", "期末", "年底前", "期末前")


def _due_from_text(value: Any) -> Any:
    if value is None or (isinstance(value, str) and value.strip() in DUE_WORDS):
        return {}
    return value


class Due(Strict):
    """When in each period the obligation falls due.

    ``month`` counts within the period (1 = its first month; ``last``), ``day``
    is a day of that month (31 or ``last`` = the month's last day).  Omitted:
    the period's last day.  ``after_period_end_days`` puts the deadline N
    calendar days after the period (e.g. statistics due by the 10th of the
    next month); ``working_days_before`` is for ``holidays`` recurrences.
    """

    month: MonthDayOrLast = "last"
    day: MonthDayOrLast = "last"
    after_period_end_days: Annotated[int, Field(ge=0, le=366)] | None = None
    working_days_before: Annotated[int, Field(ge=0, le=30)] | None = None

    @field_validator("month")
    @classmethod
    def _month_range(cls, v):
        if v != "last" and not 1 <= v <= 12:
            raise PydanticCustomError("ideo_range", "month must be 1-12 or last", {"low": 1, "high": 12})
        return v

    @field_validator("day")
    @classmethod
    def _day_range(cls, v):
        if v != "last" and not 1 <= v <= 31:
            raise PydanticCustomError("ideo_range", "day must be 1-31 or last", {"low": 1, "high": 31})
        return v


DueRule = Annotated[Due, BeforeValidator(_due_from_text)]


class Defaults(Strict):
    adjust: Adjust = "previous"
    start_before_days: Annotated[int, Field(ge=0, le=366)] | None = None
    reminders: list[Annotated[int, Field(ge=0, le=366)]] = []


class Obligation(Strict):
    id: Identifier
    title: str = Field(min_length=1)
    kind: ObligationKind
    owner: PersonRefs = Field(min_length=1)
    recurrence: Recurrence
    due: DueRule = Due()
    adjust: Adjust | None = None
    start_before_days: Annotated[int, Field(ge=0, le=366)] | None = None
    reminders: list[Annotated[int, Field(ge=0, le=366)]] | None = None
    evidence: StrList = []
    recipients: StrList = []
    copy_to: StrList = []
    tags: StrList = []
    note: str | None = None
    # ---- issue 10 (helper "rules"): the plan's own source, holidays, festivals, report mode
    basis: "Basis | None" = None  # 依据: the document this obligation comes from
    skip_holidays: bool = False  # 节假日跳过: an occurrence on a statutory holiday is dropped
    milestones: list["Milestone"] = []  # 时间节点: dated occasions (节假日前 items)
    festivals: list["Festival"] = []  # 传统节日: lunar festivals, computed each year (节假日前 items)
    report_mode: "ReportMode | None" = None  # 汇报方式: 书面 / 当面


class Event(Strict):
    id: Identifier
    kind: EventKind
    title: str | None = None
    trigger: str | None = None
    response: Response
    days: Annotated[int, Field(ge=0, le=366)] | None = None
    actors: PersonRefs = []
    report_to: StrList = []
    note: str | None = None


class Rectification(Strict):
    id: Identifier
    problem: str | None = None
    measures: StrList = []
    owner: PersonRef | None = None
    deadline: dt.date | None = None
    ongoing: bool = False
    # ---- issue 10 (helper "rules"): several owners of one item
    co_owners: PersonRefs = []


class Waiver(Strict):
    rule: str = Field(min_length=1)
    reason: str | None = None
    approved_by: str | None = None
    until: dt.date | None = None
    target: str | None = None  # an obligation/event/person id; omitted: the whole file


# ---- unit tree (issue 8): what a superior requires of its subordinates --------
class SubordinateObligation(Strict):
    """An obligation the superior's plan places on its subordinates, not on itself.

    ``applies_to`` names organisation types (党支部 …) or unit ids; ``feeds``
    is the superior's own obligation id that the subordinates' work goes into
    (its deadline must come enough working days after theirs).
    """

    id: Identifier
    title: str = Field(min_length=1)
    kind: ObligationKind
    applies_to: StrList = Field(min_length=1)
    recurrence: Recurrence
    due: DueRule = Due()
    feeds: Identifier | None = None
    evidence: StrList = []
    note: str | None = None


class Plan(Strict):
    ideo: Literal[1]
    organisation: Organisation
    people: list[Person] = Field(min_length=1)
    leading_group: LeadingGroup | None = None
    defaults: Defaults = Defaults()
    obligations: list[Obligation] = []
    events: list[Event] = []
    rectifications: list[Rectification] = []
    waivers: list[Waiver] = []
    calendar: list[CalendarYear] = []
    subordinate_obligations: list[SubordinateObligation] = []  # unit tree (issue 8)

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)

    def with_role(self, role: str) -> list[Person]:
        return [p for p in self.people if role in p.roles]



# ---- issue 10 (helper "rules"): types of the optional fields added above
ReportMode = choice(vocab.REPORT_MODES, "report mode")
Festival = choice(vocab.FESTIVALS, "traditional festival")


class Basis(Strict):
    """依据: where an obligation comes from (shown in the to-do list and calendars)."""

    document: str = Field(min_length=1)
    section: str | None = None
    quote: str | None = None


def _month_day(value: Any) -> Any:
    if isinstance(value, str) and len(value.strip()) == 5 and value.strip()[2] == "-":
        return value.strip()  # "07-01": every year
    return value


class Milestone(Strict):
    """时间节点: a named date, every year ("07-01") or once (2027-07-01)."""

    name: str = Field(min_length=1)
    date: Annotated[dt.date | Annotated[str, Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")], BeforeValidator(_month_day)]


Obligation.model_rebuild()
Plan.model_rebuild()
