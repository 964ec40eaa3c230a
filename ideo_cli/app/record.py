"""`ideo record`: append one record to the unit's ledger, with its evidence.

The ledger is edited with ruamel.yaml's round-trip loader so comments and
layout survive; the new text is validated with the same validator as `ideo
check` before anything is written; evidence outside the unit's folder is
copied into ``佐证/<year>/`` and hashed streaming.  Writing is one transaction
(``ideo_cli/ledger/write.py``): this command writes its files itself because
evidence may be gigabytes and is streamed, never held as bytes.
"""
from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ideo_cli.app.result import CommandResult, UsageError
from ideo_cli.i18n import DEFAULT_LANG, msg

KINDS = ("records", "events", "rectifications", "accountability")
_LIST_FIELDS = {"attendees", "sent_to", "report_to"}
_PHOTO_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".heic", ".bmp"}


@dataclass
class RecordOptions:
    plan: Path
    obligation: str | None = None
    period: str | None = None
    on: str | None = None
    evidence: list[str] = field(default_factory=list)  # FILE or TYPE=FILE
    fields: list[str] = field(default_factory=list)  # KEY=VALUE, keys in Chinese or English
    event: str | None = None
    rectification: str | None = None
    accountability: bool = False
    lang: str = "zh"


def run(options: RecordOptions) -> CommandResult:
    from ideo_cli.app.inputs import today_from_env
    from ideo_cli.documents import LoadError
    from ideo_cli.formats.plan.load import load_plan
    from ideo_cli.render.diagnostics import RenderOptions, render

    lang = options.lang
    today = today_from_env()
    try:
        loaded = load_plan(options.plan, options.plan.as_posix())
    except LoadError as exc:
        from ideo_cli.diagnostics import FileResult

        return CommandResult(exit_code=2, stderr=render("text", [FileResult(file=options.plan.as_posix(), diagnostics=exc.diagnostics, source=exc.source)], RenderOptions(lang=lang)).encode("utf-8"))
    folder = options.plan.parent
    when = _parse_when(options.on) if options.on else today
    if (when.date() if isinstance(when, dt.datetime) else when) > today:
        raise UsageError(msg("record.future", date=when, today=today))
    kind, entry, year = _entry(options, loaded, when)
    extra = _fields(options.fields)
    entry.update(extra)
    ledger_path = folder / "台账" / f"{year}.yaml"
    copies, items = _evidence(options.evidence, folder, year, loaded, entry)
    if items:
        entry["evidence"] = list(entry.get("evidence", [])) + items
    entry.setdefault("registered", {"date": today})
    text = _append(ledger_path, loaded, year, kind, entry, lang)
    _validate(ledger_path, text, kind, entry)
    from ideo_cli.fsutil import OutputError
    from ideo_cli.ledger.write import commit_record

    try:
        commit_record(ledger_path, text.encode("utf-8"), copies)
    except OutputError as exc:
        return CommandResult(exit_code=2, errors=[msg("cli.cannot-write", path=exc.path, reason=exc.reason)])
    return CommandResult(notes=[msg("record.wrote", ledger=ledger_path.as_posix(), files=len(copies))])


def _parse_when(text: str):
    from ideo_cli.formats.ledger.model import _parse_when as parse

    try:
        return parse(text)
    except Exception:
        raise UsageError(msg("cli.bad-date-option", option="--on", value=text)) from None


def _guess(value: str, known) -> str:
    found = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.5)
    return found[0] if found else ""


