"""JSON Schema of the ledger format, Chinese keys beside English ones (from the models)."""
from __future__ import annotations

import copy
import json

from ideo_cli.formats.ledger import vocab
from ideo_cli.formats.ledger.model import Ledger

SCHEMA_ID = "https://ideo.invalid/schema/ideo-ledger-1.schema.json"


def ledger_schema() -> dict:
    schema = _add_zh_keys(Ledger.model_json_schema(by_alias=True))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "ideo 台账文件 / ideo ledger file (format 1)"
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
    return json.dumps(ledger_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
