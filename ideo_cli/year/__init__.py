"""A unit's year, computed once: see ``compute.py``."""
from ideo_cli.year.compute import YearError, compute_years, expansion_diagnostic
from ideo_cli.year.model import LedgerEntry, Rectification, UnitYear, YearOptions, YearResult

__all__ = ["LedgerEntry", "Rectification", "UnitYear", "YearError", "YearOptions", "YearResult", "compute_years", "expansion_diagnostic"]
