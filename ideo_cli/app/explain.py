"""`ideo rules` and `ideo rule CODE`: the rulebook, readable."""
from __future__ import annotations

import json
from importlib import resources

from ideo_cli.i18n import pick, t
from ideo_cli.render.localize import localize_citation
from ideo_cli.documents.errors import CODES as INPUT_CODES  # input errors and IDEO020 (calendar files)
from ideo_cli.rules.rulebook import Rule, Rulebook

EXAMPLES = "ideo_cli.data.rulebooks"


def _sev(value: str, lang: str) -> str:
    from ideo_cli.render.diagnostics.strings import severity_label

    return severity_label(lang, value)


def rule_record(rule: Rule, lang: str) -> dict:
    cite = localize_citation(rule.cite(), lang)
    return {
        "code": rule.code,
        "name": rule.name,
        "check": rule.check,
        "severity": rule.severity.value,
        "profiles": list(rule.profiles),
        "applies_to": list(rule.applies_to),
        "title": t(rule.local("title"), lang),
        "params": dict(rule.params),
        "source": {"document": cite.document, "title": cite.title, "section": cite.section, "quote": cite.quote},
        "also": [{"document": s.document, "section": s.section, "quote": s.quote} for s in rule.also],
    }


def list_rules(fmt: str, profiles: tuple[str, ...], lang: str) -> tuple[int, str]:
    book = Rulebook()
    unknown = book.unknown(profiles)
    if unknown:
        return 2, pick({"zh": "未知的规则集：{u}；可用：{k}", "en": "unknown profile(s): {u}; known: {k}"}, lang, u=", ".join(unknown), k=", ".join(sorted(book.profiles)))
    rules = book.resolve(profiles) if profiles else _all_with_variants(book)
    if fmt == "json":
        payload = {"version": 1, "profiles": {name: {"title": pick(p.title, lang) if p.title else name, "extends": list(p.extends)} for name, p in sorted(book.profiles.items())}, "rules": [rule_record(r, lang) for r in rules.values()]}
        return 0, json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    lines = []
    for rule in rules.values():
        cite = localize_citation(rule.cite(), lang)
        lines.append(f"{rule.code}  {rule.name}  [{_sev(rule.severity.value, lang)}]  {','.join(rule.profiles)}")
        lines.append(f"    {t(rule.local('title'), lang)}")
        lines.append(f"    {cite.document} {cite.section}：“{cite.quote}”" if lang == "zh" else f"    {cite.document} {cite.section}: \u201c{cite.quote}\u201d")
    header = pick({"zh": "共 {n} 条规则；`ideo rule 编号` 查看详细说明", "en": "{n} rules; `ideo rule CODE` explains one"}, lang, n=len(rules))
    return 0, "\n".join(lines + ["", header]) + "\n"


def _all_with_variants(book: Rulebook) -> dict[str, Rule]:
    # baseline values first, each rule tagged with every profile that tightens it
    base = book.resolve(("baseline",))
    merged = dict(book.all_rules())
    for code, rule in base.items():
        tightened = merged[code].profiles
        merged[code] = type(rule)(**{**rule.__dict__, "profiles": tightened})
    return merged


