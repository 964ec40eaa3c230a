"""The explicit registry of check functions (rule *logic*).

A rulebook entry names its function with ``check:``; parameters and citations
are data.  A check takes a :class:`~ideo_cli.rules.context.CheckContext` and
yields diagnostics through ``ctx.report(...)``.
"""
from __future__ import annotations

from typing import Callable, Iterator

CheckFn = Callable[["CheckContext"], Iterator]  # noqa: F821 - documented type
CHECKS: dict[str, CheckFn] = {}


def check(name: str) -> Callable[[CheckFn], CheckFn]:
    def register(fn: CheckFn) -> CheckFn:
        if name in CHECKS:
            raise ValueError(f"check {name!r} registered twice")
        CHECKS[name] = fn
        return fn

    return register


def load_checks() -> dict[str, CheckFn]:
    """Import every check module once so their decorators run."""
    from ideo_cli.rules.checks import events, integrity, obligations, rectification, roles, waivers  # noqa: F401

    return CHECKS
