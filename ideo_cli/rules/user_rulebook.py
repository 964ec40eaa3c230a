"""A county's own rulebook file (``--rulebook FILE``), validated with positions.

Same format as the shipped profiles.  A new rule must name a registered check
function and carry a full source; an entry with an existing code only
tightens it (params, severity, applies_to, source).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ideo_cli.documents import LoadError, load_yaml_file
from ideo_cli.documents.convert import format_path
from ideo_cli.documents.errors import input_diagnostic
from ideo_cli.rules.registry import load_checks, param_problems
from ideo_cli.rules.rulebook import Profile, Rulebook, RulebookError, shipped_profiles


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Texts(_Strict):
    zh: str
    en: str | None = None


class _Source(_Strict):
    document: str = Field(min_length=1)
    section: str = ""
    quote: str = Field(min_length=1)


class _Entry(_Strict):
    code: str = Field(pattern=r"^[A-Z]+[0-9]+$")
    name: str | None = Field(default=None, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    check: str | None = None
    severity: Literal["error", "warning", "info"] | None = None
    applies_to: list[Literal["党委", "党组", "党工委", "党总支", "党支部"]] | None = None
    title: _Texts | None = None
    why: _Texts | None = None
    help: _Texts | None = None
    params: dict[str, Any] | None = None
    source: _Source | None = None
    also: list[_Source] = []


class _File(_Strict):
    profile: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: _Texts | None = None
    description: _Texts | None = None
    extends: list[str] = []
    rules: list[_Entry] = []


def read_user_rulebook(path: Path, lang: str) -> Profile:
    try:
        doc = load_yaml_file(path, lang)
    except LoadError as exc:
        raise RulebookError(exc.diagnostics) from None
    try:
        parsed = _File.model_validate(doc.data)
    except ValidationError as exc:
        diags = []
        for err in exc.errors(include_url=False):
            loc = tuple(p for p in err["loc"] if isinstance(p, (int, str)) and "[" not in str(p))
            pos = doc.locate(loc, key=err["type"] == "extra_forbidden")
            diags.append(input_diagnostic("IDEO011", doc.file, pos.line, pos.col, {"zh": "规则集文件无效：{m}", "en": "invalid rulebook: {m}"}, lang, path=format_path(loc), m=err["msg"]))
        raise RulebookError(diags) from None
    shipped = shipped_profiles()
    checks = load_checks()
    problems = []
    for parent_index, parent in enumerate(parsed.extends):
        if parent not in shipped:
            problems.append((("extends", parent_index), {"zh": "未知的上级规则集“{x}”", "en": "unknown parent profile '{x}'"}, parent))
    base_rules = Rulebook().all_rules()
    known_codes = set(base_rules)
    for i, entry in enumerate(parsed.rules):
        check_name = entry.check or (base_rules[entry.code].check if entry.code in base_rules else None)
        if check_name in checks and entry.params is not None:
            merged = {**(base_rules[entry.code].params if entry.code in base_rules and not entry.check else {}), **entry.params}
            for key, problem in param_problems(check_name, merged):
                where = ("rules", i, "params", key) if key in entry.params else ("rules", i, "params")
                text = {
                    "unknown": {"zh": "检查函数 " + check_name + " 没有参数“{x}”", "en": "check " + check_name + " has no parameter '{x}'"},
                    "missing": {"zh": "缺少参数“{x}”", "en": "missing parameter '{x}'"},
                }.get(problem, {"zh": "参数“{x}”应为 " + problem[5:], "en": "parameter '{x}' must be " + problem[5:]})
                problems.append((where, text, key))
        if entry.code in known_codes:
            continue
        for needed in ("name", "check", "title", "source"):
            if getattr(entry, needed) is None:
                problems.append((("rules", i), {"zh": "新规则 " + entry.code + " 缺少 {x}", "en": "new rule " + entry.code + " lacks {x}"}, needed))
        if entry.check is not None and entry.check not in checks:
            problems.append((("rules", i, "check"), {"zh": "没有名为“{x}”的检查函数", "en": "no check function named '{x}'"}, entry.check))
    if problems:
        diags = []
        for loc, message, value in problems:
            pos = doc.locate(loc)
            diags.append(input_diagnostic("IDEO011", doc.file, pos.line, pos.col, message, lang, path=format_path(loc), x=value))
        raise RulebookError(diags)
    data = parsed.model_dump(exclude_none=True)
    return Profile(
        name=parsed.profile,
        title=data.get("title", {}),
        description=data.get("description", {}),
        extends=tuple(parsed.extends),
        entries=tuple(data.get("rules", ())),
        origin=doc.file,
    )