def _entry(options: RecordOptions, loaded, when) -> tuple[str, dict, int]:
    plan = loaded.plan
    day = when.date() if isinstance(when, dt.datetime) else when
    stamp = when.strftime("%Y-%m-%d %H:%M") if isinstance(when, dt.datetime) else when
    if options.event:
        ids = [e.id for e in plan.events]
        if options.event not in ids:
            raise UsageError(msg("record.unknown-event", item=options.event, guess=_guess(options.event, ids), known=ids))
        return "events", {"event": options.event}, day.year
    if options.rectification:
        ids = [r.id for r in plan.rectifications]
        if options.rectification not in ids:
            raise UsageError(msg("record.unknown-rectification", item=options.rectification, guess=_guess(options.rectification, ids), known=ids))
        return "rectifications", {"rectification": options.rectification, "completed": day}, day.year
    if options.accountability:
        return "accountability", {"decided": day}, day.year
    if not options.obligation or not options.period:
        raise UsageError(msg("record.needs-obligation-period"))
    ids = [o.id for o in plan.obligations]
    if options.obligation not in ids:
        raise UsageError(msg("record.unknown-obligation", item=options.obligation, guess=_guess(options.obligation, ids), known=ids))
    year_match = re.match(r"^(\d{4})", options.period)
    if not year_match or not 1900 <= int(year_match.group(1)) <= 2100:  # robust: `record … 0000`
        raise UsageError(msg("record.bad-period", period=options.period, known=periods_of(loaded, options.obligation, day.year)))
    year = int(year_match.group(1))
    occurrences = occurrences_of(loaded, options.obligation, year)
    known = [o.period for o in occurrences]
    if options.period not in known:
        raise UsageError(msg("record.unknown-period", period=options.period, obligation=options.obligation, year=year, known=known))
    occurrence = occurrences[known.index(options.period)]
    if day < occurrence.start:
        raise UsageError(msg("record.before-window", period=options.period, date=day, start=occurrence.start))
    return "records", {"obligation": options.obligation, "period": options.period, "time": stamp}, year


def occurrences_of(loaded, obligation: str, year: int) -> list:
    from ideo_cli.schedule.expand import DateRange, ExpansionError
    from ideo_cli.workspace.unit import Unit

    try:
        occurrences = Unit(plan=loaded, folder=Path(loaded.file).parent).occurrences(DateRange.year(year))
    except ExpansionError:
        return []
    seen: dict[str, object] = {}
    for o in occurrences:
        if o.obligation == obligation:
            seen.setdefault(o.period, o)
    return list(seen.values())


def periods_of(loaded, obligation: str, year: int) -> list[str]:
    """The obligation's period labels in ``year`` (the choices a prompt offers)."""
    return [o.period for o in occurrences_of(loaded, obligation, year)]


def _fields(pairs: list[str]) -> dict:
    from ideo_cli.formats.ledger.vocab import translate_key

    out: dict = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(msg("record.bad-field", field=pair))
        name = translate_key(key.strip())
        value = value.strip()
        out[name] = [v.strip() for v in re.split(r"[,，、]", value) if v.strip()] if name in _LIST_FIELDS else value
    return out


def _inside(folder: Path, path: Path) -> str | None:
    """``path`` relative to the unit's folder, if it really lies inside it (symlinks resolved)."""
    root, real = folder.resolve(), path.resolve()
    if root in real.parents:
        return real.relative_to(root).as_posix()
    return None


def _evidence(specs: list[str], folder: Path, year: int, loaded, entry: dict) -> tuple[list[tuple[Path, Path]], list[dict]]:
    from ideo_cli.ledger.evidence import sha256_file

    required: list[str] = []
    if "obligation" in entry:
        required = next((list(o.evidence) for o in loaded.plan.obligations if o.id == entry["obligation"]), [])  # robust: --accountability --field 事项=… names no obligation
    copies: list[tuple[Path, Path]] = []
    items: list[dict] = []
    for spec in specs:
        kind, sep, name = spec.partition("=")
        if not sep:
            kind, name = "", spec
        source = Path(name)
        if not source.is_file():
            raise UsageError(msg("record.evidence-not-found", file=name))
        if not kind:
            kind = "照片" if source.suffix.lower() in _PHOTO_SUFFIXES else (required.pop(0) if required else "材料")
        elif kind in required:
            required.remove(kind)
        digest = sha256_file(source)
        relative = _inside(folder, source)
        if relative is None:
            dest = _free_name(folder / "佐证" / str(year) / source.name, digest, sha256_file)
            relative = dest.relative_to(folder).as_posix()
            if not dest.exists():
                copies.append((source, dest))
        items.append({"type": kind, "file": relative, "sha256": digest})
    return copies, items


