"""`ideo record --from 待办.xlsx`: the rows a clerk filled in Excel or WPS, as records.

The to-do workbook (``ideo todo --format xlsx``) has a hidden 事项标识 column
(plan id / obligation / period) on every sheet; a row counts when its 完成日期,
完成情况 or 佐证 was filled by hand (what ideo filled from the ledger is not
new).  Every row is read before anything is written: a cell that cannot be
used is a located error (``待办.xlsx!全部!F12``) and nothing is written; the
records then go to their ledgers as one transaction.  Columns are found by
their headers in either language, so a clerk may move them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ideo_cli.app.inputs import discover, today_from_env
from ideo_cli.app.result import CommandResult, UsageError
from ideo_cli.documents import LoadError
from ideo_cli.formats.dates import DateTextError, read_date
from ideo_cli.formats.ledger import is_ledger_file
from ideo_cli.formats.ledger.model import day_of
from ideo_cli.formats.plan.load import load_plan
from ideo_cli.fsutil import OutputError
from ideo_cli.i18n import DEFAULT_LANG, msg, t
from ideo_cli.ledger.compose import compose, existing_ledger
from ideo_cli.ledger.entry import (
    EvidencePlan, NewEntry, RecordError, evidence_item, find_occurrence, ledger_file, ledger_header, other_entry, paper_place, record_entry,
)
from ideo_cli.ledger.status import STATUSES
from ideo_cli.ledger.write import commit_ledgers
from ideo_cli.schedule.occurrence import RECTIFICATION_KIND
from ideo_cli.workspace.unit import Unit

LANGS = ("zh", "en")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
HEADER_SEARCH_ROWS = 10


class _CellError(Exception):
    def __init__(self, where: str, problem):
        super().__init__(where)
        self.where, self.problem = where, problem


@dataclass(frozen=True)
class _Item:
    """What a row of a 整改 item shows (its title, its id as the period, no required evidence)."""

    title: str
    period: str
    evidence: tuple = ()


@dataclass
class _Row:
    where: str
    item: str
    occ: object  # the Occurrence a record settles, or an _Item for a 整改 completion
    unit: Unit
    plan_path: Path
    new: NewEntry
    evidence_text: str = ""


@dataclass
class _Batch:
    rows: list[_Row] = field(default_factory=list)
    errors: list = field(default_factory=list)


def _headers(key: str) -> set[str]:
    return {t(msg(f"todo.column.{key}"), lang).strip() for lang in LANGS}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _status_words() -> set[str]:
    words = {t(msg(f"status.{code}"), lang).casefold() for code in STATUSES for lang in LANGS}
    return words | {"完成", "已完成", "done", "√", "✓", "是"}


def _cell_date(value, where: str):
    if isinstance(value, dt.datetime):
        return value if (value.hour, value.minute, value.second) != (0, 0, 0) else value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))  # a date cell saved without its date style
    try:
        return read_date(_text(value))
    except DateTextError as exc:
        raise _CellError(where, exc.message) from None


class _Plans:
    """The plans the workbook's rows name, found under ``paths`` (loaded once)."""

    def __init__(self, paths: list[Path]):
        self.paths = paths
        self.units: dict[str, tuple[Unit, Path]] = {}
        for path, _shown in discover(paths):
            if not path.is_file() or is_ledger_file(path):
                continue
            try:
                loaded = load_plan(path, path.as_posix())
            except LoadError:
                continue  # not a plan, or a broken one: `ideo check` reports it
            self.units.setdefault(loaded.plan_id, (Unit.of(loaded), path))


def _read(options, plans: _Plans, today: dt.date) -> _Batch:
    from openpyxl import load_workbook  # loaded only for --from: start-up of every other command

    shown = options.source.as_posix()
    try:
        workbook = load_workbook(options.source, data_only=True)
    except FileNotFoundError:
        raise UsageError(msg("record.xlsx-missing", file=shown)) from None
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise UsageError(msg("record.xlsx-unreadable", file=shown)) from None
    batch = _Batch()
    seen: dict[str, tuple[str, tuple]] = {}
    found_identity = False
    words = _status_words()
    for sheet in workbook.worksheets:
        columns = _find_columns(sheet)
        if columns is None:
            continue
        found_identity = True
        header_row, col = columns
        for row in sheet.iter_rows(min_row=header_row + 1):
            cells = {key: row[index] if index < len(row) else None for key, index in col.items()}
            item = _text(cells["item-id"].value) if cells.get("item-id") is not None else ""
            if not item:
                continue
            try:
                parsed = _row(options, shown, sheet.title, cells, item, plans, today, words)
            except _CellError as exc:
                batch.errors.append(msg("record.xlsx-cell", where=exc.where, problem=exc.problem))
                continue
            if parsed is None:
                continue
            key = (parsed.new.entry.get("time", parsed.new.entry.get("completed")), parsed.evidence_text, parsed.new.entry.get("content"), parsed.new.entry.get("note"))
            if item in seen:
                if seen[item][1] != key:
                    batch.errors.append(msg("record.xlsx-cell", where=parsed.where, problem=msg("record.xlsx-twice", other=seen[item][0])))
                continue
            seen[item] = (parsed.where, key)
            batch.rows.append(parsed)
    if not found_identity:
        raise UsageError(msg("record.xlsx-no-identity", file=shown))
    return batch


