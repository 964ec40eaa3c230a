"""`ideo record`: options only; on a terminal, asks for what is missing (like ``hledger add``).

Not on a terminal nothing is asked: a missing obligation, period or ``--on``
is a usage error (today's date is never written silently).  Each answer is
read at once by the ledger layer's own readers and asked again with the reason;
the answers become the options a script would have typed, so the command that
runs is the same either way.  Ctrl-C says so and writes nothing.
"""
from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Optional

import typer

from ideo_cli.app.result import UsageError
from ideo_cli.cli.app import app
from ideo_cli.cli.common import LangOpt, fail, finish
from ideo_cli.i18n import msg, resolve_lang, t

EXIT_CANCELLED = 130  # the shell's code for "stopped by Ctrl-C"


@app.command()
def record(
    plan: Optional[Path] = typer.Argument(None, help="计划文件（--from 时可为文件夹，默认当前文件夹） / the plan file (with --from: a folder, default here)"),
    obligation: Optional[str] = typer.Argument(None, help="事项编号 / obligation id"),
    period: Optional[str] = typer.Argument(None, help="周期，如 2026H1 / period, e.g. 2026H1"),
    on: Optional[str] = typer.Option(None, "--on", help="开展日期，如 2026-6-10、2026年6月10日 15:00（终端上不写则询问） / when it happened (asked on a terminal if left out)"),
    evidence: list[str] = typer.Option([], "--evidence", help="佐证：文件、类型=文件 或 类型=纸质存档:存放位置（可多次） / FILE, TYPE=FILE or TYPE=纸质存档:WHERE (repeatable)"),
    fields: list[str] = typer.Option([], "--field", help="键=值，如 地点=会议室、参加人员=刘志强,王晓芳（可多次） / KEY=VALUE (repeatable)"),
    event: Optional[str] = typer.Option(None, "--event", help="记录一次事件（事件编号） / record an event (event id)"),
    rectification: Optional[str] = typer.Option(None, "--rectification", help="记录整改完成（整改编号） / record a rectification's completion"),
    accountability: bool = typer.Option(False, "--accountability", help="记录一次问责（用 --field 填 对象、形式 …） / record an accountability decision"),
    source: Optional[Path] = typer.Option(None, "--from", help="从填好的待办表（ideo todo --format xlsx）登记 / add the rows filled in a to-do spreadsheet"),
    yes: bool = typer.Option(False, "--yes", "-y", help="不询问，直接写入 --from 的记录 / write --from's records without asking"),
    lang: Optional[str] = LangOpt,
) -> None:
    """登记台账记录（附佐证），或从填好的待办表登记 / add a record, with its evidence, or the rows of a filled to-do list."""
    # imported here: start-up (typer imports every command module to build the app; app.record loads only when the command runs)
    from ideo_cli.app.record import RecordOptions

    language = resolve_lang(lang)
    options = RecordOptions(plan=plan, obligation=obligation, period=period, on=on, evidence=list(evidence), fields=list(fields),
                            event=event, rectification=rectification, accountability=accountability, lang=language,
                            source=source, paths=[plan] if plan else [Path(".")], yes=yes)
    if source is None and plan is None:
        fail(msg("record.needs-plan"), language)
    terminal = sys.stdin.isatty() and sys.stdout.isatty()
    try:
        if source is not None:
            _from_spreadsheet(options, language, terminal)
        elif terminal and not (event or rectification or accountability) and None in (obligation, period, on):
            _ask(options, language)
    except (typer.Abort, KeyboardInterrupt, EOFError):  # typer.prompt turns Ctrl-C / Ctrl-D into Abort
        sys.stderr.write("\n" + t(msg("record.cancelled"), language) + "\n")
        raise typer.Exit(EXIT_CANCELLED) from None
    _run(options, language, asked=terminal and source is None)


def _run(options, lang: str, asked: bool) -> None:
    # imported here: start-up (typer imports every command module to build the app; app.record loads only when the command runs)
    from ideo_cli.app.record import run
    # imported here: start-up (typer imports every command module to build the app; fsutil loads only when the command runs)
    from ideo_cli.fsutil import forget_inputs

    forget_inputs()
    try:
        result = run(options)
    except UsageError as exc:
        if asked:  # the answers are not lost: the command that repeats them
            sys.stderr.write(t(msg("record.answers-kept", command=_command_line(options)), lang) + "\n")
        fail(exc.message, lang, exc.exit_code)
    finish(result, lang)


def _command_line(options) -> str:
    words = ["ideo", "record", str(options.plan), options.obligation or "", options.period or ""]
    if options.on:
        words += ["--on", options.on]
    for spec in options.fields:
        words += ["--field", spec]
    for spec in options.evidence:
        words += ["--evidence", spec]
    return shlex.join(w for w in words if w)


