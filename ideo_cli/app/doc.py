"""`ideo doc plan|report|self-check`: a unit's Word documents in the official format.

    实施方案 (plan)          the plan and its year's schedule
    半年专题汇报 (report)     the ledger's facts for one half year (draft)
    自查报告 (self-check)     the score simulation (the scorecard ``ideo score`` builds)

``run`` reads, builds the blocks (``render/docx/<document>.py``) and returns the
.docx bytes as one output; ``cli/emit`` writes it atomically (never onto an input).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ideo_cli.app.inputs import now_from_env, parse_date_option, today_from_env
from ideo_cli.app.result import EXIT_FATAL, CommandResult, OutputFile, UsageError
from ideo_cli.app.schedule import MAX_YEAR, MIN_YEAR, ScheduleError, ScheduleOptions, build_schedule
from ideo_cli.app.score import read_rubric
from ideo_cli.formats.ledger.model import day_of
from ideo_cli.formats.plan.load import load_plan
from ideo_cli.i18n import msg
from ideo_cli.ledger import status as st
from ideo_cli.render.diagnostics import RenderOptions, render
from ideo_cli.render.docx import DocxOptions, render_docx
from ideo_cli.render.docx import plan as plan_doc
from ideo_cli.render.docx import report as report_doc
from ideo_cli.render.docx import self_check as self_check_doc
from ideo_cli.schedule.expand import DateRange
from ideo_cli.scoring.adapt import ScoringInputError, observations_from_schedule, plan_files
from ideo_cli.scoring.engine import score_unit
from ideo_cli.year import YearError, YearOptions, compute_years

KINDS = ("plan", "report", "self-check")
_PERIOD = re.compile(r"^(\d{4})H([12])$")


@dataclass
class DocOptions:
    kind: str
    path: Path
    year: int
    output: Path
    period: str | None = None
    as_of_text: str | None = None
    calendars: list[Path] = field(default_factory=list)
    rubric: Path | None = None
    lang: str = "zh"


def run(options: DocOptions) -> CommandResult:
    if options.kind not in KINDS:
        raise UsageError(msg("docx.unknown-kind", kind=options.kind, known=list(KINDS)))
    if not MIN_YEAR <= options.year <= MAX_YEAR:
        raise UsageError(msg("docx.bad-year", year=options.year, low=MIN_YEAR, high=MAX_YEAR))
    as_of = parse_date_option("--as-of", options.as_of_text) if options.as_of_text else today_from_env()
    half = parse_period(options.period, options.year, as_of)
    files = plan_files([options.path])
    if not files:
        raise UsageError(msg("docx.no-plan", path=options.path.as_posix()))
    if len(files) > 1:
        raise UsageError(msg("docx.one-unit", path=options.path.as_posix(), plans=[shown for _p, shown in files]))
    try:
        if options.kind == "plan":
            blocks = _plan_blocks(files, options, as_of)
        elif options.kind == "report":
            blocks = report_doc.blocks(_facts(files, options.year, half, as_of, options.calendars))
        else:
            blocks = _self_check_blocks(files, options, as_of)
            if isinstance(blocks, CommandResult):  # the rubric's located problems
                return blocks
    except ScheduleError as exc:
        if exc.results:
            return CommandResult(exit_code=EXIT_FATAL, stderr=render("text", exc.results, RenderOptions(lang=options.lang)).encode("utf-8"))
        return CommandResult(exit_code=EXIT_FATAL, errors=[exc.message])
    data = render_docx(blocks, DocxOptions(lang=options.lang, stamp=now_from_env(), title=blocks[0].text))  # the Title block
    return CommandResult(outputs=[OutputFile(options.output, data)], notes=[msg("docx.wrote", path=options.output, kind=msg(f"docx.kind.{options.kind}"))])


def parse_period(text: str | None, year: int, as_of: dt.date) -> int:
    """``2026H1`` → 1; none given: the half ``as_of`` falls in (the second, once the year is over)."""
    if text is None:
        if as_of.year == year:
            return 1 if as_of.month <= 6 else 2
        return 2 if as_of.year > year else 1
    found = _PERIOD.match(text.strip())
    if not found:
        raise UsageError(msg("docx.bad-period", period=text, example=f"{year}H1"))
    if int(found.group(1)) != year:
        raise UsageError(msg("docx.period-year", period=text, year=year))
    return int(found.group(2))


def _plan_blocks(files, options: DocOptions, as_of: dt.date):
    schedule = build_schedule(ScheduleOptions(files=files, span=DateRange.year(options.year), calendars=list(options.calendars)))
    loaded = schedule.plans[0]
    facts = plan_doc.PlanFacts(plan=loaded.plan, year=options.year, occurrences=tuple(schedule.occurrences), dated=as_of)
    return plan_doc.blocks(facts)


def _self_check_blocks(files, options: DocOptions, as_of: dt.date):
    rubric, failed = read_rubric(options.rubric or Path("sample"), options.lang)
    if failed is not None:
        return failed
    try:
        units = observations_from_schedule(files, options.year, as_of, options.calendars)  # the same observations `ideo score` scores
    except ScoringInputError as exc:
        raise ScheduleError(exc.results, exc.message) from None
    card = score_unit(rubric, units[0])
    org = load_plan(*files[0]).plan.organisation
    facts = self_check_doc.SelfCheckFacts(card=card, org_name=org.name, superior=org.superior, dated=as_of)
    return self_check_doc.blocks(facts)


# ---- the report's facts: the one place that reads the unit's year ------------------
def _facts(files, year: int, half: int, as_of: dt.date, calendars) -> report_doc.ReportFacts:
    """The half year's facts as the unit year states them (``compute_years``): each occurrence's
    status, done_on, days_late and evidence; the ledger's events and 问责; the rectifications' states.
    The span runs to the end of the next half, whose schedule is the report's 下步打算."""
    first, last = (dt.date(year, 1, 1), dt.date(year, 6, 30)) if half == 1 else (dt.date(year, 7, 1), dt.date(year, 12, 31))
    following = DateRange(dt.date(year, 7, 1), dt.date(year, 12, 31)) if half == 1 else DateRange(dt.date(year + 1, 1, 1), dt.date(year + 1, 6, 30))
    unit = _unit_year(files, DateRange(dt.date(year, 1, 1), following.last), as_of, calendars)
    plan = unit.plan.plan
    facts = [_occurrence_fact(o) for o in unit.occurrences]

    def belongs(f) -> bool:  # to the half it was done in, or (not done) the half it falls due in
        return first <= (f.done_on or f.due) <= last

    this_half = tuple(f for f in facts if f.due.year == year and belongs(f))
    open_now = [f for f in this_half if f.done_on is None and f.status in (st.PENDING, st.IN_PROGRESS)]
    after = [f for f in facts if f.done_on is None and following.first <= f.due <= following.last]
    kinds = {e.id: e for e in plan.events}
    events = []
    for entry in unit.events:
        ev = entry.record
        on = day_of(ev.found or ev.held or ev.published or ev.approved or ev.reported)
        if on is not None and first <= on <= last:
            declared = kinds.get(ev.event)
            events.append(report_doc.EventFact(kind=declared.kind if declared else ev.event, title=ev.title or (declared.trigger if declared else "") or ev.event, on=on, handling=ev.handling, conclusion=ev.conclusion))
    accountability = tuple(
        report_doc.AccountabilityFact(subject=e.record.subject, form=e.record.form, decided=e.record.decided)
        for e in unit.accountability if first <= e.record.decided <= last
    )
    rectifications = tuple(
        report_doc.RectificationFact(problem=r.problem or r.id, owner=r.owner, deadline=r.deadline, ongoing=r.ongoing, completed_on=r.completed_on,
                                      status=r.status, days_late=r.days_late)
        for r in unit.rectifications
    )
    org = plan.organisation
    return report_doc.ReportFacts(
        org_name=org.name, unit=org.short_name or org.name, superior=org.superior, year=year, half=half, as_of=as_of,
        occurrences=this_half, upcoming=tuple(open_now + after), events=tuple(sorted(events, key=lambda e: e.on)), rectifications=rectifications,
        accountability=tuple(sorted(accountability, key=lambda a: a.decided)),
    )


def _unit_year(files, span: DateRange, as_of: dt.date, calendars):
    try:
        result = compute_years(YearOptions(plans=files, as_of=as_of, span=span, calendars=list(calendars)))
    except YearError as exc:
        raise ScheduleError(message=exc.message) from None
    broken = list(result.broken) + [r for unit in result.units for r in unit.broken_ledgers]
    if broken:
        raise ScheduleError(sorted(broken, key=lambda r: r.file))
    return result.units[0]


def _occurrence_fact(occ) -> report_doc.OccurrenceFact:
    done = occ.status in (st.DONE, st.DONE_LATE, st.EVIDENCE_MISSING)
    return report_doc.OccurrenceFact(
        obligation=occ.obligation, period=occ.period, title=occ.title, kind=occ.kind, owners=tuple(occ.owners), due=occ.due, provisional=occ.provisional,
        status=occ.status, done_on=occ.done_on if done else None, days_late=occ.days_late if occ.status == st.DONE_LATE else None,
        evidence_expected=tuple(occ.evidence), evidence_recorded=tuple(e.type for e in occ.record.evidence) if occ.record is not None else (),
    )
