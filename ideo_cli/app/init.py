"""`ideo init`: a commented starter plan for one organisation type.

The templates are YAML with comments; ruamel's round-trip mode edits them
(type, name, obligations that do not apply) and keeps every comment.
"""
from __future__ import annotations

import io
import os
from importlib import resources
from pathlib import Path

from ideo_cli.i18n import Message, msg
from ideo_cli.formats.plan import vocab

# what a branch does not do, and what only a branch does (baseline rules' applies_to)
_COMMITTEE_ONLY_KINDS = {"O2", "O7", "O13"}
_BRANCH_ONLY_KINDS = {"O6"}
_BRANCH_TYPES = {"党总支", "党支部"}
_TEMPLATES = "ideo_cli.data.templates"
# the starter plan's keys in the language it is written in (the plan vocabulary's spellings)
_KEYS = {
    "zh": {"org": "组织", "type": "类型", "name": "名称", "superior": "上级", "copy_to": "抄送", "people": "人员", "id": "编号", "post": "职务",
           "group": "领导小组", "office": "办公室", "located_in": "设在", "director": "主任", "obligations": "事项", "kind": "类别", "superior_id": "上级编号"},
    "en": {"org": "organisation", "type": "type", "name": "name", "superior": "superior", "copy_to": "copy_to", "people": "people", "id": "id", "post": "post",
           "group": "leading_group", "office": "office", "located_in": "located_in", "director": "director", "obligations": "obligations", "kind": "kind", "superior_id": "superior_id"},
}
_CLERK = "bangongshi"  # the template's office clerk (an opinion officer)


class InitError(Exception):
    def __init__(self, message: Message):
        super().__init__(message.id)
        self.message = message


def _canonical_type(value: str) -> str:
    for canonical, aliases in vocab.ORG_TYPES.items():
        if value == canonical or value in aliases:
            return canonical
    raise InitError(msg("init.unknown-type", value=value, known=list(vocab.ORG_TYPES), spellings=[aliases[0] for aliases in vocab.ORG_TYPES.values()]))


def _type_defaults(lang: str, canonical: str) -> dict:
    from ruamel.yaml import YAML

    text = resources.files(_TEMPLATES).joinpath("types.yaml").read_text(encoding="utf-8")
    return YAML(typ="safe").load(text)[lang][canonical]


def schema_header(output: Path | None) -> str:
    """The editor's schema line: the repository's committed plan schema, as a path relative to
    the written plan (so it resolves from where the plan is); printed to the screen, or with
    ideo installed away from its repository, the way to write the schema beside the plan."""
    schema = Path(__file__).resolve().parents[2] / "schema" / "ideo-plan.schema.json"
    if output is not None and schema.is_file():
        relative = os.path.relpath(schema, output.resolve().parent).replace(os.sep, "/")
        return f"# yaml-language-server: $schema={relative}\n"
    return "# yaml-language-server: $schema=ideo-plan.schema.json\n# $ ideo schema --kind plan -o ideo-plan.schema.json\n"


def starter_plan(org_type: str, lang: str, name: str | None = None, superior_id: str | None = None, output: Path | None = None) -> str:
    """The starter plan written in ``lang`` (keys and values): a plan, not a message."""
    from ruamel.yaml import YAML

    canonical = _canonical_type(org_type)
    keys = _KEYS[lang]
    defaults = _type_defaults(lang, canonical)
    text = resources.files(_TEMPLATES).joinpath(f"starter.{lang}.yaml").read_text(encoding="utf-8")
    yaml = YAML()  # round-trip: comments and key order survive
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(text)
    org = data[keys["org"]]
    org[keys["type"]] = defaults.get("type", canonical)
    org[keys["name"]] = name or defaults["name"]
    org[keys["superior"]] = defaults["superior"]
    if superior_id:  # the unit tree: the superior unit's 组织.编号, right after 上级
        org.insert(list(org).index(keys["superior"]) + 1, keys["superior_id"], superior_id)
    if defaults["copy_to"]:
        org[keys["copy_to"]] = defaults["copy_to"]
    else:
        del org[keys["copy_to"]]
    for person in data[keys["people"]]:
        if person[keys["id"]] == _CLERK:
            person[keys["post"]] = defaults["clerk_post"]
    office = data[keys["group"]][keys["office"]]
    office[keys["director"]] = defaults["office_director"]
    if defaults["office_in"]:
        office[keys["located_in"]] = defaults["office_in"]
    else:
        del office[keys["located_in"]]
    drop = _COMMITTEE_ONLY_KINDS if canonical in _BRANCH_TYPES else _BRANCH_ONLY_KINDS
    obligations = data[keys["obligations"]]
    for index in reversed(range(len(obligations))):
        if obligations[index][keys["kind"]] in drop:
            del obligations[index]
    out = io.StringIO()
    yaml.dump(data, out)
    body = out.getvalue()
    first, _, rest = body.partition("\n")
    return (schema_header(output) + rest) if first.startswith("# yaml-language-server:") else body


from dataclasses import dataclass  # noqa: E402

from ideo_cli.app.result import CommandResult, OutputFile, UsageError  # noqa: E402


@dataclass
class InitOptions:
    org_type: str
    lang: str = "zh"
    name: str | None = None
    output: Path | None = None
    force: bool = False
    superior_id: str | None = None


def run(options: InitOptions) -> CommandResult:
    try:
        text = starter_plan(options.org_type, options.lang, options.name, options.superior_id, options.output)
    except InitError as exc:
        raise UsageError(exc.message) from None
    data = text.encode("utf-8")
    if options.output is None:
        return CommandResult(stdout=data)
    if options.output.exists() and not options.force:
        raise UsageError(msg("init.exists", path=options.output))
    return CommandResult(outputs=[OutputFile(options.output, data)], replace_documents=options.force)
