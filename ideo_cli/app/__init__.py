"""Command execution, separate from argument parsing (``ideo_cli/cli``)."""
