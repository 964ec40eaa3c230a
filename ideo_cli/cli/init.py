"""`ideo init --type T`."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ideo_cli.cli.app import app
from ideo_cli.cli.common import run_command
from ideo_cli.i18n import resolve_lang


@app.command("init")
def init_cmd(
    org_type: str = typer.Option(..., "--type", "-t", help="党委 | 党组 | 党工委 | 党总支 | 党支部"),
    lang: Optional[str] = typer.Option(None, "--lang", help="键名用中文（zh，默认）还是英文（en） / key language"),
    name: Optional[str] = typer.Option(None, "--name", help="组织名称 / organisation name"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件（默认输出到屏幕） / write to a file"),
    force: bool = typer.Option(False, "--force", help="覆盖已有文件 / overwrite an existing file"),
    superior_id: Optional[str] = typer.Option(None, "--superior-id", help="上级单位的编号（写入“上级编号”，用于汇总） / the superior unit's id (上级编号)"),
) -> None:
    """生成一份能通过检查的起步计划 / write a starter plan that passes `ideo check`."""
    # imported here: start-up (typer imports every command module to build the app; app.init loads only when the command runs)
    from ideo_cli.app.init import InitOptions, run

    language = resolve_lang(lang)
    run_command(run, InitOptions(org_type=org_type, lang=language, name=name, output=output, force=force, superior_id=superior_id), language)
