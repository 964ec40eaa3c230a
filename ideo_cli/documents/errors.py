"""Input-error codes (IDEO0xx): the file could not be read as a plan at all.

They are not document rules (no citation); `ideo rule IDEO004` explains them
from this table.  All are FATAL: the command exits 2.
"""
from __future__ import annotations

from ideo_cli.diagnostics import Diagnostic, Severity
from ideo_cli.i18n import pick

INPUT_CODES: dict[str, dict] = {
    "IDEO001": {
        "name": "unreadable-file",
        "title": {"zh": "文件无法读取", "en": "File cannot be read"},
        "why": {"zh": "文件不存在、是目录或没有读取权限。", "en": "The file does not exist, is a directory or is not readable."},
        "help": {"zh": "检查路径和权限", "en": "check the path and its permissions"},
    },
    "IDEO002": {
        "name": "bad-encoding",
        "title": {"zh": "文件编码不是 UTF-8", "en": "File is not UTF-8"},
        "why": {
            "zh": "计划文件必须是无 BOM 的 UTF-8 文本。WPS/记事本常存为 GBK 或带 BOM 的 UTF-8，二进制文件（如 .docx）也不能当计划读。",
            "en": "Plan files must be UTF-8 text without a BOM. WPS/Notepad often save GBK or UTF-8 with BOM; binary files (e.g. .docx) are not plans.",
        },
        "help": {"zh": "用编辑器“另存为”UTF-8（无 BOM）", "en": "re-save the file as UTF-8 without BOM"},
    },
    "IDEO003": {
        "name": "file-too-large",
        "title": {"zh": "文件过大", "en": "File too large"},
        "why": {"zh": "一个单位的计划不会超过几十 KB；过大的文件多半是放错了文件，读取它会拖慢整个检查。", "en": "A unit's plan is a few dozen KB; a huge file is almost certainly the wrong file and would stall the run."},
        "help": {"zh": "确认路径是否指向计划文件", "en": "make sure the path points at a plan file"},
    },
    "IDEO004": {
        "name": "yaml-syntax",
        "title": {"zh": "YAML 语法错误", "en": "YAML syntax error"},
        "why": {"zh": "文件不是合法的 YAML，无法读取其中内容。", "en": "The file is not valid YAML, so nothing in it can be read."},
        "help": {"zh": "按提示位置修正缩进、冒号或引号", "en": "fix the indentation, colon or quotes at the position shown"},
    },
    "IDEO006": {
        "name": "duplicate-key",
        "title": {"zh": "重复的键", "en": "Duplicate key"},
        "why": {"zh": "同一层级出现两次相同的键（中英文同义键也算重复），后一个会悄悄覆盖前一个。", "en": "The same key (or its Chinese/English twin) appears twice at one level; the second would silently override the first."},
        "help": {"zh": "删除或合并重复的键", "en": "remove or merge the duplicate key"},
    },
    "IDEO007": {
        "name": "forbidden-tag",
        "title": {"zh": "不允许的 YAML 标签", "en": "Forbidden YAML tag"},
        "why": {"zh": "计划文件只含普通数据。!!python/object 等标签可以执行代码，一律拒绝。", "en": "Plan files hold plain data. Tags such as !!python/object can execute code and are always rejected."},
        "help": {"zh": "删除标签，只写普通文本、数字、日期、列表和映射", "en": "remove the tag; write plain strings, numbers, dates, lists and mappings"},
    },
    "IDEO008": {
        "name": "structure-limit",
        "title": {"zh": "结构超出安全限制", "en": "Structure exceeds safety limits"},
        "why": {"zh": "嵌套过深或别名展开过多（“十亿笑声”攻击）会耗尽内存，计划文件不需要这样的结构。", "en": "Very deep nesting or exploding aliases (billion laughs) exhaust memory; no plan needs them."},
        "help": {"zh": "去掉别名（&/*）和过深的嵌套", "en": "remove the aliases (&/*) and the deep nesting"},
    },
    "IDEO009": {
        "name": "empty-file",
        "title": {"zh": "文件为空", "en": "Empty file"},
        "why": {"zh": "文件没有任何内容，不是一份计划。", "en": "The file holds no content, so it is not a plan."},
        "help": {"zh": "用 `ideo init` 生成一份起步计划", "en": "run `ideo init` to write a starter plan"},
    },
    "IDEO010": {
        "name": "unknown-key",
        "title": {"zh": "未知的键", "en": "Unknown key"},
        "why": {"zh": "计划格式不认识这个键，多半是拼写错误；忽略它会让本该检查的内容漏检。", "en": "The plan format does not know this key, usually a typo; ignoring it would let content go unchecked."},
        "help": {"zh": "改成提示的键名，或运行 `ideo schema` 查看格式", "en": "use the suggested key, or run `ideo schema` to see the format"},
    },
    "IDEO011": {
        "name": "invalid-value",
        "title": {"zh": "值的类型或取值不对", "en": "Invalid value"},
        "why": {"zh": "值的类型或取值不符合计划格式。", "en": "The value has the wrong type or is not one of the allowed values."},
        "help": {"zh": "按提示改为允许的值", "en": "use one of the allowed values"},
    },
    "IDEO012": {
        "name": "missing-key",
        "title": {"zh": "缺少必填的键", "en": "Missing required key"},
        "why": {"zh": "计划格式要求这个键。", "en": "The plan format requires this key."},
        "help": {"zh": "补上这个键", "en": "add the key"},
    },
    "IDEO013": {
        "name": "format-version",
        "title": {"zh": "不支持的格式版本", "en": "Unsupported format version"},
        "why": {"zh": "文件必须声明 ideo 格式版本（目前为 1），以便格式演进时旧文件仍能被正确理解。", "en": "A plan must declare its ideo format version (currently 1) so that old files stay understood as the format evolves."},
        "help": {"zh": "在文件开头写 `ideo: 1`", "en": "start the file with `ideo: 1`"},
    },
}


def input_diagnostic(
    code: str,
    file: str,
    line: int,
    col: int,
    message: dict[str, str],
    lang: str,
    *,
    path: str = "",
    help: dict[str, str] | None = None,
    end_col: int | None = None,
    **fields: object,
) -> Diagnostic:
    meta = INPUT_CODES[code]
    return Diagnostic(
        code=code,
        name=meta["name"],
        severity=Severity.FATAL,
        message=pick(message, lang, **fields),
        file=file,
        line=max(line, 1),
        col=max(col, 1),
        end_line=max(line, 1) if end_col else None,
        end_col=end_col,
        path=path,
        help=pick(help or meta["help"], lang, **fields),
        title=pick(meta["title"], lang),
    )
