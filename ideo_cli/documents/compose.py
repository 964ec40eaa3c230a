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

try:  # the C composer; the pure-Python one gives identical nodes, only slower
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - wheels ship the C extension
    _Loader = yaml.SafeLoader

MAX_DEPTH = 64
_TAB = "found a tab character that violates indentation"
_BRACKETS = re.compile(r"[\[\]{}]")

# libyaml's messages for the mistakes people actually make, in Chinese.
_PROBLEMS_ZH = {
    "found character '\\t' that cannot start any token": "YAML 不允许用制表符（Tab）缩进，请改用空格",
    "found a tab character that violates indentation": "YAML 不允许用制表符（Tab）缩进，请改用空格",
    "found a tab character where an indentation space is expected": "YAML 不允许用制表符（Tab）缩进，请改用空格",
    "mapping values are not allowed here": "此处不能出现“键: 值”（冒号后少了空格，或缩进不一致？）",
    "mapping values are not allowed in this context": "此处不能出现“键: 值”（冒号后少了空格，或缩进不一致？）",
    "could not find expected ':'": "找不到应有的冒号“:”",
    "did not find expected key": "缩进不一致：此处应是一个键",
    "did not find expected '-' indicator": "缩进不一致：此处应是以“-”开头的列表项",
    "found unexpected end of stream": "文件意外结束（引号或括号没有闭合？）",
    "did not find expected node content": "此处缺少值（括号没有闭合，或多了逗号？）",
    "did not find expected ',' or ']'": "方括号列表没有闭合：缺少“,”或“]”",
    "did not find expected ',' or '}'": "花括号映射没有闭合：缺少“,”或“}”",
    "found undefined alias": "引用了未定义的别名",
    "found unknown escape character": "双引号字符串中有未知的转义字符",
    "but found another document": "文件只能包含一个 YAML 文档（去掉多余的 ---）",
    "found character that cannot start any token": "此处的字符不能开始一个 YAML 值（@ 和 ` 开头的值要加引号）",
    "found unexpected ':'": "多余的冒号（值里含冒号时请加引号）",
    "block sequence entries are not allowed in this context": "此处不能出现列表项“-”（缩进不一致？）",
    "control characters are not allowed": "文件中有不允许的控制字符",
}


class ComposeError(Exception):
    def __init__(self, diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def compose(text: str, display: str, lang: str) -> yaml.Node | None:
    if text.count("[") + text.count("{") > MAX_DEPTH:
        _check_flow_depth(text, display, lang)
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise ComposeError(_syntax_diagnostic(exc, text, display, lang)) from None
    except yaml.reader.ReaderError as exc:  # unmarked; libyaml counts UTF-8 bytes, PyYAML characters
        index = exc.position or 0
        if exc.encoding != "unicode":
            index = len(text.encode("utf-8")[:index].decode("utf-8", errors="ignore"))
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        raise ComposeError(
            input_diagnostic("IDEO004", display, line, col, {"zh": "文件中有不允许的控制字符 U+{c:04X}", "en": "control character U+{c:04X} is not allowed"}, lang, c=exc.character if isinstance(exc.character, int) else ord(exc.character or "\0"))
        ) from None
    except yaml.YAMLError as exc:  # unmarked: anything else
        raise ComposeError(
            input_diagnostic("IDEO004", display, 1, 1, {"zh": "YAML 读取失败：{p}", "en": "YAML error: {p}"}, lang, p=str(exc))
        ) from None
    except RecursionError:
        raise ComposeError(_too_deep(display, 1, 1, lang)) from None


def _syntax_diagnostic(exc: yaml.MarkedYAMLError, text: str, display: str, lang: str):
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or exc.context or "").strip()
    if "another document" in problem or "expected a single document" in (exc.context or ""):
        problem = "but found another document"
    zh = next((v for k, v in _PROBLEMS_ZH.items() if problem.startswith(k) or k in problem), None)
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == '\t':
        zh, problem = _PROBLEMS_ZH[_TAB], 'tab character where YAML needs spaces'
    if zh is None and "control characters" in problem:
        zh = _PROBLEMS_ZH["control characters are not allowed"]
    context = (exc.context or "").strip()
    context_mark = exc.context_mark
    where = ""
    if context and context_mark is not None and context_mark is not mark and (context_mark.line, context_mark.column) != (mark.line, mark.column):
        # e.g. the bracket that was never closed: say where it opened
        at = f"{context_mark.line + 1}:{context_mark.column + 1}"
        where = (f"（相关位置 {at}）" if zh else f"（{context} @ {at}）") if lang == "zh" else f" ({context} at {at})"
    message = {"zh": (zh or f"YAML 语法错误：{problem}") + where, "en": f"YAML syntax error: {problem}{where}"}
    line = mark.line + 1 if mark else 1
    col = mark.column + 1 if mark else 1
    return input_diagnostic("IDEO004", display, line, col, message, lang)


def _check_flow_depth(text: str, display: str, lang: str) -> None:
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
                raise ComposeError(_too_deep(display, line, col, lang))
        elif depth:
            depth -= 1


def _too_deep(display: str, line: int, col: int, lang: str):
    return input_diagnostic(
        "IDEO008", display, line, col,
        {"zh": "嵌套超过 {limit} 层，拒绝读取", "en": "nesting deeper than {limit} levels; refused"},
        lang, limit=MAX_DEPTH, end_col=col + 1,
    )
