"""Rubric file(s) → one merged, checked :class:`Rubric`, or located diagnostics.

``extends`` names parent rubrics (a path relative to the file, or the name of a
rubric shipped in ``ideo_cli/data/rubrics/``, e.g. ``sample``).  The child's
items, bonus items and vetoes replace the parent's of the same id, whole (so
every merged entry comes from exactly one file and is located exactly);
``remove`` drops inherited ones; scalars (total, grades, title) come from the
nearest file that sets them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePosixPath, PureWindowsPath

from ideo_cli.diagnostics import Diagnostic, Severity
from ideo_cli.documents import LoadError, YamlDocument, load_yaml_file
from ideo_cli.documents.convert import format_path
from ideo_cli.documents.validate import validate
from ideo_cli.formats.rubric import vocab
from ideo_cli.fsutil import name_problem, regular_file_problem
from ideo_cli.formats.rubric.model import BonusItem, Grade, Item, RubricFile, Veto, is_rubric
from ideo_cli.i18n import msg

# rubric problems: the rubric cannot be used as written (exit 2)
CODES = {
    "IDEO951": "rubric-kind",
    "IDEO952": "rubric-extends",
    "IDEO953": "rubric-total",
    "IDEO954": "rubric-cap",
    "IDEO955": "rubric-reference",
    "IDEO956": "rubric-veto-trigger",
    "IDEO957": "rubric-duplicate-id",
    "IDEO958": "rubric-grades",
    "IDEO959": "rubric-scoring-method",
}


@dataclass
class Origin:
    doc: YamlDocument
    path: tuple  # data path inside ``doc``


@dataclass
class Rubric:
    id: str
    title: str
    description: str | None
    total: float
    grades: list[Grade]  # highest band first
    items: list[Item]
    bonus: list[BonusItem]
    vetoes: list[Veto]
    files: list[str]  # every file read, root rubric first
    origins: dict[str, Origin] = field(default_factory=dict)  # entry id → where it is written

    @property
    def lowest_grade(self) -> str:
        return self.grades[-1].title

    def grade_for(self, score: float) -> str:
        for band in self.grades:
            if score >= band.min:
                return band.title
        return self.lowest_grade


class RubricError(Exception):
    def __init__(self, diagnostics: list[Diagnostic], sources: dict[str, str] | None = None):
        super().__init__("; ".join(d.code for d in diagnostics))
        self.diagnostics = diagnostics
        self.sources = sources or {}


def diagnostic(code: str, origin: Origin, path: tuple, message, *, key: bool = False, help=None) -> Diagnostic:
    pos = origin.doc.locate(origin.path + path, key=key)
    return Diagnostic(
        code=code, name=CODES[code], severity=Severity.ERROR, message=message,
        file=origin.doc.file, line=pos.line, col=pos.col, end_line=pos.line, end_col=pos.end_col,
        path=_format_path(origin.path + path), help=help,
    )


def _format_path(path: tuple) -> str:
    return format_path(path)


def builtin_rubric(name: str) -> Path | None:
    if name_problem(name) or not name or any(c in name for c in "/\\") or name.startswith("."):
        return None  # not a shipped rubric's name (and never a path to probe)
    candidate = Path(str(resources.files("ideo_cli.data.rubrics").joinpath(f"{name}.yaml")))
    return candidate if regular_file_problem(candidate) is None else None


def load_rubric(path: Path | str, display: str | None = None) -> Rubric:
    """Read, validate, merge and check; raise :class:`RubricError` with every problem found."""
    sources: dict[str, str] = {}
    chain = _read_chain(Path(path), display, (), sources)
    rubric = _merge(chain, sources)
    # imported here: breaks the import cycle formats.rubric.load → formats.rubric.check → formats.rubric.load
    from ideo_cli.formats.rubric.check import check_rubric

    problems = check_rubric(rubric)
    if problems:
        raise RubricError(problems, sources)
    return rubric


@dataclass
class _Layer:
    doc: YamlDocument
    file: RubricFile


def _read_one(path: Path, display: str | None, sources: dict[str, str]) -> _Layer:
    try:
        doc = load_yaml_file(path, vocab.translate_key, display)
    except LoadError as exc:
        shown = display or path.as_posix()
        if exc.source is not None:
            sources[shown] = exc.source
        raise RubricError(exc.diagnostics, sources) from None
    sources[doc.file] = doc.source
    root = Origin(doc, ())
    if not is_rubric(doc.data):
        raise RubricError([diagnostic("IDEO951", root, ("kind",), msg("rubric.not-a-rubric"), key=True)], sources)
    model, problems = validate(RubricFile, doc)
    if problems:
        raise RubricError(problems, sources)
    return _Layer(doc, model)


def _read_chain(path: Path, display: str | None, stack: tuple[Path, ...], sources) -> list[_Layer]:
    """This file's ancestors (root first), then the file itself."""
    layer = _read_one(path, display, sources)
    here = path.resolve()
    chain: list[_Layer] = []
    for index, parent in enumerate(layer.file.extends):
        where = (Origin(layer.doc, ()), ("extends", index))
        target = _resolve_parent(path, parent)
        if target is None:
            raise RubricError([diagnostic("IDEO952", where[0], where[1], msg("rubric.extends-unknown", parent=parent))], sources)
        if target.resolve() in stack + (here,):
            cycle = [p.name for p in stack + (here,)] + [target.name]
            raise RubricError([diagnostic("IDEO952", where[0], where[1], msg("rubric.extends-cycle", cycle=" → ".join(cycle)))], sources)
        shipped = Path(str(resources.files("ideo_cli.data.rubrics")))
        shown = f"<ideo>/rubrics/{target.name}" if target.parent == shipped else target.as_posix()
        chain.extend(_read_chain(target, shown, stack + (here,), sources))
    chain.append(layer)
    return chain


