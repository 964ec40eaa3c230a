"""Which kind of file is this?  And the registry: kind → model, vocabulary, reader, schema.

A file says what it is, either

* by a kind key next to its format version — ``ideo: 1`` + ``kind: ledger``,
  ``格式版本: 1`` + ``文件类型: 台账`` — or
* by top-level keys only that kind has: plans ``组织``/``organisation``;
  calendar files ``年份``+``放假``/``year``+``holidays``; rulebooks
  ``profile``+``rules``.

A file with ``ideo: 1`` and no other sign is a plan (format 1 predates kinds).

Adding a kind is one entry in :data:`KINDS`: its model and vocabulary (dotted
names, imported only when a file of that kind is read, so start-up stays
cheap), the words a file may use for it, the keys that identify it.  A kind
needs no code of its own: :func:`read` checks the header and runs the one
validator; ``reader`` replaces that when a kind must do more (the plan's
``LoadedPlan``), ``schema`` when its schema needs more than
:func:`ideo_cli.formats.schema.bilingual_schema`.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from ideo_cli.diagnostics import Diagnostic
from ideo_cli.documents.document import LoadError, YamlDocument, load_yaml_file, with_vocabulary
from ideo_cli.documents.errors import input_diagnostic
from ideo_cli.documents.header import HEADER_ALIASES, KIND_KEY, VERSION_KEY, check_header
from ideo_cli.documents.validate import validate
from ideo_cli.documents.vocab import vocabulary_of
from ideo_cli.i18n import msg


@dataclass(frozen=True)
class Kind:
    name: str  # canonical, as `ideo schema --kind NAME`
    names: tuple[str, ...]  # how `kind:` / `文件类型:` may name it
    markers: tuple[tuple[str, ...], ...]  # top-level key sets (canonical) that identify it
    model: str  # "module:Class"
    vocabulary: str = ""  # "module:NAME", a documents.vocab.Vocabulary; "": from the model's json_schema_extra zh
    version: int = 1
    version_required: bool = False  # plans must say `ideo: 1`; other kinds may
    reader: str | None = None  # "module:function", (doc) -> (instance | None, diagnostics)
    schema: str | None = None  # "module:function", () -> schema text
    schema_id: str = ""
    title: str = ""  # the schema's title

    def load_model(self):
        return resolve(self.model)

    def load_vocabulary(self):
        if self.vocabulary:
            return resolve(self.vocabulary)

        return _DERIVED.setdefault(self.name, vocabulary_of(self.load_model()))


_DERIVED: dict[str, Any] = {}

KINDS: dict[str, Kind] = {
    "plan": Kind(
        name="plan",
        names=("plan", "计划", "工作计划"),
        markers=(("organisation",),),
        model="ideo_cli.formats.plan.model:Plan",
        vocabulary="ideo_cli.formats.plan.vocab:VOCABULARY",
        version_required=True,
        reader="ideo_cli.formats.plan.load:read",
        schema="ideo_cli.formats.plan.schema:schema_text",
    ),
    "calendar": Kind(
        name="calendar",
        names=("calendar", "日历", "节假日安排"),
        markers=(("year", "holidays"), ("year", "source")),
        model="ideo_cli.formats.calendar.model:CalendarYear",
        vocabulary="ideo_cli.formats.calendar.vocab:VOCABULARY",
        reader="ideo_cli.workcal.calfile:read",
        schema_id="https://ideo.invalid/schema/ideo-calendar-1.schema.json",
        title="ideo 日历文件 / ideo calendar file (the State Council's holiday notice)",
    ),
    "rulebook": Kind(
        name="rulebook",
        names=("rulebook", "规则集", "规则集文件"),
        markers=(("profile", "rules"),),
        model="ideo_cli.formats.rulebook.model:RulebookFile",
        vocabulary="ideo_cli.formats.rulebook.vocab:VOCABULARY",
        schema_id="https://ideo.invalid/schema/ideo-rulebook-1.schema.json",
        title="ideo 规则集文件 / ideo rulebook file",
    ),
    "ledger": Kind(
        name="ledger",
        names=("ledger", "台账"),
        markers=(),  # only by its kind key: `kind: ledger` / `文件类型: 台账`
        model="ideo_cli.formats.ledger.model:Ledger",
        vocabulary="ideo_cli.formats.ledger.vocab:VOCABULARY",
        reader="ideo_cli.ledger.load:read",
        schema="ideo_cli.formats.ledger.schema:schema_text",
    ),
    "rubric": Kind(
        name="rubric",
        names=("rubric", "考核细则", "评分细则"),
        markers=(),  # only by its kind key: `kind: rubric` / `文件类型: 考核细则`
        model="ideo_cli.formats.rubric.model:RubricFile",
        vocabulary="ideo_cli.formats.rubric.vocab:VOCABULARY",
        reader="ideo_cli.formats.rubric.load:read",
        schema="ideo_cli.formats.rubric.schema:schema_text",
    ),
    "summary": Kind(
        name="summary",
        names=("summary", "汇总", "单位汇总"),
        markers=(),  # JSON written by `ideo status`; read by `ideo rollup`/`ideo html` (rollup/summary.py)
        model="ideo_cli.formats.summary.model:Summary",
        version=2,
        reader="ideo_cli.formats.summary.read:read_document",
        schema="ideo_cli.formats.summary.schema:schema_text",
    ),
}


def register(kind: Kind) -> None:
    """Add a kind (the same as writing its entry into KINDS above)."""
    KINDS[kind.name] = kind


def resolve(dotted: str) -> Any:
    module, _, name = dotted.partition(":")
    return getattr(importlib.import_module(module), name)


def _top_keys(doc: YamlDocument) -> list[tuple[yaml.Node, yaml.Node]]:
    root = doc.root
    if not isinstance(root, yaml.MappingNode):
        return []
    return [(k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)]


def _kind_value(doc: YamlDocument) -> tuple[str, yaml.Node] | None:
    for key, value in _top_keys(doc):
        if HEADER_ALIASES.get(key.value, key.value) == KIND_KEY and isinstance(value, yaml.ScalarNode):
            return value.value, value
    return None


def kind_named(word: str) -> str | None:
    text = word.strip().lower()
    return next((k.name for k in KINDS.values() if text in {n.lower() for n in k.names}), None)


def detect(doc: YamlDocument) -> str | None:
    """The kind ``doc`` says it is, or None.  Reads the raw top-level keys only."""
    said = _kind_value(doc)
    if said is not None:
        return kind_named(said[0])
    keys = [k.value for k, _ in _top_keys(doc)]
    found = []
    for kind in KINDS.values():
        if not kind.markers:
            continue  # told by its kind key only; not importing its model keeps `ideo check plan` quick
        vocabulary = kind.load_vocabulary()
        canonical = {vocabulary(raw) for raw in keys}
        if any(set(marker) <= canonical for marker in kind.markers):
            found.append(kind.name)
    if len(found) == 1:
        return found[0]
    if not found and any(HEADER_ALIASES.get(k, k) == VERSION_KEY for k in keys):
        return "plan"  # format 1 files written before kinds existed
    return None


def unknown_kind(doc: YamlDocument) -> Diagnostic:
    """The located finding for a file whose kind cannot be told."""
    known = [f"{k.name}/{k.names[1]}" for k in KINDS.values()]
    said = _kind_value(doc)
    if said is not None:
        mark = said[1].start_mark
        return input_diagnostic(
            "IDEO013", doc.file, mark.line + 1, mark.column + 1, msg("doc.unknown-kind-value", value=said[0], known=known),
            path=KIND_KEY, help=msg("doc.unknown-kind.help", known=known),
        )
    pos = doc.locate((), key=True)
    return input_diagnostic("IDEO013", doc.file, pos.line, pos.col, msg("doc.unknown-kind", known=known), help=msg("doc.unknown-kind.help", known=known), end_col=pos.end_col)


def read(kind: Kind, doc: YamlDocument) -> tuple[Any, list[Diagnostic]]:
    """The generic reader: header (version, kind), then the one validator.

    ``doc`` must have been read with the kind's vocabulary.  The header keys
    are the document's, not the model's: they are removed before validation.
    """
    problems = check_header(doc, version=kind.version, required=kind.version_required)
    if problems:
        return None, problems
    data = {k: v for k, v in doc.data.items() if k not in (VERSION_KEY, KIND_KEY)}
    return validate(kind.load_model(), doc, data)


@dataclass
class ReadResult:
    """One file read as whatever kind it is."""

    kind: str | None
    doc: YamlDocument | None
    value: Any = None  # the validated instance (a LoadedPlan for plans)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source: str | None = None


def read_any(path: Path | str, display: str | None = None, expect: str | None = None) -> ReadResult:
    """Read a file of any registered kind (``expect``: only that kind).

    Never raises for bad input: problems are located diagnostics.
    """
    try:
        raw = load_yaml_file(path, None, display, convert=False)
    except LoadError as exc:
        return ReadResult(None, None, diagnostics=list(exc.diagnostics), source=exc.source)
    if expect is None and not isinstance(raw.root, yaml.MappingNode):  # a list or a bare value: say so
        try:
            doc = with_vocabulary(raw, None)
        except LoadError as exc:
            return ReadResult(None, raw, diagnostics=list(exc.diagnostics), source=raw.source)
        return ReadResult(expect, doc, diagnostics=check_header(doc, version=1, required=False), source=raw.source)
    name = expect or detect(raw)
    if name is None or name not in KINDS:
        return ReadResult(None, raw, diagnostics=[unknown_kind(raw)], source=raw.source)
    return read_as(KINDS[name], raw)


def read_as(kind: Kind, raw: YamlDocument) -> ReadResult:
    try:
        doc = with_vocabulary(raw, kind.load_vocabulary())
    except LoadError as exc:
        return ReadResult(kind.name, raw, diagnostics=list(exc.diagnostics), source=raw.source)
    reader: Callable = resolve(kind.reader) if kind.reader else (lambda d: read(kind, d))
    value, diagnostics = reader(doc)
    return ReadResult(kind.name, doc, value, list(diagnostics), doc.source)
