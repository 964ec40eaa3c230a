"""Exporters: turn expanded occurrences into files (ics, ...)."""
