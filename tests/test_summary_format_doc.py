"""SUMMARY-FORMAT.md, the committed summary schema and ideo agree (issue 18: the summary is a
file kind; what a unit hands upward is documented where a county's tooling will read it).

A county may write its own collector from the document alone, so the document is checked
against the schema, and the schema against what ``ideo rollup`` accepts:

- the example in the document is valid under the committed schema, and ``ideo rollup``
  reads it as a summary (no summary finding, the unit in the roll-up);
- the key table names exactly the schema's top-level keys, and each row names every field
  of its object;
- the statuses listed are the schema's, and every bound the document states is the schema's.
"""
from __future__ import annotations

import json
import re

import jsonschema

from helpers import REPO, assert_no_traceback, run_ideo
from ideo_cli.documents import compose
from ideo_cli.formats.summary import model, read

DOC = (REPO / "ideo_cli" / "rollup" / "SUMMARY-FORMAT.md").read_text(encoding="utf-8")
SCHEMA = json.loads((REPO / "schema" / "ideo-summary.schema.json").read_text(encoding="utf-8"))
README = (REPO / "README.md").read_text(encoding="utf-8")

# the object each row of the key table describes -> its definition in the schema
ROW_DEFINITION = {"unit": "Unit", "requires": "Requirement", "occurrences": "Occurrence", "rectifications": "Rectification", "findings": "Finding"}


def example() -> dict:
    block = re.search(r"```json\n(.*?)```", DOC, re.S)
    assert block, "SUMMARY-FORMAT.md has no ```json example"
    return json.loads(block.group(1))


def key_table() -> dict[str, str]:
    """The rows of the `| key | meaning |` table: each backticked key -> its meaning cell."""
    rows: dict[str, str] = {}
    table = DOC.split("| key | meaning |", 1)[1].split("\n\n", 1)[0]
    for line in table.splitlines()[2:]:
        cells = line.strip().strip("|").split("|", 1)
        for key in re.findall(r"`([^`]+)`", cells[0]):
            rows[key] = cells[1]
    return rows


def schema_numbers() -> set[int]:
    found: set[int] = set()

    def walk(node):
        if isinstance(node, dict):
            for name, value in node.items():
                if name in {"maximum", "minimum", "maxLength", "maxItems"} and isinstance(value, int):
                    found.add(abs(value))
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(SCHEMA)
    return found


def test_the_documented_example_is_valid_under_the_committed_schema():
    jsonschema.validate(example(), SCHEMA, format_checker=jsonschema.FormatChecker())


def test_ideo_rollup_reads_the_documented_example_as_a_summary(tmp_path):
    summary = example()
    summary["unit"]["superior_id"] = None  # alone in the folder, it is the tree's root
    (tmp_path / "branch.status.json").write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
    run = run_ideo("rollup", tmp_path, "--year", str(summary["year"]), "--as-of", summary["as_of"], "--format", "json")
    assert_no_traceback(run)
    assert run.code == 0 and run.err == "", run
    rolled = json.loads(run.out)
    assert [row["unit"]["id"] for row in rolled["units"]] == [summary["unit"]["id"]]
    assert rolled["total"]["planned"] == len(summary["occurrences"])


def test_the_key_table_names_every_top_level_key_and_every_field():
    rows = key_table()
    assert set(rows) == set(SCHEMA["properties"]), (sorted(rows), sorted(SCHEMA["properties"]))
    for key, definition in ROW_DEFINITION.items():
        named = set(re.findall(r"`([^`]+)`", rows[key]))
        fields = set(SCHEMA["$defs"][definition]["properties"])
        assert fields <= named, f"the {key!r} row of SUMMARY-FORMAT.md does not name {sorted(fields - named)}"
    citation = set(re.findall(r"`([^`]+)`", rows["findings"]))
    assert set(SCHEMA["$defs"]["Citation"]["properties"]) <= citation


def test_the_example_has_every_key_the_schema_defines():
    summary = example()
    assert set(summary) == set(SCHEMA["properties"])
    assert set(summary["unit"]) == set(SCHEMA["$defs"]["Unit"]["properties"])
    assert set(summary["occurrences"][0]) == set(SCHEMA["$defs"]["Occurrence"]["properties"])
    assert set(summary["rectifications"][0]) == set(SCHEMA["$defs"]["Rectification"]["properties"])
    assert set(summary["findings"][0]) == set(SCHEMA["$defs"]["Finding"]["properties"])


def test_the_statuses_listed_are_the_schemas():
    listed = re.search(r"Statuses \(worst last[^:]*:(.*?)\. They come", DOC, re.S)
    assert listed, "the statuses paragraph moved"
    statuses = re.findall(r"`([a-z-]+)`", listed.group(1))
    assert sorted(statuses) == sorted(SCHEMA["properties"]["counts"]["propertyNames"]["enum"])


def test_every_bound_the_document_and_readme_state_is_the_schemas_or_the_readers():
    bounds = re.search(r"Bounds:(.*?)\n\n", DOC, re.S)
    assert bounds, "the bounds paragraph moved"
    readme_row = next(line for line in README.splitlines() if line.startswith("| A status summary"))
    # what the schema cannot say is the reader's: the file size (MiB), summaries per file, nesting
    allowed = schema_numbers() | {read.MAX_BYTES // 1048576, read.MAX_UNITS, compose.MAX_DEPTH}
    for text in (bounds.group(1), readme_row):
        text = re.sub(r"IDEO[\d/]+|exit \d", "", text)  # finding codes and exit codes are not bounds
        stated = {int(n.replace(",", "")) for n in re.findall(r"\d{1,3}(?:,\d{3})+|\b\d+\b", text)}
        assert stated <= allowed, f"bounds stated that neither the schema nor the reader enforces: {sorted(stated - allowed)}"
    assert {1900, 2100, model.MAX_TEXT, model.MAX_ITEMS, model.MAX_SMALL, model.MAX_COUNT, model.MAX_DAYS} <= schema_numbers()