def _find_columns(sheet) -> tuple[int, dict[str, int]] | None:
    wanted = {key: _headers(key) for key in ("item-id", "done-on", "done-note", "evidence-kept", "remarks")}
    for row in sheet.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS):
        found: dict[str, int] = {}
        for index, cell in enumerate(row):
            text = _text(cell.value)
            for key, names in wanted.items():
                if text in names and key not in found:
                    found[key] = index
        if "item-id" in found and "done-on" in found:
            return row[0].row, found
    return None


def _row(options, shown: str, sheet: str, cells: dict, item: str, plans: _Plans, today: dt.date, words: set[str]) -> _Row | None:
    def where(key: str) -> str:
        return f"{shown}!{sheet}!{cells[key].coordinate}"

    def value(key: str):
        cell = cells.get(key)
        return cell.value if cell is not None else None

    note_text = _text(value("done-note"))
    evidence_text = _text(value("evidence-kept"))
    remark = _text(value("remarks"))
    date_value = value("done-on")
    filled = date_value not in (None, "") or (note_text and note_text.casefold() not in words) or evidence_text
    if not filled:
        return None
    plan_id, _sep, rest = item.partition("/")
    obligation, _sep, period = rest.partition("/")
    if plan_id not in plans.units or not obligation or not period:
        raise _CellError(where("item-id"), msg("record.xlsx-unknown-item", item=item, paths=[p.as_posix() for p in plans.paths]))
    unit, plan_path = plans.units[plan_id]
    if obligation == RECTIFICATION_KIND:
        return _rectification_row(options, sheet, cells, where, item, unit, plan_path, period, (date_value, note_text, evidence_text, remark), today, words)
    try:
        occ = find_occurrence(unit, obligation, period)
    except RecordError:
        raise _CellError(where("item-id"), msg("record.xlsx-unknown-item", item=item, paths=[p.as_posix() for p in plans.paths])) from None
    if date_value in (None, ""):
        raise _CellError(where("done-on"), msg("record.xlsx-needs-date"))
    when = _cell_date(date_value, where("done-on"))
    year = int(occ.period[:4])
    ledger_path = ledger_file(plan_path, year)
    try:
        loaded = existing_ledger(ledger_path)
    except RecordError as exc:
        raise _CellError(where("item-id"), exc.message) from None
    if loaded is not None:
        old = next((r for r in loaded.ledger.records if (r.obligation, r.period) == (occ.obligation, occ.period)), None)
        if old is not None:
            if day_of(old.time) == day_of(when):
                return None  # the row shows the ledger's own record (ideo filled it)
            raise _CellError(where("done-on"), msg("record.xlsx-recorded", date=day_of(old.time)))
    fields: dict = {}
    if note_text and note_text.casefold() not in words:
        fields["content"] = note_text
    if remark:
        fields["note"] = remark
    try:
        evidence = _evidence(evidence_text, occ, unit.folder, year, options.source.parent)
    except RecordError as exc:
        raise _CellError(where("evidence-kept"), exc.message) from None
    try:
        new = record_entry(occ, when, fields, evidence, today)
    except RecordError as exc:
        raise _CellError(where("done-on"), exc.message) from None
    return _Row(f"{sheet}!{cells['done-on'].coordinate}", item, occ, unit, plan_path, new, evidence_text)


