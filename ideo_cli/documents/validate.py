"""One validator for every file kind: a pydantic model's errors → located diagnostics.

    from ideo_cli.documents.validate import validate
    instance, diagnostics = validate(LedgerModel, doc)

``instance`` is None when there are diagnostics.  Each diagnostic carries a
catalogue Message (no language is chosen here) and the position of the
offending node in ``doc``.

Vocabulary: a key's other spellings come from the document's key translator
when it is a :class:`~ideo_cli.documents.vocab.Vocabulary` (as every kind in
``documents/kinds.py`` is loaded), or from a field's
``json_schema_extra={"zh": [...]}``.

Models can say more than pydantic's built-in errors:

* raise :func:`problem` (``problem("calendar.year-range", year=y)``) from a
  validator: its message id and typed arguments become the diagnostic;
* define ``ideo_problems(self) -> list[Problem]``: checks across fields, run
  after the whole document validated, each located at a path relative to the
  model (``("holidays", 1, "from")``).  They run once, wherever the model is
  nested (a calendar file, or a plan's inline calendar).
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import typing
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from ideo_cli.diagnostics import Diagnostic
from ideo_cli.documents.convert import format_path
from ideo_cli.documents.document import YamlDocument
from ideo_cli.documents.errors import input_diagnostic
from ideo_cli.i18n import Message, msg

M = TypeVar("M", bound=BaseModel)

MESSAGE_ERROR = "ideo_message"


def problem(message_id: str, **args: Any) -> PydanticCustomError:
    """An error a validator raises to say exactly what is wrong, in catalogue terms."""
    return PydanticCustomError(MESSAGE_ERROR, message_id, {"id": message_id, "args": tuple(args.items())})


@dataclass(frozen=True)
class Problem:
    """A finding of a model's own cross-field check (``ideo_problems``)."""

    path: tuple  # relative to the model instance
    message: Message
    code: str = "IDEO011"
    at_key: bool = False


def validate(model: type[M], doc: YamlDocument, data: object | None = None, *, at: tuple = ()) -> tuple[M | None, list[Diagnostic]]:
    """Validate ``data`` (default: the document's data) against ``model``.

    ``at`` is where ``data`` sits inside ``doc`` (e.g. ``("calendar", 0)``), so
    positions and paths point into the file.
    """
    value = doc.data if data is None else data
    try:
        instance = model.model_validate(value)
    except ValidationError as exc:
        return None, schema_diagnostics(exc, doc, model, value, at)
    found = [located(doc, at + p.path, p.message, code=p.code, key=p.at_key) for p in model_problems(instance)]
    return (None, found) if found else (instance, [])


def located(doc: YamlDocument, path: tuple, message: Message, *, code: str = "IDEO011", help: Message | None = None, key: bool = False) -> Diagnostic:
    pos = doc.locate(path, key=key)
    return input_diagnostic(code, doc.file, pos.line, pos.col, message, path=format_path(path), help=help, end_col=pos.end_col)


def model_problems(instance: BaseModel, prefix: tuple = ()) -> list[Problem]:
    """Every ``ideo_problems()`` finding in the tree under ``instance``, paths from its root."""
    out: list[Problem] = []
    hook = getattr(instance, "ideo_problems", None)
    if hook is not None:
        out.extend(Problem(prefix + p.path, p.message, p.code, p.at_key) for p in hook())
    for name, info in type(instance).model_fields.items():
        key = info.alias or name
        _walk(getattr(instance, name, None), prefix + (key,), out)
    return out


def _walk(value: Any, path: tuple, out: list[Problem]) -> None:
    if isinstance(value, BaseModel):
        out.extend(model_problems(value, path))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            if isinstance(item, (BaseModel, list, tuple)):
                _walk(item, path + (i,), out)


# --------------------------------------------------------------------------- pydantic errors

_TYPE_WORDS = {
    "string_type": "doc.type.text",
    "int_type": "doc.type.integer",
    "int_parsing": "doc.type.integer",
    "int_from_float": "doc.type.integer",
    "float_type": "doc.type.number",
    "float_parsing": "doc.type.number",
    "bool_type": "doc.type.bool",
    "bool_parsing": "doc.type.bool",
    "list_type": "doc.type.list",
    "tuple_type": "doc.type.list",
    "dict_type": "doc.type.mapping",
    "model_type": "doc.type.mapping",
    "model_attributes_type": "doc.type.mapping",
    "date_type": "doc.type.date",
    "date_parsing": "doc.type.date",
    "date_from_datetime_parsing": "doc.type.date",
    "date_from_datetime_inexact": "doc.type.date-only",
    "datetime_type": "doc.type.date",
    "datetime_parsing": "doc.type.date",
}