def explain_rule(code: str, lang: str) -> tuple[int, str]:
    code = code.strip().upper()
    book = Rulebook()
    rules = _all_with_variants(book)
    if code in INPUT_CODES:
        return 0, _explain_input(code, lang)
    if code not in rules:
        import difflib

        close = difflib.get_close_matches(code, list(rules) + list(INPUT_CODES), n=1)
        hint = pick({"zh": "（是不是 {c}？）", "en": " (did you mean {c}?)"}, lang, c=close[0]) if close else ""
        return 2, pick({"zh": "没有规则 {c}{h}；`ideo rules` 列出全部规则", "en": "no rule {c}{h}; `ideo rules` lists them all"}, lang, c=code, h=hint)
    rule = rules[code]
    zh = lang == "zh"
    out = [f"{rule.code} {rule.name} [{_sev(rule.severity.value, lang)}]", t(rule.local("title"), lang), ""]
    label = (lambda z, e: z if zh else e)
    out.append(label("适用：", "Applies to: ") + "、".join(rule.applies_to) if zh else "Applies to: " + ", ".join(rule.applies_to))
    out.append(label("规则集：", "Profiles: ") + ", ".join(rule.profiles))
    variants = [(name, r.params) for name in sorted(book.profiles) if (r := book.resolve((name,)).get(code)) is not None and name in r.profiles and name != "baseline"]
    if rule.params:
        out.append(label("参数：", "Parameters: ") + _params(rule.params))
    for name, params in variants:
        out.append(label(f"  规则集 {name}：", f"  under {name}: ") + _params(params))
    out += ["", label("为什么", "Why"), "  " + t(rule.local("why"), lang), "", label("怎么改", "How to fix"), "  " + t(rule.local("help"), lang), "", label("依据", "Source")]
    for source in (rule.source, *rule.also):
        cite = localize_citation(rule.cite(source), lang)
        title = f"《{cite.title}》" if zh and cite.title else (f" ({cite.title})" if cite.title else "")
        out.append(f"  {cite.document}{title} {cite.section}：“{cite.quote}”" if zh else f"  {cite.document}{title} {cite.section}: \u201c{cite.quote}\u201d")
    out += _examples(rule.code, lang)
    return 0, "\n".join(out) + "\n"


def _params(params) -> str:
    return ", ".join(f"{k}={v}" for k, v in params.items())


def _explain_input(code: str, lang: str) -> str:
    meta = INPUT_CODES[code]
    zh = lang == "zh"
    out = [f"{code} {meta['name']} [{_sev('fatal', lang)}]", t(meta["title"], lang), ""]
    out += ["为什么" if zh else "Why", "  " + t(meta["why"], lang), "", "怎么改" if zh else "How to fix", "  " + t(meta["help"], lang), ""]
    out.append("这是输入错误：文件无法作为计划读取，退出码 2，不来自源文件。" if zh else "An input error: the file cannot be read as a plan; exit code 2; not from the source documents.")
    out += _examples(code, lang)
    return "\n".join(out) + "\n"


def _examples(code: str, lang: str) -> list[str]:
    """The failing example run through the checker, and the same place in the passing one."""
    folder = resources.files(EXAMPLES).joinpath("examples", code)
    if not folder.is_dir():
        return []
    zh = lang == "zh"
    out: list[str] = []
    fail = folder.joinpath("fail.yaml")
    flagged: list[int] = []
    if fail.is_file():
        text, flagged = _run_example(fail, code, lang)
        out += ["", ("不通过的例子（" if zh else "Failing example (") + f"examples/{code}/fail.yaml" + ("）：" if zh else "):")]
        out += ["  " + line for line in text.splitlines()]
    passing = folder.joinpath("pass.yaml")
    if passing.is_file():
        out += ["", ("通过的例子（" if zh else "Passing example (") + f"examples/{code}/pass.yaml" + ("）：" if zh else "):")]
        out += ["  " + line for line in _passing_excerpt(passing, flagged)]
    return out


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

    from ideo_cli.app.check import CheckOptions, check_files
    from ideo_cli.app.inputs import today_from_env
    from ideo_cli.render.diagnostics import RenderOptions, render

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
    status, text = list_rules(options.format, options.profiles, options.lang)
    if status:
        return CommandResult(exit_code=status, stderr=f"ideo: {text}\n".encode())
    return CommandResult(stdout=text.encode("utf-8"))


def run_rule(options: RuleOptions) -> CommandResult:
    status, text = explain_rule(options.code, options.lang)
    if status:
        return CommandResult(exit_code=status, stderr=f"ideo: {text}\n".encode())
    return CommandResult(stdout=text.encode("utf-8"))
