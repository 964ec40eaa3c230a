"""`ideo schema`: a file kind's JSON Schema."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ideo_cli.app.result import CommandResult, OutputFile, UsageError
from ideo_cli.formats import schema_kinds, schema_text
from ideo_cli.i18n import msg


@dataclass
class SchemaOptions:
    kind: str = "plan"
    output: Path | None = None


def run(options: SchemaOptions) -> CommandResult:
    if options.kind not in schema_kinds():
        raise UsageError(msg("schema.unknown-kind", kind=options.kind, known=list(schema_kinds())))
    data = schema_text(options.kind).encode("utf-8")
    if options.output is None:
        return CommandResult(stdout=data)
    return CommandResult(outputs=[OutputFile(options.output, data)])
