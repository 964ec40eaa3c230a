"""What every command's parser shares: options, language, and emitting a result."""
from __future__ import annotations

import sys

import typer

from ideo_cli.app.result import CommandResult, UsageError
from ideo_cli.i18n import Message, msg, t

LangOpt = typer.Option(None, "--lang", help="zh（默认）或 en；也可设 IDEO_LANG / zh (default) or en; also IDEO_LANG")


def fail(message: Message, lang: str, code: int = 2) -> None:
    sys.stderr.write(f"ideo: {t(message, lang)}\n")
    raise typer.Exit(code)


def finish(result: CommandResult, lang: str) -> None:
    """Write the result's outputs (all or none), print its streams, exit with its code."""
    from ideo_cli.fsutil import OutputError, write_set

    if result.outputs:
        try:
            write_set(result.outputs, result.output_dir, replace_documents=result.replace_documents)
        except OutputError as exc:
            fail(exc.message or msg("cli.cannot-create-dir" if exc.directory else "cli.cannot-write", path=exc.path, reason=exc.reason), lang)
    if result.stdout:
        sys.stdout.flush()
        sys.stdout.buffer.write(result.stdout)
        sys.stdout.flush()
    if result.stderr:
        sys.stderr.flush()
        sys.stderr.buffer.write(result.stderr)
        sys.stderr.flush()
    for error in result.errors:
        sys.stderr.write(f"ideo: {t(error, lang)}\n")
    for note in result.notes:
        sys.stdout.write(t(note, lang) + "\n")
    raise typer.Exit(result.exit_code)


def run_command(run, options, lang: str) -> None:
    """Call ``run(options)``; a UsageError is one translated line and its exit code."""
    from ideo_cli.fsutil import forget_inputs

    forget_inputs()  # what the previous in-process command read is not this one's input
    try:
        result = run(options)
    except UsageError as exc:
        fail(exc.message, lang, exc.exit_code)
    finish(result, lang)