def schema_diagnostics(exc: ValidationError, doc: YamlDocument, model: type[BaseModel], data: object, at: tuple = ()) -> list[Diagnostic]:
    errors = exc.errors(include_url=False)
    cleaned = [(clean_loc(err["loc"], data, err["type"] == "missing"), err) for err in errors]
    # a misspelt key is reported once: as unknown (with the suggestion), not also as missing
    taken: set[tuple] = set()
    for loc, err in cleaned:
        if err["type"] == "extra_forbidden" and loc:
            guess = _guess(str(loc[-1]), model, doc, loc[:-1])
            if guess:
                taken.add(loc[:-1] + (guess[0],))
    out: list[Diagnostic] = []
    seen: set[tuple] = set()
    for loc, err in cleaned:
        kind = err["type"]
        if kind == "missing" and loc in taken:
            continue
        if loc in seen:  # one finding per place (a union reports each branch)
            continue
        seen.add(loc)
        out.append(_diagnostic(kind, err, loc, doc, model, at))
    return out


def clean_loc(loc: tuple, data: object, missing: bool = False) -> tuple:
    """pydantic's error location → the data path, following the data itself.

    pydantic inserts markers into locations (``function-before[...]``, ``int``,
    ``literal['last']``, union branch names).  Which parts are real is decided by
    the data, not by the spelling of the part: a part is kept when it is a key
    of the mapping (or an index of the list) at that point, so user keys such
    as ``a[b]``, ``名称[1]`` or ``int`` are kept and markers are dropped.
    """
    out: list = []
    cur = data
    for i, part in enumerate(loc):
        if isinstance(cur, dict) and isinstance(part, str) and part in cur:
            out.append(part)
            cur = cur[part]
        elif isinstance(cur, list) and isinstance(part, int) and not isinstance(part, bool) and 0 <= part < len(cur):
            out.append(part)
            cur = cur[part]
        elif missing and i == len(loc) - 1 and isinstance(part, str) and isinstance(cur, dict):
            out.append(part)  # the missing key itself
    return tuple(out)


def _diagnostic(kind: str, err: dict, loc: tuple, doc: YamlDocument, model: type[BaseModel], at: tuple) -> Diagnostic:
    ctx = err.get("ctx") or {}
    value = err.get("input")
    full = at + loc
    if kind == "extra_forbidden":
        raw = _raw_key(doc, full)
        guess = _guess(raw, model, doc, loc[:-1])
        if guess and guess[1]:
            hint = msg("doc.did-you-mean-both", en=guess[0], zh=guess[1])
        elif guess:
            hint = msg("doc.did-you-mean", key=guess[0])
        else:
            hint = msg("doc.known-keys", keys=_key_pairs(model, doc, loc[:-1]))
        return located(doc, full, msg("doc.unknown-key", key=raw), code="IDEO010", help=hint, key=True)
    if kind == "missing":
        field = str(loc[-1]) if loc else ""
        zh = _spellings(model, doc, loc[:-1], field)
        zh_text = zh[0] if zh else field
        return located(doc, full, msg("doc.missing-key", en=field, zh=zh_text), code="IDEO012", help=msg("doc.missing-key.help", en=field, zh=zh_text))
    if kind == MESSAGE_ERROR:
        return located(doc, full, Message(ctx.get("id", "doc.invalid-value"), tuple(ctx.get("args", ()))))
    if kind == "ideo_choice":
        what = msg("doc.what." + str(ctx.get("what", "value")).replace(" ", "-"))
        allowed = list(ctx.get("allowed", []))
        hint = msg("doc.choice-did-you-mean", guess=ctx["suggestion"], allowed=allowed) if ctx.get("suggestion") else msg("doc.choice-allowed", allowed=allowed)
        return located(doc, full, msg("doc.invalid-choice", value=shown(value), what=what), help=hint)
    return located(doc, full, _value_message(kind, ctx, value, loc))


