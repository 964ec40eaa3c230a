"""Plan file → validated ``Plan``, or located schema diagnostics (catalogue Messages)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ideo_cli.documents import LoadError, YamlDocument, load_yaml_file
from ideo_cli.documents.header import check_header
from ideo_cli.documents.validate import validate
from ideo_cli.formats.plan import vocab
from ideo_cli.formats.plan.model import FORMAT_VERSION, Plan


@dataclass
class LoadedPlan:
    plan: Plan
    doc: YamlDocument

    @property
    def file(self) -> str:
        return self.doc.file

    @property
    def plan_id(self) -> str:
        """Stable id for calendars: organisation.id, else the file's stem."""
        return self.plan.organisation.id or Path(self.doc.file).stem


def load_plan(path: Path | str, display: str | None = None) -> LoadedPlan:
    doc = load_yaml_file(path, vocab.translate_key, display)
    return validate_document(doc)


def validate_document(doc: YamlDocument) -> LoadedPlan:
    """The plan in ``doc`` (read with the plan vocabulary), or LoadError with every problem."""
    problems = check_header(doc, version=FORMAT_VERSION, required=True)
    if problems:
        raise LoadError(problems, doc.source)
    data = {k: v for k, v in doc.data.items() if k != "kind"}
    plan, diagnostics = validate(Plan, doc, data)
    if plan is None:
        raise LoadError(diagnostics, doc.source)
    return LoadedPlan(plan, doc)


def read(doc: YamlDocument):
    """The registry's reader for plans (documents/kinds.py): (LoadedPlan | None, diagnostics)."""
    try:
        return validate_document(doc), []
    except LoadError as exc:
        return None, exc.diagnostics
