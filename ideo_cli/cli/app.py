"""The typer application: the command tree.  Each command group is one module
(``check``, ``rules``, ``todo`` …) that parses its arguments into an options
object and calls that command's ``run`` in ``ideo_cli.app``."""
from __future__ import annotations

import typer

from ideo_cli import __version__

app = typer.Typer(
    name="ideo",
    help="意识形态工作责任制计划的检查、待办与日历工具 / compliance-as-code for the ideological work responsibility system.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ideo {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, help="显示版本 / show the version")) -> None:
    """ideo: plan files, a cited rulebook, to-do lists and calendars."""


# each module registers its commands on ``app``
from ideo_cli.cli import check, explain, init, schema, todo, ics, score, ledger, rollup, status, html, doc  # noqa: E402,F401