def _value_message(kind: str, ctx: dict, value: Any, loc: tuple) -> Message:
    got = shown(value)
    if kind in _TYPE_WORDS:
        expected = msg(_TYPE_WORDS[kind])
        if isinstance(value, str):
            return msg("doc.expected-got-text", expected=expected, value=got)
        return msg("doc.expected-got", expected=expected, value=got)
    if kind == "literal_error" and loc == ("ideo",):
        return msg("doc.version-must-be", value=got, ok=1)
    if kind == "literal_error":
        return msg("doc.not-one-of", value=got, allowed=re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
    if kind in ("too_short", "string_too_short"):
        return msg("doc.must-not-be-empty")
    if kind in ("greater_than_equal", "greater_than"):
        return msg("doc.at-least", n=ctx.get("ge", ctx.get("gt")), value=got)
    if kind in ("less_than_equal", "less_than"):
        return msg("doc.at-most", n=ctx.get("le", ctx.get("lt")), value=got)
    if kind == "ideo_range":
        return msg("doc.range-or-last", lo=ctx.get("low"), hi=ctx.get("high"), value=got)
    if kind in ("string_too_long", "too_long"):
        return msg("doc.too-long", n=ctx.get("max_length"))
    if kind == "string_pattern_mismatch":
        return msg("doc.bad-pattern", value=got)
    return msg("doc.invalid-value", value=got)


def shown(value: Any) -> Any:
    """A value as the user wrote it, typed for the catalogue (never a repr)."""
    if isinstance(value, dict):
        return msg("doc.type.mapping")
    if isinstance(value, (list, tuple)):
        return msg("doc.type.list")
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) and value.tzinfo is None else value.isoformat(sep=" ")
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "…"
        # control characters and bidi overrides would garble the report: show their code point
        return "".join(f"U+{ord(c):04X}" if _invisible(c) else c for c in text)
    if value is None or isinstance(value, (bool, int, float, dt.date)):
        return value
    return msg("doc.type.other")


def _invisible(ch: str) -> bool:
    import unicodedata

    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") and ch not in "\t"


def _raw_key(doc: YamlDocument, loc: tuple) -> str:
    node, matched = doc.node_at(loc, key=True)
    if matched == len(loc) and isinstance(getattr(node, "value", None), str):
        return node.value
    return str(loc[-1]) if loc else ""


# --------------------------------------------------------------------------- vocabulary


def _model_for(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None:
            return None
        field = _field(current, part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current


def _field(model: type[BaseModel], key: str):
    for name, info in model.model_fields.items():
        if (info.alias or name) == key or name == key:
            return info
    return None


def _inner_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _spellings(model: type[BaseModel], doc: YamlDocument, parent: tuple, key: str) -> list[str]:
    """Other spellings of ``key`` in the mapping at ``parent`` (Chinese first)."""
    inner = _model_for(model, parent)
    field = _field(inner, key) if inner is not None else None
    extra = getattr(field, "json_schema_extra", None) if field is not None else None
    if isinstance(extra, dict) and extra.get("zh"):
        return list(extra["zh"])
    vocabulary = doc.translate_key
    if hasattr(vocabulary, "spellings"):
        return [s for s in vocabulary.spellings(key) if not s.isascii()]
    return []


def _known(model: type[BaseModel], doc: YamlDocument, parent: tuple) -> list[tuple[str, str]]:
    """(English key, first Chinese spelling or "") for the mapping at ``parent``."""
    inner = _model_for(model, parent)
    if inner is None:
        return []
    pairs = []
    for name, info in inner.model_fields.items():
        key = info.alias or name
        zh = _spellings(model, doc, parent, key)
        pairs.append((key, zh[0] if zh else ""))
    return pairs


def _key_pairs(model: type[BaseModel], doc: YamlDocument, parent: tuple) -> list[str]:
    return [f"{en}/{zh}" if zh else en for en, zh in _known(model, doc, parent)]


def _guess(raw: str, model: type[BaseModel], doc: YamlDocument, parent: tuple) -> tuple[str, str] | None:
    """The known key closest to ``raw`` in either language, as (English, Chinese)."""
    spelling_to_pair: dict[str, tuple[str, str]] = {}
    inner = _model_for(model, parent)
    if inner is None:
        return None
    for name, info in inner.model_fields.items():
        key = info.alias or name
        zh_all = _spellings(model, doc, parent, key)
        pair = (key, zh_all[0] if zh_all else "")
        spelling_to_pair.setdefault(key, pair)
        for zh in zh_all:
            spelling_to_pair.setdefault(zh, pair)
    text = raw.strip()
    match = difflib.get_close_matches(text, list(spelling_to_pair), n=1, cutoff=0.6)
    if not match and text.lower() != text:
        match = difflib.get_close_matches(text.lower(), list(spelling_to_pair), n=1, cutoff=0.6)
    if not match:
        match = difflib.get_close_matches(text, list(spelling_to_pair), n=1, cutoff=0.4)
    if not match:  # Chinese near-misses: "放假安排" -> "放假"
        match = [s for s in spelling_to_pair if not s.isascii() and len(s) > 1 and s in text][:1]
    return spelling_to_pair[match[0]] if match else None
