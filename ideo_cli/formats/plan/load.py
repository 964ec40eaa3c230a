"""Plan file → validated ``Plan``, or located, translated schema diagnostics."""
from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ideo_cli.diagnostics import Diagnostic
from ideo_cli.documents import LoadError, YamlDocument, load_yaml_file
from ideo_cli.documents.convert import format_path
from ideo_cli.documents.errors import input_diagnostic
from ideo_cli.formats.plan import vocab
from ideo_cli.formats.plan.model import FORMAT_VERSION, Plan


@dataclass
class LoadedPlan:
    plan: Plan
    doc: YamlDocument

    @property
    def file(self) -> str:
        return self.doc.file

    @property
    def plan_id(self) -> str:
        """Stable id for calendars: organisation.id, else the file's stem."""
        return self.plan.organisation.id or Path(self.doc.file).stem


def load_plan(path: Path | str, lang: str = "zh", display: str | None = None) -> LoadedPlan:
    doc = load_yaml_file(path, lang, vocab.translate_key, display)
    return validate_document(doc, lang)


def validate_document(doc: YamlDocument, lang: str) -> LoadedPlan:
    data = doc.data
    if not isinstance(data, dict):
        pos = doc.locate(())
        raise LoadError([input_diagnostic("IDEO011", doc.file, pos.line, pos.col, {"zh": "计划文件的顶层必须是映射（键: 值），实际是 {what}", "en": "a plan's top level must be a mapping (key: value), got {what}"}, lang, what=_type_name(data, lang))], doc.source)
    version = data.get("ideo")
    if version != FORMAT_VERSION:
        if "ideo" in data:
            pos = doc.locate(("ideo",))
            message = {"zh": "不支持的格式版本 {v!r}（本版 ideo 支持 {ok}）", "en": "unsupported format version {v!r} (this ideo reads {ok})"}
        else:
            pos = doc.locate((), key=True)
            message = {"zh": "缺少格式版本键 `ideo: 1`（或 `格式版本: 1`）", "en": "missing the format version key `ideo: 1`"}
        raise LoadError([input_diagnostic("IDEO013", doc.file, pos.line, pos.col, message, lang, v=version, ok=FORMAT_VERSION, end_col=pos.end_col)], doc.source)
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        raise LoadError(schema_diagnostics(exc, doc, lang), doc.source) from None
    return LoadedPlan(plan, doc)


