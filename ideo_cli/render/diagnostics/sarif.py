"""``sarif``: SARIF 2.1.0, one run, for GitHub code scanning and other SARIF viewers.

* ``tool.driver.rules``: every rule in ``RenderOptions.rules``, sorted by code;
  ``ruleIndex`` on a result points into that list.  Diagnostics whose code is
  not a known rule (input errors such as IDEO0xx) carry ``ruleId`` only.
* levels: error/fatal -> ``error``, warning -> ``warning``, info -> ``note``;
  the exact ideo severity is kept in ``result.properties.severity``.
* columns count Unicode characters (``columnKind: unicodeCodePoints``);
  ``endColumn`` is exclusive, as in ideo's own model.  A position of 0 means
  "none": no ``region`` (line 0) or no ``startColumn`` (column 0).
* ``artifactLocation.uri``: the path as given, percent-encoded (relative paths
  stay relative; absolute ones become ``file://`` URIs).
* the data path goes to ``result.properties.path`` and, hashed with code and
  file, to ``partialFingerprints["ideo/dataPath/v1"]`` so alerts survive lines moving.
"""
from __future__ import annotations

from ideo_cli.diagnostics.model import Citation, Diagnostic, FileResult, RuleInfo, Severity
from ideo_cli.render.diagnostics import RenderOptions, register, strings
from ideo_cli.render.diagnostics.common import format_citation, severity_value, sorted_diagnostics

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"fatal": "error", "error": "error", "warning": "warning", "info": "note"}
_RUN_LANGUAGE = {"zh": "zh-CN", "en": "en-US"}


def artifact_uri(path: str) -> str:
    from urllib.parse import quote

    posix = path.replace("\\", "/")
    if len(posix) > 1 and posix[1] == ":":  # C:/x.yaml
        return "file:///" + quote(posix, safe="/:")
    if posix.startswith("/"):
        return "file://" + quote(posix, safe="/")
    return quote(posix, safe="/")


def _citation_dict(citation: Citation) -> dict:
    return {
        "document": citation.document,
        "title": citation.title,
        "section": citation.section,
        "quote": citation.quote,
    }


def rule_descriptor(rule: RuleInfo, lang: str) -> dict:
    help_text = rule.help
    if rule.citation:
        cited = f"{strings.text(lang, 'label.citation')}: {format_citation(rule.citation, lang)}"
        help_text = f"{help_text}\n{cited}" if help_text else cited
    descriptor: dict = {"id": rule.code, "name": rule.name}
    descriptor["shortDescription"] = {"text": rule.title or rule.name or rule.code}
    if rule.why:
        descriptor["fullDescription"] = {"text": rule.why}
    if help_text:
        descriptor["help"] = {"text": help_text}
    descriptor["defaultConfiguration"] = {"level": LEVEL[Severity(rule.severity).value]}
    properties: dict = {"profiles": list(rule.profiles)}
    if rule.citation:
        properties["citation"] = _citation_dict(rule.citation)
    descriptor["properties"] = properties
    return descriptor


def _region(d: Diagnostic) -> dict | None:
    if d.line < 1:
        return None
    region: dict = {"startLine": d.line}
    if d.col >= 1:
        region["startColumn"] = d.col
    if d.end_line is not None and d.end_line >= d.line:
        region["endLine"] = d.end_line
    if d.end_col is not None and d.col >= 1:
        region["endColumn"] = d.end_col
    return region


def _fingerprint(d: Diagnostic) -> str:
    import hashlib

    return hashlib.sha256(f"{d.code}\0{d.file}\0{d.path}".encode()).hexdigest()[:32]


def result_object(d: Diagnostic, index: dict[str, int], lang: str, file: str = "") -> dict:
    severity = severity_value(d)
    text = d.message
    if d.help:
        text += f"\n{strings.text(lang, 'label.help')}: {d.help}"
    result: dict = {"ruleId": d.code}
    if d.code in index:
        result["ruleIndex"] = index[d.code]
    result["level"] = LEVEL[severity]
    result["message"] = {"text": text}
    physical: dict = {"artifactLocation": {"uri": artifact_uri(d.file or file)}}
    region = _region(d)
    if region:
        physical["region"] = region
    result["locations"] = [{"physicalLocation": physical}]
    if d.path:
        result["partialFingerprints"] = {"ideo/dataPath/v1": _fingerprint(d)}
    properties: dict = {"severity": severity}
    if d.name:
        properties["name"] = d.name
    if d.path:
        properties["path"] = d.path
    result["properties"] = properties
    return result


def build(results: list[FileResult], options: RenderOptions) -> dict:
    rules = [options.rules[code] for code in sorted(options.rules)]
    index = {rule.code: i for i, rule in enumerate(rules)}
    driver: dict = {"name": "ideo", "version": options.version}
    if options.information_uri:
        driver["informationUri"] = options.information_uri
    driver["rules"] = [rule_descriptor(rule, options.lang) for rule in rules]
    run = {
        "tool": {"driver": driver},
        "language": _RUN_LANGUAGE.get(options.lang, "zh-CN"),
        "columnKind": "unicodeCodePoints",
        "results": [
            result_object(d, index, options.lang, r.file) for r in results for d in sorted_diagnostics(r)
        ],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


@register("sarif")
def render_sarif(results: list[FileResult], options: RenderOptions) -> str:
    import json

    return json.dumps(build(results, options), ensure_ascii=False, indent=2) + "\n"
