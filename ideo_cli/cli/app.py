"""The typer application: the command tree.  Each command group is one module
(``check``, ``rules``, ``todo`` …) that parses its arguments into an options
object and calls that command's ``run`` in ``ideo_cli.app``."""
from __future__ import annotations

import typer

from ideo_cli import __version__

HELP_OPTION_TEXT = "显示本帮助并退出 / show this help and exit"


def _plain_help() -> None:
    """Help pages without typer's internal type names and English-only lines: a switch
    shows no ``<bool>``, a list of paths reads ``<path>...`` (not ``<list[Path]>``), and
    --help is described in both languages like every other option."""
    from typer import core
    from typer._click.core import Command

    def display_type(param, ctx):
        if getattr(param, "is_flag", False):
            return None
        label = core._TyperParameter.display_type(param, ctx)
        if label and label.startswith("<list[") and label.endswith("]>"):
            return "<" + label[len("<list["):-len("]>")].lower() + ">..."
        return label

    def help_option(self, ctx, _original=Command.get_help_option):
        option = _original(self, ctx)
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option

    core._TyperParameter.display_type_rich = display_type
    core.TyperOption.display_type_rich = lambda self, ctx: self.metavar if self.metavar is not None else display_type(self, ctx)
    Command.get_help_option = help_option


_plain_help()

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
