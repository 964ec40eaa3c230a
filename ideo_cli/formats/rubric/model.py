"""The rubric (考核细则) file format, version 1, as pydantic models.

A rubric gives each assessment item its points and says how ideo scores it:
from the ledger (an obligation's occurrences), from ``ideo check`` findings,
or by an assessor's manual score recorded in the ledger.  Vetoes (一票否决)
name something ideo can observe.  Every item, bonus item and veto carries its
source (document, section, verbatim quote), as rules do.

One file is validated by :class:`RubricFile` (everything optional that a
child rubric may inherit); the merged result of ``extends`` is a
:class:`Rubric`, checked by ``ideo_cli/formats/rubric/check.py``.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from ideo_cli.formats.plan.model import EventKind, Identifier, ObligationKind, OrgType, StrList
from ideo_cli.formats.rubric import vocab

FORMAT_VERSION = 1

Points = Annotated[float, Field(ge=0, le=10000)]
PositivePoints = Annotated[float, Field(gt=0, le=10000)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Citation(Strict):
    document: str = Field(min_length=1)
    section: str = Field(min_length=1)
    quote: str = Field(min_length=1)


class LedgerScoring(Strict):
    """Points lost per occurrence of one obligation kind or id, as the ledger shows them."""

    obligation_kind: ObligationKind | None = None
    obligation: Identifier | None = None
    count: Annotated[int, Field(ge=1, le=366)] | None = None  # None: every planned occurrence
    per_missing: Points = 0
    per_late: Points = 0
    per_missing_evidence: Points = 0


class FindingScoring(Strict):
    """Points lost per ``ideo check`` finding with one of ``codes``."""

    codes: Annotated[list[Annotated[str, Field(pattern=r"^IDEO\d{3}$")]], BeforeValidator(lambda v: [v] if isinstance(v, str) else v), Field(min_length=1)]
    per_finding: PositivePoints


class RectificationScoring(Strict):
    """Points lost per 整改 item of the plan, by the state every output shows (ledger/rectify.py)."""

    per_overdue: Points = 0  # past its deadline and not completed (已逾期)
    per_done_late: Points = 0  # completed after its deadline (逾期完成)


class ManualScoring(Strict):
    """A range, scored by a 自评 or 考核组 record in the ledger."""

    min: Points = 0
    max: Points


class Item(Strict):
    id: Identifier
    title: str = Field(min_length=1)
    points: PositivePoints
    ledger: LedgerScoring | None = None
    findings: FindingScoring | None = None
    rectifications: RectificationScoring | None = None
    manual: ManualScoring | None = None
    cap: Points | None = None  # 扣完为止: the most this item can lose (default: its points)
    # the organisation types the item speaks of (a 党支部 has no 理论学习中心组); elsewhere it is
    # not scored and loses nothing.  None: every unit
    applies_to: Annotated[list[OrgType], Field(min_length=1)] | None = None
    source: Citation

    @property
    def method(self) -> str:
        for method in ("ledger", "findings", "rectifications", "manual"):
            if getattr(self, method) is not None:
                return method
        return ""


class BonusItem(Strict):
    """Extra points, up to ``points``, scored manually (a 考核组 record)."""

    id: Identifier
    title: str = Field(min_length=1)
    points: PositivePoints
    manual: ManualScoring | None = None  # default: 0 … points
    source: Citation

    @property
    def range(self) -> tuple[float, float]:
        return (self.manual.min, self.manual.max) if self.manual else (0.0, self.points)


AccountabilityForm = Annotated[str, Field(min_length=1)]


class Trigger(Strict):
    """Something ideo can see: an accountability record, an event record's conclusion, a finding."""

    accountability_forms: StrList | None = None  # any of these forms (问责形式)
    event_kind: EventKind | None = None
    conclusion: str | None = None  # e.g. 处置不力; with event_kind
    codes: Annotated[list[Annotated[str, Field(pattern=r"^IDEO\d{3}$")]], BeforeValidator(lambda v: [v] if isinstance(v, str) else v)] | None = None


class Consequence(Strict):
    grade: str | None = None  # a grade's title, or 最低 / lowest
    loses_award: bool = False  # 取消当年考核评优和评先资格


class Veto(Strict):
    id: Identifier
    title: str = Field(min_length=1)
    trigger: Trigger | None = None
    consequence: Consequence
    source: Citation


class Grade(Strict):
    title: str = Field(min_length=1)
    min: Points


KindWord = Annotated[str, WithJsonSchema({"type": "string", "enum": list(vocab.KIND_VALUES)})]


class RubricFile(Strict):
    """One rubric file as written; a child (``extends``) may leave out what it inherits."""

    ideo: Literal[1]
    kind: KindWord
    id: Identifier
    title: str = Field(min_length=1)
    description: str | None = None
    extends: StrList = []
    remove: StrList = []  # ids of inherited items, bonus items or vetoes to drop
    total: PositivePoints | None = None
    grades: list[Grade] | None = None
    items: list[Item] = []
    bonus: list[BonusItem] = []
    vetoes: list[Veto] = []


def is_rubric(data: object) -> bool:
    """Kind detection: ``kind: rubric`` / ``文件类型: 考核细则`` beside the format version."""
    if not isinstance(data, dict):
        return False
    value = data.get("kind", data.get("文件类型"))
    return isinstance(value, str) and value.strip() in vocab.KIND_VALUES and any(k in data for k in ("ideo", "格式版本", "版本"))


def _declare_chinese_keys(*models: type[BaseModel]) -> None:
    """Each field's Chinese keys on the field itself (``json_schema_extra={"zh": [...]}``),
    where the one validator (``ideo_cli/documents/validate.py``) reads a model's vocabulary."""
    for model in models:
        for name, info in model.model_fields.items():
            if name in vocab.ZH_KEYS:
                info.json_schema_extra = {"zh": list(vocab.ZH_KEYS[name])}
        model.model_rebuild(force=True)


_declare_chinese_keys(Citation, LedgerScoring, FindingScoring, RectificationScoring, ManualScoring, Item, BonusItem, Trigger, Consequence, Veto, Grade, RubricFile)
