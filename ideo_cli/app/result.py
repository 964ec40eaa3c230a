"""What every command's ``run(options)`` returns: an exit code and what to emit.

The CLI (``ideo_cli/cli/``) parses arguments into an options object, calls the
command's ``run`` and hands the result to :func:`ideo_cli.cli.common.finish`,
which translates ``errors``/``notes`` into the user's language and writes
``outputs`` as one set (all or none, each atomically).  ``run`` itself writes
nothing and prints nothing, so it is tested in-process.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ideo_cli.diagnostics.usage import UsageError  # noqa: F401 - re-exported for the commands
from ideo_cli.i18n import Message

EXIT_CLEAN, EXIT_FINDINGS, EXIT_FATAL = 0, 1, 2


@dataclass
class OutputFile:
    path: Path
    data: bytes


@dataclass
class CommandResult:
    exit_code: int = EXIT_CLEAN
    stdout: bytes = b""  # the report, when it goes to the terminal
    stderr: bytes = b""  # rendered diagnostics that belong on stderr
    outputs: list[OutputFile] = field(default_factory=list)  # files to write (atomically, as one set)
    output_dir: Path | None = None  # a folder the command owns (manifest of what it wrote)
    replace_documents: bool = False  # an output may replace an existing .yaml file (`init --force`)
    errors: list[Message] = field(default_factory=list)  # "ideo: …" lines on stderr
    notes: list[Message] = field(default_factory=list)  # one-line summaries on stdout after writing
