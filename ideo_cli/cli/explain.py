"""`ideo rules` and `ideo rule CODE`."""
from __future__ import annotations

from enum import Enum
from typing import Optional

import typer

from ideo_cli.cli.app import app
from ideo_cli.cli.common import LangOpt, run_command
from ideo_cli.i18n import resolve_lang


class ListFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("rules")
def rules_cmd(
    output_format: ListFormat = typer.Option(ListFormat.text, "--format", "-f"),
    profile: list[str] = typer.Option([], "--profile", "-p", help="只列出这些规则集生效的规则 / only rules active under these profiles"),
    lang: Optional[str] = LangOpt,
) -> None:
    """列出所有规则及其出处 / list every rule with its source."""
    # imported here: start-up (typer imports every command module to build the app; app.explain loads only when the command runs)
    from ideo_cli.app.explain import RulesOptions, run_rules

    language = resolve_lang(lang)
    run_command(run_rules, RulesOptions(format=output_format.value, profiles=tuple(profile), lang=language), language)


@app.command("rule")
def rule_cmd(code: str = typer.Argument(..., help="规则编号，如 IDEO201 / a rule code"), lang: Optional[str] = LangOpt) -> None:
    """解释一条规则：为什么、出处、通过与不通过的例子 / explain a rule."""
    # imported here: start-up (typer imports every command module to build the app; app.explain loads only when the command runs)
    from ideo_cli.app.explain import RuleOptions, run_rule

    language = resolve_lang(lang)
    run_command(run_rule, RuleOptions(code=code, lang=language), language)
