"""Whole unit folders and whole workspaces as fuzz inputs.

A ledger only means something beside its own plan and evidence, and a roll-up
only beside the other units, so these strategies copy a real unit folder (or
the whole example workspace) and mutate one file of it — plan, ledger or
rubric — the way tests/fuzz/strategies.py mutates single files.
"""
from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from tests.fuzz.strategies import REPO, byte_mutant, mutated_file, structural_mutant

PLANS = REPO / "plans"
UNIT_DIRS = sorted(p for p in PLANS.iterdir() if (p / "计划.yaml").is_file())
LEDGER_UNITS = [p for p in UNIT_DIRS if (p / "台账").is_dir()]


def _folder(root: Path, prefix: str) -> dict[str, bytes]:
    return {f"{prefix}/{p.relative_to(root).as_posix()}": p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


WORKSPACE = _folder(PLANS, "ws")


class Files(dict):
    """A case's input files; printed by hypothesis as the names that differ from the seeds."""

    def __init__(self, data, changed=()):
        super().__init__(data)
        self.changed = tuple(changed)

    def _repr_pretty_(self, printer, cycle):
        printer.text(f"<{len(self)} files; changed {list(self.changed)}: " + "; ".join(f"{n}={self[n][:300]!r}" for n in self.changed) + ">")

    def __repr__(self):
        return f"<{len(self)} files; changed {list(self.changed)}>"


@st.composite
def _mutate(draw, data: bytes) -> bytes:
    import yaml

    how = draw(st.sampled_from(["structure", "structure", "bytes", "as-is"]))
    if how == "as-is":
        return data
    if how == "bytes":
        return draw(byte_mutant(data))
    try:
        tree = yaml.safe_load(data.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return draw(byte_mutant(data))
    return draw(structural_mutant(tree))


@st.composite
def unit_folder(draw, with_ledger: bool = True):
    """(files, unit folder name): one real unit, its plan or its ledger mutated."""
    units = LEDGER_UNITS if with_ledger else UNIT_DIRS
    unit = units[draw(st.integers(0, len(units) - 1))]
    files = _folder(unit, "unit")
    yaml_names = sorted(n for n in files if n.endswith(".yaml"))
    target = yaml_names[draw(st.integers(0, len(yaml_names) - 1))]
    files[target] = draw(_mutate(files[target]))
    return Files(files, [target] if files[target] != WORKSPACE.get(target, b"") else [])


@st.composite
def workspace(draw):
    """The whole example workspace with one plan or ledger mutated."""
    files = dict(WORKSPACE)
    yaml_names = sorted(n for n in files if n.endswith(".yaml"))
    target = yaml_names[draw(st.integers(0, len(yaml_names) - 1))]
    files[target] = draw(_mutate(files[target]))
    return Files(files, [target] if files[target] != WORKSPACE.get(target, b"") else [])


def rubric_file():
    return mutated_file("rubric")
