"""`ideo schema [--kind K]`."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ideo_cli.cli.app import app
from ideo_cli.cli.common import run_command
from ideo_cli.i18n import resolve_lang


@app.command("schema")
def schema_cmd(
    kind: str = typer.Option("plan", "--kind", "-k", help="plan | calendar | rulebook …（文件类型） / the file kind"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件 / write to a file"),
) -> None:
    """输出某类文件格式的 JSON Schema / print a file kind's JSON Schema."""
    # imported here: start-up (typer imports every command module to build the app; app.schema loads only when the command runs)
    from ideo_cli.app.schema import SchemaOptions, run

    language = resolve_lang(None)
    run_command(run, SchemaOptions(kind=kind, output=output), language)
