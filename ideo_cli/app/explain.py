"""`ideo rules` and `ideo rule CODE`: the rulebook, readable."""
from __future__ import annotations

from importlib import resources

from ideo_cli.app.check import CheckOptions, check_files
from ideo_cli.app.inputs import today_from_env
from ideo_cli.i18n import msg
from ideo_cli.documents.errors import CODES as INPUT_CODES  # input errors and IDEO020 (calendar files)
from ideo_cli.render.diagnostics import RenderOptions, render
from ideo_cli.render.rules import ExampleRun, RuleView, render_input_code, render_rule, render_rule_list, render_rule_list_json
from ideo_cli.rules.rulebook import Rule, Rulebook

EXAMPLES = "ideo_cli.data.rulebooks"


def list_rules(fmt: str, profiles: tuple[str, ...], lang: str) -> str:
    book = Rulebook()
    unknown = book.unknown(profiles)
    if unknown:
        raise UsageError(msg("explain.unknown-profiles", unknown=list(unknown), known=sorted(book.profiles)))
    rules = book.resolve(profiles) if profiles else _all_with_variants(book)
    if fmt == "json":
        return render_rule_list_json(rules, book.profiles, lang)
    return render_rule_list(rules, lang)


def _all_with_variants(book: Rulebook) -> dict[str, Rule]:
    # baseline values first, each rule tagged with every profile that tightens it
    base = book.resolve(("baseline",))
    merged = dict(book.all_rules())
    for code, rule in base.items():
        tightened = merged[code].profiles
        merged[code] = type(rule)(**{**rule.__dict__, "profiles": tightened})
    return merged


def explain_rule(code: str, lang: str) -> str:
    code = code.strip().upper()
    book = Rulebook()
    rules = _all_with_variants(book)
    if code in INPUT_CODES:
        return render_input_code(code, INPUT_CODES[code], _examples(code, lang), lang)
    if code not in rules:
        import difflib

        close = difflib.get_close_matches(code, list(rules) + list(INPUT_CODES), n=1)
        if close:
            raise UsageError(msg("explain.no-such-rule-guess", code=code, guess=close[0]))
        raise UsageError(msg("explain.no-such-rule", code=code))
    rule = rules[code]
    variants = [(name, r.params) for name in sorted(book.profiles) if (r := book.resolve((name,)).get(code)) is not None and name in r.profiles and name != "baseline"]
    return render_rule(RuleView(rule, variants, _examples(rule.code, lang)), lang)


def _examples(code: str, lang: str) -> ExampleRun | None:
    """The failing example run through the checker, and the same place in the passing one."""
    folder = resources.files(EXAMPLES).joinpath("examples", code)
    if not folder.is_dir():
        return None
    run = ExampleRun(code)
    fail = folder.joinpath("fail.yaml")
    flagged: list[int] = []
    if fail.is_file():
        run.failing, flagged = _run_example(fail, code, lang)
    passing = folder.joinpath("pass.yaml")
    if passing.is_file():
        run.passing = _passing_excerpt(passing, flagged)
    return run


def _passing_excerpt(path, lines_flagged: list[int]) -> list[str]:
    """The passing example's lines where the failing one was flagged (the two
    files differ only at the marked spot, so line numbers correspond)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    marked = [n for n, text in enumerate(lines, start=1) if "# 正确" in text]  # the corrected spot
    line = marked[0] if marked else (lines_flagged[0] if lines_flagged else 1)
    first, last = max(1, line - 2), min(len(lines), line + 2)
    width = len(str(last))
    return [f"{n:>{width}} | {lines[n - 1]}" for n in range(first, last + 1)]


def _run_example(path, code: str, lang: str) -> tuple[str, list[int]]:
    from pathlib import Path

    real = Path(str(path))
    results, _ = check_files([(real, f"examples/{code}/fail.yaml")], CheckOptions(paths=[real], lang=lang, today=today_from_env()))
    for result in results:
        result.diagnostics = [d for d in result.diagnostics if d.code == code]
    text = render("text", results, RenderOptions(lang=lang))
    shown = "\n".join(line for line in text.splitlines() if line.strip() and not line.startswith(("发现", "Found", "全部通过", "All checks")))
    return shown, [d.line for r in results for d in r.diagnostics]


from dataclasses import dataclass  # noqa: E402

from ideo_cli.app.result import CommandResult, UsageError  # noqa: E402


@dataclass
class RulesOptions:
    format: str = "text"
    profiles: tuple[str, ...] = ()
    lang: str = "zh"


@dataclass
class RuleOptions:
    code: str
    lang: str = "zh"


def run_rules(options: RulesOptions) -> CommandResult:
    return CommandResult(stdout=list_rules(options.format, options.profiles, options.lang).encode("utf-8"))


def run_rule(options: RuleOptions) -> CommandResult:
    return CommandResult(stdout=explain_rule(options.code, options.lang).encode("utf-8"))
