"""The one diagnostic model every check produces and every renderer consumes."""
from ideo_cli.diagnostics.model import Citation, Diagnostic, FileResult, RuleInfo, Severity

__all__ = ["Citation", "Diagnostic", "FileResult", "RuleInfo", "Severity"]
