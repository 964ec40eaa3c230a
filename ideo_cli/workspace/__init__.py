"""A workspace: the units found under some paths, and the tree they form.

A **unit** is one plan plus the files beside it that belong to it (ledgers,
calendar files).  Checks, the ledger, scoring and the roll-up all receive a
:class:`Unit`; its schedule (occurrences on working days) is computed lazily,
once per span, and shared by whoever asks.
"""
from ideo_cli.workspace.unit import Unit

__all__ = ["Unit"]
