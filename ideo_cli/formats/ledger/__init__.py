"""The ledger (台账) file kind: what a unit did, when, and the evidence for it."""
from ideo_cli.formats.ledger.detect import is_ledger, is_ledger_file

__all__ = ["is_ledger", "is_ledger_file"]
