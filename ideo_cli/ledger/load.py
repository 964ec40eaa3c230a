"""Ledger files: finding them beside a plan, loading and validating them.

Layout: a unit's folder holds its plan (``计划.yaml``) and ``台账/<year>.yaml``
ledgers; evidence paths are relative to the unit's folder.  A ledger also names
its unit and year, and may name its plan (``计划: path``, relative to the
ledger), so any folder layout works.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ideo_cli.documents import LoadError, YamlDocument, load_yaml_file
from ideo_cli.documents.errors import input_diagnostic
from ideo_cli.documents.header import check_header
from ideo_cli.documents.validate import validate
from ideo_cli.formats.ledger import vocab
from ideo_cli.formats.ledger.detect import is_ledger_file
from ideo_cli.formats.ledger.model import Ledger
from ideo_cli.formats.plan.model import FORMAT_VERSION

LEDGER_FOLDER = "台账"
DEFAULT_PLAN = "计划.yaml"


@dataclass
class LoadedLedger:
    ledger: Ledger
    doc: YamlDocument
    path: Path

    @property
    def file(self) -> str:
        return self.doc.file


def load_ledger(path: Path | str, display: str | None = None) -> LoadedLedger:
    """A validated ledger, or LoadError with located diagnostics."""
    path = Path(path)
    return ledger_from(load_yaml_file(path, vocab.translate_key, display), path)


def ledger_from(doc: YamlDocument, path: Path) -> LoadedLedger:
    """A validated ledger from a document already parsed with the ledger's vocabulary
    (``ideo check`` learns a file's kind by parsing it: that parse is the ledger's), or LoadError."""
    problems = check_header(doc, version=FORMAT_VERSION, required=True)
    if problems:
        raise LoadError(problems, doc.source)
    ledger, problems = validate(Ledger, doc)
    if problems:
        raise LoadError(problems, doc.source)
    return LoadedLedger(ledger, doc, path)


def read(doc):
    """The registry's reader for ledgers (documents/kinds.py): (LoadedLedger | None, diagnostics)."""
    try:
        return ledger_from(doc, Path(doc.file)), []
    except LoadError as exc:
        return None, list(exc.diagnostics)