_EXPECTED = {
    "string_type": ("文本", "text"),
    "int_type": ("整数", "an integer"),
    "int_parsing": ("整数", "an integer"),
    "int_from_float": ("整数", "an integer"),
    "bool_type": ("true/false", "true/false"),
    "bool_parsing": ("true/false", "true/false"),
    "list_type": ("列表（每项以“- ”开头）", "a list (items starting with '- ')"),
    "dict_type": ("映射（键: 值）", "a mapping (key: value)"),
    "model_type": ("映射（键: 值）", "a mapping (key: value)"),
    "model_attributes_type": ("映射（键: 值）", "a mapping (key: value)"),
    "date_type": ("日期（YYYY-MM-DD）", "a date (YYYY-MM-DD)"),
    "date_parsing": ("日期（YYYY-MM-DD）", "a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": ("日期（YYYY-MM-DD）", "a date (YYYY-MM-DD)"),
    "date_from_datetime_inexact": ("日期（YYYY-MM-DD，不带时间）", "a date without time"),
}


def schema_diagnostics(exc: ValidationError, doc: YamlDocument, lang: str, model: type[BaseModel] | None = None) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    seen: set[tuple] = set()
    for err in exc.errors(include_url=False):
        loc = _clean_loc(err["loc"])
        kind = err["type"]
        key = (loc, kind)
        if key in seen:
            continue
        seen.add(key)
        ctx = err.get("ctx") or {}
        value = err.get("input")
        path = format_path(loc)
        if kind == "extra_forbidden":
            raw = _raw_key(doc, loc)
            known = _known_keys(loc[:-1])
            guess = difflib.get_close_matches(raw, known, n=1, cutoff=0.4)
            pos = doc.locate(loc, key=True)
            hint = ({"zh": "是不是想写“{g}”？", "en": "did you mean '{g}'?"} if guess else {"zh": "可用的键：{keys}", "en": "known keys: {keys}"})
            out.append(input_diagnostic("IDEO010", doc.file, pos.line, pos.col, {"zh": "未知的键“{raw}”", "en": "unknown key '{raw}'"}, lang, path=path, help=hint, end_col=pos.end_col, raw=raw, g=guess[0] if guess else "", keys=", ".join(_english_first(known))))
        elif kind == "missing":
            pos = doc.locate(loc)
            field = loc[-1]
            zh_names = "/".join(vocab.ZH_KEYS.get(str(field), []))
            out.append(input_diagnostic("IDEO012", doc.file, pos.line, pos.col, {"zh": "缺少必填的键“{zh}”（{f}）", "en": "missing required key '{f}'"}, lang, path=path, help={"zh": "在此处补上 {f}（中文写作：{zh}）", "en": "add {f} here (in Chinese: {zh})"}, f=field, zh=zh_names or field))
        elif kind == "ideo_choice":
            pos = doc.locate(loc)
            allowed = "、".join(ctx.get("allowed", [])) if lang == "zh" else ", ".join(ctx.get("allowed", []))
            hint = {"zh": "是不是想写“{s}”？可用的值：{a}", "en": "did you mean '{s}'? allowed: {a}"} if ctx.get("suggestion") else {"zh": "可用的值：{a}", "en": "allowed: {a}"}
            out.append(input_diagnostic("IDEO011", doc.file, pos.line, pos.col, {"zh": "“{v}”不是有效的{w}", "en": "'{v}' is not a valid {w}"}, lang, path=path, help=hint, end_col=pos.end_col, v=value, w=_what_zh(ctx.get("what", "")) if lang == "zh" else ctx.get("what", ""), s=ctx.get("suggestion", ""), a=allowed))
        else:
            pos = doc.locate(loc)
            expected = _EXPECTED.get(kind)
            if expected:
                message = {"zh": "应为{e}，实际是 {v}", "en": "expected {e}, got {v}"}
                fields = {"e": expected[0] if lang == "zh" else expected[1], "v": _show(value, lang)}
            elif kind == "literal_error" and loc == ("ideo",):
                message, fields = {"zh": "格式版本应为 1", "en": "format version must be 1"}, {}
            elif kind in ("too_short", "string_too_short"):
                message, fields = {"zh": "不能为空", "en": "must not be empty"}, {}
            elif kind in ("greater_than_equal", "greater_than"):
                message, fields = {"zh": "应不小于 {n}，实际是 {v}", "en": "must be at least {n}, got {v}"}, {"n": ctx.get("ge", ctx.get("gt")), "v": _show(value, lang)}
            elif kind in ("less_than_equal", "less_than"):
                message, fields = {"zh": "应不大于 {n}，实际是 {v}", "en": "must be at most {n}, got {v}"}, {"n": ctx.get("le", ctx.get("lt")), "v": _show(value, lang)}
            elif kind == "ideo_range":
                message, fields = {"zh": "应在 {lo}–{hi} 之间（或写“末”），实际是 {v}", "en": "must be {lo}-{hi} (or last), got {v}"}, {"lo": ctx.get("low"), "hi": ctx.get("high"), "v": _show(value, lang)}
            elif kind in ("string_too_long", "too_long"):
                message, fields = {"zh": "太长：最多 {n}", "en": "too long: at most {n}"}, {"n": ctx.get("max_length")}
            elif kind == "string_pattern_mismatch":
                message, fields = {"zh": "编号只能是不含空格、“/”和“@”的文本：{v}", "en": "ids must not contain spaces, '/' or '@': {v}"}, {"v": _show(value, lang)}
            else:
                message, fields = {"zh": "取值无效：{m}", "en": "invalid value: {m}"}, {"m": err["msg"]}
            out.append(input_diagnostic("IDEO011", doc.file, pos.line, pos.col, message, lang, path=path, end_col=pos.end_col, **fields))
    return out


def _clean_loc(loc: tuple) -> tuple:
    # pydantic appends union/function markers ("function-before[...]", "int") to locs
    return tuple(p for p in loc if isinstance(p, int) or not (isinstance(p, str) and ("[" in p or p in ("int", "str", "literal['last']"))))


def _raw_key(doc: YamlDocument, loc: tuple) -> str:
    node, _ = doc.node_at(loc, key=True)
    return str(getattr(node, "value", loc[-1]))


def _model_for(loc: tuple) -> type[BaseModel] | None:
    model: type[BaseModel] | None = Plan
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return None
        model = _inner_model(model.model_fields[part].annotation)
    return model


def _inner_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _known_keys(loc: tuple) -> list[str]:
    model = _model_for(loc)
    if model is None:
        return []
    names = [f.alias or name for name, f in model.model_fields.items()]
    return names + [zh for n in names for zh in vocab.ZH_KEYS.get(n, [])]


def _english_first(keys: list[str]) -> list[str]:
    return [k for k in keys if k.isascii()]


_WHAT_ZH = {"organisation type": "组织类型", "role": "角色", "obligation kind": "事项类别", "holiday adjustment": "节假日调整方式", "event kind": "事件类别", "response": "响应方式", "recurrence": "频次"}


def _what_zh(what: str) -> str:
    return _WHAT_ZH.get(what, what)


def _type_name(value, lang: str) -> str:
    names = {list: ("列表", "a list"), str: ("文本", "text"), int: ("整数", "an integer"), float: ("小数", "a number"), bool: ("布尔值", "a boolean"), type(None): ("空值", "null")}
    zh, en = names.get(type(value), (type(value).__name__, type(value).__name__))
    return zh if lang == "zh" else en


def _show(value, lang: str) -> str:
    if isinstance(value, (dict, list)):
        return _type_name(value, lang)
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
