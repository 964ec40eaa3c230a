"""The sample rubric is built only from the five seed documents: every item,
bonus item and veto quotes its document verbatim (as tests/test_rulebook_quotes.py
does for rules), and the file says plainly that it is a sample."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from ideo_cli.formats.rubric import vocab

REPO = Path(__file__).resolve().parents[1]
RUBRICS = REPO / "ideo_cli" / "data" / "rubrics"
SEEDS = Path(os.environ.get("IDEO_SEEDS") or REPO.parent / "shared" / "seeds")  # IDEO_SEEDS: for a checkout elsewhere
DOCUMENTS = yaml.safe_load((REPO / "ideo_cli" / "data" / "rulebooks" / "documents.yaml").read_text(encoding="utf-8"))["documents"]
QUOTE_MIN, QUOTE_MAX = 8, 60


def _english(node):
    """Keys mapped to English, as the loader does."""
    if isinstance(node, dict):
        return {vocab.translate_key(k): _english(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_english(v) for v in node]
    return node


RUBRIC_FILES = sorted(RUBRICS.glob("*.yaml"))
DATA = {p.stem: _english(yaml.safe_load(p.read_text(encoding="utf-8"))) for p in RUBRIC_FILES}


def _entries():
    for stem, data in DATA.items():
        for key in ("items", "bonus", "vetoes"):
            for entry in data.get(key) or []:
                yield pytest.param(entry, id=f"{stem}:{key}:{entry.get('id')}")


def _seed_text(document: str) -> str:
    matches = sorted(SEEDS.glob(f"{DOCUMENTS[document]['file_prefix']}*"))
    assert len(matches) == 1, f"expected one seed file for {document} in {SEEDS}, found {matches}"
    return matches[0].read_text(encoding="utf-8")


def test_sample_rubric_is_shipped_and_marked_as_a_sample():
    assert "sample" in DATA
    raw = (RUBRICS / "sample.yaml").read_text(encoding="utf-8")
    assert "不是任何县" in raw and "NOT any county's official rubric" in raw
    assert "示例" in DATA["sample"]["title"] and "非正式" in DATA["sample"]["description"]


@pytest.mark.parametrize("entry", list(_entries()))
def test_every_entry_quotes_its_seed_verbatim(entry):
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not present at {SEEDS}")
    cite = entry["source"]
    assert set(cite) == {"document", "section", "quote"}, cite
    assert cite["document"] in DOCUMENTS, cite
    assert cite["section"].strip(), cite
    if cite["document"] == "003":
        assert cite["section"].startswith("篇"), f"003 is a bundle: name the 篇, got {cite['section']!r}"
    quote = cite["quote"]
    assert QUOTE_MIN <= len(quote) <= QUOTE_MAX, quote
    if quote not in _seed_text(cite["document"]):
        pytest.fail(f"quote not found verbatim in document {cite['document']} ({cite['section']}): {quote}", pytrace=False)
