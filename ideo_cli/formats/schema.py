"""JSON Schema of a file kind, with every Chinese key beside its English one.

Generated from the kind's pydantic model so it can never drift; the committed
copies in ``schema/ideo-<kind>.schema.json`` are checked against it by a test.
"""
from __future__ import annotations

import copy
import json

from pydantic import BaseModel

from ideo_cli.documents.vocab import Vocabulary

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def bilingual_schema(model: type[BaseModel], vocabulary: Vocabulary, *, schema_id: str, title: str, header: bool = True) -> dict:
    schema = model.model_json_schema(by_alias=True)
    if header:
        # every kind may carry the shared header: `ideo: 1` and `kind: <kind>`
        props = schema.setdefault("properties", {})
        props.setdefault("ideo", {"const": 1, "description": "格式版本 / format version"})
        props.setdefault("kind", {"type": "string", "description": "文件类型 / file kind"})
        for zh, en in (("格式版本", "ideo"), ("文件类型", "kind")):
            props.setdefault(zh, copy.deepcopy(props[en]))
    schema = add_zh_keys(schema, vocabulary)
    schema["$schema"] = DRAFT
    schema["$id"] = schema_id
    schema["title"] = title
    return schema


def add_zh_keys(node, vocabulary: Vocabulary):
    """Each property also under its Chinese spellings; a required key in either language."""
    if isinstance(node, dict):
        node = {k: add_zh_keys(v, vocabulary) for k, v in node.items()}
        props = node.get("properties")
        if isinstance(props, dict):
            for english, sub in list(props.items()):
                for zh in vocabulary.chinese(english):
                    props.setdefault(zh, copy.deepcopy(sub))
            if "required" in node:
                required = node.pop("required")
                node["allOf"] = node.get("allOf", []) + [
                    {"anyOf": [{"required": [name]} for name in [key, *vocabulary.chinese(key)]]} for key in required
                ]
        return node
    if isinstance(node, list):
        return [add_zh_keys(v, vocabulary) for v in node]
    return node


def dump(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def model_schema_text(model: type[BaseModel], vocabulary: Vocabulary, *, schema_id: str, title: str) -> str:
    """The schema text of a kind whose model declares ``ideo`` and ``kind`` itself (ledger, rubric)."""
    return dump(bilingual_schema(model, vocabulary, schema_id=schema_id, title=title, header=False))
