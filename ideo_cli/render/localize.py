"""Translate language-neutral results into the user's language, once, at output.

Every renderer of diagnostics starts from :func:`localize_results`: it returns
copies whose text fields are plain strings in ``lang``, so the format modules
(text, json, sarif …) only lay text out and never translate.
"""
from __future__ import annotations

from dataclasses import replace

from ideo_cli.diagnostics.model import Citation, Diagnostic, FileResult, RuleInfo
from ideo_cli.i18n import t


def localize_citation(citation: Citation | None, lang: str) -> Citation | None:
    if citation is None:
        return None
    return replace(citation, title=t(citation.title, lang))


def localize_diagnostic(d: Diagnostic, lang: str) -> Diagnostic:
    return replace(d, message=t(d.message, lang), help=t(d.help, lang), title=t(d.title, lang), citation=localize_citation(d.citation, lang))


def localize_results(results: list[FileResult], lang: str) -> list[FileResult]:
    return [replace(r, diagnostics=[localize_diagnostic(d, lang) for d in r.diagnostics]) for r in results]


def localize_rule(info: RuleInfo, lang: str) -> RuleInfo:
    return replace(info, title=t(info.title, lang), help=t(info.help, lang), why=t(info.why, lang), citation=localize_citation(info.citation, lang))