def _from_spreadsheet(options, lang: str, terminal: bool) -> None:
    """Show the records the spreadsheet would add and ask (on a terminal, without --yes)."""
    # imported here: start-up (typer imports every command module to build the app; app.record loads only when the command runs)
    from ideo_cli.app.record import run

    if options.yes or not terminal:
        return  # run() writes with --yes, and refuses without it off a terminal
    options.preview = True
    try:
        preview = run(options)
    except UsageError as exc:
        fail(exc.message, lang, exc.exit_code)
    if preview.exit_code != 0 or len(preview.notes) < 2:
        finish(preview, lang)  # an error, or nothing new to add
    # imported here: start-up (typer imports every command module to build the app; cli.emit loads only when the command runs)
    from ideo_cli.cli.emit import emit, write_streams

    _code, out, err = emit(preview, lang)
    write_streams(out, err)
    if not typer.confirm(t(msg("record.from-confirm"), lang), default=False):
        sys.stderr.write(t(msg("record.cancelled"), lang) + "\n")
        raise typer.Exit(EXIT_CANCELLED)
    options.preview, options.yes = False, True


def _ask(options, lang: str) -> None:
    """Ask for the obligation, period, date and every field the obligation needs."""
    # imported here: start-up (typer imports every command module to build the app; app.inputs loads only when the command runs)
    from ideo_cli.app.inputs import today_from_env
    # imported here: start-up (typer imports every command module to build the app; documents loads only when the command runs)
    from ideo_cli.documents import LoadError
    # imported here: start-up (typer imports every command module to build the app; formats.plan.load loads only when the command runs)
    from ideo_cli.formats.plan.load import load_plan
    # imported here: start-up (typer imports every command module to build the app; ledger.compose loads only when the command runs)
    from ideo_cli.ledger.compose import find_duplicate
    # imported here: start-up (typer imports every command module to build the app; ledger.entry loads only when the command runs)
    from ideo_cli.ledger.entry import RecordError, find_obligation, find_occurrence, ledger_file, occurrences_of
    # imported here: start-up (typer imports every command module to build the app; ledger.prompt_fields loads only when the command runs)
    from ideo_cli.ledger.prompt_fields import questions
    # imported here: start-up (typer imports every command module to build the app; workspace.unit loads only when the command runs)
    from ideo_cli.workspace.unit import Unit

    try:
        loaded = load_plan(options.plan, options.plan.as_posix())
    except LoadError:
        return  # run() reports the plan's problems, located
    unit = Unit.of(loaded)
    plan = loaded.plan
    today = today_from_env()

    def ask(label, default: str, read):
        """Ask until ``read`` accepts the answer; the reason is shown each time."""
        while True:
            answer = typer.prompt(t(label, lang), default=default, show_default=bool(default)).strip()
            try:
                return answer, read(answer)
            except RecordError as exc:
                typer.echo(t(msg("record.ask-again", problem=exc.message), lang))

    if options.obligation is None:
        for o in plan.obligations:
            typer.echo(f"  {o.id}  {o.title}")
        _, ob = ask(msg("record.ask-obligation"), "", lambda text: find_obligation(plan, text))
        options.obligation = ob.id
    obligation = find_obligation_or_none(plan, options.obligation, find_obligation, RecordError)
    if obligation is None:
        return  # run() names the unknown obligation
    if options.period is None:
        choices = [o.period for o in occurrences_of(unit, obligation.id, today.year)]
        current = next((o.period for o in occurrences_of(unit, obligation.id, today.year) if o.start <= today <= o.due), choices[0] if choices else "")
        _, occ = ask(msg("record.ask-period", choices=choices), current, lambda text: find_occurrence(unit, obligation.id, text))
        options.period = occ.period
    try:
        occ = find_occurrence(unit, obligation.id, options.period)
    except RecordError:
        return  # run() names the unknown period
    line = find_duplicate_or_none(find_duplicate, ledger_file(options.plan, int(occ.period[:4])), occ, RecordError)
    if line is not None:
        return  # found before the first question: run() refuses it with the line
    given_fields = {_field_key(spec) for spec in options.fields}
    given_evidence = {spec.split("=", 1)[0].strip() for spec in options.evidence if "=" in spec}
    for question in questions(unit, occ, today, given_fields, given_evidence, options.on is not None, int(occ.period[:4])):
        answer, _value = ask(question.label, question.default, question.read if not question.optional else _optional(question.read))
        if not answer:
            continue
        option, value = question.as_option(answer)
        if option == "--on":
            options.on = value
        elif option == "--field":
            options.fields.append(value)
        else:
            options.evidence.append(value)


def _optional(read):
    return lambda text: read(text) if text else None


def _field_key(spec: str) -> str:
    # imported here: start-up (typer imports every command module to build the app; formats.ledger.vocab loads only when the command runs)
    from ideo_cli.formats.ledger.vocab import translate_key

    return translate_key(spec.split("=", 1)[0].strip())


def find_obligation_or_none(plan, text, finder, error):
    try:
        return finder(plan, text)
    except error:
        return None


def find_duplicate_or_none(finder, path, occ, error):
    try:
        return finder(path, occ.obligation, occ.period)
    except error:
        return 0  # a broken ledger: run() reports it, located, before anything is asked
