"""What every command's parser shares: options, language, and emitting a result."""
from __future__ import annotations

import sys

import typer

from ideo_cli.app.result import CommandResult, UsageError
from ideo_cli.i18n import Message, msg, t

AsOfOpt = typer.Option(None, "--as-of", "--today", help="截至日期 YYYY-MM-DD：状态按此日判断（默认 SOURCE_DATE_EPOCH 或今天；--today 同义） / statuses as of this day (default: SOURCE_DATE_EPOCH or today; --today is the same)")
CalendarOpt = typer.Option([], "--calendar", help="官方节假日安排文件（可多次） / official holiday calendar file(s)")
LangOpt = typer.Option(None, "--lang", help="zh（默认）或 en；也可设 IDEO_LANG / zh (default) or en; also IDEO_LANG")


def fail(message: Message, lang: str, code: int = 2) -> None:
    sys.stderr.write(f"ideo: {t(message, lang)}\n")
    raise typer.Exit(code)


def finish(result: CommandResult, lang: str) -> None:
    """Write the result's outputs (all or none), print its streams, exit with its code."""
    # imported here: start-up (typer imports every command module to build the app; cli.emit loads only when the command runs)
    from ideo_cli.cli.emit import emit, write_streams

    code, out, err = emit(result, lang)
    write_streams(out, err)
    raise typer.Exit(code)


def run_command(run, options, lang: str) -> None:
    """Call ``run(options)``; a UsageError is one translated line and its exit code."""
    # imported here: start-up (typer imports every command module to build the app; fsutil loads only when the command runs)
    from ideo_cli.fsutil import forget_inputs

    # imported here: start-up (typer imports every command module to build the app; app.inputs loads only when the command runs)
    from ideo_cli.app.inputs import check_year_options

    forget_inputs()  # what the previous in-process command read is not this one's input
    try:
        check_year_options(options)
        result = run(options)
    except UsageError as exc:
        fail(exc.message, lang, exc.exit_code)
    finish(result, lang)
