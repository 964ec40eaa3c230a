"""The explicit registry of check functions (rule *logic*).

A rulebook entry names its function with ``check:``; parameters and citations
are data.  A check takes a :class:`~ideo_cli.rules.context.CheckContext` and
yields diagnostics through ``ctx.report(...)``.
"""
from __future__ import annotations

from typing import Callable, Iterator

CheckFn = Callable[["CheckContext"], Iterator]  # noqa: F821 - documented type
CHECKS: dict[str, CheckFn] = {}
# parameter name -> (accepted types, required); rulebook files are validated against it
PARAMS: dict[str, dict[str, tuple[tuple[type, ...], bool]]] = {}


def check(name: str, **params: tuple[tuple[type, ...], bool]) -> Callable[[CheckFn], CheckFn]:
    """Register a check; keyword arguments declare its rulebook parameters."""

    def register(fn: CheckFn) -> CheckFn:
        if name in CHECKS:
            raise ValueError(f"check {name!r} registered twice")
        CHECKS[name] = fn
        PARAMS[name] = params
        return fn

    return register


def required(*types: type) -> tuple[tuple[type, ...], bool]:
    return types, True


def optional(*types: type) -> tuple[tuple[type, ...], bool]:
    return types, False


def param_problems(check_name: str, params: dict) -> list[tuple[str, str]]:
    """(parameter, problem) pairs; problem is 'unknown', 'missing' or 'type:<names>'."""
    spec = PARAMS.get(check_name, {})
    problems = [(key, "unknown") for key in params if key not in spec]
    for key, (types, needed) in spec.items():
        if key not in params:
            if needed:
                problems.append((key, "missing"))
        elif isinstance(params[key], bool) and bool not in types or not isinstance(params[key], types):
            problems.append((key, "type:" + "/".join(t.__name__ for t in types)))
    return problems


def load_checks() -> dict[str, CheckFn]:
    """Import every check module once so their decorators run."""
    # imported here: breaks the import cycle rules.registry → rules.checks.* → rules.registry (the checks register with @check)
    from ideo_cli.rules.checks import events, integrity, ledger, obligations, rectification, roles, tree, waivers  # noqa: F401

    return CHECKS
