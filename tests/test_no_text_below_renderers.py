"""No translated text below the renderers (CONTRIBUTING.md, "Text and language").

Everything outside ``ideo_cli/render/``, ``ideo_cli/cli/`` and ``ideo_cli/i18n/``
says what it has to say as a Message; it never picks a language.  This test
reads the package's source (ast, not regexes) and lists every offender:

- a call of ``pick`` (``i18n.pick`` is gone; ``LocalText.pick`` is for ``t()``);
- an inline text pair: a dict literal whose keys are exactly ``"zh"`` and
  ``"en"`` with string values (pairs read from YAML are data, not literals);
- a comparison with a language (``lang == "zh"``): a choice of words;
- below the commands, a function that takes a parameter named ``lang``.

``ideo_cli/app/`` is the command layer: its ``run(options)`` chooses the
renderer by ``options.lang`` and writes files in the language asked for
(``ideo init``, ``ideo record``), so its functions may take ``lang``; its code is
still checked for the other three.
"""
from __future__ import annotations

import ast
from pathlib import Path

import ideo_cli.i18n

PACKAGE = Path(ideo_cli.i18n.__file__).resolve().parents[1]
RENDERERS = ("render", "cli", "i18n")
COMMANDS = ("app",)
# a renderer that still lives beside the data it lays out (the roll-up's problem list);
# listed so a new one elsewhere is caught
RENDERERS_ELSEWHERE = {"rollup/prepare.py:render_problems"}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] not in RENDERERS:
            yield rel, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _is_text_pair(node: ast.Dict) -> bool:
    keys = [k.value if isinstance(k, ast.Constant) else None for k in node.keys]
    if set(keys) != {"zh", "en"} or len(keys) != 2:
        return False
    return all(isinstance(v, ast.JoinedStr) or (isinstance(v, ast.Constant) and isinstance(v.value, str)) for v in node.values)


def _names_a_language(node: ast.Compare) -> bool:
    sides = [node.left, *node.comparators]
    lang = any(isinstance(s, ast.Name) and s.id == "lang" or isinstance(s, ast.Attribute) and s.attr == "lang" for s in sides)
    code = any(isinstance(s, ast.Constant) and s.value in ("zh", "en") for s in sides)
    return lang and code


def _offences(rel: Path, tree: ast.Module) -> list[str]:
    where = rel.as_posix()
    out = []
    for node in ast.walk(tree):
        line = f"{where}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.ImportFrom) and node.module == "ideo_cli.i18n" and any(a.name == "pick" for a in node.names):
            out.append(f"{line}: imports pick")
        elif isinstance(node, ast.Call) and (getattr(node.func, "id", None) == "pick" or getattr(node.func, "attr", None) == "pick"):
            out.append(f"{line}: calls pick()")
        elif isinstance(node, ast.Dict) and _is_text_pair(node):
            out.append(f"{line}: an inline {{zh, en}} text pair")
        elif isinstance(node, ast.Compare) and _names_a_language(node):
            out.append(f"{line}: compares lang with a language")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and rel.parts[0] not in COMMANDS:
            args = node.args
            if "lang" in [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]:
                out.append(f"{line}: {node.name}() takes lang")
    return out


def _allowed(offence: str) -> bool:
    where = offence.split(":", 1)[0]
    function = offence.rsplit(": ", 1)[-1].removesuffix("() takes lang")
    return where in RENDERERS_ELSEWHERE or f"{where}:{function}" in RENDERERS_ELSEWHERE


def test_nothing_below_the_renderers_chooses_words_by_language():
    offences = [o for rel, tree in _modules() for o in _offences(rel, tree) if not _allowed(o)]
    assert not offences, "text chosen below the renderers:\n" + "\n".join(offences)


def test_pick_is_gone():
    assert not hasattr(ideo_cli.i18n, "pick")


def test_the_checker_sees_what_it_forbids():
    """Each kind of offence, written the way it used to be, is found."""
    source = '''
from ideo_cli.i18n import pick
HINT = {"zh": "是不是 {c}？", "en": "did you mean {c}?"}
def label(kind, lang):
    return pick(HINT, lang) if lang == "zh" else kind
def rendered_elsewhere(lang):
    return lang
DATA = {"zh": ["姓名"]}  # a vocabulary list, not a text pair
'''
    found = _offences(Path("rules/example.py"), ast.parse(source))
    assert sorted(o.split(": ", 1)[1] for o in found) == sorted([
        "imports pick", "an inline {zh, en} text pair", "label() takes lang", "calls pick()", "compares lang with a language", "rendered_elsewhere() takes lang",
    ]), found
    commands = _offences(Path("app/example.py"), ast.parse(source))
    assert not any("takes lang" in o for o in commands)  # the command layer may take lang
