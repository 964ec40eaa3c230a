"""`ideo ics`: one calendar per plan (and per person), written as one set into a
folder ideo owns.

Layout of the output folder::

    <plan>.ics               the unit's calendar
    <plan>/<person>.ics      with --per-person: each owner's own calendar
    .ideo-manifest.json      what ideo wrote here (files + event revisions)

A folder per plan keeps a person's file from ever meeting another plan's
(plan ``a`` + person ``b-liuzq`` vs plan ``a-b`` + person ``liuzq``).  Before
anything is written the whole name set is computed and compared the way a
case-insensitive file system compares names; a clash, an id that cannot be a
portable file name, or two obligations that would become one event (one UID)
is a located error and nothing is written.  A calendar with nothing in the
span is not written (RFC 5545 needs a component) and the summary says so.

The events are the to-do list's rows for the span: every occurrence, and each
整改 item whose deadline falls in it (an item still overdue from an earlier
year stays on the to-do list, but its event is the earlier year's).

SEQUENCE and LAST-MODIFIED come from the manifest of the previous run in the
same folder: an event whose content (date, title, owners …) changed gets the
next SEQUENCE and this run's time, so Outlook and Google replace it on
re-import; an unchanged one keeps both, so re-running gives the same bytes.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ideo_cli.app.result import CommandResult, OutputFile, UsageError
from ideo_cli.app.inputs import now_from_env, parse_date_option
from ideo_cli.app.schedule import findings_report, load_schedule
from ideo_cli.diagnostics import Diagnostic, FileResult, Severity
from ideo_cli.fsutil import MANIFEST_NAME, ManifestError, fold_name, manifest_bytes, owned_unchanged, read_manifest
from ideo_cli.i18n import Message, msg, t
from ideo_cli.render.diagnostics import RenderOptions, render
from ideo_cli.render.occurrences.ics.batch import CalendarFile, PlanJob, Revision, render_batch
from ideo_cli.render.occurrences.ics.split import split_by_person
from ideo_cli.schedule.identity import RECTIFICATION_KIND, calendar_uid, uid_namespace

FILE_SUFFIX = ".ics"
MAX_NAME_BYTES = 200  # a file name's UTF-8 bytes (255 is the usual limit; temp names add a few)
_FORBIDDEN = set('\\/:*?"<>|')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9]|conin\$|conout\$)$", re.IGNORECASE)
MAX_LISTED = 12  # skipped calendars named in the summary line


@dataclass
class IcsCommandOptions:
    paths: list[Path]
    output_dir: Path
    year: int | None = None
    first: str | None = None
    last: str | None = None
    per_person: bool = False
    profile: str = "import"
    calendars: list[Path] = field(default_factory=list)
    as_of: str | None = None  # --as-of / --today: statuses (SUMMARY marks) as of this day
    lang: str = "zh"
    workers: int | None = None  # None: as many as pay off (see render/occurrences/ics/batch.py)


def run(options: IcsCommandOptions) -> CommandResult:
    lang = options.lang
    as_of = parse_date_option("--as-of", options.as_of) if options.as_of else None
    loaded = load_schedule(options.paths, options.year, None, options.first, options.last, options.calendars, None, lang, as_of, rectifications=True)
    if isinstance(loaded, CommandResult):
        return loaded
    schedule, span, _ = loaded
    events_in_span = [o for o in schedule.occurrences if o.kind != RECTIFICATION_KIND or span.first <= o.due <= span.last]
    stamp = now_from_env()
    alarms = options.profile == "import"
    label = str(span.first.year) if span.first.year == span.last.year else f"{span.first.year}–{span.last.year}"

    by_file: dict[str, list] = {}
    for occ in events_in_span:
        by_file.setdefault(occ.plan_file, []).append(occ)
    problems = IdentityProblems()
    names = _NameSet(problems)
    jobs: list[PlanJob] = []
    skipped: list[str] = []
    for loaded_plan in schedule.plans:
        org = loaded_plan.plan.organisation
        plan_id = loaded_plan.plan_id
        plan_occ = by_file.get(loaded_plan.file, [])
        check_identities(loaded_plan, plan_occ, uid_namespace(org.name, org.superior), calendar_uid, problems)
        plan_where = (loaded_plan, ("organisation", "id"))
        if not problems.check_name(plan_id, *plan_where):
            continue
        unit = org.short_name or org.name
        job = PlanJob(namespace=uid_namespace(org.name, org.superior))
        plan_file = plan_id + FILE_SUFFIX
        if plan_occ:
            names.add(plan_file, plan_id, *plan_where)
            job.files.append(CalendarFile(plan_file, t(msg("ics.calendar-name", unit=unit, label=label), lang), plan_occ))
        else:
            skipped.append(plan_file)
        if options.per_person:
            mine = split_by_person(plan_occ)
            for index, person in enumerate(loaded_plan.plan.people):
                where = (loaded_plan, ("people", index, "id"))
                name = f"{plan_id}/{person.id}{FILE_SUFFIX}"
                if not problems.check_name(person.id, *where):
                    continue
                if person.id not in mine:
                    skipped.append(name)
                    continue
                names.add(plan_id, plan_id, *plan_where, directory=True)
                names.add(name, person.id, *where)
                job.files.append(CalendarFile(name, t(msg("ics.person-calendar-name", person=person.name or person.id, unit=unit, label=label), lang), mine.pop(person.id)))
        if job.files:
            jobs.append(job)
    if problems.results:
        return problems.result(lang)

    out_dir = options.output_dir
    try:
        old = read_manifest(out_dir) or {}
    except ManifestError as exc:
        raise UsageError(msg("ics.bad-manifest", path=exc.path, reason=exc.reason)) from None
    old_files: dict[str, str] = old.get("files", {})
    _refuse_foreign_files(out_dir, [f.name for job in jobs for f in job.files], old_files)
    previous = {}
    for uid, value in (old.get("events") or {}).items() if isinstance(old.get("events"), dict) else ():
        revision = Revision.from_json(value)
        if revision is not None:
            previous[uid] = revision

    rendered = render_batch(jobs, lang=lang, alarms=alarms, stamp=stamp, previous=previous, workers=options.workers)
    files: dict[str, bytes] = {}
    events = dict(previous)  # an event not produced this time keeps its revision for when it returns
    for job_files, revisions in rendered:
        files.update(job_files)
        events.update(revisions)
    manifest = manifest_bytes(files, {"events": {uid: events[uid].as_json() for uid in sorted(events)}, "profile": options.profile})
    outputs = [OutputFile(out_dir / name, data) for name, data in sorted(files.items())]
    outputs.append(OutputFile(out_dir / MANIFEST_NAME, manifest))

    stale = [name for name, digest in old_files.items() if name not in files and owned_unchanged(out_dir, name, digest)]
    notes: list[Message] = [msg("ics.wrote", files=len(files), events=len(events_in_span), dir=out_dir, sources=list(schedule.sources(span)))]
    if skipped:
        listed = skipped[:MAX_LISTED] + (["…"] if len(skipped) > MAX_LISTED else [])
        notes.append(msg("ics.skipped-empty", n=len(skipped), names=listed))
    if stale:
        notes.append(msg("ics.removed-stale", n=len(stale)))
    return CommandResult(outputs=outputs, output_dir=out_dir, notes=notes, errors=list(schedule.warnings), stderr=findings_report(schedule, lang))


# --------------------------------------------------------------------------- checks before writing


class IdentityProblems:
    """Located diagnostics collected before anything is written (exit 2)."""

    def __init__(self):
        self.results: dict[str, object] = {}

    def add(self, loaded_plan, path: tuple, code: str, name: str, message: Message, help: Message) -> None:
        pos = loaded_plan.doc.locate(path)
        result = self.results.setdefault(loaded_plan.file, FileResult(file=loaded_plan.file, source=loaded_plan.doc.source))
        result.diagnostics.append(Diagnostic(
            code=code, name=name, severity=Severity.ERROR, message=message, file=loaded_plan.file,
            line=pos.line, col=pos.col, end_line=pos.line if pos.end_col else None, end_col=pos.end_col,
            path=_dotted(path), help=help,
        ))

    def check_name(self, ident: str, loaded_plan, path: tuple) -> bool:
        reason = unportable_reason(ident)
        if reason is None:
            return True
        self.add(loaded_plan, path, "IDEO011", "invalid-value", msg("ics.unportable-name", ident=_shown(ident), reason=reason), msg("ics.unportable-help"))
        return False

    def result(self, lang: str) -> CommandResult:
        report = render("text", list(self.results.values()), RenderOptions(lang=lang))
        return CommandResult(exit_code=2, stderr=report.encode("utf-8"))


class _NameSet:
    """Every output path and folder, compared as a case-insensitive file system would."""

    def __init__(self, problems: IdentityProblems):
        self.problems = problems
        self.seen: dict[str, tuple[str, bool]] = {MANIFEST_NAME.casefold(): (MANIFEST_NAME, False)}

    def add(self, name: str, ident: str, loaded_plan, path: tuple, *, directory: bool = False) -> None:
        key = fold_name(name)
        other = self.seen.get(key)
        if other is None:
            self.seen[key] = (name, directory)
            return
        if other == (name, directory) and directory:
            return  # the same plan's folder again
        self.problems.add(loaded_plan, path, "IDEO302", "unique-ids", msg("ics.name-collision", ident=_shown(ident), name=name + ("/" if directory else ""), other=other[0] + ("/" if other[1] else "")), msg("ics.name-collision-help"))


def check_identities(loaded_plan, occurrences, namespace: str, calendar_uid, problems: IdentityProblems) -> None:
    """Two obligations (or two 整改 items) with one id would be one event: refuse,
    pointing at the second."""
    unique = all([_ids_unique(loaded_plan, "obligations", problems), _ids_unique(loaded_plan, "rectifications", problems)])
    if not unique:
        return
    seen: set[str] = set()  # anything else that folds two events into one UID
    for occ in occurrences:
        uid = calendar_uid(occ, namespace)
        if uid in seen:
            section = "rectifications" if occ.kind == RECTIFICATION_KIND else "obligations"
            index = next((i for i, item in enumerate(getattr(loaded_plan.plan, section)) if item.id == occ.obligation), 0)
            path = (section, index, "id")
            _duplicate(problems, loaded_plan, path, occ.obligation, loaded_plan.doc.locate(path).line)
            return
        seen.add(uid)


_DUPLICATE = {"obligations": "ics.duplicate-identity", "rectifications": "ics.duplicate-rectification"}


def _ids_unique(loaded_plan, section: str, problems: IdentityProblems) -> bool:
    first_line: dict[str, int] = {}
    items = getattr(loaded_plan.plan, section)
    for index, item in enumerate(items):
        path = (section, index, "id")
        if item.id in first_line:
            _duplicate(problems, loaded_plan, path, item.id, first_line[item.id])
        else:
            first_line[item.id] = loaded_plan.doc.locate(path).line
    return len(first_line) == len(items)


def _duplicate(problems: IdentityProblems, loaded_plan, path: tuple, ident: str, first_line: int) -> None:
    """IDEO302 at ``path`` (``(section, index, "id")``): its id is one event's already."""
    message = _DUPLICATE[path[0]]
    problems.add(loaded_plan, path, "IDEO302", "unique-ids", msg(message, ident=_shown(ident)), msg(message + "-help", ident=_shown(ident), line=first_line))