def _rectification_row(options, sheet: str, cells: dict, where, item: str, unit: Unit, plan_path: Path, item_id: str, filled: tuple,
                       today: dt.date, words: set[str]) -> _Row | None:
    """A filled 整改 row (``plan/整改/item``): the item's completion, as ``record --rectification``."""
    date_value, note_text, evidence_text, remark = filled
    plan = unit.plan.plan
    written = next((r for r in plan.rectifications if r.id == item_id), None)
    if written is None:
        raise _CellError(where("item-id"), msg("record.xlsx-unknown-item", item=item, paths=[unit.file]))
    if date_value in (None, ""):
        raise _CellError(where("done-on"), msg("record.xlsx-needs-date"))
    when = _cell_date(date_value, where("done-on"))
    try:
        loaded = existing_ledger(ledger_file(plan_path, day_of(when).year))
    except RecordError as exc:
        raise _CellError(where("item-id"), exc.message) from None
    if loaded is not None:
        old = next((r for r in loaded.ledger.rectifications if r.rectification == item_id), None)
        if old is not None:
            if day_of(old.completed) == day_of(when):
                return None  # the row shows the ledger's own completion (ideo filled it)
            raise _CellError(where("done-on"), msg("record.xlsx-recorded", date=day_of(old.completed)))
    shown = _Item(written.problem or item_id, item_id)
    fields: dict = {}
    if remark:
        fields["note"] = remark
    try:
        evidence = _evidence(evidence_text, shown, unit.folder, day_of(when).year, options.source.parent)
        new = other_entry("rectifications", item_id, plan, when, fields, evidence, today)
    except RecordError as exc:
        raise _CellError(where("done-on"), exc.message) from None
    return _Row(f"{sheet}!{cells['done-on'].coordinate}", item, shown, unit, plan_path, new, evidence_text)


def _evidence(text: str, occ, folder: Path, year: int, base: Path) -> EvidencePlan:
    """Lines of ``类型=文件`` / ``类型=纸质存档:位置``; a bare ``纸质存档:位置`` covers every required type.
    A relative file is relative to the workbook's folder."""
    import re

    out = EvidencePlan()
    left = list(occ.evidence)
    for part in (p.strip() for p in re.split(r"[\n;；]+", text) if p.strip()):
        kind, sep, target = part.partition("=")
        if not sep:
            kind, target = "", part
        kind, target = kind.strip(), target.strip()
        place = paper_place(target)
        if not kind and place is not None:
            for required in left or ["材料"]:
                out.items.append({"type": required, "paper": place})
            left = []
            continue
        if place is None:
            path = Path(target).expanduser()
            target = str(path if path.is_absolute() else base / path)
        if not kind:
            kind = left[0] if left else "材料"
        if kind in left:
            left.remove(kind)
        out.items.append(evidence_item(kind, target, folder, year, out))
    return out


def _shown_date(value):
    return value if isinstance(value, str) else day_of(value)


def run_from_xlsx(options) -> CommandResult:
    today = today_from_env()
    plans = _Plans(options.paths)
    batch = _read(options, plans, today)
    shown = options.source.as_posix()
    if batch.errors:
        return CommandResult(exit_code=2, errors=batch.errors)
    if not batch.rows:
        return CommandResult(notes=[msg("record.xlsx-nothing", file=shown)])
    table = [msg("record.xlsx-heading", file=shown, n=len(batch.rows))] + [
        msg("record.xlsx-row", where=row.where, unit=row.unit.plan.plan.organisation.short_name or row.unit.plan.plan.organisation.name,
            title=row.occ.title, period=row.occ.period, date=_shown_date(row.new.entry.get("time", row.new.entry.get("completed"))),
            evidence=[f"{e['type']}" for e in row.new.entry.get("evidence", [])] or msg("record.xlsx-no-evidence"))
        for row in batch.rows
    ]
    if options.preview:
        return CommandResult(notes=table)
    if not options.yes:
        return CommandResult(exit_code=2, notes=table, errors=[msg("record.xlsx-needs-yes")])
    by_ledger: dict[Path, list[_Row]] = {}
    for row in batch.rows:
        by_ledger.setdefault(ledger_file(row.plan_path, row.new.year), []).append(row)
    texts: list[tuple[Path, bytes]] = []
    copies: list[tuple[Path, Path]] = []
    try:
        for path, rows in by_ledger.items():
            header = ledger_header(rows[0].plan_path, path, rows[0].unit.id, rows[0].new.year)
            data, _placed = compose(path, header, [r.new for r in rows], chinese=options.lang == DEFAULT_LANG)
            texts.append((path, data))
            for r in rows:
                copies.extend(c for c in r.new.evidence.copies if c not in copies)
    except RecordError as exc:
        raise UsageError(exc.message) from None
    try:
        commit_ledgers(texts, copies)
    except OutputError as exc:
        return CommandResult(exit_code=2, errors=[msg("cli.cannot-write", path=exc.path, reason=exc.reason)])
    return CommandResult(notes=table + [msg("record.xlsx-wrote", n=len(batch.rows), ledgers=[p.as_posix() for p in by_ledger], files=len(copies))])
