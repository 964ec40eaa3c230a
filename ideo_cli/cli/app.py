"""The typer application: commands, options and their help texts."""
from __future__ import annotations

import datetime as dt
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ideo_cli import __version__
from ideo_cli.i18n import resolve_lang

app = typer.Typer(
    name="ideo",
    help="意识形态工作责任制计划的检查、待办与日历工具 / compliance-as-code for the ideological work responsibility system.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(str, Enum):
    text = "text"
    concise = "concise"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


class ColorChoice(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


LangOpt = typer.Option(None, "--lang", help="zh（默认）或 en；也可设 IDEO_LANG / zh (default) or en; also IDEO_LANG")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ideo {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, help="显示版本 / show the version")) -> None:
    """ideo: plan files, a cited rulebook, to-do lists and calendars."""


def _fail(message: str, code: int = 2) -> None:
    sys.stderr.write(f"ideo: {message}\n")
    raise typer.Exit(code)


def _write_output(content: str | bytes, output: Optional[Path], lang: str) -> None:
    """To stdout, or atomically to ``output``; a write failure is a clean exit 2."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from ideo_cli.fsutil import OutputError, atomic_write_bytes

    try:
        atomic_write_bytes(output, data)
    except OutputError as exc:
        _fail(("无法写入 {p}：{r}" if lang == "zh" else "cannot write {p}: {r}").format(p=exc.path, r=exc.reason))


def _parse_today(value: Optional[str], lang: str) -> dt.date:
    from ideo_cli.app.common import today_from_env

    if value is None:
        return today_from_env()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(("--today 应为 YYYY-MM-DD，收到“{v}”" if lang == "zh" else "--today must be YYYY-MM-DD, got '{v}'").format(v=value))
    raise AssertionError  # unreachable


@app.command()
def check(
    paths: list[Path] = typer.Argument(..., help="计划文件或目录（递归查找 *.yaml/*.yml） / plan files or directories"),
    output_format: Optional[OutputFormat] = typer.Option(None, "--format", "--output-format", "-f", help="text|concise|json|github|sarif|junit（设置了 GITHUB_ACTIONS 时默认 github）"),
    lang: Optional[str] = LangOpt,
    profile: list[str] = typer.Option([], "--profile", "-p", help="对所有计划追加的规则集 / extra profile applied to every plan"),
    rulebook: list[Path] = typer.Option([], "--rulebook", help="自定义规则集文件（对所有计划生效） / your own rulebook file, applied to every plan"),
    strict: bool = typer.Option(False, "--strict", help="警告也算失败 / warnings fail too"),
    statistics: bool = typer.Option(False, "--statistics", help="按规则统计问题数 / counts per rule"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="把报告写入文件（原子写入） / write the report to a file"),
    color: ColorChoice = typer.Option(ColorChoice.auto, "--color", help="auto|always|never（遵守 NO_COLOR）"),
    today: Optional[str] = typer.Option(None, "--today", help="按此日期判断豁免是否过期（默认 SOURCE_DATE_EPOCH 或今天） / date for waiver expiry"),
    exclude: list[str] = typer.Option([], "--exclude", help="遍历目录时跳过的目录或文件名 / names to skip when walking directories"),
) -> None:
    """检查计划文件是否符合规则集 / check plan files against the rulebook."""
    from ideo_cli.app.check import CheckOptions, check_files, exit_code
    from ideo_cli.app.common import discover, read_source, use_color
    from ideo_cli.render.diagnostics import RenderOptions, render
    from ideo_cli.rules.rulebook import Rulebook, RulebookError
    from ideo_cli.rules.user_rulebook import read_user_rulebook

    language = resolve_lang(lang)
    fmt = (output_format.value if output_format else ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"))
    render_opts_base = dict(lang=language, color=use_color(color.value) and output is None and fmt in ("text", "concise"), statistics=statistics, tool_version=__version__)
    user_profiles = {}
    for path in rulebook:
        try:
            prof = read_user_rulebook(path, language)
        except RulebookError as exc:
            from ideo_cli.diagnostics import FileResult

            _write_output(render(fmt, [FileResult(file=path.as_posix(), diagnostics=exc.diagnostics, source=read_source(path))], RenderOptions(**render_opts_base)), output, language)
            raise typer.Exit(2)
        user_profiles[prof.name] = prof
    known = Rulebook(user_profiles).profiles
    for name in profile:
        if name not in known:
            _fail(("未知的规则集“{n}”；可用：{k}" if language == "zh" else "unknown profile '{n}'; known: {k}").format(n=name, k=", ".join(sorted(known))))
    files = discover(paths, tuple(exclude))
    if not files:
        where = ", ".join(p.as_posix() for p in paths)
        _fail(("{w} 中没有找到 *.yaml / *.yml 计划文件" if language == "zh" else "no *.yaml / *.yml plan files found in {w}").format(w=where))
    options = CheckOptions(paths=paths, lang=language, profiles=tuple(profile), user_profiles=user_profiles, strict=strict, today=_parse_today(today, language))
    results, checker = check_files(files, options)
    rules = {code: rule.info(language) for code, rule in checker.rulebook.all_rules().items()}
    report = render(fmt, results, RenderOptions(**render_opts_base, rules=rules))
    _write_output(report, output, language)
    raise typer.Exit(exit_code(results, strict))


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
    from ideo_cli.app.explain import list_rules

    language = resolve_lang(lang)
    code, text = list_rules(output_format.value, tuple(profile), language)
    if code:
        _fail(text, code)
    sys.stdout.write(text)


@app.command("rule")
def rule_cmd(code: str = typer.Argument(..., help="规则编号，如 IDEO201 / a rule code"), lang: Optional[str] = LangOpt) -> None:
    """解释一条规则：为什么、出处、通过与不通过的例子 / explain a rule."""
    from ideo_cli.app.explain import explain_rule

    language = resolve_lang(lang)
    status, text = explain_rule(code, language)
    if status:
        _fail(text, status)
    sys.stdout.write(text)


@app.command("schema")
def schema_cmd(output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件 / write to a file")) -> None:
    """输出计划格式的 JSON Schema / print the plan format's JSON Schema."""
    from ideo_cli.formats.plan.schema import schema_text

    _write_output(schema_text(), output, resolve_lang(None))


@app.command("init")
def init_cmd(
    org_type: str = typer.Option(..., "--type", "-t", help="党委 | 党组 | 党工委 | 党总支 | 党支部"),
    lang: Optional[str] = typer.Option(None, "--lang", help="键名用中文（zh，默认）还是英文（en） / key language"),
    name: Optional[str] = typer.Option(None, "--name", help="组织名称 / organisation name"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件（默认输出到屏幕） / write to a file"),
    force: bool = typer.Option(False, "--force", help="覆盖已有文件 / overwrite an existing file"),
) -> None:
    """生成一份能通过检查的起步计划 / write a starter plan that passes `ideo check`."""
    from ideo_cli.app.init import InitError, starter_plan

    language = resolve_lang(lang)
    try:
        text = starter_plan(org_type, language, name)
    except InitError as exc:
        _fail(exc.message(language))
    if output is not None and output.exists() and not force:
        _fail(("{p} 已存在；加 --force 覆盖" if language == "zh" else "{p} exists; use --force to overwrite").format(p=output))
    _write_output(text, output, language)


# registers `todo` and `ics` on ``app`` (kept in their own module)
from ideo_cli.cli import schedule_cmds  # noqa: E402,F401
