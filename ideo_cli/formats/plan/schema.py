"""JSON Schema of the plan format, with every Chinese key beside its English one.

Generated from the pydantic models so it can never drift; the committed copy
in ``schema/ideo-plan.schema.json`` (used by editors through the
``# yaml-language-server: $schema=`` line) is checked against it by a test.
"""
from __future__ import annotations

import copy
import json

from ideo_cli.formats.plan import vocab
from ideo_cli.formats.plan.model import DUE_WORDS, Plan

SCHEMA_ID = "https://ideo.invalid/schema/ideo-plan-1.schema.json"


def plan_schema() -> dict:
    schema = Plan.model_json_schema(by_alias=True)
    # the header every kind may carry (documents/kinds.py): `文件类型: 计划` / `kind: plan`
    schema["properties"]["kind"] = {"type": "string", "description": "文件类型 / file kind (plan, 计划)"}
    schema = _add_zh_keys(schema)
    schema["properties"]["文件类型"] = schema["properties"]["kind"]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "ideo 计划文件 / ideo plan file (format 1)"
    return schema


def _add_zh_keys(node):
    if isinstance(node, dict):
        node = {k: _add_zh_keys(v) for k, v in node.items()}
        props = node.get("properties")
        if isinstance(props, dict) and "due" in props and "$ref" in str(props["due"]):
            # a due rule may also be written as a word: 期末 / period-end
            props["due"] = {"anyOf": [props["due"], {"type": "string", "enum": list(DUE_WORDS)}]}
        if isinstance(props, dict):
            for english, sub in list(props.items()):
                for zh in vocab.ZH_KEYS.get(english, []):
                    props.setdefault(zh, copy.deepcopy(sub))
            if "required" in node:
                # a required key may be written in either language
                required = node.pop("required")
                node["allOf"] = node.get("allOf", []) + [
                    {"anyOf": [{"required": [name]} for name in [key, *vocab.ZH_KEYS.get(key, [])]]} for key in required
                ]
        return node
    if isinstance(node, list):
        return [_add_zh_keys(v) for v in node]
    return node


def schema_text() -> str:
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
