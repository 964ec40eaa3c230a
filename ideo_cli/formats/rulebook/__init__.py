"""Rulebook files: a county's own profile (``ideo check --rulebook FILE``), same format as the shipped ones."""