def _free_name(dest: Path, digest: str, sha256_file) -> Path:
    """``dest``, or ``name-2.ext`` … when a different file already has that name."""
    candidate, n = dest, 1
    while candidate.exists() and sha256_file(candidate) != digest:
        n += 1
        candidate = dest.with_name(f"{dest.stem}-{n}{dest.suffix}")
    return candidate


def _append(ledger_path: Path, loaded, year: int, kind: str, entry: dict, lang: str) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from ideo_cli.formats.ledger.vocab import KEY_ALIASES

    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    if ledger_path.exists():
        from ideo_cli.documents import LoadError
        from ideo_cli.ledger.load import load_ledger

        try:
            load_ledger(ledger_path, ledger_path.as_posix())  # a hand-broken ledger is reported, not overwritten
        except LoadError as exc:
            raise _LedgerBroken(exc) from None
        document = yaml.load(ledger_path.read_text(encoding="utf-8"))
        chinese = any(not str(k).isascii() for k in document)
    else:
        chinese = lang == DEFAULT_LANG  # a new ledger is written in the plan vocabulary's language asked for
        document = CommentedMap()
    to_file: dict[str, str] = {}
    if chinese:
        for zh, en in KEY_ALIASES.items():  # the first Chinese spelling: 内容 over 议题
            if not zh.isascii():
                to_file.setdefault(en, zh)

    def key(name: str) -> str:
        return to_file.get(name, name)

    if not document:
        document[key("ideo")] = 1
        document[key("kind")] = "台账" if chinese else "ledger"
        document[key("unit")] = loaded.plan_id
        document[key("year")] = year
    section = key(kind)
    if section not in document or document[section] is None:
        document[section] = CommentedSeq()

    def convert(value):
        if isinstance(value, dict):
            node = CommentedMap((key(k), convert(v)) for k, v in value.items())
            if all(not isinstance(v, (dict, list)) for v in value.values()) and len(value) <= 3:
                node.fa.set_flow_style()
            return node
        if isinstance(value, list):
            seq = CommentedSeq(convert(v) for v in value)
            if all(not isinstance(v, (dict, list)) for v in value):
                seq.fa.set_flow_style()
            return seq
        return value

    document[section].append(convert(entry))
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    return buffer.getvalue()


class _LedgerBroken(UsageError):
    def __init__(self, exc):
        first = exc.diagnostics[0]
        super().__init__(msg("record.ledger-broken", file=first.file, line=first.line, col=first.col, problem=first.message))


def _validate(ledger_path: Path, text: str, kind: str, entry: dict) -> None:
    """The new ledger must load and validate, or nothing is written."""
    from ideo_cli.documents import LoadError
    from ideo_cli.documents.document import load_yaml_text
    from ideo_cli.documents.validate import validate
    from ideo_cli.formats.ledger import vocab
    from ideo_cli.formats.ledger.model import Ledger
    try:
        doc = load_yaml_text(text, ledger_path.as_posix(), vocab.translate_key)
    except LoadError as exc:
        raise UsageError(msg("record.invalid", problems=[d.message for d in exc.diagnostics])) from None
    ledger, problems = validate(Ledger, doc)
    if problems:
        raise UsageError(msg("record.invalid", problems=[d.message for d in problems]))
    if kind == "records":
        keys = [(r.obligation, r.period) for r in ledger.records]
        if keys.count((entry["obligation"], entry["period"])) > 1:
            raise UsageError(msg("record.duplicate", obligation=entry["obligation"], period=entry["period"], file=ledger_path.as_posix()))