def unportable_reason(ident: str) -> Message | None:
    """Why ``ident`` cannot name a file on every system, or None if it can."""
    invisible = [ch for ch in ident if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp")]
    if invisible:
        return msg("ics.reason-invisible")
    bad = sorted({ch for ch in ident if ch in _FORBIDDEN})
    if bad:
        return msg("ics.reason-characters", chars=" ".join(bad))
    if ident.startswith(".") or ident.endswith((".", " ")) or not ident.strip():
        return msg("ics.reason-dots")
    stem = ident.split(".", 1)[0].rstrip(" ")
    if _RESERVED.match(stem):
        return msg("ics.reason-reserved", name=stem)
    if len((ident + FILE_SUFFIX).encode("utf-8")) > MAX_NAME_BYTES:
        return msg("ics.reason-too-long", limit=MAX_NAME_BYTES)
    return None


def _refuse_foreign_files(out_dir: Path, names: list[str], old_files: dict[str, str]) -> None:
    """Never overwrite a file ideo did not write (not in the manifest, not an ideo calendar)."""
    listing: dict[str, list[Path]] = {}  # folded relative name -> what is there now

    def entries(folder: Path, prefix: str) -> list[Path]:
        key = fold_name(prefix)
        if key not in listing:
            try:
                listing[key] = list(folder.iterdir()) if folder.is_dir() else []
            except OSError:
                listing[key] = []
        return listing[key]

    for name in names:
        folder, _, base = name.rpartition("/")
        for existing in entries(out_dir / folder if folder else out_dir, folder):
            if fold_name(existing.name) != fold_name(base):
                continue
            relative = f"{folder}/{existing.name}" if folder else existing.name
            if relative in old_files or _written_by_ideo(existing):
                continue
            raise UsageError(msg("ics.foreign-file", path=existing))


def _written_by_ideo(path: Path) -> bool:
    try:
        if path.is_symlink() or not path.is_file():
            return False
        with path.open("rb") as handle:
            head = handle.read(512)
    except OSError:
        return False
    return head.startswith(b"BEGIN:VCALENDAR\r\n") and b"\r\nPRODID:-//ideo//" in head


def _shown(ident: str) -> str:
    """An id as it can be shown on a terminal: invisible characters as \\u escapes."""
    return "".join(ch if unicodedata.category(ch)[0] != "C" else f"\\u{ord(ch):04x}" for ch in ident)


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
