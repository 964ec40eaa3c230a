"""Argument parsing only: each command builds options and calls ``ideo_cli.app``."""
