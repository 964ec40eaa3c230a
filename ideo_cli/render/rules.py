"""`ideo rules` and `ideo rule CODE` as text (and the rule list as JSON).

``app/explain.py`` gathers the rules, their variants and the examples' check
runs; this module turns them into the user's language (``explain.*`` ids).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping

from ideo_cli.i18n import local, msg, t
from ideo_cli.render.localize import localize_citation
from ideo_cli.render.diagnostics.strings import severity_label

# the canonical organisation types (plan vocabulary) -> their catalogue term
ORG_TYPE_TERMS = {"党委": "committee", "党组": "party-group", "党工委": "working-committee", "党总支": "general-branch", "党支部": "branch"}


def org_type_label(org_type: str, lang: str) -> str:
    """党委 … 党支部 in the user's language (an unknown value is shown as written)."""
    term = ORG_TYPE_TERMS.get(org_type)
    return t(msg(f"term.org-type.{term}"), lang) if term else org_type


@dataclass
class ExampleRun:
    """What ``ideo rule`` shows of a rule's examples: the failing run, the passing excerpt."""

    code: str
    failing: str | None = None  # rendered check output of examples/CODE/fail.yaml
    passing: list[str] | None = None  # numbered lines of examples/CODE/pass.yaml


@dataclass
class RuleView:
    rule: Any  # rules.rulebook.Rule
    variants: list[tuple[str, Mapping[str, Any]]] = field(default_factory=list)
    examples: ExampleRun | None = None


def _quote_line(cite, lang: str, indent: str, with_title: bool) -> str:
    title = ""
    if with_title and cite.title:
        title = f"《{cite.title}》" if lang == "zh" else f" ({cite.title})"
    if lang == "zh":
        return f"{indent}{cite.document}{title} {cite.section}：“{cite.quote}”"
    return f"{indent}{cite.document}{title} {cite.section}: \u201c{cite.quote}\u201d"


def rule_record(rule, lang: str) -> dict:
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


def render_rule_list_json(rules: Mapping[str, Any], profiles: Mapping[str, Any], lang: str) -> str:
    payload = {
        "version": 1,
        "profiles": {name: {"title": t(local(p.title), lang) if p.title else name, "extends": list(p.extends)} for name, p in sorted(profiles.items())},
        "rules": [rule_record(r, lang) for r in rules.values()],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def render_rule_list(rules: Mapping[str, Any], lang: str) -> str:
    lines = []
    for rule in rules.values():
        cite = localize_citation(rule.cite(), lang)
        lines.append(f"{rule.code}  {rule.name}  [{severity_label(lang, rule.severity.value)}]  {','.join(rule.profiles)}")
        lines.append(f"    {t(rule.local('title'), lang)}")
        lines.append(_quote_line(cite, lang, "    ", with_title=False))
    return "\n".join(lines + ["", t(msg("explain.rules-footer", n=len(rules)), lang)]) + "\n"


def _param_value(value: Any, lang: str) -> str:
    """A parameter as the user reads it: lists bracketed, organisation types in ``lang``, no repr."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_param_value(v, lang) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_param_value(v, lang)}" for k, v in value.items()) + "}"
    if isinstance(value, str) and value in ORG_TYPE_TERMS:
        return org_type_label(value, lang)
    return str(value)


def _params(params: Mapping[str, Any], lang: str) -> str:
    return ", ".join(f"{k}={_param_value(v, lang)}" for k, v in params.items())


def render_rule(view: RuleView, lang: str) -> str:
    rule = view.rule
    out = [f"{rule.code} {rule.name} [{severity_label(lang, rule.severity.value)}]", t(rule.local("title"), lang), ""]
    applies = [org_type_label(kind, lang) for kind in rule.applies_to]
    out.append(t(msg("explain.applies-to", types=applies), lang))
    out.append(t(msg("explain.profiles", profiles=list(rule.profiles)), lang))
    if rule.params:
        out.append(t(msg("explain.parameters", params=_params(rule.params, lang)), lang))
    for name, params in view.variants:
        out.append("  " + t(msg("explain.variant", profile=name, params=_params(params, lang)), lang))
    out += ["", t(msg("explain.why"), lang), "  " + t(rule.local("why"), lang), "", t(msg("explain.how-to-fix"), lang), "  " + t(rule.local("help"), lang), "", t(msg("explain.source"), lang)]
    for source in (rule.source, *rule.also):
        out.append(_quote_line(localize_citation(rule.cite(source), lang), lang, "  ", with_title=True))
    out += _examples(view.examples, lang)
    return "\n".join(out) + "\n"


def render_input_code(code: str, meta: Mapping[str, Any], examples: ExampleRun | None, lang: str) -> str:
    out = [f"{code} {meta['name']} [{severity_label(lang, 'fatal')}]", t(meta["title"], lang), ""]
    out += [t(msg("explain.why"), lang), "  " + t(meta["why"], lang), "", t(msg("explain.how-to-fix"), lang), "  " + t(meta["help"], lang), ""]
    out.append(t(msg("explain.input-error"), lang))
    out += _examples(examples, lang)
    return "\n".join(out) + "\n"


def _examples(examples: ExampleRun | None, lang: str) -> list[str]:
    if examples is None:
        return []
    out: list[str] = []
    if examples.failing is not None:
        out += ["", t(msg("explain.failing-example", path=f"examples/{examples.code}/fail.yaml"), lang)]
        out += ["  " + line for line in examples.failing.splitlines()]
    if examples.passing is not None:
        out += ["", t(msg("explain.passing-example", path=f"examples/{examples.code}/pass.yaml"), lang)]
        out += ["  " + line for line in examples.passing]
    return out
