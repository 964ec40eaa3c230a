"""Expansion of a plan's recurring obligations into dated occurrences."""
