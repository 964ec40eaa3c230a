"""JSON Schema of the rubric format, every Chinese key beside its English one.

Generated from the pydantic models (it cannot drift); the committed copy in
``schema/ideo-rubric.schema.json`` is kept equal to it by a test.
"""
from __future__ import annotations

import copy
import json

from ideo_cli.formats.rubric import vocab
from ideo_cli.formats.rubric.model import RubricFile

SCHEMA_ID = "https://ideo.invalid/schema/ideo-rubric-1.schema.json"


def rubric_schema() -> dict:
    schema = _add_zh_keys(RubricFile.model_json_schema(by_alias=True))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "ideo 考核细则 / ideo assessment rubric (format 1)"
    return schema


def _add_zh_keys(node):
    if isinstance(node, dict):
        node = {k: _add_zh_keys(v) for k, v in node.items()}
        props = node.get("properties")
        if isinstance(props, dict):
            for english, sub in list(props.items()):
                for zh in vocab.ZH_KEYS.get(english, []):
                    props.setdefault(zh, copy.deepcopy(sub))
            if "required" in node:
                required = node.pop("required")
                node["allOf"] = node.get("allOf", []) + [
                    {"anyOf": [{"required": [name]} for name in [key, *vocab.ZH_KEYS.get(key, [])]]} for key in required
                ]
        return node
    if isinstance(node, list):
        return [_add_zh_keys(v) for v in node]
    return node


def schema_text() -> str:
    return json.dumps(rubric_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
