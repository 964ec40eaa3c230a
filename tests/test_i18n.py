"""The message catalogue: complete in both languages, compiled, and used."""
from __future__ import annotations

import ast
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from ideo_cli.i18n import LocalText, has_message, msg, t

REPO = Path(__file__).resolve().parents[1]


def test_catalogues_agree_and_mo_is_fresh():
    run = subprocess.run([sys.executable, "tools/catalog.py", "--check"], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def _literal_ids() -> set[str]:
    """Every ``msg("literal", ...)`` in the package."""
    ids: set[str] = set()
    for path in (REPO / "ideo_cli").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "msg" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    ids.add(first.value)
    return ids


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_message_used_in_code_is_in_the_catalogue(lang):
    missing = sorted(i for i in _literal_ids() if not has_message(i, lang))
    assert not missing, f"{lang} catalogue lacks: {missing}"


def test_typed_arguments_are_shown_in_the_users_terms():
    assert t(msg("check.unknown-profile", name="x", known=["a", "b"]), "en") == "unknown profile 'x'; known: a, b"
    assert t(msg("check.unknown-profile", name="x", known=["网络", "基线"]), "zh") == "未知的规则集“x”；可用：网络、基线"
    assert t(msg("cli.bad-date-option", option="--today", value=None), "zh") == "--today 应为 YYYY-MM-DD，收到“空值”"
    assert t(msg("cli.bad-date-option", option="--today", value=dt.date(2027, 2, 28)), "en") == "--today must be YYYY-MM-DD, got '2027-02-28'"
    assert t(LocalText("党委", "Party committee"), "en") == "Party committee"
    assert t("用户写的文字", "en") == "用户写的文字"  # user data is never translated


def test_unknown_id_shows_the_id_not_a_crash():
    assert t(msg("no.such.id", x=1), "en") == "no.such.id"
