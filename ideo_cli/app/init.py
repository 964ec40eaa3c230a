"""`ideo init`: a commented starter plan for one organisation type.

The templates are YAML with comments; ruamel's round-trip mode edits them
(type, name, obligations that do not apply) and keeps every comment.
"""
from __future__ import annotations

import io
from importlib import resources

from ideo_cli.i18n import pick
from ideo_cli.formats.plan import vocab

# what a branch does not do, and what only a branch does (baseline rules' applies_to)
_COMMITTEE_ONLY_KINDS = {"O2", "O7", "O13"}
_BRANCH_ONLY_KINDS = {"O6"}
_BRANCH_TYPES = {"党总支", "党支部"}
_KEYS = {
    "zh": {"org": "组织", "type": "类型", "name": "名称", "obligations": "事项", "kind": "类别"},
    "en": {"org": "organisation", "type": "type", "name": "name", "obligations": "obligations", "kind": "kind"},
}


class InitError(Exception):
    def __init__(self, texts: dict[str, str], **fields):
        super().__init__(texts["en"].format(**fields))
        self.texts, self.fields = texts, fields

    def message(self, lang: str) -> str:
        return pick(self.texts, lang, **self.fields)


def _canonical_type(value: str) -> str:
    for canonical, aliases in vocab.ORG_TYPES.items():
        if value == canonical or value in aliases:
            return canonical
    raise InitError({"zh": "未知的组织类型“{v}”；可用：{k}", "en": "unknown organisation type '{v}'; use one of {k}"}, v=value, k=" / ".join(vocab.ORG_TYPES))


def starter_plan(org_type: str, lang: str, name: str | None = None) -> str:
    from ruamel.yaml import YAML

    canonical = _canonical_type(org_type)
    keys = _KEYS[lang]
    text = resources.files("ideo_cli.data.templates").joinpath(f"starter.{lang}.yaml").read_text(encoding="utf-8")
    yaml = YAML()  # round-trip: comments and key order survive
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(text)
    org = data[keys["org"]]
    org[keys["type"]] = canonical
    org[keys["name"]] = name or _default_name(canonical, lang)
    drop = _COMMITTEE_ONLY_KINDS if canonical in _BRANCH_TYPES else _BRANCH_ONLY_KINDS
    obligations = data[keys["obligations"]]
    for index in reversed(range(len(obligations))):
        if obligations[index][keys["kind"]] in drop:
            del obligations[index]
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _default_name(org_type: str, lang: str) -> str:
    return {"党委": "中共XX委员会", "党组": "中共XX局党组", "党工委": "中共XX街道工作委员会", "党总支": "中共XX总支部委员会", "党支部": "中共XX支部委员会"}[org_type]


from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

from ideo_cli.app.result import CommandResult, OutputFile, UsageError  # noqa: E402
from ideo_cli.i18n import msg  # noqa: E402


@dataclass
class InitOptions:
    org_type: str
    lang: str = "zh"
    name: str | None = None
    output: Path | None = None
    force: bool = False


def run(options: InitOptions) -> CommandResult:
    try:
        text = starter_plan(options.org_type, options.lang, options.name)
    except InitError as exc:
        return CommandResult(exit_code=2, stderr=f"ideo: {exc.message(options.lang)}\n".encode())
    data = text.encode("utf-8")
    if options.output is None:
        return CommandResult(stdout=data)
    if options.output.exists() and not options.force:
        raise UsageError(msg("init.exists", path=options.output))
    return CommandResult(outputs=[OutputFile(options.output, data)], replace_documents=options.force)
