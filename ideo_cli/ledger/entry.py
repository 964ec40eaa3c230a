"""What one `ideo record` adds to a ledger: the item it settles, the record, its evidence.

The command (``app/record.py``) and the prompts (``cli/record.py``) only glue
these together.  Everything a user types is read here as people type it: a
period in any case (``2026h1``), dates through :mod:`ideo_cli.formats.dates`,
people by id or name, field names in Chinese or English (with did-you-mean),
evidence as ``类型=文件`` or ``类型=纸质存档:存放位置`` (``~`` expanded).

A record belongs to its period: work done early in the period, before the
reminder window opens, is good work and accepted; only a date before the
period itself (or after today) is refused.  Late work is written and reported.
"""
from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ideo_cli.formats.dates import DateTextError, iso_text, read_date
from ideo_cli.formats.ledger import vocab
from ideo_cli.formats.ledger.model import AccountabilityRecord, EventRecord, Record, RectificationRecord, day_of
from ideo_cli.formats.plan.people import PersonError, find_person
from ideo_cli.i18n import Message, msg
from ideo_cli.ledger.evidence import sha256_file
from ideo_cli.ledger.load import DEFAULT_PLAN, LEDGER_FOLDER
from ideo_cli.schedule.expand import DateRange, ExpansionError
from ideo_cli.schedule.periods import first_day_of_period

SECTIONS = ("records", "events", "rectifications", "accountability")
LIST_FIELDS = {"attendees", "sent_to", "report_to"}
PERSON_FIELDS = {"records": ("chair", "recorder", "attendees")}
DATE_FIELDS = {"sent_on", "found", "reported", "approved", "held", "published", "completed", "decided"}
PAPER_WORDS = ("纸质存档", "纸质", "paper")
PHOTO_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".heic", ".bmp"}
_MODELS = {"records": Record, "events": EventRecord, "rectifications": RectificationRecord, "accountability": AccountabilityRecord}
# set by the command itself, never by --field
_STRUCTURAL = {"obligation", "period", "time", "evidence", "registered", "event", "rectification", "followups", "absent", "filed"}


class RecordError(ValueError):
    """Something the user typed that cannot become a record; ``message`` says why."""

    def __init__(self, message: Message):
        super().__init__(message.id)
        self.message = message


def guess(value: str, known) -> str:
    found = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.5)
    return found[0] if found else ""


# ---------------------------------------------------------------- dates and people

def read_when(text: str, what: str | None = "--on") -> dt.date | dt.datetime:
    """``what``: the option or field named in the error (None at a prompt: the problem alone)."""
    try:
        return read_date(text)
    except DateTextError as exc:
        raise RecordError(msg("record.bad-date", what=what, problem=exc.message) if what else exc.message) from None


def check_not_future(when, today: dt.date) -> None:
    if day_of(when) > today:
        raise RecordError(msg("record.future", date=day_of(when), today=today))


def person_value(plan, text: str) -> str:
    """The person as typed (their id or their name), once it names exactly one of the plan's people."""
    try:
        person = find_person(plan.people, text)
    except PersonError as exc:
        raise RecordError(exc.message) from None
    wanted = "".join(str(text).split())
    return person.id if wanted.casefold() == person.id.casefold() else person.name


def people_values(plan, text: str) -> list[str]:
    return [person_value(plan, part) for part in split_list(text)]


def split_list(text: str) -> list[str]:
    return [v.strip() for v in re.split(r"[,，、;；\s]+", str(text)) if v.strip()]


# ---------------------------------------------------------------- the item a record settles

def find_obligation(plan, text: str):
    ids = [o.id for o in plan.obligations]
    for ob in plan.obligations:
        if ob.id == text or ob.id.casefold() == str(text).casefold():
            return ob
    raise RecordError(msg("record.unknown-obligation", item=text, guess=guess(text, ids), known=ids))


def occurrences_of(unit, obligation: str, year: int) -> list:
    """The obligation's occurrences whose period belongs to ``year`` (one per period)."""
    try:
        found = unit.occurrences(DateRange.year(year))
    except ExpansionError:
        return []
    seen: dict[str, object] = {}
    for occ in found:
        if occ.obligation == obligation:
            seen.setdefault(occ.period, occ)
    return list(seen.values())


