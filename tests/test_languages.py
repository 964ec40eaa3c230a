"""Both languages, complete: every command over the examples, in zh and in en.

``--lang en`` output may contain Chinese only where it is data the user wrote
(names, titles, places — anything that appears in the input files) or a
citation's verbatim quote; ``--lang zh`` output contains no English prose
(three or more English words in a row) beyond the user's data, codes, paths
and option names.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, run_ideo

# “ ” around a verbatim quote are ordinary English typography; 《》 and 、 are not
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef《》、]+")
# three English words in a row, separated by spaces (kebab-case rule names are codes)
ENGLISH_PROSE = re.compile(r"(?<![\w-])[A-Za-z][a-z]+(?:,? [A-Za-z][a-z]+){2,}(?![\w-])")
PLANS = REPO / "plans"


def _strings(node, out: set[str], seen: set[int] | None = None) -> None:
    seen = set() if seen is None else seen
    if isinstance(node, (dict, list)):
        if id(node) in seen:  # an alias: the same object again (the alias-bomb fixture has billions)
            return
        seen.add(id(node))
    if isinstance(node, dict):
        for key, value in node.items():
            _strings(key, out, seen)
            _strings(value, out, seen)
    elif isinstance(node, list):
        for value in node:
            _strings(value, out, seen)
    elif isinstance(node, str) and node.strip():
        out.add(node.strip())


def _user_data() -> list[str]:
    """Every string in the example inputs and the rulebooks' verbatim quotes, longest first."""
    found: set[str] = set()
    examples = [*(REPO / "ideo_cli" / "data" / "rulebooks" / "examples").rglob("*.yaml"), *(REPO / "tests" / "fixtures" / "hostile").glob("*.yaml")]
    files = [*PLANS.rglob("*.yaml"), *(REPO / "calendars").glob("*.yaml"), *(REPO / "ideo_cli" / "data" / "rubrics").glob("*.yaml"), *examples]
    for path in files:  # file and folder names are the user's too
        found.update(path.relative_to(REPO).parts)
    for path in files:
        try:
            _strings(yaml.safe_load(path.read_text(encoding="utf-8")), found)
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
    for path in (REPO / "ideo_cli" / "data" / "rulebooks").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for rule in data.get("rules") or []:
            for source in [rule.get("source") or {}, *(rule.get("also") or [])]:
                if source.get("quote"):
                    found.add(str(source["quote"]))
                if source.get("section"):
                    found.add(str(source["section"]))
    # comments of the example files are user data too (ideo echoes source lines in snippets)
    for path in files:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            found.add(line.strip())
            if "#" in line:
                found.add(line.split("#", 1)[1].strip())
    return sorted(found, key=len, reverse=True)


USER_DATA = _user_data()


def _without_user_data(text: str) -> str:
    for item in USER_DATA:
        if len(item) >= 1 and item in text:
            text = text.replace(item, " ")
    return text


CLOSING = {"）", "》", "”", "〕", "）。"}  # a closing mark alone (a wrapped line, a document number split by digits)
IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
USER_TEXT = "\n".join(USER_DATA)


def _without_wrapped_user_text(text: str) -> str:
    """A table that wraps a long user title leaves pieces of it on several lines; such a
    piece (a run with at least one ideograph, or a lone closing mark — 、 or an opening
    bracket alone never pass) that occurs in the user's files is user data too."""
    def keep(match: re.Match) -> str:
        run = match.group(0)
        return " " if (IDEOGRAPH.search(run) or run in CLOSING) and run in USER_TEXT else run

    return CJK.sub(keep, text)


# commands whose tables wrap long user-written cells (titles, contents) at any width
WRAPPING_TABLES = {("ledger", "plans/", "--year", "2026"), ("rollup", "plans/", "--year", "2026"), ("score", "plans/", "--year", "2026", "--rubric", "ideo_cli/data/rubrics/sample.yaml")}


COMMANDS = [
    ("check", "plans/"),
    ("check", "plans/", "--format", "json"),
    ("check", "plans/", "--statistics"),
    ("rules",),
    ("rule", "IDEO201"),
    ("rule", "IDEO004"),
    ("todo", "plans/", "--year", "2026"),
    ("todo", "plans/", "--year", "2027", "--format", "markdown"),
    ("todo", "plans/", "--year", "2026", "--format", "csv"),
    ("check", "tests/fixtures/hostile/"),
    ("todo", "nowhere/", "--year", "2026"),
    ("check", "--profile", "nope", "plans/"),
    ("ledger", "plans/", "--year", "2026"),
    ("ledger", "plans/", "--year", "2026", "--format", "markdown"),
    ("rollup", "plans/", "--year", "2026"),
    ("status", "plans/", "--year", "2026"),
    ("score", "plans/", "--year", "2026", "--rubric", "ideo_cli/data/rubrics/sample.yaml"),
    ("ics", "plans/", "--year", "2026", "-o", "{out}"),
    ("init", "--type", "党支部"),
    ("init", "--type", "党委"),
    ("doc", "plan", "plans/xiaozhaiba-town", "--year", "2026", "-o", "{out}"),
    ("doc", "report", "plans/xiaozhaiba-town", "--year", "2026", "--period", "2026H3", "-o", "{out}"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_english_output_has_no_chinese_but_user_data(args, tmp_path):
    args = tuple(a.replace("{out}", str(tmp_path / "out")) for a in args)  # files go to a scratch folder
    run = run_ideo(*args, "--lang", "en", cwd=REPO, env={"COLUMNS": "400"})  # no wrapped user text
    output = run.out + run.err
    if args in WRAPPING_TABLES:
        output = _without_wrapped_user_text(output)
    leftover = CJK.findall(_without_user_data(output))
    assert not leftover, f"Chinese in --lang en output of `ideo {' '.join(args)}`: {sorted(set(leftover))[:15]}"


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_chinese_output_has_no_english_prose(args, tmp_path):
    args = tuple(a.replace("{out}", str(tmp_path / "out")) for a in args)
    run = run_ideo(*args, "--lang", "zh", cwd=REPO, env={"COLUMNS": "400"})
    prose = ENGLISH_PROSE.findall(_without_user_data(run.out + run.err))
    assert not prose, f"English prose in --lang zh output of `ideo {' '.join(args)}`: {prose[:10]}"