def _resolve_parent(child: Path, parent: str) -> Path | None:
    """A parent rubric: a relative ``.yaml`` path beside the child, or a shipped rubric's name.

    Checked before anything opens it (fsutil): an absolute path, another
    suffix, a NUL byte, a loop, a FIFO or a device is no parent (IDEO952).
    """
    if name_problem(parent) or PurePosixPath(parent).is_absolute() or PureWindowsPath(parent).drive or parent.startswith("\\"):
        return None
    relative = child.parent / parent
    if parent.lower().endswith((".yaml", ".yml")) and regular_file_problem(relative) is None:
        return relative
    if "/" not in parent and not parent.endswith((".yaml", ".yml")):
        return builtin_rubric(parent)
    return None


def _merge(chain: list[_Layer], sources) -> Rubric:
    leaf = chain[-1]
    total = grades = None
    total_origin = Origin(leaf.doc, ())
    items: dict[str, tuple[Item, Origin]] = {}
    bonus: dict[str, tuple[BonusItem, Origin]] = {}
    vetoes: dict[str, tuple[Veto, Origin]] = {}
    problems: list[Diagnostic] = []
    for layer in chain:
        f = layer.file
        for index, gone in enumerate(f.remove):
            found = [table for table in (items, bonus, vetoes) if gone in table]
            if not found:
                problems.append(diagnostic("IDEO955", Origin(layer.doc, ()), ("remove", index), msg("rubric.remove-unknown", entry=gone)))
            for table in found:
                del table[gone]
        if f.total is not None:
            total, total_origin = f.total, Origin(layer.doc, ())
        if f.grades is not None:
            grades = (f.grades, Origin(layer.doc, ()))
        for key, table, entries in (("items", items, f.items), ("bonus", bonus, f.bonus), ("vetoes", vetoes, f.vetoes)):
            local: set[str] = set()
            for index, entry in enumerate(entries):
                origin = Origin(layer.doc, (key, index))
                if entry.id in local:
                    problems.append(diagnostic("IDEO957", origin, ("id",), msg("rubric.duplicate-id", entry=entry.id)))
                local.add(entry.id)
                table[entry.id] = (entry, origin)
    ids: dict[str, str] = {}
    for key, table in (("items", items), ("bonus", bonus), ("vetoes", vetoes)):
        for entry_id, (_, origin) in table.items():
            if entry_id in ids and ids[entry_id] != key:
                problems.append(diagnostic("IDEO957", origin, ("id",), msg("rubric.duplicate-id", entry=entry_id)))
            ids.setdefault(entry_id, key)
    if total is None:
        problems.append(diagnostic("IDEO953", Origin(leaf.doc, ()), ("total",), msg("rubric.missing-total")))
    if grades is None:
        problems.append(diagnostic("IDEO958", Origin(leaf.doc, ()), ("grades",), msg("rubric.missing-grades")))
    if problems:
        raise RubricError(problems, sources)
    origins = {k: o for table in (items, bonus, vetoes) for k, (_, o) in table.items()}
    origins["@total"] = total_origin
    origins["@grades"] = grades[1]
    origins["@root"] = Origin(leaf.doc, ())
    return Rubric(
        id=leaf.file.id, title=leaf.file.title, description=leaf.file.description or next((l.file.description for l in reversed(chain) if l.file.description), None),
        total=total, grades=sorted(grades[0], key=lambda g: -g.min),
        items=[e for e, _ in items.values()], bonus=[e for e, _ in bonus.values()], vetoes=[e for e, _ in vetoes.values()],
        files=[l.doc.file for l in chain], origins=origins,
    )


def read(doc):
    """The registry's reader for rubrics (documents/kinds.py): the whole chain of
    ``extends`` is read, merged and checked, so `ideo check rubric.yaml` reports
    what `ideo score --rubric` would refuse."""
    try:
        return load_rubric(doc.file, doc.file), []
    except RubricError as exc:
        return None, list(exc.diagnostics)