def find_occurrence(unit, obligation: str, period_text: str):
    """The occurrence ``obligation`` / ``period`` (the period in any case: 2026h1)."""
    text = "".join(str(period_text).split())
    year_match = re.match(r"^(\d{4})", text)
    if not year_match or not 1900 <= int(year_match.group(1)) <= 2100:  # README §2d: years 1900–2100
        raise RecordError(msg("record.bad-period", period=text, known=[o.period for o in occurrences_of(unit, obligation, dt.date.today().year)]))
    year = int(year_match.group(1))
    occurrences = occurrences_of(unit, obligation, year)
    for occ in occurrences:
        if occ.period.casefold() == text.casefold():
            return occ
    raise RecordError(msg("record.unknown-period", period=text, obligation=obligation, year=year, known=[o.period for o in occurrences]))


def period_first_day(occ) -> dt.date:
    return first_day_of_period(occ.period, occ.start)


def check_in_period(occ, when) -> None:
    first = period_first_day(occ)
    if day_of(when) < first:
        raise RecordError(msg("record.before-period", date=day_of(when), period=occ.period, start=first))


# ---------------------------------------------------------------- fields

def known_fields(kind: str) -> list[str]:
    return [name for name in _MODELS[kind].model_fields if name not in _STRUCTURAL]


def field_name(kind: str, key: str) -> str:
    """A --field key (Chinese or English) as the record model's name; did-you-mean otherwise."""
    raw = key.strip()
    name = vocab.SECTION_KEY_ALIASES.get(kind, {}).get(raw) or vocab.translate_key(raw)
    allowed = known_fields(kind)
    if name in allowed:
        return name
    spellings = allowed + [zh for en in allowed for zh in vocab.ZH_KEYS.get(en, [])]
    near = guess(raw, spellings)
    hint = msg("record.field-did-you-mean", guess=near) if near else msg("record.field-known", known=[_both(en) for en in allowed])
    raise RecordError(msg("record.unknown-field", field=raw, hint=hint))


def _both(en: str) -> str:
    zh = vocab.ZH_KEYS.get(en)
    return f"{zh[0]}/{en}" if zh else en


def field_value(kind: str, name: str, text: str, plan):
    """One field's value as the ledger stores it: people checked, lists split, dates read."""
    text = str(text).strip()
    if name in PERSON_FIELDS.get(kind, ()):
        return people_values(plan, text) if name in LIST_FIELDS else person_value(plan, text)
    if name in LIST_FIELDS:
        return split_list(text)
    if name in DATE_FIELDS:
        when = read_when(text, _both(name))
        return when if not isinstance(when, dt.datetime) else iso_text(when)
    return text


def parse_fields(kind: str, pairs: list[str], plan) -> dict:
    out: dict = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise RecordError(msg("record.bad-field", field=pair))
        name = field_name(kind, key)
        out[name] = field_value(kind, name, value, plan)
    return out


# ---------------------------------------------------------------- evidence

@dataclass
class EvidencePlan:
    """The evidence items of a record and the copies that bring outside files into the unit."""

    items: list[dict] = field(default_factory=list)
    copies: list[tuple[Path, Path]] = field(default_factory=list)


def paper_place(text: str) -> str | None:
    """``纸质存档:党建档案盒`` → 党建档案盒; None when ``text`` is not a paper mark."""
    plain = text.strip()
    for word in PAPER_WORDS:
        if plain.casefold() == word:
            raise RecordError(msg("record.paper-needs-place", value=plain))
        for colon in (":", "："):
            if plain.casefold().startswith(word + colon):
                place = plain[len(word) + 1:].strip()
                if not place:
                    raise RecordError(msg("record.paper-needs-place", value=plain))
                return place
    return None


def evidence_item(spec_type: str, target: str, folder: Path, year: int, plan_out: EvidencePlan) -> dict:
    """One item: paper (where it is kept) or a file, referenced inside the unit or copied in."""
    place = paper_place(target)
    if place is not None:
        return {"type": spec_type, "paper": place}
    source = Path(os.path.expanduser(target.strip()))
    if not source.is_file():
        raise RecordError(msg("record.evidence-not-found", file=target.strip()))
    digest = sha256_file(source)
    relative = inside(folder, source)
    if relative is None:
        planned = {dest for _src, dest in plan_out.copies}
        dest = free_name(folder / "佐证" / str(year) / source.name, digest, planned)
        relative = dest.relative_to(folder).as_posix()
        if not dest.exists() and dest not in planned:
            plan_out.copies.append((source, dest))
    return {"type": spec_type, "file": relative, "sha256": digest}


