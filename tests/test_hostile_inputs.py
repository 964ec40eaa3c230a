"""Hostile and broken inputs: each gives a located diagnostic, exit 2, no traceback.

Every case runs the real ``ideo check`` on a file in a fresh folder and checks:
exit code 2; stderr empty; a ``file:line:col`` location and the expected code
and message in the user's language on stdout; no "Traceback"; done within
seconds; and nothing written next to the input.  Text fixtures live in
``tests/fixtures/hostile/``; binary and huge inputs are generated here.
"""
from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from helpers import HOSTILE, assert_no_traceback, listing, run_ideo

CJK = re.compile(r"[\u4e00-\u9fff]")
FAST = 10.0  # seconds; a real run takes well under one


@dataclass(frozen=True)
class Case:
    make: Callable[[Path], Path]  # writes the input into a folder, returns its path
    code: str
    line: int
    col: int
    zh: tuple[str, ...]  # fragments of the Chinese output
    en: tuple[str, ...]  # fragments of the English output


def fixture(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        return Path(shutil.copy(HOSTILE / name, folder / name))

    return make


def written(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _sparse_50mb(folder: Path) -> Path:
    path = folder / "huge.yaml"
    with open(path, "wb") as handle:  # sparse: no 50 MB actually written
        handle.truncate(50 * 1024 * 1024)
    return path


GOOD_TEXT = (HOSTILE / "good-branch.yaml").read_text(encoding="utf-8")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
DEEP = b"# \xe5\xb5\x8c\xe5\xa5\x97\xe5\x8d\x81\xe4\xb8\x87\xe5\xb1\x82\n" + b"[" * 100_000 + b"]" * 100_000 + b"\n"  # "# 嵌套十万层"
CONTROL = GOOD_TEXT.replace("  名称: 中共大寨村支部委员会", "  名称: 中共大寨村\x1b[31m支部委员会", 1).encode("utf-8")

CASES: dict[str, Case] = {
    "unclosed-bracket": Case(fixture("unclosed-bracket.yaml"), "IDEO004", 8, 3, ("方括号列表没有闭合",), ("YAML syntax error", "']'")),
    "binary-png": Case(written("logo.yaml", PNG), "IDEO002", 3, 1, ("二进制文件", "NUL"), ("binary file", "NUL")),
    "gb18030": Case(written("gbk.yaml", GOOD_TEXT.encode("gb18030")), "IDEO002", 1, 3, ("GBK/GB18030", "iconv"), ("GBK/GB18030-encoded",)),
    "tab-indent": Case(fixture("tab-indent.yaml"), "IDEO004", 4, 1, ("制表符（Tab）",), ("tab character",)),
    "duplicate-key": Case(fixture("duplicate-key.yaml"), "IDEO006", 7, 3, ("键“名称”重复：第 4 行已有“名称”",), ("duplicate key '名称'", "line 4")),
    "duplicate-zh-en-twin": Case(fixture("duplicate-twin.yaml"), "IDEO006", 7, 1, ("键“organisation”重复：第 3 行已有“组织”",), ("duplicate key 'organisation'", "'组织' already at line 3")),
    "unknown-keys": Case(fixture("unknown-keys.yaml"), "IDEO010", 6, 3, ("未知的键“层极”", "是不是想写“层级”（level）？", "未知的键“obligatons”", "是不是想写“事项”（obligations）？"), ("unknown key '层极'", "did you mean 'level' (层级)?", "did you mean 'obligations' (事项)?")),
    "wrong-type": Case(fixture("wrong-type.yaml"), "IDEO011", 7, 5, ("应为列表", "实际是文本“张三”"), ("expected a list", "got the text '张三'")),
    "empty": Case(fixture("empty.yaml"), "IDEO009", 1, 1, ("文件为空",), ("the file is empty",)),
    "comment-only": Case(fixture("comment-only.yaml"), "IDEO009", 1, 1, ("文件为空",), ("the file is empty",)),
    "fifty-megabytes": Case(_sparse_50mb, "IDEO003", 1, 1, ("50.0 MB", "超过上限 2 MB"), ("50.0 MB", "over the 2 MB limit")),
    "deep-nesting": Case(written("deep.yaml", DEEP), "IDEO008", 2, 65, ("嵌套超过 64 层",), ("nesting deeper than 64 levels",)),
    "alias-bomb": Case(fixture("alias-bomb.yaml"), "IDEO008", 3, 8, ("十亿笑声",), ("billion laughs",)),
    "python-tag": Case(fixture("python-tag.yaml"), "IDEO007", 3, 5, ("不允许的标签 !!python/object/apply:os.system",), ("forbidden tag !!python/object/apply:os.system",)),
    "control-character": Case(written("ctrl.yaml", CONTROL), "IDEO004", 6, 12, ("不允许的控制字符 U+001B",), ("control character U+001B",)),
    "top-level-list": Case(fixture("top-level-list.yaml"), "IDEO011", 2, 1, ("顶层必须是映射", "列表"), ("top level must be a mapping", "a list")),
    "version-2": Case(fixture("version-2.yaml"), "IDEO013", 1, 7, ("不支持的格式版本 2",), ("unsupported format version 2",)),
    "missing-file": Case(lambda folder: folder / "不存在的计划.yaml", "IDEO001", 1, 1, ("找不到文件",), ("no such file",)),
}


def _header(out: str, code: str) -> str:
    return next(line for line in out.splitlines() if line.startswith(code + " "))


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_zh(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    folder = tmp_path / "in"
    folder.mkdir()
    path = case.make(folder)
    before = listing(folder)

    run = run_ideo("check", path.name, cwd=folder)

    assert run.code == 2, run
    assert run.err == "", run
    assert_no_traceback(run)
    assert run.seconds < FAST, run.seconds
    assert f"--> {path.name}:{case.line}:{case.col}\n" in run.out, run
    header = _header(run.out, case.code)
    assert header.startswith(f"{case.code} [无法读取] ")
    assert CJK.search(header.split("] ", 1)[1]), header  # the message itself is Chinese
    for fragment in case.zh:
        assert fragment in run.out, (fragment, run)
    assert "= 建议: " in run.out
    assert run.out.rstrip().endswith("检查了 1 个文件")
    assert "无法读取" in run.out.rstrip().splitlines()[-1]
    assert listing(folder) == before  # nothing written, nothing executed
    assert not (folder / "pwned.txt").exists()


@pytest.mark.parametrize("name", ["unclosed-bracket", "gb18030", "duplicate-zh-en-twin", "unknown-keys", "fifty-megabytes", "python-tag"])
def test_hostile_input_en(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    path = case.make(tmp_path)
    before = listing(tmp_path)

    run = run_ideo("check", "--lang", "en", path.name, cwd=tmp_path)

    assert run.code == 2, run
    assert run.err == "", run
    assert_no_traceback(run)
    assert f"--> {path.name}:{case.line}:{case.col}\n" in run.out, run
    assert _header(run.out, case.code).startswith(f"{case.code} [fatal] ")
    for fragment in case.en:
        assert fragment in run.out, (fragment, run)
    assert "= help: " in run.out
    assert run.out.rstrip().endswith("in 1 file checked")
    assert listing(tmp_path) == before


def test_python_tag_is_never_constructed(tmp_path: Path) -> None:
    # the payload would create pwned.txt in the working directory (and the repo must stay clean too)
    path = CASES["python-tag"].make(tmp_path)
    assert "os.system" in path.read_text(encoding="utf-8")
    run = run_ideo("check", "--format", "json", path.name, cwd=tmp_path)
    assert run.code == 2, run
    assert run.err == ""
    report = json.loads(run.out)
    [diag] = report["files"][0]["diagnostics"]
    assert (diag["code"], diag["line"], diag["column"], diag["severity"]) == ("IDEO007", 3, 5, "fatal")
    assert not (tmp_path / "pwned.txt").exists()
    assert listing(tmp_path) == {"python-tag.yaml"}


def test_fifty_megabytes_refused_by_size_quickly(tmp_path: Path) -> None:
    path = _sparse_50mb(tmp_path)
    assert path.stat().st_size == 50 * 1024 * 1024
    run = run_ideo("check", "--format", "concise", path.name, cwd=tmp_path)
    assert run.code == 2, run
    assert run.err == ""
    assert run.out.startswith("huge.yaml:1:1: IDEO003 [无法读取] 文件有 50.0 MB，超过上限 2 MB，未读取\n"), run
    assert run.seconds < 5, run.seconds


def test_directory_without_yaml_files(tmp_path: Path) -> None:
    empty = tmp_path / "空目录"
    empty.mkdir()
    (empty / "说明.txt").write_text("这里没有计划文件\n", encoding="utf-8")
    (empty / ".hidden").mkdir()
    (empty / ".hidden" / "plan.yaml").write_text("ideo: 1\n", encoding="utf-8")  # hidden: skipped
    run = run_ideo("check", empty)
    assert run.code == 2, run
    assert run.out == ""
    assert run.err == f"ideo: {Path(empty).as_posix()} 中没有找到 *.yaml / *.yml 文件\n"
    assert_no_traceback(run)
    run_en = run_ideo("check", "--lang", "en", empty)
    assert (run_en.code, run_en.out, run_en.err) == (2, "", f"ideo: no *.yaml / *.yml files found in {Path(empty).as_posix()}\n")


def test_every_file_is_reported_never_stopping_at_the_first(tmp_path: Path) -> None:
    """All hostile files plus one good plan in one run: each reported, exit 2, report complete."""
    folder = tmp_path / "plans"
    folder.mkdir()
    expected: dict[str, tuple[str, int, int]] = {}
    missing = None
    for name, case in CASES.items():
        path = case.make(folder)
        if name == "missing-file":
            missing = path
        expected[path.name] = (case.code, case.line, case.col)
    shutil.copy(HOSTILE / "good-branch.yaml", folder / "good-branch.yaml")
    before = listing(folder)

    run = run_ideo("check", ".", missing.name, "--format", "json", "-o", "report.json", cwd=folder)

    assert run.code == 2, run
    assert (run.out, run.err) == ("", "")
    assert_no_traceback(run)
    assert run.seconds < 20, run.seconds
    assert listing(folder) == before | {"report.json"}  # the report, no temp file, no pwned.txt
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    by_file = {entry["file"]: entry["diagnostics"] for entry in report["files"]}
    assert set(by_file) == set(expected) | {"good-branch.yaml"}
    assert by_file["good-branch.yaml"] == []
    for file, (code, line, col) in expected.items():
        first = by_file[file][0]
        assert (first["code"], first["line"], first["column"], first["severity"]) == (code, line, col, "fatal"), file
        assert CJK.search(first["message"]), first
    assert report["summary"]["files"] == len(expected) + 1
    assert report["summary"]["fatal"] == len(expected) + 1  # unknown-keys has two
    assert [entry["file"] for entry in report["files"]][:-1] == sorted(by_file.keys() - {missing.name})  # walk order, then explicit

    # the same run as English text: every file named with its location, one summary
    text = run_ideo("check", ".", missing.name, "--lang", "en", cwd=folder)
    assert text.code == 2 and text.err == "", text
    assert_no_traceback(text)
    for file, (code, line, col) in expected.items():
        assert f"--> {file}:{line}:{col}\n" in text.out, file
    for case in CASES.values():
        for fragment in case.en:
            assert fragment in text.out, fragment
    assert text.out.rstrip().splitlines()[-1] == f"Found {len(expected) + 1} problems ({len(expected) + 1} fatal) in {len(expected) + 1} files checked"
    assert listing(folder) == before | {"report.json"}
