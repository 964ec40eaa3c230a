"""Text to a libyaml node graph, positions kept and nothing constructed.

libyaml's composer (PyYAML's C extension) is ~10x faster than ruamel's
round-trip loader and keeps start/end marks on every node, which is all a
linter needs.  It composes recursively in C, so pathological flow nesting is
rejected before it gets there.
"""
from __future__ import annotations

import re

import yaml

from ideo_cli.documents.errors import input_diagnostic
from ideo_cli.i18n import msg

try:  # the C composer; the pure-Python one gives identical nodes, only slower
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - wheels ship the C extension
    _Loader = yaml.SafeLoader

MAX_DEPTH = 64
_TAB = "found a tab character that violates indentation"
_BRACKETS = re.compile(r"[\[\]{}]")

# libyaml's messages for the mistakes people actually make -> catalogue ids
_PROBLEMS = {
    "found character '\\t' that cannot start any token": "doc.yaml.tab",
    "found a tab character that violates indentation": "doc.yaml.tab",
    "found a tab character where an indentation space is expected": "doc.yaml.tab",
    "mapping values are not allowed here": "doc.yaml.colon-here",
    "mapping values are not allowed in this context": "doc.yaml.colon-here",
    "could not find expected ':'": "doc.yaml.expected-colon",
    "did not find expected key": "doc.yaml.expected-key",
    "did not find expected '-' indicator": "doc.yaml.expected-dash",
    "found unexpected end of stream": "doc.yaml.unexpected-end",
    "did not find expected node content": "doc.yaml.missing-value",
    "did not find expected ',' or ']'": "doc.yaml.unclosed-bracket",
    "did not find expected ',' or '}'": "doc.yaml.unclosed-brace",
    "found undefined alias": "doc.yaml.undefined-alias",
    "found unknown escape character": "doc.yaml.unknown-escape",
    "but found another document": "doc.yaml.second-document",
    "found character that cannot start any token": "doc.yaml.bad-start",
    "found unexpected ':'": "doc.yaml.stray-colon",
    "block sequence entries are not allowed in this context": "doc.yaml.dash-here",
    "control characters are not allowed": "doc.yaml.control-characters",
}


class ComposeError(Exception):
    def __init__(self, diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def compose(text: str, display: str) -> yaml.Node | None:
    if text.count("[") + text.count("{") > MAX_DEPTH:
        _check_flow_depth(text, display)
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise ComposeError(_syntax_diagnostic(exc, text, display)) from None
    except yaml.reader.ReaderError as exc:  # unmarked; libyaml counts UTF-8 bytes, PyYAML characters
        index = exc.position or 0
        code = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
        if exc.encoding != "unicode":
            index = len(text.encode("utf-8")[:index].decode("utf-8", errors="ignore"))
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        raise ComposeError(
            input_diagnostic("IDEO004", display, line, col, msg("doc.control-character", c=f"{code:04X}"))
        ) from None
    except yaml.YAMLError as exc:  # unmarked: anything else
        raise ComposeError(
            input_diagnostic("IDEO004", display, 1, 1, msg("doc.yaml.unreadable"))
        ) from None
    except RecursionError:
        raise ComposeError(_too_deep(display, 1, 1)) from None


def _syntax_diagnostic(exc: yaml.MarkedYAMLError, text: str, display: str):
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or exc.context or "").strip()
    if "another document" in problem or "expected a single document" in (exc.context or ""):
        problem = "but found another document"
    found = next((v for k, v in _PROBLEMS.items() if problem.startswith(k) or k in problem), None)
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        found = "doc.yaml.tab"
    if found is None and "control characters" in problem:
        found = "doc.yaml.control-characters"
    context_mark = exc.context_mark
    where = ""
    if exc.context and context_mark is not None and mark is not None and context_mark is not mark and (context_mark.line, context_mark.column) != (mark.line, mark.column):
        # e.g. the bracket that was never closed: say where it opened
        where = msg("doc.yaml.related-at", at=f"{context_mark.line + 1}:{context_mark.column + 1}")
    # libyaml's own wording is shown only for problems not in the table (it is English)
    message = msg(found, where=where) if found else msg("doc.yaml.other", problem=problem, where=where)
    line = mark.line + 1 if mark else 1
    col = mark.column + 1 if mark else 1
    return input_diagnostic("IDEO004", display, line, col, message)


def _check_flow_depth(text: str, display: str) -> None:
    # Brackets inside quoted strings are counted too; harmless, since only an
    # absurd depth is rejected and no plan nests lists 64 deep.
    depth = 0
    for match in _BRACKETS.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                index = match.start()
                line = text.count("\n", 0, index) + 1
                col = index - (text.rfind("\n", 0, index) + 1) + 1
                raise ComposeError(_too_deep(display, line, col))
        elif depth:
            depth -= 1


def _too_deep(display: str, line: int, col: int):
    return input_diagnostic("IDEO008", display, line, col, msg("doc.too-deep", limit=MAX_DEPTH), end_col=col + 1)