def parse_evidence(specs: list[str], folder: Path, year: int, required: list[str]) -> EvidencePlan:
    """``FILE``, ``TYPE=FILE`` or ``TYPE=纸质存档:WHERE``; a bare file takes the next required type."""
    out = EvidencePlan()
    left = list(required)
    for spec in specs:
        kind, sep, target = spec.partition("=")
        if not sep:
            kind, target = "", spec
        kind = kind.strip()
        if not kind:
            suffix = Path(target.strip()).suffix.lower()
            kind = "照片" if suffix in PHOTO_SUFFIXES else (left[0] if left else "材料")
        if kind in left:
            left.remove(kind)
        out.items.append(evidence_item(kind, target, folder, year, out))
    return out


def inside(folder: Path, path: Path) -> str | None:
    """``path`` relative to the unit's folder, if it really lies inside it (symlinks resolved)."""
    root, real = folder.resolve(), path.resolve()
    if root in real.parents:
        return real.relative_to(root).as_posix()
    return None


def free_name(dest: Path, digest: str, planned: set[Path] = frozenset()) -> Path:
    """``dest``, or ``name-2.ext`` … when a different file already has (or will have) that name."""
    candidate, n = dest, 1
    while (candidate.exists() and sha256_file(candidate) != digest) or candidate in planned:
        n += 1
        candidate = dest.with_name(f"{dest.stem}-{n}{dest.suffix}")
    return candidate


# ---------------------------------------------------------------- the ledger file

def ledger_file(plan_path: Path, year: int) -> Path:
    return plan_path.parent / LEDGER_FOLDER / f"{year}.yaml"


def ledger_header(plan_path: Path, ledger_path: Path, unit_id: str, year: int) -> dict:
    """What a new ledger says about itself: whose it is, and its plan when not ../计划.yaml."""
    header: dict = {"ideo": 1, "kind": "ledger", "unit": unit_id, "year": year}
    relative = Path(os.path.relpath(plan_path.resolve(), ledger_path.parent.resolve())).as_posix()
    if relative != f"../{DEFAULT_PLAN}":
        header["plan"] = relative
    return header


@dataclass
class NewEntry:
    """One record to add: its section, the mapping (English keys), its year and evidence."""

    kind: str
    entry: dict
    year: int
    evidence: EvidencePlan = field(default_factory=EvidencePlan)
    occurrence: object | None = None


def record_entry(occ, when, fields: dict, evidence: EvidencePlan, today: dt.date) -> NewEntry:
    """The record settling ``occ``: checked against the period and today, registered today."""
    check_not_future(when, today)
    check_in_period(occ, when)
    entry: dict = {"obligation": occ.obligation, "period": occ.period, "time": iso_text(when) if isinstance(when, dt.datetime) else when}
    entry.update(fields)
    if evidence.items:
        entry["evidence"] = evidence.items
    entry.setdefault("registered", {"date": today})
    year = int(occ.period[:4]) if occ.period[:4].isdigit() else day_of(when).year
    return NewEntry("records", entry, year, evidence, occ)


def other_entry(kind: str, item: str | None, plan, when, fields: dict, evidence: EvidencePlan, today: dt.date) -> NewEntry:
    """An event, a rectification's completion or an accountability decision."""
    check_not_future(when, today)
    day = day_of(when)
    if kind == "events":
        ids = [e.id for e in plan.events]
        if item not in ids:
            raise RecordError(msg("record.unknown-event", item=item, guess=guess(item, ids), known=ids))
        entry = {"event": item}
    elif kind == "rectifications":
        ids = [r.id for r in plan.rectifications]
        if item not in ids:
            raise RecordError(msg("record.unknown-rectification", item=item, guess=guess(item, ids), known=ids))
        entry = {"rectification": item, "completed": day}
    else:
        entry = {"decided": day}
    entry.update(fields)
    if evidence.items:
        entry["evidence"] = evidence.items
    entry.setdefault("registered", {"date": today})
    return NewEntry(kind, entry, day.year, evidence)
